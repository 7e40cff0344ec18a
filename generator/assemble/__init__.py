"""Stage 4, assemble: ``ParsedDoc``s → ``Document``s.

Copies of one notice (same 发文字号, else same title and issuer/region) become
one document: the cleanest copy is preferred (most items, fewest lost-byte
marks, fewest cleaning changes), metadata that only another copy has is taken
from it (000 has the date that 001 lacks), and an item the preferred copy has
damaged (〓) is taken whole from a copy where it is intact; each such repair is
recorded. Document ids are ASCII slugs: ``<region>-<year>-<kind>``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import fields, replace

from ..clean import MARK
from ..model import Change, Document, Item, Metadata, ParsedDoc, Problem, Section
from .regions import Region, find_region, slugify_zh


def group_key(doc: ParsedDoc) -> tuple[str, ...]:
    if doc.meta.doc_number:
        return ("number", doc.meta.doc_number)
    return ("title", doc.meta.title.replace(" ", ""), doc.meta.issuer or doc.meta.region)


def _items(sections: tuple[Section, ...]) -> list[Item]:
    return [it for s in sections for it in (*s.items, *_items(s.sections))]


def cleanliness(doc: ParsedDoc) -> tuple[int, int, int, str]:
    """Sort key: the cleanest copy sorts first."""
    return (-len(_items(doc.sections)), doc.clean.damaged, len(doc.clean.changes), doc.clean.source.path)


def merge_meta(copies: list[ParsedDoc]) -> Metadata:
    values = {}
    for f in fields(Metadata):
        values[f.name] = next((getattr(c.meta, f.name) for c in copies if getattr(c.meta, f.name)), getattr(copies[0].meta, f.name))
    return Metadata(**values)


def _repair_sections(sections: tuple[Section, ...], intact: dict[str, Item], repairs: list[Change], path: str) -> tuple[Section, ...]:
    out = []
    for s in sections:
        items = []
        for it in s.items:
            good = intact.get(it.id)
            if MARK in it.text and good is not None:
                repairs.append(Change("assemble-repair", it.text, good.text, 0))
                it = good
            items.append(it)
        out.append(replace(s, items=tuple(items), sections=_repair_sections(s.sections, intact, repairs, path)))
    return tuple(out)


AGREE = 0.8
"""Two copies of an item agree when they share this share of their character pairs.
The copies 000/001 (one notice scraped twice) share at least 0.9 per item:
lost bytes (〓), one changed or missing character."""
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _pairs(text: str) -> Counter[str]:
    chars = [c for c in text if not c.isspace() and c != MARK]
    return Counter(a + b for a, b in zip(chars, chars[1:]))


def similarity(a: str, b: str) -> float:
    """Shared character pairs over the larger copy's pairs (1.0 = same text)."""
    pa, pb = _pairs(a), _pairs(b)
    total = max(sum(pa.values()), sum(pb.values()))
    return sum((pa & pb).values()) / total if total else 1.0


def _disagreement(a: Item, b: Item) -> str | None:
    """Why two copies of one item conflict, or None when they agree."""
    if similarity(a.text, b.text) < AGREE:
        return f"{a.id}: different text"
    if MARK not in a.text and MARK not in b.text:
        na, nb = _NUMBER.findall(a.text), _NUMBER.findall(b.text)
        if na != nb:
            diff = next(((x, y) for x, y in zip(na, nb) if x != y), (" ".join(na[len(nb) :]) or "-", " ".join(nb[len(na) :]) or "-"))
            return f"{a.id}: {diff[0]} ≠ {diff[1]}"
    return None


def conflict(best: ParsedDoc, other: ParsedDoc, key: str) -> Problem | None:
    """A warning naming both files when two copies of one notice say different things.

    Copies agree when every item they share has the same numbers (targets,
    years) and nearly the same text; a copy without items is compared as a whole.
    """
    a_path, b_path = best.clean.source.path, other.clean.source.path
    theirs = {it.id: it for it in _items(other.sections)}
    shared = [(it, theirs[it.id]) for it in _items(best.sections) if it.id in theirs]
    if shared:
        reasons = [r for a, b in shared if (r := _disagreement(a, b))]
        if not reasons:
            return None
        what = f"disagree in {len(reasons)} of {len(shared)} items ({'; '.join(reasons[:3])}{'; …' if len(reasons) > 3 else ''})"
    else:
        whole = similarity(best.clean.text, other.clean.text)
        if whole >= AGREE:
            return None
        what = f"have different texts ({whole:.0%} in common)"
    return Problem(b_path, "warning", f"conflicting copies of {key}: {a_path} and {b_path} {what}; the text of {a_path} is used, check which copy is right")


def _key_text(doc: ParsedDoc) -> str:
    key = group_key(doc)
    return f"发文字号 {key[1]}" if key[0] == "number" else f"《{key[1]}》"


def doc_id(meta: Metadata, region: Region | None) -> str:
    slug = region.slug if region else (slugify_zh(meta.issuer) if meta.issuer else "unknown")
    if meta.kind == "five-year-plan" and meta.end_year != meta.year:
        return f"{slug}-{meta.year}-{meta.end_year}-five-year-plan"
    year = meta.year or "undated"
    return f"{slug}-{year}-{meta.kind or 'document'}"


def assemble_one(copies: list[ParsedDoc], regions: dict[str, Region | None] | None = None) -> Document:
    copies = sorted(copies, key=cleanliness)
    best = copies[0]
    meta = merge_meta(copies)
    intact: dict[str, Item] = {}
    for other in copies[1:]:
        for it in _items(other.sections):
            if MARK not in it.text:
                intact.setdefault(it.id, it)
    repairs: list[Change] = []
    sections = _repair_sections(best.sections, intact, repairs, best.clean.source.path) if intact else best.sections
    if regions is not None and meta.region in regions:
        region = regions[meta.region]
    else:
        region = find_region(meta.region) if meta.region else None
    problems = [p for c in copies for p in c.problems]
    left = sum(it.text.count(MARK) for it in _items(sections))
    if left:
        problems.append(Problem(best.clean.source.path, "warning", f"{left} span(s) of lost bytes marked 〓 and no intact copy to repair them from"))
    if len(copies) > 1:
        a, b = len(_items(copies[0].sections)), len(_items(copies[1].sections))
        if a != b:
            problems.append(
                Problem(
                    copies[1].clean.source.path,
                    "warning",
                    f"copy of {best.clean.source.path} with {b} items instead of {a}; the text of {best.clean.source.path} is used",
                )
            )
    problems.extend(p for other in copies[1:] if (p := conflict(best, other, _key_text(best))))
    return Document(
        id=doc_id(meta, region),
        meta=meta,
        region_slug=region.slug if region else "unknown",
        region_en=region.en if region else "Unknown region",
        sources=tuple(copies),
        preamble=best.preamble,
        intro=best.intro,
        sections=sections,
        closing=best.closing,
        repairs=tuple(repairs),
        problems=tuple(problems),
    )


def assemble(parsed: list[ParsedDoc], regions: dict[str, Region | None] | None = None) -> list[Document]:
    """Documents from parsed sources (copies of one notice merged). ``regions`` maps region names
    to ``find_region`` results already known (from the parse cache)."""
    groups: dict[tuple[str, ...], list[ParsedDoc]] = {}
    for p in sorted(parsed, key=lambda p: p.clean.source.path):
        groups.setdefault(group_key(p), []).append(p)
    docs = [assemble_one(g, regions) for g in groups.values()]
    seen: dict[str, int] = {}
    out = []
    for d in sorted(docs, key=lambda d: (d.id, d.primary.clean.source.path)):
        n = seen.get(d.id, 0) + 1
        seen[d.id] = n
        if n > 1:
            d = replace(
                d,
                id=f"{d.id}-{n}",
                problems=d.problems + (Problem(d.primary.clean.source.path, "warning", f"another document already has the id {d.id}; this one is {d.id}-{n}"),),
            )
        out.append(d)
    return out
