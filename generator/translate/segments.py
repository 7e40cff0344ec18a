"""The translatable segments of a document: ``Document -> [(context, Chinese text)]``.

A segment is the unit a translator works on and the unit the English page shows:
titles, headings, each item's title (its first sentence) and the rest of the
item (its lead and its 一是/二是 points, or its body), notice lines and
metadata values. The context is stable and ASCII (``item-7.title``,
``section-2-1.title``), so catalogs survive re-ordering of the source.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Item, Section

META_FIELDS = ("title", "notice_title", "issuer", "recipients", "cc")


def section_id(path: tuple[int, ...], kind: str = "section") -> str:
    """``section-2-1``; an annex (附件) printed after the plan is ``annex-1``."""
    return f"{'annex' if kind == 'annex' else 'section'}-" + "-".join(str(n) for n in path)


def _has_han(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def table_cells(sid: str, s: Section) -> Iterator[tuple[str, str]]:
    """(context, text) of the cells of a section's tables that hold Chinese (numbers need no translation)."""
    for k, t in enumerate(s.tables, 1):
        for r, row in enumerate(t.rows, 1):
            for c, cell in enumerate(row, 1):
                if _has_han(cell):
                    yield f"{sid}.table-{k}.r{r}c{c}", cell


def item_parts(item: Item) -> list[tuple[str, str]]:
    """(part name, text) of an item after its title: ``lead`` + ``point-K``, or ``body``."""
    rest = item.text[len(item.title) :].strip()
    if not item.points:
        return [("body", rest)] if rest else []
    first = rest.find(item.points[0])
    lead = rest[:first].strip() if first > 0 else ""
    parts = [("lead", lead)] if lead else []
    parts.extend((f"point-{k}", p) for k, p in enumerate(item.points, 1))
    return parts


def _section_segments(sections: tuple[Section, ...], path: tuple[int, ...]) -> Iterator[tuple[str, str]]:
    for n, s in enumerate(sections, 1):
        p = (*path, s.number or n)
        sid = section_id(p, s.kind)
        if s.title:
            yield f"{sid}.title", s.title
        for k, para in enumerate(s.paragraphs, 1):
            yield f"{sid}.p{k}", para
        yield from table_cells(sid, s)
        for it in s.items:
            yield f"{it.id}.title", it.title
            for name, text in item_parts(it):
                yield f"{it.id}.{name}", text
        yield from _section_segments(s.sections, p)


def segments(doc: Document) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for f in META_FIELDS:
        value = getattr(doc.meta, f)
        if value:
            out.append((f"meta.{f}", value))
    out.extend((f"preamble.{k}", t) for k, t in enumerate(doc.preamble, 1))
    out.extend((f"intro.{k}", t) for k, t in enumerate(doc.intro, 1))
    out.extend(_section_segments(doc.sections, ()))
    out.extend((f"closing.{k}", t) for k, t in enumerate(doc.closing, 1))
    seen: set[str] = set()
    unique = []
    for ctx, text in out:
        if ctx not in seen and text.strip():
            seen.add(ctx)
            unique.append((ctx, text))
    return unique
