"""Rule ``wraps``: re-join lines broken inside a sentence.

001 and 003 break lines (often with a blank line between, where a page ended)
in the middle of a sentence: ``纳入动态监测`` / ``范围，加强…``. A line is
joined to the next non-empty line when it is prose and does not end a sentence,
and neither line stands on its own. Prose: it has a 。, is long (``PROSE_MIN``),
or is *full*: a PDF extract or a fixed-width copy cuts every line of a paragraph
at about the same width (c01 at 30 characters), and a line within ``FULL_SLACK``
of that width (``line_width``: the widest width that a quarter of the lines
reach) is a cut one. In such a text whose paragraphs start with a number, a full line that
ends a sentence is joined too: the sentence ended at the edge of the line, and a
new paragraph would have started with its number (c06).

Never joined (``standalone``): a numbered heading (一、 （一） 第X章 …) as the line
above, a numbered line as the line below; the title (a line without a comma that
ends with a document kind, ``data/clean_wraps.yaml``), the 文号 line (…〔2024〕5号),
the recipients line ending in ：, signature and date lines, table rows (a TAB) and
the lines that begin a block of their own (附件, 抄送 …); nor is a title joined to the
line above it. A long title line
therefore never takes the 文号 and 主送 lines under it. A title cut in two
(``…关于印发《2024年全市民政工作要点》`` / ``的通知``) is re-joined by ``title_tail``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..datafiles import data_yaml
from ..model import Change
from .base import DATE_LINE as DATE
from .base import RuleOutput, line_marker

TERMINAL = tuple("。！？；：…")
PROSE_MIN = 40
FULL_SLACK = 2
FULL_MIN = 16
"""A cut width under this is a list of short lines, not a fixed-width copy."""
FULL_SHARE = 0.25
NUMBERED_SHARE = 0.7
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号$")
_PERIOD = re.compile(r"[（(][^（）()]{1,20}[）)]$")
_HEADING_KINDS = {"volume", "chapter", "part", "cn", "cn-paren"}


@lru_cache(maxsize=1)
def shapes() -> dict[str, tuple[str, ...]]:
    data = data_yaml("clean_wraps.yaml")
    assert isinstance(data, dict)
    return {k: tuple(v) for k, v in data.items()}


def width(line: str) -> int:
    """Display width in Chinese characters (an ASCII character is half of one), rounded down."""
    return sum(1 if ord(c) < 0x2E80 else 2 for c in line.strip()) // 2


def line_width(lines: list[str]) -> int | None:
    """The width a fixed-width copy cuts its lines at (the most common width of its long lines,
    when a quarter of the lines are within one of it), or None when it does not cut them."""
    widths = [width(ln) for ln in lines if ln.strip() and "\t" not in ln]
    counts = Counter(w for w in widths if w >= FULL_MIN)
    if len(widths) < 8 or not counts:
        return None
    w = max(counts, key=lambda v: (counts[v - 1] + counts[v] + counts[v + 1], v))
    near = counts[w - 1] + counts[w] + counts[w + 1]
    return w if near >= FULL_SHARE * len(widths) and near >= 5 else None


def is_title(line: str) -> bool:
    """A line without a comma or a full stop that ends with a document kind, a bracketed period
    after it allowed (…实施方案（2025—2026年）)."""
    s = _PERIOD.sub("", line.strip())
    return s.endswith(shapes()["title_ends"]) and "，" not in s and "。" not in s and len(s) >= 6


def _is_heading(line: str) -> bool:
    m = line_marker(line)
    return m is not None and m[0] in _HEADING_KINDS and "。" not in line


def standalone(line: str) -> bool:
    """A line that is never joined to the line above it."""
    s = line.strip()
    return (
        line_marker(s) is not None
        or "\t" in s
        or is_title(s)
        or bool(DOC_NUMBER.match(s) or DATE.match(s))
        or s.startswith(shapes()["standalone_starts"])
        or (s.endswith(("：", ":")) and s.startswith("各"))
    )


def _joinable(line: str, full: int | None) -> bool:
    s = line.rstrip()
    if not s or s.endswith(TERMINAL) or s.endswith(("。”", "。’", "！”", "？”")) or "\t" in s:
        return False
    if _is_heading(s) or is_title(s) or DOC_NUMBER.match(s.strip()) or DATE.match(s.strip()):
        return False
    return "。" in s or len(s) >= PROSE_MIN or (full is not None and width(s) >= full - FULL_SLACK)


def numbered_paragraphs(lines: list[str]) -> bool:
    """Whether the text numbers its paragraphs: of the lines that follow a finished sentence,
    ``NUMBERED_SHARE`` start with a number or stand on their own."""
    starts = [b for a, b in zip(lines, lines[1:]) if a.strip().endswith(TERMINAL) and b.strip()]
    return len(starts) >= 5 and sum(1 for b in starts if standalone(b)) >= NUMBERED_SHARE * len(starts)


def _cut_sentence(line: str, full: int | None, numbered: bool) -> bool:
    """A full line that ends a sentence, in a text that numbers its paragraphs: the sentence
    ended at the edge of the line, the paragraph goes on (c06)."""
    s = line.strip()
    ends = s.endswith(TERMINAL) and not s.endswith(("：", ":"))
    return numbered and full is not None and width(s) >= full - FULL_SLACK and ends and not _is_heading(s)


def title_tail(cur: str, nxt: str) -> bool:
    """``nxt`` finishes the title ``cur`` (``…关于印发《…》`` / ``的通知``)."""
    n = nxt.strip()
    return "关于" in cur and len(n) <= 12 and n.startswith(shapes()["title_tails"]) and not cur.rstrip().endswith(TERMINAL)


def join_wraps(text: str) -> RuleOutput:
    lines = text.split("\n")
    full = line_width(lines)
    numbered = full is not None and numbered_paragraphs(lines)
    out: list[str] = []
    changes: list[Change] = []
    i = 0
    while i < len(lines):
        cur = lines[i]
        j = i + 1
        while True:
            k = j
            while k < len(lines) and not lines[k].strip():
                k += 1
            if k >= len(lines):
                break
            nxt = lines[k]
            joinable = _joinable(cur, full) or (_cut_sentence(cur, full, numbered) and k == j)
            if not (title_tail(cur, nxt) or (joinable and not standalone(nxt))):
                break
            changes.append(Change("wraps", "\n" * (k - j + 1), "", i + 1))
            cur = cur.rstrip() + nxt.lstrip()
            j = k + 1
        out.append(cur)
        i = j
    if not changes:
        return RuleOutput(text)
    return RuleOutput("\n".join(out), tuple(changes))
