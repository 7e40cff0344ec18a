"""Rule ``emphasis``: drop Markdown bold markers leaking from the source.

Seed 001 writes item titles as ``6、**创新推动福彩事业发展。**``: the markers
are emphasis of the title, not text. The parse stage takes the first sentence
as the title anyway, so the markers are removed (and logged).

A bold span may be broken by a hard wrap or a page break (``**持续推进养老服务``
/ ``设施建设。**``): the rule runs before ``wraps`` re-joins such lines, so a
span may run over line breaks, and whitespace at a break next to a marker
counts as nothing (``wraps`` removes it); otherwise the markers would survive
the first clean and only go on a second one.
"""

from __future__ import annotations

import re

from ..model import Change
from .base import RuleOutput, substitute

_BOLD = re.compile(r"\*\*(?=(?:[ \t]*\n\s*)?[^\s*])([^*]{1,200}?)(?<=[^\s*])(\s*\n[ \t]*)?\*\*")


def strip_bold(text: str) -> RuleOutput:
    # Removing one pair can make two stray markers a pair (``**`` / ``**x**`` /
    # ``**``): repeat until stable, as a second clean would.
    changes: list[Change] = []
    while True:
        out = substitute("emphasis", _BOLD, lambda m: m.group(1) + (m.group(2) or ""), text)
        if not out.changes:
            return RuleOutput(text, tuple(changes))
        changes.extend(out.changes)
        text = out.text
