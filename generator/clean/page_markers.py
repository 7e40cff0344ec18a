"""Rule ``page-markers``: drop the running page markers of document-sharing sites.

Seed 003 (``003_0519a0b35b7523cb.txt``, a taowenge.com scrape) serves the text
as page chunks, one per paragraph-separated block, each opening with a running
marker ``1、`` ``2、`` … ``48、``. The markers are not part of the notice and a
chunk boundary is a page break, usually mid-sentence (``…加强流浪乞讨人员`` /
``2、救助管理工作的实施意见…``), so the markers are removed and the chunks
re-joined into running text; every removal is logged.

The rule acts only where the running sequence is there: at least ``MIN_RUN``
consecutive chunk starts (non-empty lines after a blank line, or the first
line) counting up from 1, where most chunks end mid-sentence. A real list
``1、…。`` / ``2、…。`` ends its items with a full stop, and a list number inside
a chunk or one that does not continue the running count is never touched.
"""

from __future__ import annotations

import re

from ..model import Change
from .base import RuleOutput

_MARKER = re.compile(r"^(\d{1,3})、[ \t\u3000]*")
_TERMINAL = tuple("。！？；：…")
MIN_RUN = 5
"""Five chunks counting 1…5 from the top do not happen by accident in prose."""


def _chunk_starts(lines: list[str]) -> list[int]:
    return [i for i, ln in enumerate(lines) if ln.strip() and (i == 0 or not lines[i - 1].strip())]


def _last_text_line(lines: list[str], start: int, end: int) -> str:
    """The last non-empty line of the chunk that runs from ``start`` to ``end`` (exclusive)."""
    return next((lines[k].rstrip() for k in range(end - 1, start - 1, -1) if lines[k].strip()), "")


def _runs(lines: list[str]) -> list[list[int]]:
    """Line indexes of the marker lines of every running sequence 1…N (N ≥ MIN_RUN)."""
    starts = _chunk_starts(lines)
    runs: list[list[int]] = []
    k = 0
    while k < len(starts):
        m = _MARKER.match(lines[starts[k]])
        if not m or m.group(1) != "1":
            k += 1
            continue
        run = [starts[k]]
        while k + len(run) < len(starts):
            nxt = _MARKER.match(lines[starts[k + len(run)]])
            if not nxt or int(nxt.group(1)) != len(run) + 1:
                break
            run.append(starts[k + len(run)])
        if len(run) >= MIN_RUN and _mid_sentence(lines, run):
            runs.append(run)
        k += len(run)
    return runs


def _mid_sentence(lines: list[str], run: list[int]) -> bool:
    """Page breaks fall anywhere; list items end a sentence. Most boundaries must be mid-sentence."""
    ends = [_last_text_line(lines, a, b) for a, b in zip(run, run[1:])]
    open_ends = sum(1 for e in ends if not e.endswith(_TERMINAL) and not e.endswith(("。”", "。）")))
    return open_ends * 2 > len(ends)


def strip_page_markers(text: str) -> RuleOutput:
    lines = text.split("\n")
    runs = _runs(lines)
    if not runs:
        return RuleOutput(text)
    changes: list[Change] = []
    first_of_run = {run[0] for run in runs}
    markers = {i for run in runs for i in run}
    out: list[str] = []
    for i, line in enumerate(lines):
        if i not in markers:
            out.append(line)
            continue
        m = _MARKER.match(line)
        assert m is not None
        body = line[m.end() :]
        if i in first_of_run:
            changes.append(Change("page-markers", m.group(0), "", i + 1))
            out.append(body)
            continue
        # Re-join with the previous chunk: drop the blank lines of the page break.
        blanks = 0
        while out and not out[-1].strip():
            out.pop()
            blanks += 1
        changes.append(Change("page-markers", "\n" * (blanks + 1) + m.group(0), "", i + 1))
        out[-1] = out[-1] + body
    return RuleOutput("\n".join(out), tuple(changes))
