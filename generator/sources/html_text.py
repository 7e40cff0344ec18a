"""HTML page → (main text, metadata). Used by the sources stage.

Page furniture (scripts, styles, nav, header, footer, forms) and elements styled as not shown
are dropped. The main content is chosen by the features of its text, so that any CMS works: a
block weighs its Han characters when it reads like a notice (sentence marks, commas, a numbered
heading, a date line; link text left out), links and "label：value" lists are furniture; the main
content is the element whose weight less its furniture is the highest. Selectors of known CMSs
(WeChat ``#js_content``, TRS ``#zoom``, …) are taken as they are, broad ones (``article``) searched
in, when they hold a good part of the page's prose. Furniture lines at the edges of the main
content (a UI prompt, a "编辑：name" credit, the account's name, links) are left out; the page's
heading leads when the body lacks it. Constants and vocabularies: ``data/html_pages.yaml``.

A row of a data table is one line of cells separated by one TAB (their whitespace collapsed); no
other line holds a TAB; a table framing the page is read as blocks. Metadata: ``<meta>`` tags,
label/value rows of a metadata table anywhere (索引号, 发文字号, 成文日期) and WeChat's publish
time; when the portal published the page is ``published``, the date signed ``date``.

Text is read from lxml's tree without changing it: a dropped element is skipped with what it
holds, the text after it kept; ruby readings, scripts, styles and templates are not text; a run
of ASCII whitespace between elements is one line break (a space when it has no newline), except
in ``pre``/``textarea``: Beautiful Soup's ``get_text`` rules, which this module used until it was
the slowest step of reading an HTML source (benchmarks/README.md); ``tests/test_sources.py``
checks the two agree. Nothing from the page becomes markup: rendered text is escaped.
"""

from __future__ import annotations

import re

from lxml import etree

from ..datafiles import data_yaml

_PAGES = data_yaml("html_pages.yaml")
DROP_TAGS: tuple[str, ...] = tuple(_PAGES["drop_tags"])
CONTENT_SELECTORS: tuple[str, ...] = tuple(_PAGES["content_selectors"])  # `#id`, `.class`, tag: the main content
CONTAINER_SELECTORS: tuple[str, ...] = tuple(_PAGES["container_selectors"])  # the main content is looked for inside
META_NAMES: dict[str, str] = dict(_PAGES["meta_names"])
FIELD_ELEMENTS, TABLE_LABELS = dict(_PAGES["field_elements"]), dict(_PAGES["table_labels"])  # #id → field; label → field
_PROSE, _EDGE, HEADING, _TABLES = _PAGES["prose"], _PAGES["edge_chrome"], _PAGES["heading"], _PAGES["tables"]
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "blockquote", "pre", "dd", "dt"}
CELL_TAGS = ("td", "th")
_UNITS = (BLOCK_TAGS - {"br"}) | set(CELL_TAGS) | {"body", "ul", "ol", "dl"}  # one block each when weighing
HIDDEN_TAGS = frozenset(("rt", "rp", "style", "script", "template"))  # not text to read: ruby readings, code
SPACE_KEEPING_TAGS = frozenset(("pre", "textarea"))
_DROP = frozenset(DROP_TAGS)
_SELECTORS = frozenset((*CONTENT_SELECTORS, *CONTAINER_SELECTORS, *FIELD_ELEMENTS, "title"))
_NOT_SHOWN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ASCII_SPACES = " \n\t\f\r"
_HTML_HINT = re.compile(r"<\s*(html|body|div|p|head|meta|script|table)\b", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HEADING, _DATE = re.compile(_PROSE["heading_pattern"]), re.compile(_PROSE["date_pattern"])
_LABELS = re.compile(r"[\u3400-\u9fff]{1,6}[:：](?!\d)")
_CREDIT = re.compile("^(?:" + "|".join(map(re.escape, _EDGE["credit_labels"])) + r")[:：]\S")
TEXT, LINK, FILE, ROW = 0, 1, 2, 3  # kinds of the pieces a walk yields: plain, link text, a file link's, a table row


def looks_like_html(text: str) -> bool:
    """True when a file without an HTML suffix is nevertheless an HTML page."""
    head = text[:2000]
    return bool(_HTML_HINT.search(head)) and head.lstrip().startswith("<")


def _label_key(label: str) -> str | None:
    return TABLE_LABELS.get(re.sub(r"[\s:：]", "", label))


def _dropped(el: etree._Element) -> bool:
    """Page furniture or not shown (``hidden``, ``display:none``): skipped with what it holds."""
    attrib = el.attrib
    return el.tag in _DROP or bool(attrib) and ("hidden" in attrib or bool(_NOT_SHOWN.search(attrib.get("style", ""))))


def _context(el: etree._Element) -> tuple[bool, bool]:
    """(hidden, keeps spaces) for the text ``el`` holds, from it and its ancestors."""
    tags = {el.tag, *(a.tag for a in el.iterancestors())}
    return not tags.isdisjoint(HIDDEN_TAGS), not tags.isdisjoint(SPACE_KEEPING_TAGS)


def _piece(text: str, keep: bool) -> str:
    if not keep and not text.strip(_ASCII_SPACES):  # only ASCII whitespace
        return "\n" if "\n" in text else " "
    return text


def _link_kind(el: etree._Element) -> int:
    href = (el.get("href") or "").strip().lower() if el.tag == "a" else ""
    return TEXT if not href else FILE if re.split(r"[?#]", href)[0].endswith(tuple(_PAGES["file_links"])) else LINK


class _Walk:
    """The text an element and its descendants hold, in page order, as (text, kind) pieces.
    ``blocks``: a line break around every block element; ``drop``: skip dropped elements; ``tables``:
    the page's table kinds, to read rows as whole lines. Comments are skipped, their tails kept."""

    def __init__(self, blocks: bool, drop: bool, tables: dict | None = None) -> None:
        self.blocks, self.drop, self.tables = blocks, drop, tables
        self.out: list[tuple[str, int]] = []

    def walk(self, el: etree._Element, hidden: bool, keep: bool, link: int) -> None:
        out = self.out
        if el.text and not hidden:
            out.append((_piece(el.text, keep), link))
        for child in el:
            tag = child.tag
            if isinstance(tag, str) and not (self.drop and _dropped(child)) and not self._row(child, hidden):
                block = self.blocks and tag in BLOCK_TAGS
                if block:
                    out.append(("\n", TEXT))
                self.walk(child, hidden or tag in HIDDEN_TAGS, keep or tag in SPACE_KEEPING_TAGS, link or _link_kind(child))
                if block:
                    out.append(("\n", TEXT))
            if child.tail and not hidden:  # the tail is the parent's text
                out.append((_piece(child.tail, keep), link))

    def _row(self, tr: etree._Element, hidden: bool) -> bool:
        """A data table's row as one TAB line, a metadata table's as label：value lines; else False."""
        if self.tables is None or tr.tag != "tr" or (kind := _table_kind(tr, self.tables)) == "layout":
            return False
        cells = [_cell_text(c) for c in tr if c.tag in CELL_TAGS]
        if kind == "meta":
            lines = [f"{k}{'' if k.endswith((':', '：')) else '：'}{v}" for k, v in zip(cells[::2], cells[1::2]) if k and v]
        else:
            lines = ["\t".join(cells)] if any(cells) else []
        for line in () if hidden else lines:
            self.out += [("\n", TEXT), (line, ROW), ("\n", TEXT)]
        return True


def _texts(el: etree._Element, blocks: bool = False, drop: bool = True) -> list[str]:
    w = _Walk(blocks, drop)
    w.walk(el, *_context(el), TEXT)
    return [t for t, _ in w.out]


def _stripped(texts: list[str]) -> list[str]:
    return [s for s in map(str.strip, texts) if s]


def _cell_text(cell: etree._Element) -> str:
    return _SPACES.sub(" ", "".join(_texts(cell, blocks=True)).replace("\n", " ")).strip()


def _table_kind(tr: etree._Element, kinds: dict) -> str:
    """The kind of the table ``tr`` is a row of: "layout" (a cell holds a table, more than
    ``max_blocks`` blocks or ``max_cell_chars`` characters, or every row has one cell), "meta"
    (label/value pairs, most labels known) or "data"."""
    table = next(tr.iterancestors("table"), None)
    if table is None:
        return "data"
    if table not in kinds:
        rows = [[c for c in r if c.tag in CELL_TAGS] for r in table.iter("tr") if next(r.iterancestors("table"), None) is table]
        texts = [[_cell_text(c) for c in r] for r in rows]
        blocks = (len(c.findall(".//p")) + len(c.findall(".//div")) + len(c.findall(".//br")) for r in rows for c in r)
        labels = [_label_key(t) for r in texts for t in r[::2]]
        framed = any(c.find(".//table") is not None for r in rows for c in r) or any(n > _TABLES["max_blocks"] for n in blocks)
        framed = framed or all(len(r) <= 1 for r in rows) or any(len(t) > _TABLES["max_cell_chars"] for r in texts for t in r)
        pairs = labels and sum(1 for k in labels if k) * 2 >= len(labels) and all(len(r) % 2 == 0 for r in rows if r)
        kinds[table] = "layout" if framed else "meta" if pairs else "data"
    return kinds[table]


def _weight(pieces: list[tuple[str, int]]) -> tuple[float, float]:
    """(prose weight, furniture) of a block's text (``prose``): prose, a numbered heading, a date
    line weigh; link text, links, "label：value" lists, text without Han are furniture, other a little."""
    plain = "".join(t for t, k in pieces if k == TEXT)
    size = len("".join("".join(t for t, _ in pieces).split()))
    links = size - len("".join(plain.split()))
    han, labels = len(_HAN.findall(plain)), len(_LABELS.findall(plain))
    if not han or links / size > _PROSE["max_link_share"] or labels >= 2 and han < labels * _PROSE["label_span"]:
        return 0.0, float(size)
    if any(p in plain for p in _EDGE["notes"]):  # a site's or a reprint's note
        return 0.0, float(size)
    text = plain.strip(_ASCII_SPACES + "\u3000\u00a0")
    if any(m in plain for m in _PROSE["sentence_marks"]):
        return han * _PROSE["sentence"], float(links)
    if any(m in plain for m in _PROSE["comma_marks"]):
        return han * _PROSE["comma"], float(links)
    if _HEADING.match(text):
        return han * _PROSE["heading"], float(links)
    if _DATE.fullmatch(text):
        return size * _PROSE["date"], float(links)
    return 0.0, links + (size - links) * _PROSE["other"]


def _inline(el: etree._Element, out: list[tuple[str, int]], link: int) -> None:
    """The text of ``el`` outside its descendant units (blocks, cells), as pieces."""
    if el.text:
        out.append((el.text, link))
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _UNITS and child.tag not in HIDDEN_TAGS and not _dropped(child):
            _inline(child, out, link or _link_kind(child))
        if child.tail:
            out.append((child.tail, link))


def _weights(el: etree._Element, kinds: dict, into: dict) -> tuple[float, float]:
    """Fill ``into`` with the (prose weight, furniture) of ``el`` and of every element under it."""
    weight = junk = 0.0
    if el.tag == "tr" and (kind := _table_kind(el, kinds)) != "layout":
        size = len("".join(el.xpath("string()").split()))
        into[el] = (size * _PROSE["table_row"], 0.0) if kind == "data" else (0.0, float(size))
        return into[el]
    if el.tag in _UNITS:
        pieces: list[tuple[str, int]] = []
        _inline(el, pieces, _link_kind(el))
        if "".join("".join(t for t, _ in pieces).split()):
            weight, junk = _weight(pieces)
    for child in el:
        if isinstance(child.tag, str) and not _dropped(child) and child.tag not in HIDDEN_TAGS:
            w, j = _weights(child, kinds, into)
            weight, junk = weight + w, junk + j
    if weight and _teasers(el, into):  # a list of teasers reads like prose but is furniture
        weight, junk = 0.0, weight + junk
    into[el] = (weight, junk)
    return weight, junk


def _teasers(el: etree._Element, weights: dict) -> bool:
    """``el`` is a list of teasers: ``teasers.min_items`` or more children, nearly all short, led
    by a link and holding another block of prose (a summary) besides it."""
    items, t = [c for c in el if isinstance(c.tag, str) and not _dropped(c)], _PAGES["teasers"]
    led = (c for c in items if weights.get(c, (0.0,))[0] > 0 and any(d.tag in _UNITS for d in c.iterdescendants()))
    led = (c for c in led if len("".join(c.xpath("string()").split())) <= t["max_chars"])
    led_count = sum(1 for c in led if c.xpath("boolean((.//text()[normalize-space()])[1]/ancestor::a[@href])"))
    return len(items) >= t["min_items"] and led_count >= t["share"] * len(items) - 1e-9


def _firsts(root: etree._Element) -> dict[str, etree._Element]:
    """For each selector of html_pages.yaml (``#id``, ``.class`` or a tag name), the first element
    in page order that it matches and that is not in a dropped element."""
    found: dict[str, etree._Element] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for key in (el.tag, "#" + el.get("id", ""), *("." + c for c in el.get("class", "").split())):
            if key in _SELECTORS and key not in found and not any(_dropped(a) for a in (el, *el.iterancestors())):
                found[key] = el
    return found


def _best(top: etree._Element, weights: dict) -> etree._Element:
    """The element under ``top`` whose prose weight less its furniture is the highest, the
    outermost of equals; ``top`` when nothing in it reads like prose."""
    if weights.get(top, (0.0, 0.0))[0] <= 0:
        return top
    best, score = top, float("-inf")
    for el in top.iter():
        if el in weights and (s := weights[el][0] - weights[el][1]) > score:
            best, score = el, s
    return best


def _main(root: etree._Element, kinds: dict, firsts: dict) -> etree._Element:
    """The main content: the element of the first selector that holds ``selector_share``
    of the page's prose (a container's best element), else the page's best element."""
    body = next(root.iter("body"), root)
    weights: dict = {}
    total = _weights(body, kinds, weights)[0]
    for selector in CONTENT_SELECTORS + CONTAINER_SELECTORS:
        found = firsts.get(selector)
        if found is not None and found not in weights:  # outside <body>: weigh it on its own
            _weights(found, kinds, weights)
        if found is not None and (sum(weights[found]) > 0 or _stripped(_texts(found))):
            if not total or weights[found][0] >= _PAGES["selector_share"] * total:
                return found if selector in CONTENT_SELECTORS else _best(found, weights)
    return _best(body, weights)


def _lines(pieces: list[tuple[str, int]]) -> list[tuple[str, float, bool]]:
    """The pieces as lines, spaces collapsed, empty ones left out: (text, link share, file link)."""
    lines: list[tuple[str, float, bool]] = []
    cur: list[tuple[str, int]] = []

    def flush() -> None:
        text = _SPACES.sub(" ", "".join(t for t, _ in cur)).strip()
        if text:
            link = sum(len("".join(t.split())) for t, k in cur if k in (LINK, FILE))
            lines.append((text, link / len("".join(text.split())), any(k == FILE for _, k in cur)))
        cur.clear()

    for text, kind in pieces:
        if kind == ROW:
            flush()
            lines.append((text, 0.0, False))
            continue
        for i, part in enumerate(text.split("\n")):
            if i:
                flush()
            cur.append((part, kind))
    flush()
    return lines


def _edge_chrome(line: tuple[str, float, bool], names: set[str]) -> bool:
    """A line that is furniture when it stands at an edge of the main content (``edge_chrome``)."""
    text, link, file = line
    s = "".join(text.split())
    if "\t" in text or s in names or s in _EDGE["lines"] or any(p in s for p in _EDGE["notes"]):
        return "\t" not in text  # a table row never is
    short = len(s) <= _EDGE["max_chars"] and (any(p in s for p in _EDGE["phrases"]) or bool(_CREDIT.match(s)))
    return short or link > _EDGE["link_share"] and not file


def _trimmed(lines: list[tuple[str, float, bool]], names: set[str]) -> list[str]:
    """The lines' texts without the furniture at their start and end."""
    start, end = 0, len(lines)
    while start < end and _edge_chrome(lines[start], names):
        start += 1
    while end > start and _edge_chrome(lines[end - 1], names):
        end -= 1
    return [text for text, _, _ in lines[start:end]]


def _grams(text: str) -> set[str]:
    return {s[i : i + 4] for i in range(max(1, len(s) - 3))} if (s := "".join(text.split())) else set()


def _heading(main: etree._Element, titles: list[str]) -> str:
    """The page's visible heading: the last block or heading before the main content (within
    ``heading.levels`` ancestors) whose text is a declared title (ArticleTitle, og:title, <title>:
    most of its 4-grams in it, half of its 4-grams), or with no declared title the last h1/h2."""
    declared = [_grams(t) for t in titles if t]
    around = list(main.iterancestors())
    found, stack, ancestors = "", [around[min(HEADING["levels"], len(around)) - 1]] if around else [], set(around)
    while stack:
        el = stack.pop()
        if el is main:
            break
        if not isinstance(el.tag, str) or _dropped(el) or el.tag in HIDDEN_TAGS:
            continue
        candidate = (el.tag in _UNITS or el.tag in HEADING["tags"]) and el not in ancestors
        if candidate and len("".join(el.xpath("string()").split())) <= 2 * HEADING["max_chars"]:
            text = _SPACES.sub(" ", " ".join(_stripped(_texts(el)))).strip()
            g = _grams(text) if 4 <= len(text) <= HEADING["max_chars"] else set()
            like = any(len(g & t) >= HEADING["in_title"] * len(g) and len(g & t) >= HEADING["of_title"] * len(t) for t in declared)
            if g and (like or not declared and el.tag in HEADING["tags"][:2]):
                found = text
        stack.extend(reversed(el))
    return found


def _with_heading(lines: list[str], heading: str) -> list[str]:
    """``lines`` with the page heading first, unless a line before the first prose line holds it."""
    g = _grams(heading)
    for line in lines if heading else ():
        if any(m in line for m in _PROSE["sentence_marks"] + _PROSE["comma_marks"]):
            break
        if len(g & _grams(line)) >= HEADING["of_title"] * len(g):
            return lines
    return [heading, *lines] if heading else lines


def _metadata(root: etree._Element, firsts: dict) -> tuple[dict[str, str], set[str], list[str]]:
    """The page's metadata fields, the names of its publishing account and its declared titles."""
    meta: dict[str, str] = {}
    names, titles = set(), []
    for tag in root.iter("meta"):
        name = (tag.get("name") or tag.get("property") or tag.get("itemprop") or "").strip().lower()
        content = (tag.get("content") or "").strip()
        if name in META_NAMES and content and META_NAMES[name] not in meta:
            meta[META_NAMES[name]] = content
        if name in _PAGES["account_meta"] and content:
            names.add("".join(content.split()))
        if name in HEADING["title_meta"] and content:
            titles.append(content)
    for row in root.iter("tr"):  # tables anywhere, dropped parts included
        cells = [" ".join(_stripped(_texts(c, drop=False))) for c in row.iter(*CELL_TAGS)]
        for label, value in zip(cells[::2], cells[1::2]):
            if (key := _label_key(label)) and value and key not in meta:
                meta[key] = value
    for selector, key in FIELD_ELEMENTS.items():
        value = " ".join(_stripped(_texts(firsts[selector]))) if selector in firsts else ""
        if value and key not in meta:
            meta[key] = value
    title = "".join(_stripped(_texts(firsts["title"]))) if "title" in firsts else ""
    if title:
        titles.append(title)
        meta.setdefault("title", title)  # the last resort: the parser prefers the notice's 《…》
    return meta, names, titles


def html_to_text(html: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    parser = etree.HTMLParser(recover=True)
    parser.feed(html.lstrip("\ufeff"))
    try:
        root = parser.close()
    except etree.XMLSyntaxError:  # nothing to parse
        return "", ()
    if root is None:
        return "", ()
    firsts = _firsts(root)
    meta, names, titles = _metadata(root, firsts)
    kinds: dict = {}
    main = _main(root, kinds, firsts)
    walk = _Walk(blocks=True, drop=True, tables=kinds)
    walk.walk(main, *_context(main), _link_kind(main))
    lines = _with_heading(_trimmed(_lines(walk.out), names), _heading(main, titles))
    return "\n".join(lines), tuple(sorted(meta.items()))
