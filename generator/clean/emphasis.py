"""Rule ``emphasis``: drop Markdown bold markers leaking from the source.

Seed 001 writes item titles as ``6、**创新推动福彩事业发展。**``: the markers
are emphasis of the title, not text. The parse stage takes the first sentence
as the title anyway, so the markers are removed (and logged).
"""

from __future__ import annotations

import re

from .base import RuleOutput, substitute

_BOLD = re.compile(r"\*\*(?=\S)([^*\n]{1,200}?)(?<=\S)\*\*")


def strip_bold(text: str) -> RuleOutput:
    return substitute("emphasis", _BOLD, lambda m: m.group(1), text)
