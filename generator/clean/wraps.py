"""Rule ``wraps``: re-join lines broken inside a sentence.

001 and 003 break lines (often with a blank line between, where a page ended)
in the middle of a sentence: ``纳入动态监测`` / ``范围，加强…``. A line is
joined to the next non-empty line when it is prose (has a 。 or is long), does
not end a sentence, is not a numbered heading, and the next line does not start
with a numbering pattern.
"""

from __future__ import annotations

from ..model import Change
from ..parse.numbering import line_marker
from .base import RuleOutput

TERMINAL = tuple("。！？；：…")
PROSE_MIN = 40


def _is_heading(line: str) -> bool:
    m = line_marker(line)
    return m is not None and m[0] in {"chapter", "part", "cn", "cn-paren"} and "。" not in line


def _joinable(line: str) -> bool:
    s = line.rstrip()
    if not s or s.endswith(TERMINAL) or s.endswith(("。”", "。’", "！”", "？”")):
        return False
    if _is_heading(s):
        return False
    return "。" in s or len(s) >= PROSE_MIN


def join_wraps(text: str) -> RuleOutput:
    lines = text.split("\n")
    out: list[str] = []
    changes: list[Change] = []
    i = 0
    while i < len(lines):
        cur = lines[i]
        j = i + 1
        while _joinable(cur):
            k = j
            while k < len(lines) and not lines[k].strip():
                k += 1
            if k >= len(lines) or line_marker(lines[k].lstrip()) is not None:
                break
            changes.append(Change("wraps", "\n" * (k - j + 1), "", i + 1))
            cur = cur.rstrip() + lines[k].lstrip()
            j = k + 1
        out.append(cur)
        i = j
    if not changes:
        return RuleOutput(text)
    return RuleOutput("\n".join(out), tuple(changes))
