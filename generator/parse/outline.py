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

from ..model import Item, Section
from .numbering import MARKERS, line_marker

LEVELS = ("chapter", "part", "cn", "cn-paren", "num", "num-paren")
POINT = re.compile(r"(?:^|(?<=[。；：]))([一二三四五六七八九十]{1,3}是)")
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
        m = line_marker(line)
        if m is None:
            out.append(Token("text", 0, "", line))
        else:
            kind, number, label = m
            out.append(Token(kind, number, label, _PATTERNS[kind].sub("", line, count=1).strip()))
    return out


def item_kind(tokens: list[Token], following: bool = False) -> str | None:
    """The numbering kind that marks items in this document.

    ``following``: a numbered line also carries prose when the text line after
    it does (bodies split by ``runon``, where an item's title stands alone).
    """
    for kind in LEVELS:
        numbered = [i for i, t in enumerate(tokens) if t.kind == kind]
        prose = [i for i in numbered if "。" in tokens[i].text or (following and _prose_follows(tokens, i))]
        if numbered and len(prose) * 2 >= len(numbered):
            return kind
    return None


def _prose_follows(tokens: list[Token], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].kind == "text" and "。" in tokens[i + 1].text


def first_sentence(text: str) -> str:
    i = text.find("。")
    return text[: i + 1] if i >= 0 else text


def split_points(text: str) -> tuple[str, ...]:
    starts = [m.start(1) for m in POINT.finditer(text)]
    if len(starts) < 2:
        return ()
    return tuple(text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)]))


def split_closing(tokens: list[Token]) -> tuple[list[Token], list[str]]:
    """Trailing short unnumbered lines (signature, date) are the closing."""
    end = len(tokens)
    while end > 0 and tokens[end - 1].kind == "text" and len(tokens[end - 1].text) <= CLOSING_MAX and "。" not in tokens[end - 1].text:
        end -= 1
    return tokens[:end], [t.text for t in tokens[end:]]


def build_tree(tokens: list[Token]) -> tuple[list[str], list[Section], list[str]]:
    """(intro paragraphs, sections, warnings)."""
    ikind = item_kind(tokens)
    heading_kinds = [k for k in LEVELS[: LEVELS.index(ikind)] if any(t.kind == k for t in tokens)] if ikind else []
    intro: list[str] = []
    roots: list[_Sec] = []
    stack: list[_Sec] = []
    loose: list[_Item] = []
    current: _Item | None = None
    for t in tokens:
        if t.kind in heading_kinds:
            level = heading_kinds.index(t.kind)
            while len(stack) > level:
                stack.pop()
            sec = _Sec(t.number, t.label, t.text, level + 1)
            (stack[-1].sections if stack else roots).append(sec)
            stack.append(sec)
            current = None
        elif t.kind == ikind:
            current = _Item(t.number, t.label, [t.text], tuple(s.number for s in stack))
            (stack[-1].items if stack else loose).append(current)
        elif current is not None:
            current.lines.append(t.label + t.text if t.kind != "text" else t.text)
        elif stack:
            stack[-1].paragraphs.append(t.label + t.text if t.kind != "text" else t.text)
        else:
            intro.append(t.label + t.text if t.kind != "text" else t.text)
    if loose:
        roots.insert(0, _Sec(0, "", "", 1, items=loose))
    all_items = [it for s in roots for it in _walk_items(s)]
    numbers = [it.number for it in all_items]
    run_on = len(set(numbers)) == len(numbers)
    warnings = _numbering_warnings(all_items, run_on)
    sections = [_freeze(s, run_on) for s in roots]
    return intro, sections, warnings


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
        for it in items:
            groups.setdefault(it.path, []).append(it)
        for path, group in groups.items():
            nums = [it.number for it in group]
            if nums != list(range(1, len(nums) + 1)):
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
        points=split_points(text),
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
    )
