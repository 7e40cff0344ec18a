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


PAGE_KINDS = {
    "documents/songjiang-2023-work-points/index.md": "document page (zh)",
    "en/documents/songjiang-2023-work-points/index.md": "document page (en)",
    "documents/huli-2021-work-points/cleaning-log.md": "cleaning log (zh)",
    "en/documents/songjiang-2021-2025-five-year-plan/cleaning-log.md": "cleaning log of a restored copy (en)",
    "themes/elderly-care.md": "theme landing page",
    "themes/elderly-care/2023.md": "theme + year page",
    "en/themes/elderly-care/2021-2025.md": "theme + five-year span page (en)",
    "themes/index.md": "themes index",
    "regions/s.md": "region page",
    "en/regions/index.md": "regions index (en)",
    "documents/index.md": "documents index",
    "index.md": "home (zh)",
    "en/index.md": "home (en)",
    "glossary.md": "glossary",
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):  # type: ignore[no-untyped-def]
    from generator.pipeline import generate

    docs = tmp_path_factory.mktemp("golden") / "docs"
    generate(SOURCES, docs, workers=1)
    return docs


@pytest.mark.parametrize("path", sorted(PAGE_KINDS), ids=lambda p: PAGE_KINDS[p])
def test_golden_page_of_every_kind(generated, golden, path) -> None:  # type: ignore[no-untyped-def]
    """One generated page of each kind, as ``plansite build`` writes it into ``docs/``."""
    golden(f"pages/{path}", (generated / path).read_text(encoding="utf-8"))


def test_golden_export_record(generated, golden) -> None:  # type: ignore[no-untyped-def]
    """A document's record in ``data/plans.json`` and the export's head (format, themes)."""
    export = json.loads((generated / "data" / "plans.json").read_text(encoding="utf-8"))
    record = next(d for d in export["documents"] if d["id"] == "huli-2021-work-points")
    golden("pages/data/plans.huli-2021-work-points.json", json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    golden("pages/data/plans.head.json", json.dumps({k: v for k, v in export.items() if k != "documents"}, ensure_ascii=False, indent=1) + "\n")
