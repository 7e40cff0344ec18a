"""Golden files per seed: cleaned text per source, document JSON and rendered Markdown per document.

Refresh with ``pytest tests/test_golden.py --update-golden`` and review the diff like code.
"""

from __future__ import annotations

import json

import pytest

from generator.render.document import render_document
from generator.render.export import document_record

from .conftest import SOURCES

SEED_STEMS = sorted(p.name[:3] for p in SOURCES.glob("00*.txt"))


def test_golden_cleaned_text(corpus, golden) -> None:  # type: ignore[no-untyped-def]
    sources = {p.clean.source.path[:3]: p.clean.text for d in corpus.documents for p in d.sources}
    assert sorted(sources) == SEED_STEMS
    for stem, text in sorted(sources.items()):
        golden(f"sources/{stem}.clean.txt", text)


@pytest.mark.parametrize("doc_id", ["songjiang-2023-work-points", "jiangsu-2023-work-points", "huli-2021-work-points", "songjiang-2021-2025-five-year-plan"])
def test_golden_document(docs_by_id, golden, doc_id) -> None:  # type: ignore[no-untyped-def]
    doc = docs_by_id[doc_id]
    golden(f"{doc_id}/document.json", json.dumps(document_record(doc), ensure_ascii=False, indent=1) + "\n")
    golden(f"{doc_id}/page.md", render_document(doc))
