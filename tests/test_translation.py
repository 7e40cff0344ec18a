"""English side: catalogs, coverage, glossary consistency, fuzzy handling and the English pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.assemble.glossary import glossary, missing_renderings, terms_in
from generator.cli import main, problem_line
from generator.incremental.translations import translate_corpus
from generator.pipeline import generate, load_corpus
from generator.render.document import render_document
from generator.translate import catalog_path, coverage, load_catalog

from .conftest import SOURCES

TRANSLATED = ("songjiang-2023-work-points", "jiangsu-2023-work-points", "huli-2021-work-points", "songjiang-2021-2025-five-year-plan")


def test_seed_catalogs_are_complete(corpus) -> None:  # type: ignore[no-untyped-def]
    for doc in corpus.documents:
        if doc.id in TRANSLATED:
            c = coverage(doc, load_catalog(catalog_path(SOURCES, doc.id)))
            assert (c.translated, c.fuzzy, c.missing) == (c.total, 0, 0), c


def test_status_command_reports_coverage() -> None:
    result = CliRunner().invoke(main, ["--source-dir", str(SOURCES), "translate", "status"])
    assert result.exit_code == 0
    line = next(ln for ln in result.output.splitlines() if ln.startswith("huli-2021-work-points"))
    assert line.split()[1:] == ["79", "79", "0", "0", "100.0"]


def test_glossary_is_used_consistently(corpus) -> None:  # type: ignore[no-untyped-def]
    assert len(glossary()) >= 150
    checked = 0
    problems = []
    for doc in corpus.documents:
        catalog = load_catalog(catalog_path(SOURCES, doc.id))
        if catalog is None:
            continue
        for m in catalog:
            if not (m.id and m.context and m.string) or m.fuzzy:
                continue
            checked += len(terms_in(m.id))
            for term in missing_renderings(m.id, m.string):
                problems.append(f"{doc.id} {m.context}: {term.zh} → {term.en}")
    print(f"\nglossary: {len(glossary())} terms; {checked} term occurrences checked in translated segments; {len(problems)} inconsistent")
    assert checked > 500
    assert problems == []


def test_changed_sentence_becomes_fuzzy_and_pending(tmp_path: Path) -> None:
    src = tmp_path / "source_texts"
    shutil.copytree(SOURCES, src)
    path = src / "004_91bd534388a23d4e.txt"
    text = path.read_text(encoding="utf-8")
    old = "进一步规范收养评估工作"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "进一步规范收养评估和登记工作"), encoding="utf-8")
    result = CliRunner().invoke(main, ["--source-dir", str(src), "translate", "extract"])
    assert result.exit_code == 0, result.output
    corpus = load_corpus(src)
    doc = next(d for d in corpus.documents if d.id == "huli-2021-work-points")
    catalog = load_catalog(catalog_path(src, doc.id))
    fuzzy = [m.context for m in catalog if m.id and m.fuzzy]
    assert fuzzy == ["item-22.body"]
    c = coverage(doc, catalog)
    assert (c.translated, c.fuzzy, c.missing) == (c.total - 1, 1, 0)
    site_input = translate_corpus(corpus, src)
    page = render_document(doc, "en", site_input.translations[doc.id], site_input.coverage[doc.id])
    pending = [block for block in page.split("\n## ") + page.split("\n### ") if "translation pending" in block]
    assert len([ln for ln in page.splitlines() if "translation pending" in ln]) == 1
    assert "进一步规范收养评估和登记工作" in page  # the new Chinese is shown, not the stale English
    assert pending


def test_english_pages(built: Path) -> None:
    en = built / "docs" / "en"
    page = (en / "documents" / "songjiang-2023-work-points" / "index.md").read_text(encoding="utf-8")
    assert page.startswith("---") and "# Songjiang" in page
    assert "| Issuer | Civil Affairs Bureau of Songjiang District" in page
    assert "| Date | 23 February 2023 |" in page
    assert "| Document number | 沪松民〔2023〕12号 |" in page
    assert "{#item-7 .plan-item}" in page and "translation pending" not in page
    assert "Translation: 126 / 126 segments translated (100 %)" in page
    fyp = (en / "documents" / "songjiang-2021-2025-five-year-plan" / "index.md").read_text(encoding="utf-8")
    assert fyp.splitlines()[6].startswith("# ")  # an English title even before translation
    html = (built / "site" / "en" / "documents" / "songjiang-2023-work-points" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    glossary_page = (en / "glossary.md").read_text(encoding="utf-8")
    assert "| 低保 | subsistence allowance |" in glossary_page


def test_heading_without_translation_is_marked_by_attributes(corpus) -> None:  # type: ignore[no-untyped-def]
    """A heading still in Chinese on the English site carries the pending label as attributes
    (style sheet), not as inline HTML: its text alone reaches the table of contents."""
    src_input = translate_corpus(corpus, SOURCES)
    doc = next(d for d in corpus.documents if d.id == "huli-2021-work-points")
    tr = {k: v for k, v in src_input.translations[doc.id].items() if k not in ("item-21.title", "section-3.title")}
    page = render_document(doc, "en", tr, src_input.coverage[doc.id])
    item = next(ln for ln in page.splitlines() if "{#item-21 " in ln)
    assert item.endswith('{#item-21 .plan-item .plansite-pending-heading lang="zh" data-pending="translation pending"}')
    assert "加强婚姻管理规范化建设" in item and "<span" not in item
    section = next(ln for ln in page.splitlines() if "{#section-3 " in ln)
    assert section.endswith('.plansite-pending-heading lang="zh" data-pending="translation pending"}') and "<span" not in section
    translated = next(ln for ln in render_document(doc, "en", src_input.translations[doc.id]).splitlines() if "{#item-21 " in ln)
    assert translated.endswith("{#item-21 .plan-item}") and "加强" not in translated


def _damage(catalog: Path, how: str) -> int:
    """Break one line of ``catalog`` (the line of the first translated title); its 1-based number."""
    lines = catalog.read_bytes().split(b"\n")
    n = next(i for i, ln in enumerate(lines) if ln.startswith(b'msgstr "') and len(ln) > len(b'msgstr ""'))
    lines[n] = lines[n].replace(b'msgstr "', b'msgstr "\xff' if how == "bytes" else b'msgstr "unterminated\nmsgstr', 1)
    catalog.write_bytes(b"\n".join(lines))
    return n + 1 if how == "bytes" else n + 2


def test_extract_leaves_up_to_date_catalogs_byte_for_byte(tmp_path: Path) -> None:
    src = tmp_path / "source_texts"
    shutil.copytree(SOURCES, src)
    result = CliRunner().invoke(main, ["--source-dir", str(src), "translate", "extract"])
    assert result.exit_code == 0, result.output
    assert sorted(result.output.split()) == sorted(["unchanged:"] * 4 + [str(catalog_path(src, d)) for d in TRANSLATED])
    for doc_id in TRANSLATED:
        assert catalog_path(src, doc_id).read_bytes() == catalog_path(SOURCES, doc_id).read_bytes()


@pytest.mark.parametrize("how, reason", [("bytes", "not utf-8 text (byte ff)"), ("syntax", "Unknown or misformatted keyword")])
def test_damaged_catalog_is_reported_and_only_its_document_goes_untranslated(tmp_path: Path, how: str, reason: str) -> None:
    src = tmp_path / "source_texts"
    shutil.copytree(SOURCES, src)
    intact = translate_corpus(load_corpus(src), src)
    damaged_id = "huli-2021-work-points"
    damaged = catalog_path(src, damaged_id)
    line = _damage(damaged, how)
    before = {d: catalog_path(src, d).read_bytes() for d in TRANSLATED}
    expected = f"error: en/{damaged_id}.po: translation catalog not read (line {line}: {reason}"

    corpus, site_input, _ = generate(src, tmp_path / "docs", workers=1)
    assert [(p.path, p.severity) for p in site_input.problems] == [(f"en/{damaged_id}.po", "error")]
    assert problem_line(site_input.problems[0]).startswith(expected)
    assert site_input.translations[damaged_id] == {}
    assert site_input.coverage[damaged_id] == (0, intact.coverage[damaged_id][1])
    for doc_id in TRANSLATED:
        if doc_id != damaged_id:
            assert site_input.translations[doc_id] == intact.translations[doc_id]
    doc = next(d for d in corpus.documents if d.id == damaged_id)
    page = (tmp_path / "docs" / "en" / "documents" / damaged_id / "index.md").read_text(encoding="utf-8")
    assert doc.meta.title in page and "translation pending" in page

    check = CliRunner().invoke(main, ["--source-dir", str(src), "check"])
    assert check.exit_code == 1 and expected in check.output
    status = CliRunner().invoke(main, ["--source-dir", str(src), "translate", "status"])
    assert status.exit_code == 1 and expected in status.output
    extract = CliRunner().invoke(main, ["--source-dir", str(src), "translate", "extract"])
    assert extract.exit_code == 1 and expected in extract.output
    # the damaged catalog is not overwritten (its translations would be lost), the others are current
    assert {d: catalog_path(src, d).read_bytes() for d in TRANSLATED} == before


def test_a_catalog_no_document_uses_is_a_warning(tmp_path: Path) -> None:
    """A document whose id changed (here: its catalog renamed, as if the id had changed) would
    lose its English without a word; the unused catalog is named instead."""
    src = tmp_path / "source_texts"
    shutil.copytree(SOURCES, src)
    catalog_path(src, "huli-2021-work-points").rename(catalog_path(src, "huli-2020-work-points"))
    expected = "warning: en/huli-2020-work-points.po: translation catalog of no document (no document has the id huli-2020-work-points)"
    _, site_input, _ = generate(src, tmp_path / "docs", workers=1)
    assert [problem_line(p) for p in site_input.problems] == [expected + "; its translations are not used"]
    assert site_input.translations["huli-2021-work-points"] == {}
    check = CliRunner().invoke(main, ["--source-dir", str(src), "check"])
    assert check.exit_code == 0 and expected in check.output
    assert CliRunner().invoke(main, ["--source-dir", str(src), "check", "--strict"]).exit_code == 1
