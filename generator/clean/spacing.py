"""Rule ``spacing``: remove spaces inside Chinese text.

Hard-wrapped copies (001 ``2023 年``, 003 ``根据上海市 国民经济``) leave spaces
between characters that Chinese does not space. Whitespace between two
Chinese characters, or between Chinese and a digit, is removed; spaces between
Latin words (``C TO C``) stay. Leading and trailing spaces of lines go too.
"""

from __future__ import annotations

import re

from .base import RuleOutput, substitute

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’…—"
_RUN = re.compile(r"[ \t\u00a0\u3000]+")
_HAN = re.compile(rf"[{_CJK}]")
_HAN_OR_DIGIT = re.compile(rf"[{_CJK}0-9]")
_EDGES = re.compile(r"^[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+$", re.M)


def remove_cjk_spaces(text: str) -> RuleOutput:
    def inner(m: re.Match[str]) -> str:
        """A whole run of spaces between Chinese and Chinese or a digit (either side) goes."""
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        han_before, han_after = bool(before and _HAN.match(before)), bool(after and _HAN.match(after))
        if (han_before and after and _HAN_OR_DIGIT.match(after)) or (han_after and before and _HAN_OR_DIGIT.match(before)):
            return ""
        return m.group(0)

    first = substitute("spacing", _RUN, inner, text)
    second = substitute("spacing", _EDGES, lambda m: "", first.text)
    return RuleOutput(second.text, first.changes + second.changes)
