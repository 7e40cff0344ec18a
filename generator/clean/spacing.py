"""Rule ``spacing``: remove spaces inside Chinese text.

Hard-wrapped copies (001 ``2023 年``, 003 ``根据上海市 国民经济``) leave spaces
between characters that Chinese does not space. Whitespace between two
Chinese characters, or between Chinese and a digit, is removed; spaces between
Latin words (``C TO C``) stay. Leading and trailing spaces of lines go too.
"""

from __future__ import annotations

import re

from ..model import Change
from .base import RuleOutput, make_change, substitute

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’…—"
_SPACES = " \t\u00a0\u3000"
_RUN = re.compile(f"[{_SPACES}]+")
_HAN = re.compile(rf"[{_CJK}]")
_HAN_OR_DIGIT = re.compile(rf"[{_CJK}0-9]")
_EDGES = re.compile(f"^[{_SPACES}]+|[{_SPACES}]+$", re.M)
"""The spaces at the edges of lines (what ``_strip_edges`` removes; the tests hold it to this pattern)."""


def remove_cjk_spaces(text: str) -> RuleOutput:
    def inner(m: re.Match[str]) -> str:
        """A whole run of spaces between Chinese and Chinese or a digit (either side) goes."""
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        han_before, han_after = bool(before and _HAN.match(before)), bool(after and _HAN.match(after))
        if (han_before and after and _HAN_OR_DIGIT.match(after)) or (han_after and before and _HAN_OR_DIGIT.match(before)):
            return ""
        return m.group(0)

    first = substitute("spacing", _RUN, inner, text)
    second = _strip_edges(first.text)
    return RuleOutput(second.text, first.changes + second.changes)


def _strip_edges(text: str) -> RuleOutput:
    """Leading and trailing spaces of every line removed, a change for each run (what
    ``_EDGES`` matches, found by a loop over the line rather than that pattern; benchmarks/README.md)."""
    lines = text.split("\n")
    changes: list[Change] = []
    for n, line in enumerate(lines):
        if line[:1] in _SPACES or line[-1:] in _SPACES:  # (an empty line is neither)
            rest = line.lstrip(_SPACES)
            kept = rest.rstrip(_SPACES)
            if len(rest) < len(line):
                changes.append(make_change(Change, ("spacing", line[: len(line) - len(rest)], "", n + 1)))
            if len(kept) < len(rest):
                changes.append(make_change(Change, ("spacing", rest[len(kept) :], "", n + 1)))
            lines[n] = kept
    return RuleOutput("\n".join(lines), tuple(changes)) if changes else RuleOutput(text)
