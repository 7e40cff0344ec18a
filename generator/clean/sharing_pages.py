"""The page count a document-sharing site prints around its copy, for ``page-markers``.

Sharing sites say how many pages the shared file has: in the upload header
(``上传人：… 格式：DOCX 页数：12 大小：…``), under each page image
(``第1页 / 共12页``), in the blurb (``《….docx（11页珍藏版）》``) or in a footer
(``本文档为DOCX格式，共3页…``). The wordings are data
(``data/sharing_page_count.tsv``). These lines are site furniture: ``read_page_count``
returns the count and the text without them, and logs each removal as ``chrome``.

The lines reach ``page-markers`` because the chrome rows for the sharing header
(``share-*`` in ``data/chrome.tsv``) leave the lines that carry a count alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import table
from ..model import Change

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
MAX_PAGES = 2000
"""A count above this is not a page count (a file number, a view count)."""


@dataclass(frozen=True)
class PageCount:
    pages: int | None
    """The page count the site prints (the most frequent one when lines disagree), None when none."""
    lines: list[str]
    """The text's lines without the page-count lines."""
    changes: tuple[Change, ...]


@lru_cache(maxsize=1)
def count_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pat) for _, pat, _ in table("sharing_page_count.tsv", ("name", "pattern", "note")))


def line_count(line: str) -> int | None:
    """The page count a line of sharing-site furniture states, None for any other line."""
    probe = _SPACES.sub(" ", line).strip()
    if not probe or "页" not in probe:
        return None
    for pat in count_patterns():
        m = pat.match(probe)
        if m and 0 < int(m.group("pages")) <= MAX_PAGES:
            return int(m.group("pages"))
    return None


def read_page_count(text: str) -> PageCount:
    kept: list[str] = []
    counts: Counter[int] = Counter()
    changes: list[Change] = []
    for n, line in enumerate(text.split("\n"), 1):
        pages = line_count(line)
        if pages is None:
            kept.append(line)
            continue
        counts[pages] += 1
        changes.append(Change("chrome", line, "", n))
    if not counts:
        return PageCount(None, kept, ())
    pages = max(counts, key=lambda p: (counts[p], p))
    return PageCount(pages, kept, tuple(changes))
