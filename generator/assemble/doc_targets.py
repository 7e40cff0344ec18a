"""Assemble, targets of a document: every forward-looking quantity of a plan, with the block of
the text it was read from (``Document.targets``).

The blocks are those of the export's ``body`` (``render.export_body``): ``intro.1``,
``section-2-1.p1``, ``item-7``, ``section-2-1.table-1``. Targets are read from everything a plan
promises: items that are commitments or framing (发展目标 prose states targets), section
paragraphs and tables, and the numbered parts of a notice that is not a plan (a letter answering
a proposal, a notice raising a standard) — never from a past result (an achievement item, or a
section whose heading is a review: 回顾, 成效) and never from a kind of notice whose numbers are
arrangements (``notice_kinds.tsv``, column ``targets``: a meeting's 会期2天). An indicator table gives one target per row (``targets_in_table``); another table's
cells are read as prose.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import DocTargets, Document, Metadata, Section
from ..parse.item_kinds import heading_role
from ..parse.metadata import NO_TARGET_KINDS
from ..translate.segments import section_id
from .targets import Target, targets_in, targets_in_table


def _table_targets(rows: tuple[tuple[str, ...], ...], year: int | None) -> tuple[Target, ...]:
    found = targets_in_table(rows, year)
    if found:
        return found
    return tuple(t for row in rows[1:] for cell in row for t in targets_in(cell, year))


def _section_targets(sections: tuple[Section, ...], year: int | None, path: tuple[int, ...], role: str | None) -> Iterator[tuple[str, Target]]:
    for n, s in enumerate(sections, 1):
        p = (*path, s.number or n)
        sid = section_id(p, s.kind)
        r = heading_role(s.title) or role
        if r != "achievement":
            for k, para in enumerate(s.paragraphs, 1):
                yield from ((f"{sid}.p{k}", t) for t in targets_in(para, year))
            for k, table in enumerate(sorted(s.tables, key=lambda t: t.after), 1):
                yield from ((f"{sid}.table-{k}", t) for t in _table_targets(table.rows, year))
            for it in s.items:
                if it.kind != "achievement":
                    yield from ((it.id, t) for t in targets_in(it.text, year))
        yield from _section_targets(s.sections, year, p, r)


def document_targets(meta: Metadata, intro: tuple[str, ...], sections: tuple[Section, ...]) -> DocTargets:
    """(block id, target) for every target of a document, in reading order (see the module's docstring)."""
    if meta.kind in NO_TARGET_KINDS:
        return ()
    year = meta.end_year or meta.year or None
    out = [(f"intro.{k}", t) for k, para in enumerate(intro, 1) for t in targets_in(para, year)]
    out.extend(_section_targets(sections, year, (), None))
    return tuple(out)


def attach_targets(doc: Document) -> Document:
    """The document with its targets (``Document.targets``)."""
    from dataclasses import replace

    return replace(doc, targets=document_targets(doc.meta, doc.intro, doc.sections))
