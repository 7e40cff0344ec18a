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

When the site prints its page count (``页数：12``, ``第1页 / 共12页``, read by
``sharing_pages``), the count tells page markers from item numbers: a marker is
one of the sequence 1…count, in order, at line starts, each page long enough
to be a page (``MIN_PAGE_CHARS``) and most breaks mid-sentence; where several
lines could carry the same number, the one after an unfinished sentence (a page
break) is taken over one after a finished one (an item). So a three-page copy
(fewer than ``MIN_RUN`` markers) is read, and a marker whose line is not
after a blank line still counts. A running sequence at chunk starts longer
than the count is kept as today (003 prints 28 pages and has 48 chunks: the
count is of the original file, not of the site's text chunks). A chunk that
starts with the notice's own numbering after a finished sentence
(``…制度。`` / ``9、2、健全…``) is re-joined on a new line, not glued to the
sentence before it.
"""

from __future__ import annotations

import re

from ..model import Change
from ..parse.numbering import line_marker
from .base import RuleOutput
from .sharing_pages import read_page_count

_MARKER = re.compile(r"^(\d{1,3})、[ \t\u3000]*")
_TERMINAL = tuple("。！？；：…")
MIN_RUN = 5
"""Five chunks counting 1…5 from the top do not happen by accident in prose."""
MIN_PAGE_CHARS = 200
"""A page of a shared file holds a few hundred characters at least; list items come closer."""


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


def _is_open(line: str) -> bool:
    """A line that stops mid-sentence (no full stop, question mark, colon … at its end)."""
    return not line.endswith(_TERMINAL) and not line.endswith(("。”", "。）"))


def _mid_sentence(lines: list[str], run: list[int]) -> bool:
    """Page breaks fall anywhere; list items end a sentence. Most boundaries must be mid-sentence."""
    ends = [_last_text_line(lines, a, b) for a, b in zip(run, run[1:])]
    open_ends = sum(1 for e in ends if _is_open(e))
    return open_ends * 2 > len(ends)


def _open_before(lines: list[str], i: int) -> bool:
    return _is_open(_last_text_line(lines, 0, i))


def page_sequence(lines: list[str], pages: int) -> list[int]:
    """Line indexes of the markers 1…k (k ≤ ``pages``) that read as the site's pages, or []."""
    starts = set(_chunk_starts(lines))
    found: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        m = _MARKER.match(line)
        if m and 1 <= int(m.group(1)) <= pages:
            found.setdefault(int(m.group(1)), []).append(i)
    seq: list[int] = []
    for value in range(1, pages + 1):
        options = [i for i in found.get(value, ()) if not seq or i > seq[-1]]
        if not options:
            break
        # A page break cuts a sentence; an item number follows a finished one.
        seq.append(min(options, key=lambda i: (not _open_before(lines, i), i not in starts, i)))
    return seq if _fits(lines, seq, pages) else []


def _fits(lines: list[str], seq: list[int], pages: int) -> bool:
    """Enough markers (all pages, or ``MIN_RUN``), pages of a page's length, breaks mid-sentence."""
    if len(seq) < 2 or (len(seq) < pages and len(seq) < MIN_RUN):
        return False
    sizes = [sum(len(lines[k].strip()) for k in range(a, b)) for a, b in zip(seq, seq[1:])]
    return min(sizes) >= MIN_PAGE_CHARS and _mid_sentence(lines, seq)


def _marker_runs(lines: list[str], pages: int | None) -> list[list[int]]:
    """Today's runs at chunk starts, or the page sequence when the count is printed and no
    run at chunk starts is longer than the count."""
    runs = _runs(lines)
    if pages is None or any(len(run) > pages for run in runs):
        return runs
    seq = page_sequence(lines, pages)
    return [seq] if seq else runs


def _starts_own_numbering(body: str) -> bool:
    return line_marker(body) is not None


def strip_page_markers(text: str) -> RuleOutput:
    count = read_page_count(text)
    lines = count.lines
    runs = _marker_runs(lines, count.pages)
    if not runs:
        return RuleOutput("\n".join(lines), count.changes) if count.changes else RuleOutput(text)
    changes: list[Change] = list(count.changes)
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
        if out and not _is_open(out[-1].rstrip()) and _starts_own_numbering(body):
            # The page starts with an item of the notice after a finished sentence: a new paragraph.
            changes.append(Change("page-markers", "\n" * (blanks + 1) + m.group(0), "\n", i + 1))
            out.append(body)
        elif out:
            changes.append(Change("page-markers", "\n" * (blanks + 1) + m.group(0), "", i + 1))
            out[-1] = out[-1] + body
        else:
            changes.append(Change("page-markers", m.group(0), "", i + 1))
            out.append(body)
    return RuleOutput("\n".join(out), tuple(changes))
