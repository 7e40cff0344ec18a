"""Render, comparing plans: the data the compare page (``compare.md``, ``compare.js``) reads.

Two plans side by side by theme — the same region across years, a five-year plan and the annual
work points of its span, one theme across regions — need, per plan, its commitments and targets
grouped by theme. Each document has a small file of its own (``data/compare/<id>.json``, per
language, made with its other pages and cached with them), and the page reads an index of every
document (``data/compare/index.json``: id, region, years, kind, title) to offer the choices and
the suggested pairs. Plans are compared by commitments only: past results and framing are not
promises. Source text goes into JSON, which the page shows as text (never as HTML).
"""

from __future__ import annotations

import json

from ..assemble.citations import display_numbers
from ..assemble.themes import taxonomy
from ..model import Document
from .targets import summary
from .voice import Voice


def _years(doc: Document) -> list[int]:
    m = doc.meta
    return [m.year, m.end_year or m.year]


def compare_json(doc: Document, v: Voice) -> str:
    """A document's commitments by theme, each ``[item id, number, title, [target, …]]`` (a target
    as one line of words, ``targets.summary``); commitments on no theme under ``""``."""
    numbers = display_numbers(doc)
    themes = {item_id: ids for item_id, ids, _ in doc.themes}
    targets: dict[str, list[str]] = {}
    for block, t in doc.targets:
        targets.setdefault(block, []).append(summary(t, v))
    by_theme: dict[str, list[list[object]]] = {}
    for it in doc.commitments():
        number = numbers.get(it.id, (it.label, it.label))[1 if v.lang == "en" else 0]
        row: list[object] = [it.id, number, v.plain(f"{it.id}.title", it.title).rstrip("。."), targets.get(it.id, [])]
        for tid in themes.get(it.id, ()) or ("",):
            by_theme.setdefault(tid, []).append(row)
    out = {
        "id": doc.id,
        "title": v.plain("meta.title", doc.meta.title),
        "region": doc.region_slug,
        "years": _years(doc),
        "themes": by_theme,
    }
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def compare_index(docs: list[Document], voices: dict[str, Voice], lang: str) -> str:
    """Every document the page can compare, ``[id, region slug, region name, first year, last
    year, kind, kind label, title]``, by region then year; and the themes, ``[id, name]``."""
    t = Voice(lang).t
    rows = []
    for d in sorted(docs, key=lambda d: (d.region_slug, d.meta.year, d.meta.end_year, d.id)):
        v = voices[d.id]
        region = d.region_en if lang == "en" else d.meta.region
        rows.append([d.id, d.region_slug, region, *_years(d), d.meta.kind, t(f"kind_{d.meta.kind}"), v.plain("meta.title", d.meta.title)])
    themes = [[th.id, th.name(lang)] for th in taxonomy()]
    return json.dumps({"docs": rows, "themes": themes}, ensure_ascii=False, separators=(",", ":"))
