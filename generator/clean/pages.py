"""Rule ``page-furniture``: page footers, running headers and form feeds of PDF extracts.

A PDF's text layer keeps what the printer put on every page: a footer with the page number
(``— 3 —``, ``- 3 -``, ``第 3 页``, a bare ``3``; shapes in ``data/pdf_page_footers.tsv``), a
form feed where the page ends, and often a running header, the same line at the top of every
page (c01 repeats its 文号, c06 its title). A *page break* is a footer line or a form feed,
with the blank lines around it. A running header is the first line after a page break when
that same line follows at least two breaks and half of them. Page breaks and running headers
are removed, each break logged as one change; a page-1 header that is directly repeated by the
title under it (c06) goes too. What the break leaves is one line break (two in a text whose
paragraphs are separated by blank lines), so ``wraps`` re-joins a sentence cut by the page
end and keeps a paragraph that ended with the page.

A bare number or ``3/12`` is a footer only where such numbers count up page by page and sit
at a break (after a blank line or before a form feed): a table cell or a count on a line of
its own is not one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import table
from ..model import Change
from .base import RuleOutput

FEED = "\f"
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
MIN_REPEATS = 2


@dataclass
class _Line:
    n: int
    """Line number in the rule's input."""
    text: str
    feed: bool = False
    """A form feed (the start of a line that held one)."""


@lru_cache(maxsize=1)
def footer_shapes() -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    rows = table("pdf_page_footers.tsv", ("name", "pattern", "sequence"))
    return tuple((name, re.compile(pat), seq == "yes") for name, pat, seq in rows)


def probe(line: str) -> str:
    return _SPACES.sub(" ", line.replace(FEED, "")).strip()


def _items(text: str) -> list[_Line]:
    """The lines, a form feed split off as an item of its own."""
    out: list[_Line] = []
    for n, line in enumerate(text.split("\n"), 1):
        while FEED in line:
            before, line = line.split(FEED, 1)
            if before.strip():
                out.append(_Line(n, before))
            out.append(_Line(n, FEED, feed=True))
        out.append(_Line(n, line))
    return out


def _at_break(items: list[_Line], i: int) -> bool:
    prev = items[i - 1] if i else None
    nxt = items[i + 1] if i + 1 < len(items) else None
    return prev is None or nxt is None or not prev.text.strip() or nxt.feed or prev.feed or not nxt.text.strip()


def _footers(items: list[_Line]) -> set[int]:
    found: set[int] = set()
    sequenced: list[int] = []
    last = None
    for i, item in enumerate(items):
        p = probe(item.text)
        if item.feed or not p or len(p) > 16:
            continue
        for _, pattern, sequence in footer_shapes():
            m = pattern.match(p)
            if not m:
                continue
            if not sequence:
                found.add(i)
            else:
                n = int(m.group("n"))
                if _at_break(items, i) and (n <= 3 if last is None else 0 < n - last <= 2):
                    sequenced.append(i)
                    last = n
            break
    if len(sequenced) >= MIN_REPEATS:
        found.update(sequenced)
    return found


def _regions(items: list[_Line], footers: set[int]) -> list[list[int]]:
    """Runs of blank, footer and form-feed items that hold a footer or a form feed."""
    regions: list[list[int]] = []
    run: list[int] = []
    for i, item in enumerate(items):
        if i in footers or item.feed or not item.text.strip():
            run.append(i)
            continue
        if any(k in footers or items[k].feed for k in run):
            regions.append(run)
        run = []
    if any(k in footers or items[k].feed for k in run):
        regions.append(run)
    return regions


def _headers(items: list[_Line], regions: list[list[int]]) -> set[int]:
    """Indexes of running-header lines: the first line after a break, repeated at most breaks."""
    after = [r[-1] + 1 for r in regions if r[-1] + 1 < len(items)]
    counts = Counter(probe(items[i].text) for i in after)
    repeated = {h for h, c in counts.items() if c >= MIN_REPEATS and c * 2 >= len(regions)}
    found = {i for i in after if probe(items[i].text) in repeated}
    texts = [i for i, it in enumerate(items) if it.text.strip() and not it.feed]
    if len(texts) >= 2 and probe(items[texts[0]].text) in repeated and probe(items[texts[0]].text) == probe(items[texts[1]].text):
        found.add(texts[0])
    return found


def strip_page_furniture(text: str) -> RuleOutput:
    if FEED not in text and not any(p.search(text) for p in _QUICK):
        return RuleOutput(text)
    items = _items(text)
    footers = _footers(items)
    regions = _regions(items, footers)
    if not regions:
        return RuleOutput(text)
    drop = footers | _headers(items, regions) | {i for r in regions for i in r}
    # A running header joins the break it follows, with the blank lines after it.
    spaced = sum(1 for it in items if not it.text.strip()) * 2 > sum(1 for it in items if it.text.strip())
    out: list[str] = []
    changes: list[Change] = []
    i = 0
    while i < len(items):
        if i not in drop:
            out.append(items[i].text)
            i += 1
            continue
        j = i
        while j < len(items) and (j in drop or not items[j].text.strip()):
            j += 1
        removed = items[i:j]
        inner = bool(out) and j < len(items)
        keep = "\n" if spaced and inner else ""
        if keep:
            out.append("")
        changes.append(Change("page-furniture", _joined(removed), keep, removed[0].n))
        i = j
    return RuleOutput("\n".join(out), tuple(changes))


def _joined(removed: list[_Line]) -> str:
    return "\n".join(it.text for it in removed)


_QUICK = (
    re.compile(r"^[ \t\u3000]*[-—–－‒―~～]{1,3} ?\d{1,4} ?[-—–－‒―~～]{1,3}[ \t\u3000]*$", re.M),
    re.compile(r"^[ \t\u3000]*\d{1,3}[ \t\u3000]*$", re.M),
    re.compile(r"第 ?\d{1,4} ?页"),
)
"""Cheap tests that a text may hold page furniture at all (most texts hold none)."""
