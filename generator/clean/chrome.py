"""Rule ``chrome``: remove site chrome lines, keep the metadata they carry.

A line is chrome by its shape (``data/chrome.tsv``: a 抄送 line, a file name, a WeChat byline
or time stamp, a site name …), by its features (``chrome_lines``: chrome fields such as
发布时间/来源/浏览次数, interface words and counters, site footers, navigation bars) or by its
place (``chrome_context``: link lists, short lines among chrome, a WeChat headline, a news
lead, a portal's page title). Every removed line is logged in full. A shape's ``value`` group and a field that
names metadata become metadata (a line that states a sharing site's page count is left to
``page-markers``, which reads the count and removes it): a portal's publication date → ``published``, 成文日期 →
``date``, 索引号 → ``index_number``, 文号 → ``doc_number``, 发布机构 → ``issuer``; 000's 印发
line gives ``printed``; a page title is kept as ``page_title``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import table
from ..model import Change
from . import chrome_context as context
from . import chrome_lines as lines_of
from .base import RuleOutput, line_marker
from .sharing_pages import line_count

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
CELL = 12
_SENTENCE = re.compile(r"[。，；！？,;!?]")


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


def probe(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def classify(probe_text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """(kind, metadata) when the line is chrome by its shape or its features, else None."""
    m = _combined().match(probe_text)
    if m is not None:
        k = int(m.lastgroup[1:])  # type: ignore[index]
        name, _, key = patterns()[k]
        value = m.groupdict().get(f"v{k}")
        return name, [(key, value.strip())] if key != "-" and value else []
    pairs = lines_of.fields(probe_text)
    if pairs is not None:
        return "fields", pairs
    if lines_of.interface(probe_text):
        return "interface", []
    if lines_of.footer(probe_text):
        return "footer", []
    if lines_of.menu(probe_text):
        return "menu", []
    return None


def _cells_are_not_page_numbers(probes: list[str], chrome: dict[int, str]) -> None:
    """A bare number next to another short line that is not a sentence is a table cell (an HTML
    table read one cell a line), not a page number."""
    texts = [i for i, p in enumerate(probes) if p]
    for k, i in enumerate(texts):
        if chrome.get(i) != "page-number":
            continue
        near = [probes[texts[j]] for j in (k - 1, k + 1) if 0 <= j < len(texts)]
        if any(len(p.replace(" ", "")) <= CELL and not _SENTENCE.search(p) and line_marker(p) is None for p in near):
            del chrome[i]


def strip_chrome(text: str) -> RuleOutput:
    lines = text.split("\n")
    probes = [probe(line) for line in lines]
    chrome: dict[int, str] = {}
    found: dict[int, list[tuple[str, str]]] = {}
    counts = {i for i, p in enumerate(probes) if p and line_count(p) is not None}  # ``page-markers`` reads them
    for i, p in enumerate(probes):
        if p and i not in counts:
            hit = classify(p)
            if hit is not None:
                chrome[i], found[i] = hit
    _cells_are_not_page_numbers(probes, chrome)
    if not chrome:
        return RuleOutput(text)
    context.link_lists(probes, chrome)
    context.headline(probes, chrome)
    context.short_lines(probes, chrome)
    context.lead(probes, chrome)
    for i in counts:
        chrome.pop(i, None)
    title = context.page_title(probes, chrome)
    if title is not None:
        found[title] = [("page_title", probes[title])]
    kept: list[str] = []
    changes: list[Change] = []
    meta: list[tuple[str, str]] = []
    for i, line in enumerate(lines):
        if i not in chrome:
            kept.append(line)
            continue
        changes.append(Change("chrome", line, "", i + 1))
        meta.extend(found.get(i, ()))
    return RuleOutput("\n".join(kept), tuple(changes), tuple(meta))
