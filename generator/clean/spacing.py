"""Rule ``spacing``: remove spaces inside Chinese text, normalise the ones that separate.

Hard-wrapped copies (001 ``2023 年``, 003 ``根据上海市 国民经济``) leave spaces
between characters that Chinese does not space. Whitespace between two
Chinese characters, or between Chinese and a digit, is removed; spaces between
Latin words (``C TO C``) stay. Leading and trailing spaces of lines go too.

Some spaces separate, and are kept as one separator (clean text writes them so):

- after a heading number of the kinds 第X章/节/条/部分/篇 and 专栏N/表N, one full-width space
  (``第一章　总则``); after 一、 （一） 1. 1、 （1） ①, nothing (b05 ``2. 加强`` → ``2.加强``);
- between the names of joint issuers on one line (a04 ``柳州市民政局 柳州市残疾人联合会关于…``):
  a run between a segment that ends with an organisation word (``data/clean_org_words.txt``)
  and one that is an organisation name, kept as one space (a full-width one when the run was
  wide); a line made only of such names (a joint signature, c02) is split into one line a name.

TABs are left alone: after ``table-cells`` every TAB separates table cells.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import words
from ..model import Change
from .base import RuleOutput, line_marker, make_change, substitute

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’…—"
_SPACES = " \u00a0\u3000"
_RUN = re.compile(f"[{_SPACES}]+")
_HAN = re.compile(rf"[{_CJK}]")
_HAN_OR_DIGIT = re.compile(rf"[{_CJK}0-9]")
_EDGES = re.compile(f"^[{_SPACES}]+|[{_SPACES}]+$", re.M)
"""The spaces at the edges of lines (what ``_strip_edges`` removes; the tests hold it to this pattern)."""
WIDE_AFTER = {"volume", "chapter", "part", "article"}
_CAPTION = re.compile(r"^(?:专栏|附表|表)\d{1,2}$")
_SEGMENT = re.compile(r"[\u4e00-\u9fff（）()]+$")
_OPENER = re.compile(r"^[\u4e00-\u9fff（）()]+?(?=关于|$)")


def after_marker(kind: str) -> str:
    """What separates a heading number of ``kind`` from its title."""
    return "\u3000" if kind in WIDE_AFTER else ""


@lru_cache(maxsize=1)
def _org_words() -> tuple[str, ...]:
    return tuple(sorted(words("clean_org_words.txt"), key=len, reverse=True))


def _is_org(name: str) -> bool:
    return 4 <= len(name) <= 30 and name.endswith(_org_words())


def _separates(text: str, start: int, end: int) -> bool:
    """Whether the run ``text[start:end]`` separates two organisation names on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    left = _SEGMENT.search(text[line_start:start])
    line_end = text.find("\n", end)
    right = _OPENER.match(text[end : line_end if line_end >= 0 else len(text)])
    return bool(left and right and _is_org(left.group(0)) and _is_org(right.group(0)))


def _heading_gap(text: str, start: int) -> str | None:
    """The separator a heading number takes when the run at ``start`` follows one, else None."""
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start].lstrip(_SPACES)
    if _CAPTION.match(head):
        return "\u3000"
    marker = line_marker(head + "x")
    if marker is not None and marker[2] == head:
        return after_marker(marker[0])
    return None


def remove_cjk_spaces(text: str) -> RuleOutput:
    def inner(m: re.Match[str]) -> str:
        """A whole run of spaces between Chinese and Chinese or a digit (either side) goes."""
        run = m.group(0)
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if not before or before == "\n" or not after or after == "\n":
            return run  # a line's edge: ``_strip_edges``
        gap = _heading_gap(text, m.start())
        if gap is not None:
            return gap
        if _separates(text, m.start(), m.end()):
            return "\u3000" if ("\u3000" in run or len(run) >= 2) else " "
        han_before, han_after = bool(_HAN.match(before)), bool(_HAN.match(after))
        if (han_before and _HAN_OR_DIGIT.match(after)) or (han_after and _HAN_OR_DIGIT.match(before)):
            return ""
        return run

    first = substitute("spacing", _RUN, inner, text)
    second = _strip_edges(first.text)
    third = _split_signatures(second.text)
    return RuleOutput(third.text, first.changes + second.changes + third.changes)


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


def _split_signatures(text: str) -> RuleOutput:
    """A line made only of organisation names separated by spaces: one line a name."""
    if " " not in text and "\u3000" not in text:
        return RuleOutput(text)
    lines = text.split("\n")
    changes: list[Change] = []
    for n, line in enumerate(lines):
        parts = re.split(f"[{_SPACES}]+", line)
        if len(parts) >= 2 and all(_SEGMENT.fullmatch(p) and _is_org(p) for p in parts):
            lines[n] = "\n".join(parts)
            for run in re.findall(f"[{_SPACES}]+", line):
                changes.append(Change("spacing", run, "\n", n + 1))
    return RuleOutput("\n".join(lines), tuple(changes)) if changes else RuleOutput(text)
