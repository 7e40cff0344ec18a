"""Parse, part 3: bodies that run their headings inline (``lines -> lines``).

A document-sharing copy (seed 003, ``003_0519a0b35b7523cb.txt``) loses the
line structure: after cleaning the whole plan is one line, headings and item
titles glued to the text around them: ``…制定本规划。一、“十三五”松江区民政
事业发展回顾“十三五”时期，…（一）加强社会救助托底保障工作1、完善社会救助
政策体系出台关于…`` (one line in the cleaned text).
``split_runon`` cuts such lines at the inline numbering markers and cuts each
heading's title off the text glued to it, so the ordinary tokeniser sees one
numbered title per line and the text on the lines after it.

Markers: ``（一）`` anywhere; ``一、`` only when it continues the running count
of top-level headings after a sentence end; ``1、`` (or ``1.`` / ``1．``, not a decimal
point) after a sentence end, or when it is ``1、`` (the first item comes right after a
heading title).

Title heuristic: a title is 4–30 characters without punctuation, and the text
glued to it opens a sentence. Sentences in these plans open with an adverb,
a preposition phrase or a time phrase (深入贯彻…, 按照…, 以…为抓手,
“十三五”期间, 2016年) — strong openers — or with a bare verb (加强, 完善,
深化) — weak openers, which also occur inside titles (形成文明新风), so a
strong opener is looked for first. A segment without punctuation that runs
straight into the next marker is a title as a whole (``（一）进一步织密打牢兜底保障网``).
When no opener is found the line is left whole and the title is its first
sentence, as for any other document. (A run-on copy whose titles end with a
full stop, 1、推进“政策找人”工作。, would lose words to a weak opener inside
them: none of the seeds is one.)

``needs_split`` gates all of this: only a body with a very long line carrying
several inline heading markers is split; the clean seeds (001, 002, 004:
lines of at most 551 characters) never reach it.
"""

from __future__ import annotations

import re

from ..datafiles import data_yaml
from .numbering import cn_to_int

LONG_LINE = 1000
"""The clean seeds' longest line has 551 characters; restored 003 is one line of ~14,000."""
MIN_MARKERS = 3
MIN_TITLE = 4
"""003's shortest titles: 持续推进, 指导思想."""
MAX_TITLE = 30
"""003's longest title glued to its text has 21 characters (推进长三角和对口帮扶点民政社会建设工作联动)."""
MAX_BARE_TITLE = 60
"""A segment that runs into the next marker without punctuation is a title up to this length."""

_INLINE = re.compile(
    r"（(?P<paren>[一二三四五六七八九十]{1,3})）"
    r"|(?<![\d.．第])(?P<num>\d{1,2})(?:、|．|\.(?!\d))"
    r"|(?<![一二三四五六七八九十百〇第])(?P<cn>[一二三四五六七八九十]{1,3})、"
)
_HEADING_MARKERS = re.compile(
    r"（[一二三四五六七八九十]{1,3}）"
    r"|(?<![一二三四五六七八九十百〇第])[一二三四五六七八九十]{1,3}、"
)
_SENTENCE_END = tuple("。；！？")
_STOP = re.compile(r"[。，；！？：]|——")
_OPENERS = data_yaml("runon_openers.yaml")
_STRONG = re.compile("|".join(_OPENERS["strong"]))
_WEAK = re.compile("|".join(_OPENERS["weak"]))


def needs_split(lines: list[str]) -> bool:
    """Whether the body runs its headings inline: a very long line with several heading markers.

    Being machine-altered is not enough: an altered copy that kept its lines
    parses like any other (its item titles end with 。 and must not be cut).
    """
    return any(len(ln) >= LONG_LINE and len(_HEADING_MARKERS.findall(ln)) >= MIN_MARKERS for ln in lines)


def _after_sentence(line: str, pos: int) -> bool:
    before = line[:pos].rstrip()
    return not before or before.endswith(_SENTENCE_END) or before.endswith(("。”", "）"))


def _markers(line: str, top: int) -> tuple[list[tuple[int, int]], int]:
    """(start, end) of the accepted inline markers, and the running top-level count after the line.
    An item number is accepted after a sentence end, or anywhere when it is 1 or continues the
    item count (numbering that runs on through the headings: …体系4.推进…)."""
    found: list[tuple[int, int]] = []
    last = 0
    for m in _INLINE.finditer(line):
        if m.group("paren"):
            ok = m.end() < len(line) and not _STOP.match(line, m.end())
        elif m.group("num"):
            n = int(m.group("num"))
            ok = n in (1, last + 1) or _after_sentence(line, m.start())
            last = n if ok else last
        else:
            ok = cn_to_int(m.group("cn")) == top + 1 and _after_sentence(line, m.start())
            top += ok
        if ok:
            found.append((m.start(), m.end()))
    return found, top


def title_end(segment: str) -> int | None:
    """Where the title glued to the start of ``segment`` ends (None: no split)."""
    stop_m = _STOP.search(segment)
    if stop_m is None and len(segment) <= MAX_BARE_TITLE:
        return len(segment)
    stop = min(stop_m.start() if stop_m else MAX_TITLE, MAX_TITLE)
    for pattern in (_STRONG, _WEAK):
        for p in range(MIN_TITLE, stop + 1):
            if pattern.match(segment, p):
                return p
    return None


def _split_line(line: str, top: int) -> tuple[list[str], int]:
    found, top = _markers(line, top)
    if not found:
        return [line], top
    out = [line[: found[0][0]]] if found[0][0] > 0 else []
    bounds = [s for s, _ in found[1:]] + [len(line)]
    for (start, end), nxt in zip(found, bounds):
        segment = line[end:nxt]
        cut = title_end(segment)
        if cut is None or cut >= len(segment):
            out.append(line[start:nxt])
        else:
            out.extend([line[start : end + cut], segment[cut:]])
    return [ln for ln in out if ln.strip()], top


def split_runon(lines: list[str], title: str = "") -> list[str]:
    """Lines cut at inline markers; a first body line that starts with the plan title is cut after it."""
    out: list[str] = []
    top = 0
    for line in lines:
        if title and line.startswith(title) and len(line) > len(title) and not out:
            out.append(title)
            line = line[len(title) :]
        parts, top = _split_line(line, top)
        out.extend(parts)
    return out
