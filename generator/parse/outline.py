"""Parse, part 2: the outline tree (body lines → sections and items).

Lines are tokenised by their numbering (``numbering.line_marker``) into a flat
list; ``build_tree`` then makes the tree in one pass. Which numbering marks an
item is read off the document: the outermost numbering whose lines carry prose
(a 。) — ``1、`` in Songjiang, ``（一）`` in Jiangsu, ``1.`` in Huli; the kinds
above it are headings. Gaps and repeats in the item numbers are warnings, not
failures (DESIGN §5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Item, Section, Table
from .numbering import MARKERS, line_marker
from .points import split_points

LEVELS = tuple(kind for kind, _ in MARKERS)
"""Numbering kinds, outermost first (第X部分 … ①)."""
PROSE = re.compile(r"[。；]")
"""A numbered line that carries a sentence (not only a heading's title)."""
ROW = "row"
"""The token kind of a table row: cells separated by TABs (the cleaner's contract)."""
CLOSING_MAX = 40
_PATTERNS = dict(MARKERS)


@dataclass
class _Sec:
    number: int
    label: str
    title: str
    level: int
    paragraphs: list[str] = field(default_factory=list)
    sections: list[_Sec] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    out_of_order: bool = False
    tables: list[tuple[int, list[tuple[str, ...]]]] = field(default_factory=list)
    kind: str = "section"


@dataclass
class _Item:
    number: int
    label: str
    lines: list[str]
    path: tuple[int, ...]


@dataclass(frozen=True)
class Token:
    kind: str
    """A numbering kind from ``LEVELS`` or ``"text"``."""
    number: int
    label: str
    text: str
    """The line without its number."""


def tokenise(lines: list[str]) -> list[Token]:
    out = []
    for line in lines:
        m = None if "\t" in line else line_marker(line)
        if "\t" in line:
            out.append(Token(ROW, 0, "", line))
        elif m is None:
            out.append(Token("text", 0, "", line))
        else:
            kind, number, label = m
            out.append(Token(kind, number, label, _PATTERNS[kind].sub("", line, count=1).strip()))
    return out


def item_kind(tokens: list[Token], following: bool = False, strict: bool = False) -> str | None:
    """The numbering kind that marks items in this document: the outermost whose lines carry
    prose, half of them or more (``strict``: more than half — in a part of a plan, where one
    heading of two may carry a sentence of its own).

    ``following``: a numbered line also carries prose when the text line after
    it does (bodies split by ``runon``, where an item's title stands alone).
    """
    for kind in LEVELS:
        numbered = [i for i, t in enumerate(tokens) if t.kind == kind]
        prose = [i for i in numbered if PROSE.search(tokens[i].text) or (following and _prose_follows(tokens, i))]
        if numbered and (len(prose) * 2 > len(numbered) if strict else len(prose) * 2 >= len(numbered)):
            return kind
    return None


def prose_leaves(tokens: list[Token]) -> set[int]:
    """Numbered lines that carry a sentence and have no numbered lines below them (the next
    numbered line is of the same kind or an outer one): items, whatever the kind of their part's
    headings (（二）面临的形势。“十四五”时期是… among headings （一）… with items 1、 under them)."""
    numbered = [i for i, t in enumerate(tokens) if t.kind in _PATTERNS]
    out = set()
    for i, j in zip(numbered, [*numbered[1:], None]):
        deeper = j is not None and LEVELS.index(tokens[j].kind) > LEVELS.index(tokens[i].kind)
        if not deeper and PROSE.search(tokens[i].text.rstrip("。；")):
            out.add(i)
    return out


def _prose_follows(tokens: list[Token], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].kind == "text" and "。" in tokens[i + 1].text


def first_sentence(text: str) -> str:
    i = text.find("。")
    return text[: i + 1] if i >= 0 else text


def split_closing(tokens: list[Token]) -> tuple[list[Token], list[str]]:
    """Trailing short unnumbered lines (signature, date) are the closing."""
    end = len(tokens)
    while end > 0 and tokens[end - 1].kind == "text" and len(tokens[end - 1].text) <= CLOSING_MAX and "。" not in tokens[end - 1].text:
        end -= 1
    return tokens[:end], [t.text for t in tokens[end:]]


def block_kinds(tokens: list[Token]) -> list[tuple[tuple[str, ...], str | None]]:
    """For each token, (heading kinds, item kind) of the part of the document it is in.

    The outermost numbering present is the top heading unless it carries prose itself (then it
    numbers the items and there are no headings). Each top-level part then reads its own item
    numbering off its lines: the outermost kind below the top whose lines carry prose (a meeting
    notice numbers its agenda （一） and its requirements 1． under two headings); the kinds above
    it in the part are headings. Text before the first top heading uses the whole document's."""
    present = [k for k in LEVELS if any(t.kind == k for t in tokens)]
    whole = item_kind(tokens)
    if not present or whole == present[0]:
        heads = tuple(k for k in present if whole and LEVELS.index(k) < LEVELS.index(whole))
        return [(heads, whole)] * len(tokens)
    top = present[0]
    out: list[tuple[tuple[str, ...], str | None]] = []
    starts = [i for i, t in enumerate(tokens) if t.kind == top] + [len(tokens)]
    first = tuple(k for k in present if whole and LEVELS.index(k) < LEVELS.index(whole))
    out.extend([(first, whole)] * starts[0])
    for a, b in zip(starts, starts[1:]):
        inner = tokens[a + 1 : b]
        kind = item_kind(inner, strict=True)
        kinds = [k for k in LEVELS if any(t.kind == k for t in inner)]
        limit = LEVELS.index(kind) if kind else len(LEVELS)
        heads = (top, *(k for k in kinds if k != top and LEVELS.index(k) < limit))
        out.extend([(heads, kind)] * (b - a))
    return out


class _Builder:
    """The outline tree, made in one pass over the tokens (``build_tree``)."""

    def __init__(self) -> None:
        self.intro: list[str] = []
        self.roots: list[_Sec] = []
        self.stack: list[_Sec] = []
        self.loose: list[_Item] = []
        self.current: _Item | None = None
        self.rows: list[tuple[str, ...]] = []

    def heading(self, t: Token, level: int) -> None:
        while len(self.stack) > level:
            self.stack.pop()
        sec = _Sec(t.number, t.label, t.text, level + 1)
        (self.stack[-1].sections if self.stack else self.roots).append(sec)
        self.stack.append(sec)
        self.current = None

    def item(self, t: Token) -> None:
        self.current = _Item(t.number, t.label, [t.text], tuple(s.number for s in self.stack))
        (self.stack[-1].items if self.stack else self.loose).append(self.current)

    def text(self, line: str) -> None:
        if self.current is not None:
            self.current.lines.append(line)
        elif self.stack:
            self.stack[-1].paragraphs.append(line)
        else:
            self.intro.append(line)

    def row(self, line: str) -> None:
        self.rows.append(tuple(c.strip() for c in line.split("\t")))

    def end_rows(self) -> None:
        """A run of rows is a table of the section it is in (one row alone is text)."""
        rows, self.rows = self.rows, []
        if len(rows) == 1:
            self.text(" ".join(rows[0]))
        elif rows:
            if not self.stack:  # a table before the first heading: in a section without a heading
                self.heading(Token("text", 0, "", ""), 0)
            self.current = None
            sec = self.stack[-1]
            sec.tables.append((len(sec.paragraphs), rows))


def build_tree(tokens: list[Token]) -> tuple[list[str], list[Section], list[str]]:
    """(intro paragraphs, sections, warnings)."""
    b = _Builder()
    leaves = prose_leaves(tokens)
    for i, (t, (heads, ikind)) in enumerate(zip(tokens, block_kinds(tokens))):
        if t.kind == ROW:
            b.row(t.text)
            continue
        b.end_rows()
        if t.kind in heads and i in leaves and heads.index(t.kind) > 0:
            del b.stack[heads.index(t.kind) :]  # an item where its kind's headings stand
            b.item(t)
        elif t.kind in heads:
            b.heading(t, heads.index(t.kind))
        elif t.kind == ikind:
            b.item(t)
        else:
            b.text(t.label + t.text if t.kind != "text" else t.text)
    b.end_rows()
    if b.loose:
        b.roots.insert(0, _Sec(0, "", "", 1, items=b.loose))
    all_items = [it for s in b.roots for it in _walk_items(s)]
    numbers = [it.number for it in all_items]
    run_on = len(set(numbers)) == len(numbers)
    warnings = _numbering_warnings(all_items, run_on)
    sections = [_freeze(s, run_on) for s in b.roots]
    return b.intro, sections, warnings


def out_of_order(tokens: list[Token]) -> bool:
    """Whether some numbering goes backwards or skips (page fragments of a run-on copy put out of
    place): each numbered line continues its kind's count, or restarts it at 1 under a new outer line."""
    last: dict[str, int] = {}
    for t in tokens:
        if t.kind not in _PATTERNS:
            continue
        n, before = t.number, last.get(t.kind, 0)
        if n not in (1, before + 1):
            return True
        last[t.kind] = n
    return False


def _walk_items(s: _Sec) -> list[_Item]:
    out = list(s.items)
    for sub in s.sections:
        out.extend(_walk_items(sub))
    return out


def _numbering_warnings(items: list[_Item], run_on: bool) -> list[str]:
    warnings = []
    if run_on:
        for prev, cur in zip(items, items[1:]):
            if cur.number != prev.number + 1:
                warnings.append(f"item numbering jumps from {prev.label} to {cur.label}")
    else:
        groups: dict[tuple[int, ...], list[_Item]] = {}
        parts: dict[tuple[int, ...], list[int]] = {}  # numbering may run on through a part's subsections
        for it in items:
            groups.setdefault(it.path, []).append(it)
            parts.setdefault(it.path[:1], []).append(it.number)
        for path, group in groups.items():
            nums = [it.number for it in group]
            whole = parts[path[:1]]
            if nums != list(range(1, len(nums) + 1)) and whole != list(range(1, len(whole) + 1)):
                where = ".".join(map(str, path)) or "top level"
                warnings.append(f"item numbering in section {where} is {nums}, not 1…{len(nums)}")
    return warnings


def _freeze_item(it: _Item, run_on: bool) -> Item:
    text = "\n".join(it.lines)
    anchor = f"item-{it.number}" if run_on else "item-" + "-".join(map(str, (*it.path, it.number)))
    return Item(
        id=anchor,
        number=it.number,
        label=it.label,
        section_path=it.path,
        title=first_sentence(it.lines[0]),
        text=text,
        points=split_points(it.lines),
    )


def _freeze(s: _Sec, run_on: bool) -> Section:
    return Section(
        number=s.number,
        label=s.label,
        title=s.title,
        level=s.level,
        paragraphs=tuple(s.paragraphs),
        sections=tuple(_freeze(sub, run_on) for sub in s.sections),
        items=tuple(_freeze_item(it, run_on) for it in s.items),
        out_of_order=s.out_of_order,
        kind=s.kind,
        tables=tuple(Table(after, tuple(rows)) for after, rows in s.tables),
    )
