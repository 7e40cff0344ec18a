"""Render, the open data's targets table: ``data/targets.csv``, one row per target of the corpus.

Columns: document_id, block (the part of ``body`` it was read from), item_id (when that part is
an item), indicator, value, unit, comparator, year, attribute, text (the source span) and url
(the permalink, relative to the site's root). UTF-8 with a byte-order mark, so that spreadsheet
programs read the Chinese as such; written with the ``csv`` module (RFC 4180 quoting; lines end
in LF: the page cache reads texts with universal newlines, which would turn CRLF into LF).
Each document's rows are an output of their own, cached by its sources (``Joined``).
"""

from __future__ import annotations

import csv
import io

from ..model import Document
from .outputs import Joined, Output
from .targets import number_text, target_anchor

COLUMNS = ("document_id", "block", "item_id", "indicator", "value", "unit", "comparator", "year", "attribute", "text", "url")
BOM = "\ufeff"


def _csv(rows: list[list[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def targets_rows(doc: Document) -> str:
    """A document's rows of ``targets.csv`` (no header), in the order of ``Document.targets``."""
    items = {it.id for it in doc.items()}
    rows: list[list[object]] = []
    for block, t in doc.targets:
        item = block if block in items else ""
        value = number_text(t.value).replace(",", "")
        url = f"/documents/{doc.id}/#{target_anchor(block)}"
        rows.append([doc.id, block, item, t.indicator, value, t.unit, t.comparator, "" if t.year is None else t.year, t.attribute or "", t.text, url])
    return _csv(rows)


def targets_file(docs: list[Document]) -> Joined:
    """``data/targets.csv``: the header, then each document's rows, documents by id."""
    parts: list[str | Output] = [BOM + _csv([list(COLUMNS)])]
    for d in sorted(docs, key=lambda d: d.id):
        if d.targets:
            parts.append(Output("targets-csv", lambda d=d: [d.source_key()], lambda d=d: targets_rows(d)))
    return Joined(parts)
