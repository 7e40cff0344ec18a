"""The HTML reader ``generator.html_text`` replaced (Beautiful Soup, lxml parser), kept as the
reference its text and metadata are checked against (``test_sources.py``): the text walk
(whitespace, ruby, scripts, dropped and hidden elements), the content selectors, table rows as
TAB lines and the metadata. Choosing the main content by its prose when no selector finds it,
the page heading and the furniture at the edges of the main content are the generator's own and
are checked on real pages (``test_html_wild.py``); the pages compared here do not reach them."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment

from generator.sources.html_text import (
    _SPACES,
    _TABLES,
    BLOCK_TAGS,
    CELL_TAGS,
    CONTAINER_SELECTORS,
    CONTENT_SELECTORS,
    DROP_TAGS,
    FIELD_ELEMENTS,
    META_NAMES,
    _label_key,
)

_NOT_SHOWN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TAB = "\ue000"  # a cell separator that survives the spaces being collapsed and the line stripped


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        name = (tag.get("name") or tag.get("property") or tag.get("itemprop") or "").strip().lower()
        if name in META_NAMES and (tag.get("content") or "").strip() and META_NAMES[name] not in meta:
            meta[META_NAMES[name]] = tag["content"].strip()
    for row in soup.find_all("tr"):
        cells = [c.get_text(" ", strip=True) for c in row.find_all(list(CELL_TAGS))]
        for label, value in zip(cells[::2], cells[1::2]):
            key = _label_key(label)
            if key and value and key not in meta:
                meta[key] = value
    return meta


def _kind(table) -> str:
    rows = [[c for c in r.find_all(list(CELL_TAGS), recursive=False)] for r in table.find_all("tr") if r.find_parent("table") is table]
    cells = [c for r in rows for c in r]
    if any(c.find("table") or len(c.find_all(["p", "div", "br"])) > _TABLES["max_blocks"] for c in cells) or all(len(r) <= 1 for r in rows):
        return "layout"
    if any(len(_SPACES.sub(" ", c.get_text(" ")).strip()) > _TABLES["max_cell_chars"] for c in cells):
        return "layout"
    labels = [_label_key(c.get_text(" ", strip=True)) for r in rows for c in r[::2]]
    if labels and sum(1 for k in labels if k) * 2 >= len(labels) and all(len(r) % 2 == 0 for r in rows if r):
        return "meta"
    return "data"


def _cell(cell) -> str:
    for tag in cell.find_all(BLOCK_TAGS):
        tag.insert_before(" ")
        tag.insert_after(" ")
    return _SPACES.sub(" ", cell.get_text().replace("\n", " ")).strip()


def _rows_as_lines(main) -> None:
    """Each row of a data table → one line of TAB-separated cells; of a metadata table → label：value lines."""
    for table in reversed(main.find_all("table")):
        kind = _kind(table)
        if kind == "layout":
            continue
        for row in [r for r in table.find_all("tr") if r.find_parent("table") is table]:
            cells = [_cell(c) for c in row.find_all(list(CELL_TAGS), recursive=False)]
            if kind == "meta":
                lines = [f"{k}{'' if k.endswith((':', '：')) else '：'}{v}" for k, v in zip(cells[::2], cells[1::2]) if k and v]
            else:
                lines = [_TAB.join(cells)] if any(cells) else []
            row.replace_with("".join(f"\n{ln}\n" for ln in lines))


def html_to_text(html: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    soup = BeautifulSoup(html, "lxml")
    meta = _meta(soup)
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for tag in soup.find_all(lambda t: t.name in DROP_TAGS or t.get("hidden") is not None or _NOT_SHOWN.search(t.get("style") or "")):
        if not tag.decomposed:
            tag.decompose()
    for sel, key in FIELD_ELEMENTS.items():
        el = soup.select_one(sel)
        if el is not None and el.get_text(" ", strip=True) and key not in meta:
            meta[key] = el.get_text(" ", strip=True)
    main = None
    for sel in CONTENT_SELECTORS + CONTAINER_SELECTORS:
        main = soup.select_one(sel)
        if main is not None and main.get_text(strip=True):
            break
        main = None
    if main is None:
        main = soup.body or soup
    title = soup.title.get_text(strip=True) if soup.title else ""
    _rows_as_lines(main)
    for tag in main.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = [_SPACES.sub(" ", ln).strip().replace(_TAB, "\t") for ln in main.get_text().split("\n")]
    text = "\n".join(ln for ln in lines if ln)
    if title and "title" not in meta:
        meta["title"] = title
    return text, tuple(sorted(meta.items()))
