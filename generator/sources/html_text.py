"""HTML page → (main text, metadata). Used by the sources stage.

Scripts, styles, navigation, headers, footers and forms are dropped; the main
content is the first element that matches a content selector of Chinese
government sites, else ``<body>``. Metadata comes from ``<meta>`` tags that gov
sites fill (ArticleTitle, PubDate, ContentSource, …) and from two-cell
label/value rows of a metadata table (索引号, 发文字号, 发布机构, 成文日期).
The text keeps one block per line; nothing from the page becomes markup later
because the text is escaped when pages are rendered.

The page is parsed by lxml (libxml2's HTML parser) and its text read from the
tree directly, without changing it: a dropped element is skipped with what it
contains, the text after it kept. Text that is not for reading is left out
wherever it is: ruby readings and their parentheses (``rt``, ``rp``), scripts,
styles and templates. A run of ASCII whitespace between elements counts as one
line break (or one space when it has no newline), except inside ``pre`` and
``textarea``. These are Beautiful Soup's rules for ``get_text``, which this
module used until it was the slowest step of parsing an HTML source (benchmarks/README.md);
``tests/test_sources.py`` checks the two agree.
"""

from __future__ import annotations

import re

from lxml import etree

from ..datafiles import data_yaml

_PAGES = data_yaml("html_pages.yaml")
DROP_TAGS: tuple[str, ...] = tuple(_PAGES["drop_tags"])
CONTENT_SELECTORS: tuple[str, ...] = tuple(_PAGES["content_selectors"])
"""``#id``, ``.class`` or a tag name; the first element (in page order) matching the first
selector that finds one with text is the main content."""
META_NAMES: dict[str, str] = dict(_PAGES["meta_names"])
TABLE_LABELS: dict[str, str] = dict(_PAGES["table_labels"])
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "blockquote", "pre", "dd", "dt"}
HIDDEN_TAGS = frozenset(("rt", "rp", "style", "script", "template"))
"""Text inside these is not text to read (ruby readings, code)."""
SPACE_KEEPING_TAGS = frozenset(("pre", "textarea"))
_DROP = frozenset(DROP_TAGS)
_ASCII_SPACES = " \n\t\f\r"
_HTML_HINT = re.compile(r"<\s*(html|body|div|p|head|meta|script|table)\b", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def looks_like_html(text: str) -> bool:
    """True when a file without an HTML suffix is nevertheless an HTML page."""
    head = text[:2000]
    return bool(_HTML_HINT.search(head)) and head.lstrip().startswith("<")


def _label_key(label: str) -> str | None:
    label = re.sub(r"[\s:：]", "", label)
    return TABLE_LABELS.get(label)


def _context(el: etree._Element) -> tuple[bool, bool]:
    """(hidden, keeps spaces) for the text ``el`` holds, from it and its ancestors."""
    tags = {el.tag, *(a.tag for a in el.iterancestors())}
    return not tags.isdisjoint(HIDDEN_TAGS), not tags.isdisjoint(SPACE_KEEPING_TAGS)


def _piece(text: str, keep: bool) -> str:
    if not keep and not text.strip(_ASCII_SPACES):  # only ASCII whitespace
        return "\n" if "\n" in text else " "
    return text


def _walk(el: etree._Element, blocks: bool, drop: bool, hidden: bool, keep: bool, out: list[str]) -> None:
    """The text ``el`` and its descendants hold, in page order, not ``el``'s tail. ``blocks``: a
    line break before and after every block element; ``drop``: skip ``DROP_TAGS``. Comments and
    processing instructions are skipped, the text after them kept."""
    if el.text and not hidden:
        out.append(_piece(el.text, keep))
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and not (drop and tag in _DROP):
            block = blocks and tag in BLOCK_TAGS
            if block:
                out.append("\n")
            _walk(child, blocks, drop, hidden or tag in HIDDEN_TAGS, keep or tag in SPACE_KEEPING_TAGS, out)
            if block:
                out.append("\n")
        if child.tail and not hidden:  # the tail is the parent's text
            out.append(_piece(child.tail, keep))


def _texts(el: etree._Element, blocks: bool = False, drop: bool = True) -> list[str]:
    out: list[str] = []
    _walk(el, blocks, drop, *_context(el), out)
    return out


def _stripped(texts: list[str]) -> list[str]:
    return [s for s in (t.strip() for t in texts) if s]


def _shown(el: etree._Element) -> bool:
    """Not inside a dropped element."""
    return el.tag not in _DROP and not any(a.tag in _DROP for a in el.iterancestors())


def _first(root: etree._Element, selector: str) -> etree._Element | None:
    """The first element, in page order and not dropped, that ``selector`` matches."""
    if selector.startswith("#"):
        found = root.xpath("//*[@id=$v]", v=selector[1:])
    elif selector.startswith("."):
        name = selector[1:]
        found = (e for e in root.xpath("//*[contains(@class, $v)]", v=name) if name in e.get("class", "").split())
    else:
        found = root.iter(selector)
    return next((e for e in found if _shown(e)), None)


def html_to_text(html: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    parser = etree.HTMLParser(recover=True)
    parser.feed(html.lstrip("\ufeff"))
    try:
        root = parser.close()
    except etree.XMLSyntaxError:  # nothing to parse
        root = None
    if root is None:
        return "", ()
    meta: dict[str, str] = {}
    for tag in root.iter("meta"):
        name = (tag.get("name") or "").strip().lower()
        content = tag.get("content")
        if name in META_NAMES and content and META_NAMES[name] not in meta:
            meta[META_NAMES[name]] = content.strip()
    for row in root.iter("tr"):  # tables anywhere, dropped parts included
        cells = [" ".join(_stripped(_texts(c, drop=False))) for c in row.iter("td", "th")]
        for label, value in zip(cells[::2], cells[1::2]):
            key = _label_key(label)
            if key and value and key not in meta:
                meta[key] = value
    main = None
    for selector in CONTENT_SELECTORS:
        main = _first(root, selector)
        if main is not None and _stripped(_texts(main)):
            break
        main = None
    if main is None:
        main = next(root.iter("body"), root)
    title = _first(root, "title")
    lines = [_SPACES.sub(" ", ln).strip() for ln in "".join(_texts(main, blocks=True)).split("\n")]
    text = "\n".join(ln for ln in lines if ln)
    if title is not None and "title" not in meta:
        title_text = "".join(_stripped(_texts(title)))
        if title_text:
            meta["title"] = title_text
    return text, tuple(sorted(meta.items()))
