"""The open-data export: the corpus as one JSON file (``site/data/plans.json``).

Plain and renderer-independent (DESIGN §9: keep the export plain so the site
generator can change). Deterministic: no timestamps, fixed key order.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from json.encoder import encode_basestring  # what json.dumps(ensure_ascii=False) encodes strings with
from typing import Any

from ..assemble.citations import citation, display_numbers
from ..assemble.related import Related
from ..assemble.themes import is_plan, taxonomy
from ..model import Document, Section
from .export_body import body_blocks
from .outputs import Joined, Output
from .targets import target_json

FORMAT_VERSION = 4
"""2: cleaning entries group identical edits (``lines`` lists every line; was one entry per edit).
3: ``body``, the whole text in reading order (``export_body``); ``issuers`` (every issuing body)
and ``published`` (the portal's date); ``plan`` (false for a notice that is not a plan: its items
are not commitments); sections have a ``kind`` (``section`` or ``annex``); items have a ``kind`` (``commitment``,
``achievement``: a past result, ``context``: framing), a ``display_number`` unique in the document
that says where the item is (第四部分（二）3, 第7项) and a ``cite`` (``zh``, ``en``) whose permalink is
relative to the site's root.
4: ``targets``: on each item the targets read from it, and on the document every target with the
``block`` of ``body`` it was read from (paragraphs and tables too); a target is ``indicator``,
``value`` (a number), ``unit``, ``comparator`` (=, >=, <=, >, <, ~), ``year`` (by when; null when
recurring), ``attribute`` (预期性 / 约束性 / null) and ``text`` (the exact source span); ``cc``
(the 抄送 line, shown in the page's metadata table)."""


def _section(s: Section, path: tuple[int, ...]) -> dict[str, Any]:
    p = (*path, s.number)
    return {
        "number": s.number,
        "kind": s.kind,
        "label": s.label,
        "title": s.title,
        "out_of_order": s.out_of_order,
        "sections": [_section(sub, p) for sub in s.sections],
        "items": [it.id for it in s.items],
    }


def _cleaning(doc: Document) -> list[dict[str, Any]]:
    """Every change made while cleaning, identical edits of one source grouped: one entry per
    (source, rule, before, after) with every line it was made on, in order of first occurrence."""
    out: list[dict[str, Any]] = []
    for p in doc.sources:
        groups: dict[tuple[str, str, str], list[int]] = {}
        for c in (*p.clean.changes, *p.clean.uncertain):
            groups.setdefault((c.rule, c.before, c.after), []).append(c.where)
        out.extend({"source": p.clean.source.path, "rule": r, "before": b, "after": a, "lines": lines} for (r, b, a), lines in groups.items())
    return out


def document_record(doc: Document, related: Related | None = None) -> dict[str, Any]:
    m = doc.meta
    themes = {item_id: (ids, words) for item_id, ids, words in doc.themes}
    related = related or {}
    numbers = display_numbers(doc)
    by_item: dict[str, list[dict[str, Any]]] = {}
    for block, t in doc.targets:
        by_item.setdefault(block, []).append(target_json(t))
    return {
        "id": doc.id,
        "title": m.title,
        "notice_title": m.notice_title,
        "doc_number": m.doc_number,
        "issuer": m.issuer,
        "issuers": list(m.issuers) or ([m.issuer] if m.issuer else []),
        "recipients": m.recipients,
        "cc": m.cc,
        "date": m.date,
        "printed_date": m.printed_date,
        "published": m.published,
        "index_number": m.index_number,
        "year": m.year,
        "end_year": m.end_year,
        "kind": m.kind,
        "plan": is_plan(doc),
        "region": m.region,
        "region_id": doc.region_slug,
        "region_en": doc.region_en,
        "machine_altered": doc.primary.clean.altered,
        "sources": [{"path": p.clean.source.path, "sha256": p.clean.source.sha256, "encoding": p.clean.source.encoding} for p in doc.sources],
        "sections": [_section(s, ()) for s in doc.sections],
        "body": body_blocks(doc),
        "targets": [target_json(t, block) for block, t in doc.targets],
        "items": [
            {
                "id": it.id,
                "kind": it.kind,
                "display_number": numbers.get(it.id, ("", ""))[0],
                "cite": citation(doc, numbers.get(it.id, ("", "")), f"/documents/{doc.id}/#{it.id}"),
                "number": it.number,
                "label": it.label,
                "section_path": list(it.section_path),
                "title": it.title,
                "text": it.text,
                "points": list(it.points),
                "themes": list(themes.get(it.id, ((), ()))[0]),
                "theme_reason": list(themes.get(it.id, ((), ()))[1]),
                "targets": by_item.get(it.id, []),
                "related": [{"document": d, "item": i, "score": s} for d, i, s in related.get((doc.id, it.id), [])],
            }
            for it in doc.items()
        ],
        "cleaning": _cleaning(doc),
        "repairs": [{"before": c.before, "after": c.after} for c in doc.repairs],
        "warnings": [{"source": pr.path, "message": pr.message} for pr in doc.problems],
    }


def _compact(value: Any) -> str:
    # compact: json's C encoder (the indenting one is Python; benchmarks/README.md)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _related_json(found: list[tuple[str, str, float]]) -> str:
    """``_compact`` of an item's related items (``[{"document":…,"item":…,"score":…}]``), written
    directly: a corpus has ~10⁵ such small lists, and ``json.dumps`` sets up an encoder for each.
    Strings are encoded by json's own function and floats by ``float.__repr__``, as json does."""
    if not all(type(score) is float and math.isfinite(score) for _, _, score in found):
        return _compact([{"document": d, "item": i, "score": s} for d, i, s in found])
    return "[" + ",".join(f'{{"document":{encode_basestring(d)},"item":{encode_basestring(i)},"score":{score!r}}}' for d, i, score in found) + "]"


RELATED_SLOT = ',"related":[]}'
"""How an item's record ends in a record made without related items (``record_body``): "related"
is the last key of an item, and the only key of that name in a record (a quote inside a string is
escaped, so the slot cannot occur in text)."""


def record_body(doc: Document) -> str:
    """A document's record with every item's related items left empty: what depends on the
    document alone (and needs its sources whole), cached apart from its related items, which
    a change in another document can alter."""
    return _compact(document_record(doc))


def with_related(body: str, doc: Document, related: Related) -> str | None:
    """``record_body``'s text with each item's related items in its slot: the text
    ``document_record(doc, related)`` gives, without the document's sources. None if the body
    does not have one slot per item (then the record is made whole)."""
    parts = body.split(RELATED_SLOT)
    items = doc.items()
    if len(parts) != len(items) + 1:
        return None
    out = [parts[0]]
    for it, rest in zip(items, parts[1:]):
        found = related.get((doc.id, it.id))
        out.append(',"related":' + _related_json(found) + "}" if found else RELATED_SLOT)
        out.append(rest)
    return "".join(out)


def with_related_or_whole(body: str, doc: Document, related: Related, full: Callable[[], Document]) -> str:
    """A document's record from its body (``record_body``) with its related items put in; made
    whole from the document with its sources (``full``) if the body has not one slot per item."""
    spliced = with_related(body, doc, related)
    return spliced if spliced is not None else _compact(document_record(full(), related))


def record_inputs(doc: Document, related: Related) -> list[object]:
    """What a document's record is made from: its sources and its items' related items."""
    return [doc.source_key(), [(it.id, related.get((doc.id, it.id), [])) for it in doc.items()]]


def export_file(docs: list[Document], records: dict[str, str | Output]) -> Joined:
    """The export (documents by id), from each document's record: one large file in parts (the
    incremental layer streams it; the file is the same however the records were made)."""
    themes = [{"id": t.id, "zh": t.zh, "en": t.en, "description_zh": t.description_zh, "description_en": t.description_en} for t in taxonomy()]
    parts: list[str | Output] = ['{"format":' + str(FORMAT_VERSION) + ',"themes":' + _compact(themes) + ',"documents":[']
    for n, d in enumerate(sorted(docs, key=lambda d: d.id)):
        if n:
            parts.append(",")
        parts.append(records[d.id])
    parts.append("]}\n")
    return Joined(parts)
