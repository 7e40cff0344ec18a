"""The rule type and the edit helpers every cleaning rule shares.

A rule is a pure function ``str -> RuleOutput``: the new text, the changes it
made (so nothing is removed silently) and any metadata it found in the lines it
removed. ``RuleOutput.text`` alone is the ``str -> str`` view of a rule.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Change

DATE_LINE = re.compile(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d〇○零一二三四五六七八九十]{1,3}月[\d〇○零一二三四五六七八九十]{1,3}日(?:印发)?$")
"""A line that is a date alone (a signature's 成文日期, or the 印发 date), in Arabic or Chinese numerals."""


@dataclass(frozen=True)
class RuleOutput:
    text: str
    changes: tuple[Change, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[str], RuleOutput]
    doc: str = field(default="")

    def __call__(self, text: str) -> str:
        return self.apply(text).text


class LineIndex:
    """Maps character offsets of a text to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None  # made on the first lookup: most rules change nothing

    def line(self, offset: int) -> int:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self._text)]
        return bisect.bisect_right(self._starts, offset)


make_change = tuple.__new__
"""``Change(…)`` without the named tuple's Python-level constructor (rules record ~10⁵ changes per 1,000 sources)."""


def substitute(name: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], text: str) -> RuleOutput:
    """``pattern.sub`` that records a ``Change`` for every match it alters (the text is put
    together by ``re`` itself: a noisy source has thousands of matches)."""
    index = LineIndex(text)
    changes: list[Change] = []
    append = changes.append

    def record(m: re.Match[str]) -> str:
        new = repl(m)
        old = m.group(0)
        if new != old:
            append(make_change(Change, (name, old, new, index.line(m.start()))))
        return new

    out = pattern.sub(record, text)
    return RuleOutput(out, tuple(changes)) if changes else RuleOutput(text)


def drop_lines(name: str, text: str, keep: Callable[[str], bool]) -> RuleOutput:
    """Remove the lines for which ``keep`` is false, recording each removal."""
    lines = text.split("\n")
    kept: list[str] = []
    changes: list[Change] = []
    for n, line in enumerate(lines, 1):
        if keep(line):
            kept.append(line)
        else:
            changes.append(Change(name, line, "", n))
    return RuleOutput("\n".join(kept), tuple(changes)) if changes else RuleOutput(text)


def is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def line_marker(line: str) -> tuple[str, int, str] | None:
    """``parse.numbering.line_marker``, imported on first use: the parse package imports the
    assemble stage, which imports this package, so a module-level import would be circular."""
    from ..parse.numbering import line_marker as marker

    return marker(line)
