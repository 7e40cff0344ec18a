"""Themes: classification against a hand-labelled sample, spot checks, related items, theme and region pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from generator.assemble.linking import link_corpus
from generator.assemble.themes import taxonomy

LABELS = Path(__file__).parent / "fixtures" / "themes" / "labelled_items.yaml"
SEED_DOCS = ("songjiang-2023-work-points", "jiangsu-2023-work-points", "huli-2021-work-points")


def _themes(docs_by_id, doc_id: str) -> dict[str, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {item_id: ids for item_id, ids, _ in docs_by_id[doc_id].themes}


def test_taxonomy_is_complete() -> None:
    ids = {t.id for t in taxonomy()}
    required = {
        "social-assistance",
        "charity-lottery",
        "elderly-care",
        "child-welfare",
        "disability-welfare",
        "community-governance",
        "social-organisations",
        "social-work-volunteering",
        "funeral-reform",
        "marriage-adoption",
        "vagrant-assistance",
        "divisions-place-names",
        "party-building",
        "rule-of-law",
        "digital-government",
        "safety-epidemic",
        "workforce-funding",
    }
    assert required <= ids
    for t in taxonomy():
        assert t.id.isascii() and t.zh and t.en and t.description_zh and t.description_en and t.strong


def test_every_item_has_one_to_three_themes_with_reasons(corpus) -> None:  # type: ignore[no-untyped-def]
    for doc in corpus.documents:
        if doc.id not in SEED_DOCS:
            continue
        assert len(doc.themes) == len(doc.items())
        for item_id, ids, words in doc.themes:
            assert 1 <= len(ids) <= 3, (doc.id, item_id)
            assert {w.split(":")[0] for w in words} == set(ids), (doc.id, item_id)


def test_agreement_with_labelled_sample(docs_by_id) -> None:  # type: ignore[no-untyped-def]
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["items"]
    assert len(labels) >= 60
    primary = exact = 0
    for lab in labels:
        got = _themes(docs_by_id, lab["doc"])[f"item-{lab['item']}"]
        primary += got[0] == lab["themes"][0]
        exact += set(got) == set(lab["themes"])
    p, e = primary / len(labels), exact / len(labels)
    print(f"\ntheme classifier vs {len(labels)} hand-labelled items: primary-theme agreement {p:.1%}, exact-set agreement {e:.1%}")
    assert p >= 0.90


def test_spot_checks(docs_by_id) -> None:  # type: ignore[no-untyped-def]
    assert _themes(docs_by_id, "songjiang-2023-work-points")["item-28"][0] == "funeral-reform"
    assert _themes(docs_by_id, "jiangsu-2023-work-points")["item-32"][0] == "marriage-adoption"
    assert _themes(docs_by_id, "huli-2021-work-points")["item-24"][0] == "divisions-place-names"
    assert _themes(docs_by_id, "songjiang-2023-work-points")["item-24"][0] == "child-welfare"


def test_related_commitments(corpus) -> None:  # type: ignore[no-untyped-def]
    related = link_corpus(corpus.documents, corpus.bags)
    marriage = related[("songjiang-2023-work-points", "item-26")]
    assert 1 <= len(marriage) <= 3
    assert {("jiangsu-2023-work-points", "item-32"), ("huli-2021-work-points", "item-21")} & {(d, i) for d, i, _ in marriage}
    for (doc_id, _), links in related.items():
        assert all(d != doc_id for d, _, _ in links), "related items come from other documents"


def test_related_items_scored_in_workers_are_the_same(corpus, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Related items scored CHUNK by CHUNK in forked workers equal those scored in one process
    (a small CHUNK gives the seeds' ~250 items several chunks)."""
    from generator import parallel
    from generator.assemble import related as related_mod

    monkeypatch.setattr(related_mod, "CHUNK", 37)
    pools = []
    real_pool = parallel.fork_pool
    monkeypatch.setattr(parallel, "fork_pool", lambda *a, **k: pools.append(1) or real_pool(*a, **k))
    serial = link_corpus(corpus.documents, corpus.bags, workers=1)
    assert not pools
    parallel = link_corpus(corpus.documents, corpus.bags, workers=2)
    assert pools, "the workers were not used"
    assert parallel == serial
    assert sum(len(v) for v in serial.values()) > 200


def _links(html_path: Path) -> list[str]:
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "lxml")
    return [a["href"] for a in soup.select("article a[href]")]


def _theme_links(site: Path, theme_id: str) -> dict[str, list[str]]:
    """period → the links of the theme's page for it (found from the theme's landing page), with
    links to documents made relative to the site root (``documents/<doc>/#item-n``)."""
    landing = _links(site / "themes" / theme_id / "index.html")
    periods = [h.rstrip("/") for h in landing if re.fullmatch(r"\d{4}(-\d{4})?/|undated/", h)]
    out = {}
    for period in periods:
        links = _links(site / "themes" / theme_id / period / "index.html")
        out[period] = [h.removeprefix("../../../") for h in links]
    return out


def test_theme_pages_cross_documents(built: Path) -> None:
    site = built / "site"
    index = _links(site / "themes" / "index.html")
    for theme in taxonomy():
        assert f"{theme.id}/" in index
        by_period = _theme_links(site, theme.id)
        assert by_period, theme.id
        for period, links in by_period.items():
            assert any(h.startswith("documents/") for h in links), (theme.id, period)
            # each period page links back to its theme and to the themes index
            assert "../" in links and "../../" in links, (theme.id, period)
    marriage = _theme_links(site, "marriage-adoption")
    assert list(marriage) == ["2023", "2021-2025", "2021"]  # latest first
    assert "documents/songjiang-2023-work-points/#item-26" in marriage["2023"]
    assert "documents/jiangsu-2023-work-points/#item-32" in marriage["2023"]
    assert "documents/huli-2021-work-points/#item-21" in marriage["2021"]
    assert "../2021/" in marriage["2023"] and "../2023/" in marriage["2021"]  # periods linked to each other
    soup = BeautifulSoup((site / "documents" / "songjiang-2023-work-points" / "index.html").read_text(encoding="utf-8"), "lxml")
    chips = {a.text: a["href"] for a in soup.select("#item-28 ~ p .plansite-chip")}
    assert chips.get("殡葬管理和殡葬改革") == "../../themes/funeral-reform/"
    english = BeautifulSoup((site / "en" / "themes" / "marriage-adoption" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert english.select_one("article h1").text.startswith("Marriage")
    english = BeautifulSoup((site / "en" / "themes" / "marriage-adoption" / "2021" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert english.select_one("article h1").text.startswith("Marriage") and "2021" in english.select_one("article h1").text


def test_each_theme_page_spans_two_documents_where_seeds_allow(corpus, built: Path) -> None:  # type: ignore[no-untyped-def]
    for theme in taxonomy():
        in_docs = {d.id for d in corpus.documents for _, ids, _ in d.themes if theme.id in ids}
        links = [h for hs in _theme_links(built / "site", theme.id).values() for h in hs]
        listed = {d for d in in_docs if any(h.startswith(f"documents/{d}/#") for h in links)}
        assert listed == in_docs
        if len(in_docs) >= 2:
            assert len(listed) >= 2


def test_region_pages(built: Path) -> None:
    page = (built / "docs" / "regions" / "s.md").read_text(encoding="utf-8")
    songjiang = page[page.index("{#songjiang}") :]
    assert "../documents/songjiang-2023-work-points/index.md" in songjiang
    assert "../documents/songjiang-2021-2025-five-year-plan/index.md" in songjiang
    assert songjiang.index("### 2023") < songjiang.index("### 2021")
    index = (built / "docs" / "regions" / "index.md").read_text(encoding="utf-8")
    assert "](s.md#songjiang)" in index and "](h.md#huli)" in index
    # English counts agree in number: Huli has one document, Songjiang two
    en = (built / "docs" / "en" / "regions" / "index.md").read_text(encoding="utf-8")
    assert "](h.md#huli) — 1 document\n" in en and "](s.md#songjiang) — 2 documents\n" in en


def test_export_carries_themes(built: Path) -> None:
    data = json.loads((built / "site" / "data" / "plans.json").read_text(encoding="utf-8"))
    assert {t["id"] for t in data["themes"]} == {t.id for t in taxonomy()}
    item = next(d for d in data["documents"] if d["id"] == "songjiang-2023-work-points")["items"][27]
    assert item["id"] == "item-28" and item["themes"][0] == "funeral-reform" and item["theme_reason"]
