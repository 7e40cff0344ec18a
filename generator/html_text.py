"""HTML page → (main text, metadata). Used by the sources stage.

Scripts, styles, navigation, headers, footers and forms are dropped; the main
content is the first element that matches a content selector of Chinese
government sites, else ``<body>``. Metadata comes from ``<meta>`` tags that gov
sites fill (ArticleTitle, PubDate, ContentSource, …) and from two-cell
label/value rows of a metadata table (索引号, 发文字号, 发布机构, 成文日期).
The text keeps one block per line; nothing from the page becomes markup later
because the text is escaped when pages are rendered.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment

DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select", "template", "object", "embed")
CONTENT_SELECTORS = ("#zoom", ".TRS_Editor", ".article-content", ".article_con", "#UCAP-CONTENT", ".pages_content", "article", "main", ".content", "#content")
META_NAMES = {
    "articletitle": "title",
    "pubdate": "date",
    "contentsource": "issuer",
    "firstpublishedtime": "date",
}
TABLE_LABELS = {
    "索引号": "index_number",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "发布机构": "issuer",
    "发文机关": "issuer",
    "成文日期": "date",
    "发布日期": "date",
    "公文生成日期": "date",
    "标题": "title",
}
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "blockquote", "pre", "dd", "dt"}
_HTML_HINT = re.compile(r"<\s*(html|body|div|p|head|meta|script|table)\b", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def looks_like_html(text: str) -> bool:
    """True when a file without an HTML suffix is nevertheless an HTML page."""
    head = text[:2000]
    return bool(_HTML_HINT.search(head)) and head.lstrip().startswith("<")


def _label_key(label: str) -> str | None:
    label = re.sub(r"[\s:：]", "", label)
    return TABLE_LABELS.get(label)


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
