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
_INNER = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+(?=[{_CJK}0-9])|(?<=[{_CJK}0-9])[ \t\u00a0\u3000]+(?=[{_CJK}])")
_EDGES = re.compile(r"^[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+$", re.M)


def remove_cjk_spaces(text: str) -> RuleOutput:
    first = substitute("spacing", _INNER, lambda m: "", text)
    second = substitute("spacing", _EDGES, lambda m: "", first.text)
    return RuleOutput(second.text, first.changes + second.changes)
