"""Parse, part 2c: attachments (附件) printed after the plan, as sections of their own.

An attachment starts at a line that is only ``附件`` or ``附件N`` (its title on the next line),
or — when the notice prints no such line — at the last ``附件：title`` line whose next line is a
table row or repeats the title. ``附件：…`` lines that only list the attachments (in the covering
notice, or before the attachments themselves) stay text. An attachment holds paragraphs and
tables, not commitments: its numbered lines are its text.
"""

from __future__ import annotations

import re

from ..model import Section
from .numbering import cn_to_int
from .outline import _Builder, _freeze, _Sec

HEAD = re.compile(r"^附\s*件\s*([0-9一二三四五六七八九十]{0,3})\s*$")
LISTED = re.compile(r"^附\s*件\s*([0-9一二三四五六七八九十]{0,3})\s*[:：]\s*(?P<title>.+)$")
TITLE_MAX = 80


def _starts(lines: list[str]) -> list[tuple[int, int, str, str]]:
    """(line index, number, label, title) of each attachment's first line."""
    heads = [i for i, ln in enumerate(lines) if HEAD.match(ln)]
    if heads:
        out = []
        for n, i in enumerate(heads, 1):
            m = HEAD.match(lines[i])
            assert m
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            title = nxt if nxt and "\t" not in nxt and len(nxt) <= TITLE_MAX and not nxt.endswith("。") and not HEAD.match(nxt) else ""
            out.append((i, cn_to_int(m.group(1)) if m.group(1) else n, m.group(0).replace(" ", ""), title))
        return out
    for i in range(len(lines) - 1, -1, -1):
        m = LISTED.match(lines[i])
        if m and i + 1 < len(lines) and ("\t" in lines[i + 1] or lines[i + 1] == m.group("title")):
            label = "附件" + m.group(1)
            return [(i, cn_to_int(m.group(1)) if m.group(1) else 1, label, m.group("title"))]
    return []


def split_annexes(lines: list[str]) -> tuple[list[str], list[Section]]:
    """(the lines before the first attachment, the attachments as sections of kind ``annex``)."""
    starts = _starts(lines)
    if not starts:
        return lines, []
    annexes = []
    bounds = [s[0] for s in starts[1:]] + [len(lines)]
    for (i, number, label, title), end in zip(starts, bounds):
        first = i + 1
        if HEAD.match(lines[i]) and title:
            first += 1  # the title line
        b = _Builder()
        b.stack = [_Sec(number, label, title, 1, kind="annex")]
        for line in lines[first:end]:
            if "\t" in line:
                b.row(line)
                continue
            b.end_rows()
            b.text(line)
        b.end_rows()
        annexes.append(_freeze(b.stack[0], run_on=True))
    return lines[: starts[0][0]], annexes


__all__ = ["split_annexes"]
