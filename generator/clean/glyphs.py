"""Rules ``invisible`` and ``radicals``: characters a reader cannot see or that only look right.

``invisible``: zero-width spaces and joiners, word joiners, soft hyphens, a byte-order mark
inside the text and stray carriage returns carry nothing a reader sees but split words for
search and break the patterns of later rules (a07 writes ``“川渝通办”+U+200B+，``). They are
removed, each run logged. Form feeds are page breaks: ``page-furniture`` reads and removes them.

``radicals``: a PDF text layer often maps a character's glyph to the radical code point of the
same shape (c06 ``⼯作`` for 工作, U+2F2F KANGXI RADICAL WORK). Kangxi radicals go to their
compatibility character (NFKC); radicals of the CJK Radicals Supplement that depict a whole
simplified character go by ``data/clean_radicals.tsv``. Text written with real characters has
no radical code points, so clean text is never touched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..datafiles import table
from .base import RuleOutput, substitute

_INVISIBLE = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff\u00ad\r]+")
_RADICAL = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5]")


def strip_invisible(text: str) -> RuleOutput:
    return substitute("invisible", _INVISIBLE, lambda m: "", text)


@lru_cache(maxsize=1)
def _supplement() -> dict[str, str]:
    return dict(table("clean_radicals.tsv", ("radical", "character")))  # type: ignore[arg-type]


def _character(radical: str) -> str:
    if radical >= "\u2f00":
        return unicodedata.normalize("NFKC", radical)
    return _supplement().get(radical, radical)


def map_radicals(text: str) -> RuleOutput:
    if not _RADICAL.search(text):
        return RuleOutput(text)
    return substitute("radicals", _RADICAL, lambda m: _character(m.group(0)), text)
