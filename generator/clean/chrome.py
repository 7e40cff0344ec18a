"""Rule ``chrome``: remove site chrome lines, keep the metadata they carry.

The patterns are data (``data/chrome.tsv``). A removed line is logged in full;
a matched ``value`` group becomes metadata (002's 发布日期 line gives the
publication date, 004's list gives 索引号 and 文号, 000's 印发 line the date).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Change
from .base import RuleOutput, data_lines

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    return tuple((name, re.compile(pat), meta) for name, pat, meta in data_lines("chrome.tsv"))


def strip_chrome(text: str) -> RuleOutput:
    kept: list[str] = []
    changes: list[Change] = []
    meta: list[tuple[str, str]] = []
    table = patterns()
    for n, line in enumerate(text.split("\n"), 1):
        probe = _SPACES.sub(" ", line).strip()
        for name, pat, key in table:
            m = pat.match(probe) if probe else None
            if m:
                changes.append(Change("chrome", line, "", n))
                if key != "-" and m.group("value"):
                    meta.append((key, m.group("value").strip()))
                break
        else:
            kept.append(line)
    if not changes:
        return RuleOutput(text)
    return RuleOutput("\n".join(kept), tuple(changes), tuple(meta))
