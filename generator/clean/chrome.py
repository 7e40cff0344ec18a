"""Rule ``chrome``: remove site chrome lines, keep the metadata they carry.

The patterns are data (``data/chrome.tsv``). A removed line is logged in full;
a matched ``value`` group becomes metadata (002's 发布日期 line gives the
publication date, 004's list gives 索引号 and 文号, 000's 印发 line the date).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import table
from ..model import Change
from .base import RuleOutput

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    return tuple((name, re.compile(pat), meta) for name, pat, meta in table("chrome.tsv", ("name", "pattern", "meta")))


@lru_cache(maxsize=1)
def _combined() -> re.Pattern[str]:
    """All patterns as one alternation (tried in table order, as a loop over them would be):
    one regex call per line instead of one per pattern. Pattern k is group ``r<k>``, its
    ``value`` group ``v<k>``."""
    parts = [f"(?P<r{k}>{pat.pattern.replace('(?P<value>', f'(?P<v{k}>')})" for k, (_, pat, _) in enumerate(patterns())]
    return re.compile("|".join(parts))


def strip_chrome(text: str) -> RuleOutput:
    kept: list[str] = []
    changes: list[Change] = []
    meta: list[tuple[str, str]] = []
    table = patterns()
    combined = _combined()
    for n, line in enumerate(text.split("\n"), 1):
        probe = _SPACES.sub(" ", line).strip()
        m = combined.match(probe) if probe else None
        if m is None:
            kept.append(line)
            continue
        k = int(m.lastgroup[1:])  # type: ignore[index]
        changes.append(Change("chrome", line, "", n))
        value = m.groupdict().get(f"v{k}")
        if table[k][2] != "-" and value:
            meta.append((table[k][2], value.strip()))
    if not changes:
        return RuleOutput(text)
    return RuleOutput("\n".join(kept), tuple(changes), tuple(meta))
