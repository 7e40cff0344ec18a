"""Parse, part 2b: an item's sub-points (``Item.points``).

A point is a numbered part of an item's text below the item's own numbering: 一是/二是, （1）/(1),
1)/1）, ①②③ or a deeper heading numbering (（一） under 第X条, 1. under （一））. Points are marked at
line starts (each marked line, with the unmarked lines after it, is one point) or, when no line of
the item is marked, inline: after a sentence or clause end (…。二是…, …：（一）…), circled numbers
anywhere. An item has points when two or more are marked; a single marker is text.
"""

from __future__ import annotations

import re

from .numbering import CIRCLED, CN

INLINE = re.compile(
    rf"(?:^|(?<=[。；：，\n]))([{CN}]{{1,3}}是)"
    rf"|(?:^|(?<=[。；：，\n]))([（(]\d{{1,2}}[）)])"
    rf"|(?:^|(?<=[。；：\n]))([（(][{CN}]{{1,3}}[）)])"
    rf"|([{CIRCLED}])"
)
"""Inline point markers, one style per group: 一是 and （1） after a sentence or clause end, a comma or
at a line start, （一） not after a comma, ① anywhere (circled numbers mark nothing else)."""
LINE = re.compile(rf"^(?:[{CN}]{{1,3}}是|[（(]\d{{1,2}}[）)]|\d{{1,2}}[)）]|[{CIRCLED}]|[（(][{CN}]{{1,3}}[）)]|\d{{1,2}}[、．.](?!\d))")
"""A line that starts a point."""


def line_points(lines: list[str]) -> tuple[str, ...]:
    """Points marked at the starts of an item's lines after its first; () when fewer than two."""
    starts = [k for k, ln in enumerate(lines) if k and LINE.match(ln)]
    if len(starts) < 2:
        return ()
    ends = starts[1:] + [len(lines)]
    return tuple("\n".join(lines[a:b]).strip() for a, b in zip(starts, ends))


def inline_points(text: str) -> tuple[str, ...]:
    """Points marked inline by every style that marks two or more (a （1） point can hold ① points:
    both are points, in reading order); () when none does."""
    found = list(INLINE.finditer(text))
    styles = [g for g in (1, 2, 3, 4) if sum(1 for m in found if m.group(g)) >= 2]
    starts = sorted(m.start(g) for g in styles for m in found if m.group(g))
    if len(starts) < 2:
        return ()
    return tuple(text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)]))


def split_points(lines: list[str]) -> tuple[str, ...]:
    return line_points(lines) or inline_points("\n".join(lines))
