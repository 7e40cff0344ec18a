"""Rule ``simplify``: traditional → simplified characters (OpenCC ``tw2s``).

``tw2s`` rather than ``t2s``: ``t2s`` leaves 著 in 著力/接著/著重. Corner
brackets 「」『』 become “”‘’ as simplified texts write them. Changes are
logged per run of changed characters.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..model import Change
from .base import LineIndex, RuleOutput, make_change

QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’"}


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("tw2s")


def _runs(before: str, after: str, index: LineIndex) -> list[Change]:
    """One change per run of consecutive changed characters (``before`` and ``after`` have the same length)."""
    a = np.frombuffer(before.encode("utf-32-le"), dtype=np.uint32)
    b = np.frombuffer(after.encode("utf-32-le"), dtype=np.uint32)
    diff = np.flatnonzero(a != b)
    if not len(diff):
        return []
    breaks = np.flatnonzero(np.diff(diff) != 1)
    starts = np.r_[diff[0], diff[breaks + 1]].tolist()
    ends = (np.r_[diff[breaks], diff[-1]] + 1).tolist()
    return [make_change(Change, ("simplify", before[i:j], after[i:j], index.line(i))) for i, j in zip(starts, ends)]


def simplify(text: str) -> RuleOutput:
    out = _converter().convert(text)
    for old, new in QUOTES.items():  # str.replace: ``str.translate`` with a table is slow on long Chinese text
        out = out.replace(old, new)
    if out == text:
        return RuleOutput(text)
    index = LineIndex(text)
    if len(out) == len(text):
        return RuleOutput(out, tuple(_runs(text, out, index)))
    # Phrase conversions changed the length: log whole lines.
    changes = [Change("simplify", a, b, n) for n, (a, b) in enumerate(zip(text.split("\n"), out.split("\n")), 1) if a != b]
    return RuleOutput(out, tuple(changes))
