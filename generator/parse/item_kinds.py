"""Parse, part 2d: what kind of item each numbered item is (``Item.kind``).

``commitment``: a task the plan commits to; ``achievement``: a past result (a review of the
last period); ``context``: framing that is neither (situation, guiding ideas, principles, goals);
``part``: a numbered part of a notice that is not a plan (nothing in it is a commitment).
The role of the innermost heading above an item whose words name one (``item_roles.tsv``)
decides; an item under no such heading is a commitment, unless its own words frame the document
(a 办法's purpose, scope and final articles) or report the past and promise nothing
(``item_tense.yaml``: a review part put back out of order has no heading).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..datafiles import data_yaml, table
from ..model import Item, Section
from .metadata import KINDS as NOTICE_KINDS

ITEM_KINDS = ("commitment", "achievement", "context", "part")
"""``part``: a numbered part of a notice that is not a plan (a meeting's agenda, a letter's answers)."""


NOT_PLANS = frozenset(kind for _, kind, plan in NOTICE_KINDS if not plan)
"""Kinds of notice that publish no plan (``notice_kinds.tsv``, column ``plan``)."""


def is_plan_kind(kind: str) -> bool:
    """Whether a document of this kind is a plan (``document``, a title naming no kind, is taken to be one)."""
    return kind not in NOT_PLANS


@lru_cache(maxsize=1)
def _roles() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((role, re.compile(pattern)) for role, pattern in table("item_roles.tsv", ("role", "pattern")))


@lru_cache(maxsize=1)
def _tense() -> tuple[int, re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = data_yaml("item_tense.yaml")
    assert isinstance(data, dict)
    return int(data["min_past"]), re.compile("|".join(data["past"])), re.compile("|".join(data["future"])), re.compile("|".join(data["context"]))


def heading_role(title: str) -> str | None:
    """``achievement`` or ``context`` when a heading's words name its part's role, else None."""
    return next((role for role, pattern in _roles() if pattern.search(title)), None)


def reports_the_past(text: str) -> bool:
    """The item's words report results and promise nothing."""
    min_past, past, future, _ = _tense()
    return len(past.findall(text)) >= min_past and not future.search(text)


def frames(text: str) -> bool:
    """The item's words frame the document (purpose, scope, principles, final provisions)."""
    return bool(_tense()[3].search(text))


def _kind(item: Item, role: str | None) -> str:
    if role:
        return role
    if frames(item.text):
        return "context"
    return "achievement" if reports_the_past(item.text) else "commitment"


def _classify(s: Section, role: str | None) -> Section:
    role = role if role == "part" else heading_role(s.title) or role
    items = tuple(replace(it, kind=_kind(it, role)) for it in s.items)
    return replace(s, items=items, sections=tuple(_classify(sub, role) for sub in s.sections))


def classify_items(sections: tuple[Section, ...] | list[Section], notice_kind: str) -> tuple[Section, ...]:
    """The sections with every item's ``kind`` set; in a notice that is not a plan, every item is a ``part``."""
    return tuple(_classify(s, None if is_plan_kind(notice_kind) else "part") for s in sections)
