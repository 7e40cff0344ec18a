"""Rule ``punctuation``: ASCII punctuation next to Chinese → full-width.

Scraped copies (000, 002, 004) use ``,`` ``:`` ``;`` ``(…)`` inside Chinese
sentences. A mark is converted when a neighbour is Chinese; ``15:57``,
``2.0`` and ``3A`` stay. Parentheses are converted as a pair when the pair
touches or contains Chinese.

Neighbours are looked for across a line break and ``*``: ``wraps`` re-joins a
line broken mid-sentence and ``emphasis`` drops ``**`` markers after this rule
has run, and a mark they bring next to Chinese (``工作`` / ``?``,
``**二是要**:``) would otherwise only be converted by a second clean.
"""

from __future__ import annotations

import re

from ..model import Change
from .base import RuleOutput, is_han, line_marker, substitute

FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_MARK = re.compile(r"[,:;?!]")
_PAIR = re.compile(r"\(([^()]{0,80})\)")
_GAP = " \t\u3000\n*"
_CJK_PUNCT = set("，。、；：？！“”‘’《》（）〔〕【】…—")


def _cjk(c: str) -> bool:
    return is_han(c) or c in _CJK_PUNCT


def _before(text: str, i: int) -> str:
    """The character before index ``i``, across a line break and bold markers."""
    j = i - 1
    while j >= 0 and text[j] in _GAP:
        j -= 1
    return _across(text[j + 1 : i], text[j] if j >= 0 else "", text[i - 1] if i else "")


def _after(text: str, i: int) -> str:
    """The character after index ``i``, across a line break and bold markers."""
    j = i + 1
    while j < len(text) and text[j] in _GAP:
        j += 1
    return _across(text[i + 1 : j], text[j] if j < len(text) else "", text[i + 1] if i + 1 < len(text) else "")


def _across(gap: str, far: str, near: str) -> str:
    # Spaces at a line break go (wraps, spacing); spaces inside a line stay, and
    # so does the gap they make.
    if "\n" in gap or not gap.strip("*"):
        return far
    return near


def _marks(text: str) -> RuleOutput:
    def mark(m: re.Match[str]) -> str:
        i = m.start()
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if prev.isdigit() and nxt.isdigit():
            return m.group(0)
        return FULL[m.group(0)] if (_cjk(_before(text, i)) or _cjk(_after(text, i))) else m.group(0)

    return substitute("punctuation", _MARK, mark, text)


def _pairs(t: str) -> RuleOutput:
    def pair(m: re.Match[str]) -> str:
        prev = _before(t, m.start())
        inner = m.group(1)
        if _cjk(prev) or any(_cjk(c) for c in inner) or inner in {"一", "二"}:
            return f"（{inner}）"
        return m.group(0)

    return substitute("punctuation", _PAIR, pair, t)


_CLOSE = re.compile(r"^(\d{1,2})\)(?=[\u4e00-\u9fff])", re.M)
"""A number closed by an ASCII parenthesis at a line start, before Chinese (b06 ``1)开展…``)."""


def fullwidth_punctuation(text: str) -> RuleOutput:
    closed = substitute("punctuation", _CLOSE, lambda m: m.group(1) + "）", text)
    out = _fullwidth(closed.text)
    return RuleOutput(out.text, closed.changes + out.changes)


def _fullwidth(text: str) -> RuleOutput:
    # A converted mark can make its neighbour convertible (``中,(a)``: the comma,
    # then the parentheses), so passes repeat until nothing changes; each pass
    # only turns ASCII marks full-width, so this ends.
    changes: list[Change] = []
    while True:
        marks = _marks(text)
        pairs = _pairs(marks.text)
        if not marks.changes and not pairs.changes:
            return RuleOutput(text, tuple(changes))
        changes.extend(marks.changes + pairs.changes)
        text = pairs.text


_DOUBLED = re.compile(r"[，。；：、]{2,}")
_STRENGTH = "、，：；。"
"""Weakest first: of a run of marks the strongest is kept (``，。`` → ``。``)."""


def doubled_punctuation(text: str) -> RuleOutput:
    """Rule ``doubled-punctuation``: a run of the same or of different sentence marks the source
    doubled by mistake (b05 ``办法，，健全``, d07 ``管理。。做好``) becomes the strongest of them;
    ``……``, ``——``, ``？！`` and a mark before a closing quote (``。”``) are not such runs, and the
    mark of a heading number (``一、``) is the number's, not part of a run."""

    def one(m: re.Match[str]) -> str:
        run = m.group(0)
        start = text.rfind("\n", 0, m.start()) + 1
        marker = line_marker(text[start : m.start() + 1])
        if marker is not None and start + len(marker[2]) == m.start() + 1:  # 一、 owns its 、
            rest = run[1:]
            return run[0] + (max(rest, key=_STRENGTH.index) if len(rest) >= 2 else rest)
        return max(run, key=_STRENGTH.index)

    return substitute("doubled-punctuation", _DOUBLED, one, text)
