"""Rule ``pinyin``: strip inline pinyin annotations like ``區(qū)``, ``們(men)``.

Seed 000 carries a pinyin reading after every character that differs between
traditional and simplified script. A parenthesis is removed only when every
syllable in it is a pinyin syllable (pypinyin's syllable set), so ``(一)``,
``(2022-2035年)`` and ``(居民公约)`` stay. Toneless syllables are removed only
right after a Han character, where a list label like ``(a)`` cannot be.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..model import Change
from .base import RuleOutput, is_han, substitute

_PAREN = re.compile(r"[(（]([a-zA-Zàáǎāèéěēìíǐīòóǒōùúǔūüǘǚǜǖńňǹ ]{1,24})[)）]")


@lru_cache(maxsize=1 << 14)
def _toneless(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).replace("ü", "v")


@lru_cache(maxsize=1)
def syllables() -> tuple[frozenset[str], frozenset[str]]:
    """(toned syllables, toneless syllables) known to pypinyin."""
    from pypinyin.pinyin_dict import pinyin_dict

    toned: set[str] = set()
    for readings in pinyin_dict.values():
        toned.update(readings.split(","))
    toneless = {_toneless(s) for s in toned}
    return frozenset(toned), frozenset(toneless)


@lru_cache(maxsize=1 << 16)
def _is_pinyin(content: str, after_han: bool) -> bool:
    toned, toneless = syllables()
    words = content.lower().split()
    if not words:
        return False
    has_tone = any(_toneless(w) != w for w in words)
    if has_tone:
        return all(w in toned or _toneless(w) in toneless for w in words)
    return after_han and all(w in toneless for w in words)


def _strip_once(text: str) -> RuleOutput:
    def repl(m: re.Match[str]) -> str:
        prev = text[m.start() - 1] if m.start() else ""
        return "" if _is_pinyin(m.group(1), is_han(prev)) else m.group(0)

    return substitute("pinyin", _PAREN, repl, text)


def strip_pinyin(text: str) -> RuleOutput:
    # A toneless reading can follow a removed toned one (``一(qū)(men)``): it is
    # after a Han character only once the first is gone, so repeat until stable.
    changes: list[Change] = []
    while True:
        out = _strip_once(text)
        if not out.changes:
            return RuleOutput(text, tuple(changes))
        changes.extend(out.changes)
        text = out.text
