"""The HTML reader ``generator.html_text`` replaced (Beautiful Soup, lxml parser), kept as the
reference its text and metadata are checked against (``test_sources.py``)."""

from __future__ import annotations

from bs4 import BeautifulSoup, Comment

from generator.sources.html_text import _SPACES, BLOCK_TAGS, CONTENT_SELECTORS, DROP_TAGS, META_NAMES, _label_key


def html_to_text(html: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    soup = BeautifulSoup(html, "lxml")
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        name = (tag.get("name") or "").strip().lower()
        if name in META_NAMES and tag.get("content") and META_NAMES[name] not in meta:
            meta[META_NAMES[name]] = tag["content"].strip()
    for row in soup.find_all("tr"):
        cells = [c.get_text(" ", strip=True) for c in row.find_all(["td", "th"])]
        for label, value in zip(cells[::2], cells[1::2]):
            key = _label_key(label)
            if key and value and key not in meta:
                meta[key] = value
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for name in DROP_TAGS:
        for tag in soup.find_all(name):
            tag.decompose()
    main = None
    for sel in CONTENT_SELECTORS:
        main = soup.select_one(sel)
        if main is not None and main.get_text(strip=True):
            break
        main = None
    if main is None:
        main = soup.body or soup
    title = soup.title.get_text(strip=True) if soup.title else ""
    for tag in main.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = [_SPACES.sub(" ", ln).strip() for ln in main.get_text().split("\n")]
    text = "\n".join(ln for ln in lines if ln)
    if title and "title" not in meta:
        meta["title"] = title
    return text, tuple(sorted(meta.items()))
