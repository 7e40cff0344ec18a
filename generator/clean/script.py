"""Rule ``simplify``: traditional → simplified characters (OpenCC ``tw2s``).

``tw2s`` rather than ``t2s``: ``t2s`` leaves 著 in 著力/接著/著重. Corner
brackets 「」『』 become “”‘’ as simplified texts write them. Changes are
logged per run of changed characters.
"""

from __future__ import annotations

from functools import lru_cache

from ..model import Change
from .base import LineIndex, RuleOutput

QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("tw2s")


def _runs(before: str, after: str, index: LineIndex) -> list[Change]:
    changes: list[Change] = []
    i, n = 0, len(before)
    while i < n:
        if before[i] == after[i]:
            i += 1
            continue
        j = i
        while j < n and before[j] != after[j]:
            j += 1
        changes.append(Change("simplify", before[i:j], after[i:j], index.line(i)))
        i = j
    return changes


def simplify(text: str) -> RuleOutput:
    out = _converter().convert(text).translate(QUOTES)
    if out == text:
        return RuleOutput(text)
    index = LineIndex(text)
    if len(out) == len(text):
        return RuleOutput(out, tuple(_runs(text, out, index)))
    # Phrase conversions changed the length: log whole lines.
    changes = [Change("simplify", a, b, n) for n, (a, b) in enumerate(zip(text.split("\n"), out.split("\n")), 1) if a != b]
    return RuleOutput(out, tuple(changes))
