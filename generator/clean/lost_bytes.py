"""Rule ``lost-bytes``: mark spans where the scrape lost or misaligned bytes.

Seed 000 was decoded with bytes missing: ``落实?；攫B老床位`` where the notice
says 保基本养老床位. Such a span starts at a ``?`` (or U+FFFD) inside Chinese
text and runs over the mojibake that follows: Latin letters, stray
punctuation, box-drawing characters, kana, private-use characters and rare
Han characters (not in ``data/common_han.txt``); a single common character
between suspicious ones is taken along. The span is replaced by ``〓`` (the
typesetter's mark for a missing character) and logged, so the assemble stage
can take that passage from a twin copy.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import words
from ..model import Change
from .base import LineIndex, RuleOutput, is_han

MARK = "〓"
MAX_SPAN = 16
_STARTS = "?\ufffd"
_START = re.compile(f"[{re.escape(_STARTS)}]")
_ODD = set("()（）;!；！?\ufffd")
_SKIP = set(_STARTS) | {MARK, "*", " ", "\t", "\n", "\u3000"}


@lru_cache(maxsize=1)
def common_han() -> frozenset[str]:
    return frozenset("".join(words("common_han.txt")))


def _suspicious(c: str) -> bool:
    if is_han(c):
        return c not in common_han()
    o = ord(c)
    return (
        c.isascii()
        and c.isalpha()
        or c in _ODD
        or 0x00C0 <= o <= 0x024F  # Latin with diacritics (pinyin debris)
        or 0x2500 <= o <= 0x257F  # box drawing
        or 0x3040 <= o <= 0x30FF  # kana
        or 0xE000 <= o <= 0xF8FF  # private use
    )


def _in_chinese(text: str, i: int) -> bool:
    """Han text within three characters on either side, not counting other ``?``, marks, ``*`` and whitespace.

    A run of ``??…`` is one damaged spot: its first ``?`` is in Chinese text
    when its last one is (``????一、``). Whitespace and ``**`` go later
    (``wraps``, ``emphasis``): a ``?`` they separate from Chinese text would
    otherwise be marked only by a second clean.
    """
    window: list[str] = []
    for step in (-1, 1):
        j, seen = i + step, 0
        while 0 <= j < len(text) and seen < 3:
            if text[j] not in _SKIP:
                window.append(text[j])
                seen += 1
            j += step
    return any(is_han(c) for c in window)


def mark_lost_bytes(text: str) -> RuleOutput:
    out: list[str] = []
    changes: list[Change] = []
    index = LineIndex(text)
    i, pos, n = 0, 0, len(text)
    while i < n:
        found = _START.search(text, i)  # jump to the next candidate (the text is long, candidates few)
        if found is None:
            break
        i = found.start()
        if not _in_chinese(text, i):
            i += 1
            continue
        j, last_bad = i + 1, i
        while j < n and j - i < MAX_SPAN and text[j] != "\n":
            if _suspicious(text[j]):
                last_bad = j
            elif j - last_bad > 1:
                break
            j += 1
        end = last_bad + 1
        out.append(text[pos:i])
        out.append(MARK)
        changes.append(Change("lost-bytes", text[i:end], MARK, index.line(i)))
        pos = i = end
    if not changes:
        return RuleOutput(text)
    out.append(text[pos:])
    return RuleOutput("".join(out), tuple(changes))
