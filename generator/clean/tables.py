"""Rule ``table-cells``: a table row is a line whose cells are separated by exactly one TAB.

The HTML reader writes a data table's rows as TAB-separated lines; text sources write them with
TABs (b08, d06) or align the columns with runs of spaces (c05, c02's 专栏 in a PDF's layout
text). A *table* is a block of at least two consecutive lines (blank lines between them do not
count) that hold TABs, or that split into the same number of cells at runs of two or more
spaces or full-width spaces. Space-aligned blocks need ``SPACED_MIN_CELLS`` cells a row, or three rows of
two (a chapter heading ``第一章    总则`` over ``第一节  …`` is not a table, nor is any line that
starts with a heading number of that kind). Rows are rewritten as their cells joined by one TAB,
each cell's edges stripped; every rewritten row is logged.

A TAB outside a table separates no cells: after a heading number (c08 ``第一部分\\t发展基础``,
``一、\\t总体要求``) it becomes what the number takes (``spacing``'s rule: a full-width space
after 第X章/节/条/部分, nothing after 一、 1. （一）), at a line's edges and between Chinese
characters nothing, elsewhere one space. After this rule every TAB is a cell separator, and
``spacing`` leaves TABs alone.
"""

from __future__ import annotations

import re

from ..model import Change
from .base import RuleOutput, is_han, line_marker
from .spacing import after_marker

_TABS = re.compile(r"[ \u3000]*\t[\t \u3000]*")
_WIDE = re.compile(r"[ \u3000]{2,}")
_EDGE = " \t\u3000\u00a0"
SPACED_MIN_CELLS = 3
HEADING_KINDS = {"volume", "chapter", "part", "article"}


def _cells(line: str) -> list[str] | None:
    """The cells of a line that may be a table row, else None."""
    s = line.strip(_EDGE)
    if not s:
        return None
    marker = line_marker(s)
    if "\t" in s:
        if marker is not None and s[len(marker[2]) :].startswith(("\t", " ", "\u3000")):
            return None  # a heading number, then a TAB: 一、\t总体要求
        cells = [c.strip(" \u3000\u00a0") for c in s.split("\t")]
        return cells if len(cells) >= 2 else None
    if marker is not None and (marker[0] in HEADING_KINDS or _WIDE.match(s, len(marker[2]))):
        return None  # a heading number, then spaces: 第一章    总则, 一、  总体要求
    cells = [c for c in _WIDE.split(s) if c]
    return cells if len(cells) >= 2 else None


def _tabbed(lines: list[str], block: list[int]) -> list[list[str]]:
    """A block's TAB rows: cells split at single TABs (an HTML row's empty cell stays a cell);
    where the counts disagree but agree once runs of TABs are one separator (TABs that align
    the columns of a text file), at runs."""
    rows = [[c.strip(" \u3000\u00a0") for c in lines[i].strip(_EDGE).split("\t")] for i in block]
    if len({len(r) for r in rows}) == 1:
        return rows
    runs = [[c.strip(" \u3000\u00a0") for c in _TABS.split(lines[i].strip(_EDGE))] for i in block]
    return runs if len({len(r) for r in runs}) == 1 else rows


def _blocks(lines: list[str]) -> list[tuple[list[int], list[list[str]]]]:
    """Runs of candidate rows (blank lines skipped) with one cell count: (line indexes, rows)."""
    out: list[tuple[list[int], list[list[str]]]] = []
    run: list[int] = []
    kind = ""

    def close() -> None:
        if len(run) >= 2:
            if kind == "tab":
                out.append((list(run), _tabbed(lines, run)))
                return
            rows = [_cells(lines[i]) or [] for i in run]
            if len({len(r) for r in rows}) == 1 and (len(rows[0]) >= SPACED_MIN_CELLS or len(rows) >= 3):
                out.append((list(run), rows))

    for i, line in enumerate(lines):
        if not line.strip(_EDGE):
            continue
        cells = _cells(line)
        this = "tab" if cells and "\t" in line else "space" if cells else ""
        same = run and this == kind and (this == "tab" or len(cells or []) == len(_cells(lines[run[-1]]) or []))
        if cells and same:
            run.append(i)
            continue
        close()
        run, kind = ([i], this) if cells else ([], "")
    close()
    return out


def _stray(line: str) -> str:
    """A line's TABs that separate no cells, replaced (see the module docstring); a leading TAB
    is an indent and stays one, as spaces (``indent-wraps`` reads it, ``spacing`` strips it)."""
    body = line.lstrip("\t")
    line = "    " * (len(line) - len(body)) + body.rstrip("\t")
    m = re.match(r"^([ \u3000]*)(\S.*?)$", line)
    if m and line_marker(m.group(2)) is not None:
        marker = line_marker(m.group(2))
        assert marker is not None
        label_end = m.group(2).find(marker[2]) + len(marker[2])
        rest = m.group(2)[label_end:]
        if rest.startswith(("\t", " ", "\u3000")):
            line = m.group(1) + m.group(2)[:label_end] + after_marker(marker[0]) + rest.lstrip(" \t\u3000")

    def one(mt: re.Match[str]) -> str:
        a, b = line[mt.start() - 1 : mt.start()], line[mt.end() : mt.end() + 1]
        return "" if (a and is_han(a)) or (b and is_han(b)) else " "

    return re.sub(r"[ \u3000]*\t[\t \u3000]*", one, line)


def normalise_tables(text: str) -> RuleOutput:
    if "\t" not in text and "  " not in text and "\u3000" not in text:
        return RuleOutput(text)
    lines = text.split("\n")
    changes: list[Change] = []
    rows: set[int] = set()
    for block, cells in _blocks(lines):
        for i, row in zip(block, cells):
            rows.add(i)
            new = "\t".join(row)
            if new != lines[i]:
                changes.append(Change("table-cells", lines[i], new, i + 1))
                lines[i] = new
    for i, line in enumerate(lines):
        if "\t" in line and i not in rows:
            new = _stray(line)
            if new != line:
                changes.append(Change("table-cells", line, new, i + 1))
                lines[i] = new
    return RuleOutput("\n".join(lines), tuple(changes)) if changes else RuleOutput(text)
