"""Rule ``simplify``: traditional → simplified characters (OpenCC ``tw2s``), on traditional text only.

``tw2s`` rather than ``t2s``: ``t2s`` leaves 著 in 著力/接著/著重. Corner
brackets 「」『』 become “”‘’ as simplified texts write them. Changes are
logged per run of changed characters.

``tw2s`` must never see simplified text: it turns 显著 into 显着 (著 is a
simplified character too). So the rule first decides whether the document is
traditional, by the share of *traditional-only* characters: characters ``tw2s``
changes that are not common simplified characters (``data/common_han.txt``). A
document whose running text (lines of ``DOC_LINE_MIN`` Han characters or more
that are not site chrome by their own features; all lines of a text that has
none) holds at least ``DOC_SHARE`` of its Han characters so is traditional, and every line of
it goes through ``tw2s`` (a traditional line may hold only shared characters,
著力 among them). In any other document only the traditional-only characters
themselves are replaced, one by one, so a simplified notice passes through
unchanged and a stray 於 in it does not bring 显著 → 显着 with it. Either way no
traditional-only character is left, so a second clean changes nothing.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..model import Change
from .base import RuleOutput, is_han, make_change
from .chrome import classify, probe
from .lost_bytes import common_han

QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’"}
DOC_SHARE = 0.1
"""A traditional mirror writes ~20–30% of its Han characters in traditional-only forms; a
simplified notice none, or a stray one in a name."""
DOC_MIN = 1
DOC_LINE_MIN = 8


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("tw2s")


@lru_cache(maxsize=1)
def traditional_only() -> frozenset[str]:
    """The characters ``tw2s`` changes on their own that are not common simplified characters."""
    chars = [chr(c) for c in range(0x4E00, 0xA000)] + [chr(c) for c in range(0x3400, 0x4DC0)]
    converted = _converter().convert("\n".join(chars)).split("\n")
    common = common_han()
    return frozenset(a for a, b in zip(chars, converted) if a != b and a not in common)


def _counts(text: str) -> tuple[int, int]:
    """(traditional-only characters, Han characters) of ``text``."""
    trad = traditional_only()
    return sum(1 for c in text if c in trad), sum(1 for c in text if is_han(c))


def is_traditional(lines: list[str]) -> bool:
    """Whether a document is traditional (see the module docstring)."""
    trad = traditional_only()
    counts = [(sum(1 for c in ln if c in trad), sum(1 for c in ln if is_han(c))) for ln in lines]
    running = [(t, h) for ln, (t, h) in zip(lines, counts) if h >= DOC_LINE_MIN and classify(probe(ln)) is None]
    t, h = (sum(x) for x in zip(*(running or counts or [(0, 0)])))
    return t >= DOC_MIN and t >= DOC_SHARE * h


@lru_cache(maxsize=1 << 12)
def _single(c: str) -> str:
    return _converter().convert(c)


def _runs(before: str, after: str, line: int) -> list[Change]:
    """One change per run of consecutive changed characters of a line (``before`` and ``after`` have the same length)."""
    a = np.frombuffer(before.encode("utf-32-le"), dtype=np.uint32)
    b = np.frombuffer(after.encode("utf-32-le"), dtype=np.uint32)
    diff = np.flatnonzero(a != b)
    if not len(diff):
        return []
    breaks = np.flatnonzero(np.diff(diff) != 1)
    starts = np.r_[diff[0], diff[breaks + 1]].tolist()
    ends = (np.r_[diff[breaks], diff[-1]] + 1).tolist()
    return [make_change(Change, ("simplify", before[i:j], after[i:j], line)) for i, j in zip(starts, ends)]


def _convert(line: str) -> str:
    out = _converter().convert(line)
    for old, new in QUOTES.items():  # str.replace: ``str.translate`` with a table is slow on long Chinese text
        out = out.replace(old, new)
    return out


def simplify(text: str) -> RuleOutput:
    lines = text.split("\n")
    if is_traditional(lines):
        converted = _convert(text).split("\n")
        if len(converted) != len(lines):  # (a conversion never adds or removes line breaks; be safe)
            converted = [_convert(line) for line in lines]
    else:
        trad = traditional_only()
        if not any(c in trad for c in text):
            return RuleOutput(text)
        converted = ["".join(_single(c) if c in trad else c for c in line) for line in lines]
    changes: list[Change] = []
    for n, (a, b) in enumerate(zip(lines, converted), 1):
        if a == b:
            continue
        if len(a) == len(b):
            changes.extend(_runs(a, b, n))
        else:  # a phrase conversion changed the length: log the whole line
            changes.append(Change("simplify", a, b, n))
    if not changes:
        return RuleOutput(text)
    return RuleOutput("\n".join(converted), tuple(changes))
