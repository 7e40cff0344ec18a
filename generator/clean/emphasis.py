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


_MD_LINK = re.compile(r"!?\[([^\[\]\n]{0,200})\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
_MD_BULLET = re.compile(r"^[ \t]{0,3}[*+-][ \t]+(?=\S)", re.M)
_MD_RULE = re.compile(r"^[ \t]*(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$", re.M)
MD_LINKS_MIN = 2
"""A text with fewer Markdown links than this is not a Markdown scrape: its brackets are text."""


def _link(m: re.Match[str]) -> str:
    return "" if m.group(0).startswith("!") else m.group(1)


def strip_markdown(text: str) -> RuleOutput:
    """Rule ``markdown``: the syntax of a Markdown scrape (b05): a link ``[text](url)`` becomes
    its text, an image ``![alt](url)`` goes, and so do heading marks ``# ``, list bullets ``* ``
    and rule lines ``* * *``. Only in a text that holds ``MD_LINKS_MIN`` links or more: elsewhere a
    ``[…](…)`` or a leading ``*`` is the notice's own text."""
    if "](" not in text or len(_MD_LINK.findall(text)) < MD_LINKS_MIN:
        return RuleOutput(text)
    changes: list[Change] = []
    for pattern, repl in ((_MD_LINK, _link), (_MD_RULE, lambda m: ""), (_MD_HEADING, lambda m: ""), (_MD_BULLET, lambda m: "")):
        while True:  # a link inside a link's text ([![logo](…)](…)) is left by the first pass
            out = substitute("markdown", pattern, repl, text)
            if not out.changes:
                break
            changes.extend(out.changes)
            text = out.text
    return RuleOutput(text, tuple(changes))
