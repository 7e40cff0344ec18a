"""The whole text of a document for the open-data export: every paragraph a reader sees, in
reading order, each with an id (``body`` of a record, export format 3).

A block is ``{"id", "part", "type", "text"}``; a table block has ``rows`` (lists of cells)
instead of ``text``. ``part`` says where the block sits: ``notice`` (the covering notice and
what precedes the plan: its title, 文号, recipients, letter, signature), ``plan`` (the plan's
title when the notice does not print it), ``intro`` (text before the first heading),
``section`` (headings, their paragraphs and tables, items), ``closing`` (after the last item)
and ``annex`` (attachments printed after the plan). ``type`` is ``title``, ``paragraph``,
``heading`` (with its ``level``), ``item`` (with its ``item`` id; the text as printed, number
included) or ``table``. Ids are the translation segments' contexts (``preamble.3``,
``section-2-1``, ``section-2-1.p1``, ``item-7``, ``annex-1.table-1``), so a block and its
English translation share one id.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Document, Section
from ..translate.segments import section_id


def _section_blocks(sections: tuple[Section, ...], path: tuple[int, ...], part: str) -> Iterator[dict[str, Any]]:
    for n, s in enumerate(sections, 1):
        p = (*path, s.number or n)
        here = "annex" if s.kind == "annex" or part == "annex" else "section"
        sid = section_id(p, s.kind)
        if s.title or s.label:
            yield {"id": sid, "part": here, "type": "heading", "level": s.level, "text": s.label + s.title}
        tables = sorted(s.tables, key=lambda t: t.after)
        k_table = 0
        for k in range(len(s.paragraphs) + 1):
            while k_table < len(tables) and tables[k_table].after == k:
                yield {"id": f"{sid}.table-{k_table + 1}", "part": here, "type": "table", "rows": [list(r) for r in tables[k_table].rows]}
                k_table += 1
            if k < len(s.paragraphs):
                yield {"id": f"{sid}.p{k + 1}", "part": here, "type": "paragraph", "text": s.paragraphs[k]}
        for it in s.items:
            yield {"id": it.id, "part": here, "type": "item", "item": it.id, "text": it.label + it.text}
        yield from _section_blocks(s.sections, p, here)


def body_blocks(doc: Document) -> list[dict[str, Any]]:
    """The document's text in reading order (see the module's docstring)."""
    m = doc.meta
    out: list[dict[str, Any]] = [{"id": f"preamble.{k}", "part": "notice", "type": "paragraph", "text": t} for k, t in enumerate(doc.preamble, 1)]
    compact = {ln.replace(" ", "").strip("《》") for ln in doc.preamble}
    if m.title and m.title.replace(" ", "") not in compact:
        out.insert(0, {"id": "title", "part": "plan", "type": "title", "text": m.title})
    if m.notice_title and m.notice_title.replace(" ", "") not in compact:
        out.insert(0, {"id": "notice-title", "part": "notice", "type": "title", "text": m.notice_title})
    out.extend({"id": f"intro.{k}", "part": "intro", "type": "paragraph", "text": t} for k, t in enumerate(doc.intro, 1))
    main = tuple(s for s in doc.sections if s.kind != "annex")
    annexes = tuple(s for s in doc.sections if s.kind == "annex")
    out.extend(_section_blocks(main, (), "section"))
    out.extend({"id": f"closing.{k}", "part": "closing", "type": "paragraph", "text": t} for k, t in enumerate(doc.closing, 1))
    out.extend(_section_blocks(annexes, (), "annex"))
    return out
