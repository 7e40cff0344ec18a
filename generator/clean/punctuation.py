"""Rule ``punctuation``: ASCII punctuation next to Chinese → full-width.

Scraped copies (000, 002, 004) use ``,`` ``:`` ``;`` ``(…)`` inside Chinese
sentences. A mark is converted when a neighbour is Chinese; ``15:57``,
``2.0`` and ``3A`` stay. Parentheses are converted as a pair when the pair
touches or contains Chinese.
"""

from __future__ import annotations

import re

from .base import RuleOutput, is_han, substitute

FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_MARK = re.compile(r"[,:;?!]")
_PAIR = re.compile(r"\(([^()\n]{0,80})\)")
_CJK_PUNCT = set("，。、；：？！“”‘’《》（）〔〕【】…—")


def _cjk(c: str) -> bool:
    return is_han(c) or c in _CJK_PUNCT


def fullwidth_punctuation(text: str) -> RuleOutput:
    def mark(m: re.Match[str]) -> str:
        i = m.start()
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if prev.isdigit() and nxt.isdigit():
            return m.group(0)
        return FULL[m.group(0)] if (_cjk(prev) or _cjk(nxt)) else m.group(0)

    first = substitute("punctuation", _MARK, mark, text)
    t = first.text

    def pair(m: re.Match[str]) -> str:
        i = m.start()
        prev = t[i - 1] if i else ""
        inner = m.group(1)
        if _cjk(prev) or any(_cjk(c) for c in inner) or inner in {"一", "二"}:
            return f"（{inner}）"
        return m.group(0)

    second = substitute("punctuation", _PAIR, pair, t)
    return type(first)(second.text, first.changes + second.changes)
