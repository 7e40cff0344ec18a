"""Stage 3, parse: ``CleanText -> ParsedDoc``.

Splits the cleaned text into the notice (preamble), the plan body and the
closing; metadata comes from ``metadata.parse_metadata``, the outline tree from
``outline``. The plan body starts at the line that repeats the plan title
(001: ``2023年松江民政工作要点`` after ``附件：``); a source without a covering
notice starts at its first line. A restored or run-on body (003) is first cut
at its inline numbering by ``runon``; when its numbering is then out of order it is built by
``out_of_order``, which puts page fragments back where their numbering says they belong.
"""

from __future__ import annotations

from ..model import CleanText, ParsedDoc, Problem
from .annexes import split_annexes
from .item_kinds import classify_items
from .metadata import parse_metadata
from .numbering import line_marker
from .out_of_order import build_tree_restored
from .outline import build_tree, out_of_order, split_closing, tokenise
from .runon import needs_split, split_runon


def body_start(lines: list[str], title: str) -> int:
    """Index of the first body line (after the title line), 0 when there is no notice."""
    first_heading = next((i for i, ln in enumerate(lines) if (m := line_marker(ln)) and m[0] in {"cn", "chapter"}), len(lines))
    compact = title.replace(" ", "")
    for i in range(first_heading - 1, -1, -1):
        if lines[i].replace(" ", "") in {compact, f"《{compact}》"}:
            return i + 1
    return 0


def parse(clean: CleanText) -> ParsedDoc:
    lines = [ln.strip() for ln in clean.text.split("\n") if ln.strip()]
    meta = parse_metadata(clean, lines)
    runon = needs_split(lines)
    if runon:  # 003: headings run inline, page fragments out of order (see runon)
        lines = split_runon(lines, meta.title)
    start = body_start(lines, meta.title)
    body, annexes = split_annexes(lines[start:])
    tokens, closing = split_closing(tokenise(body))
    if runon and out_of_order(tokens):  # a run-on copy whose numbering is out of order: its page fragments are put back
        intro, sections, warnings = build_tree_restored(tokens)
    else:
        intro, sections, warnings = build_tree(tokens)
    sections = [*classify_items(sections, meta.kind), *annexes]
    problems = [Problem(clean.source.path, "warning", w) for w in warnings]
    if not any(s.items or s.sections for s in sections if s.kind != "annex"):
        problems.append(Problem(clean.source.path, "warning", "no numbered items found; published as plain text"))
    if not meta.title:
        problems.append(Problem(clean.source.path, "warning", "no title found"))
    return ParsedDoc(
        clean=clean,
        meta=meta,
        preamble=tuple(lines[:start]),
        intro=tuple(intro),
        sections=tuple(sections),
        closing=tuple(closing),
        problems=tuple(problems),
    )
