"""Incremental generation: the content-hash cache and unchanged files left alone."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from generator import source_stages
from generator.assemble.linking import link_corpus
from generator.assemble.themes import attach_themes
from generator.incremental import store as cache_mod
from generator.incremental.corpus import full_document
from generator.parallel import LIMITS
from generator.pipeline import generate, load_corpus

from .conftest import SOURCES


@pytest.fixture
def counting(monkeypatch):  # type: ignore[no-untyped-def]
    calls: list[str] = []
    real = source_stages.parse_source

    def spy(source):  # type: ignore[no-untyped-def]
        calls.append(source.path)
        return real(source)

    monkeypatch.setattr(source_stages, "parse_source", spy)
    return calls


def test_unchanged_sources_are_not_parsed_again(tmp_path: Path, counting) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(SOURCES, src)
    cache = tmp_path / "cache"
    corpus1, _, stats1 = generate(src, tmp_path / "docs", cache_dir=cache)
    assert sorted(counting) == sorted(p.name for p in src.glob("*.txt"))
    counting.clear()
    corpus2, _, stats2 = generate(src, tmp_path / "docs", cache_dir=cache)
    assert counting == []
    assert stats2.written == 0 and stats2.unchanged == stats1.written
    assert [d.id for d in corpus1.documents] == [d.id for d in corpus2.documents]
    # one changed source: only it is parsed again, only its pages are rewritten
    path = src / "004_91bd534388a23d4e.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("进一步规范收养评估工作", "进一步规范收养评估和登记工作"), encoding="utf-8")
    _, _, stats3 = generate(src, tmp_path / "docs", cache_dir=cache)
    assert counting == ["004_91bd534388a23d4e.txt"]
    assert 0 < stats3.written < stats1.written


@pytest.mark.parametrize("runs", (1, 2), ids=("parsed-now", "from-cache"))
def test_cached_corpus_equals_fresh_corpus(tmp_path: Path, runs: int) -> None:
    fresh = load_corpus(SOURCES)
    for _ in range(runs):
        cached = load_corpus(SOURCES, cache_dir=tmp_path)
    # with a cache, documents of one copy hold light sources: no cleaned text, no changes …
    light = [d for d in cached.documents if d.id in cached.stored]
    assert len(light) == len([d for d in fresh.documents if len(d.sources) == 1]) > 0
    assert all(p.clean.text == "" and p.clean.changes == () for d in light for p in d.sources)
    assert all(p.clean.text and p.clean.changes for d in fresh.documents for p in d.sources)
    # … and restored whole they equal the documents parsed without a cache
    assert [full_document(d, cached.stored) for d in cached.documents] == fresh.documents
    assert cached.problems == fresh.problems
    # segments counted while parsing: as many as the assembled document has
    from generator.translate.segments import segments

    assert cached.segments == fresh.segments
    assert cached.segments == {d.id: len(segments(d)) for d in fresh.documents if len(d.sources) == 1}


def test_themes_of_unchanged_documents_are_not_computed_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(SOURCES, src)
    fresh = load_corpus(src, cache_dir=tmp_path / "cache")
    classified: list[object] = []
    real = source_stages.item_themes
    monkeypatch.setattr(source_stages, "item_themes", lambda sections: classified.append(sections) or real(sections))
    path = src / "004_91bd534388a23d4e.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("进一步规范收养评估工作", "进一步规范收养评估和登记工作"), encoding="utf-8")
    again = load_corpus(src, cache_dir=tmp_path / "cache")
    # the changed source while parsing, and each document repaired from another copy (none in the seeds)
    repaired = [d for d in again.documents if d.repairs]
    assert len(classified) == 1 + len(repaired)
    assert [d.themes for d in again.documents] == [d.themes for d in fresh.documents]
    # themes found while parsing equal those of the assembled documents
    monkeypatch.setattr(source_stages, "item_themes", real)
    assert all(d.themes for d in again.documents)
    assert [d.themes for d in again.documents] == [attach_themes(d).themes for d in again.documents]


def test_generator_change_invalidates_the_cache(tmp_path: Path, counting, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    load_corpus(SOURCES, cache_dir=tmp_path)
    counting.clear()
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "another-generator")
    load_corpus(SOURCES, cache_dir=tmp_path)
    assert len(counting) == 5
    assert [p.name for p in (tmp_path / "parse").iterdir()] == ["another-generator"]


def test_fingerprint_covers_code_and_data() -> None:
    files = {p.relative_to(cache_mod.PACKAGE).as_posix() for p in cache_mod.PACKAGE.rglob("*") if p.is_file()}
    assert {"clean/chrome.py", "data/chrome.tsv", "templates/document.md.j2"} <= files


def test_damaged_entry_is_a_miss(tmp_path: Path, counting) -> None:  # type: ignore[no-untyped-def]
    load_corpus(SOURCES, cache_dir=tmp_path)
    for entry in (tmp_path / "parse").rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    counting.clear()
    corpus = load_corpus(SOURCES, cache_dir=tmp_path)
    assert len(counting) == 5 and len(corpus.documents) == 4


def test_changed_source_is_parsed_in_a_worker_while_the_cache_is_read(tmp_path: Path, counting) -> None:  # type: ignore[no-untyped-def]
    """With many cached sources, one changed source is parsed in a worker process (the spy in this
    process sees no call) and the corpus equals one made without the cache."""
    src = tmp_path / "src"
    src.mkdir()
    copies = -(-LIMITS.overlap_min_hits // 5)
    for n in range(copies):
        for p in SOURCES.glob("00[0-4]*.txt"):
            shutil.copy(p, src / f"{n:02d}-{p.name}")
    load_corpus(src, cache_dir=tmp_path / "cache", workers=2)
    changed = src / "00-004_91bd534388a23d4e.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("进一步规范收养评估工作", "进一步规范收养评估和登记工作"), encoding="utf-8")
    counting.clear()
    cached = load_corpus(src, cache_dir=tmp_path / "cache", workers=2)
    assert counting == []  # parsed, but not in this process
    plain = load_corpus(src, workers=1)
    assert [d.id for d in cached.documents] == [d.id for d in plain.documents]
    huli = next(d for d in cached.documents if d.id == "huli-2021-work-points")
    assert any("进一步规范收养评估和登记工作" in it.text for it in huli.items())
    assert cached.bags == plain.bags and [d.themes for d in cached.documents] == [d.themes for d in plain.documents]


def test_parallel_parse_gives_the_same_corpus(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for n in range(3):  # enough files for the process pool
        for p in SOURCES.glob("00[0-4]*.txt"):
            shutil.copy(p, src / f"{n}-{p.name}")
    serial = load_corpus(src, workers=1)
    parallel = load_corpus(src, workers=2)
    assert serial.documents == parallel.documents


def test_unchanged_documents_are_not_rendered_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from generator.render import site_pages as render_mod

    src = tmp_path / "src"
    shutil.copytree(SOURCES, src)
    cache = tmp_path / "cache"
    first, _, _ = generate(src, tmp_path / "docs", cache_dir=cache)
    rendered: list[str] = []
    real = render_mod.render_document
    monkeypatch.setattr(render_mod, "render_document", lambda doc, *a, **k: rendered.append(doc.id) or real(doc, *a, **k))
    before = {p: p.read_bytes() for p in (tmp_path / "docs").rglob("*.md")}
    generate(src, tmp_path / "docs", cache_dir=cache)
    assert rendered == []
    assert before == {p: p.read_bytes() for p in (tmp_path / "docs").rglob("*.md")}
    path = src / "004_91bd534388a23d4e.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("进一步规范收养评估工作", "进一步规范收养评估和登记工作"), encoding="utf-8")
    generate(src, tmp_path / "docs", cache_dir=cache)
    # the changed document in both languages, plus documents whose related links point at it
    assert "huli-2021-work-points" in rendered and len(rendered) < 2 * len(first.documents)


def test_parallel_render_gives_the_same_files(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Documents rendered in forked workers (lowered threshold: the seeds are few) give the same
    files as in one process; pages the workers cached survive the cache's pruning and are then
    read back instead of rendered."""
    from generator.incremental.pages import render_site
    from generator.incremental.store import PageCache
    from generator.incremental.translations import translate_corpus
    from generator.render import site_pages
    from generator.site.writer import Cached, text_of

    corpus = load_corpus(SOURCES)
    site_input = translate_corpus(corpus, SOURCES)
    related = link_corpus(corpus.documents, corpus.bags)
    serial, _ = render_site(corpus.documents, site_input, related, workers=1)
    monkeypatch.setattr(LIMITS, "render_min", 1)
    pages = PageCache(tmp_path)
    parallel, _ = render_site(corpus.documents, site_input, related, pages, workers=2)
    assert any(isinstance(v, Cached) for v in parallel.values())
    assert {k: text_of(v) for k, v in parallel.items()} == serial
    again = PageCache(tmp_path)
    rendered: list[str] = []
    real = site_pages.render_document
    monkeypatch.setattr(site_pages, "render_document", lambda doc, *a, **k: rendered.append(doc.id) or real(doc, *a, **k))
    # in this process, where the spy can see it (a forked worker's calls stay in the worker)
    files, _ = render_site(corpus.documents, site_input, related, again, workers=1)
    assert {k: text_of(v) for k, v in files.items()} == serial
    assert rendered == []


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_pages_rendered_from_light_documents_are_the_same(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """With a cache, the corpus holds light sources and each document's pages are made from its
    sources read back whole from the parse cache (in forked workers here): same files as a build
    without any cache."""
    generate(SOURCES, tmp_path / "plain", cache_dir=None, workers=1)
    monkeypatch.setattr(LIMITS, "render_min", 1)
    cache = tmp_path / "cache"
    generate(SOURCES, tmp_path / "first", cache_dir=cache, workers=2)
    shutil.rmtree(cache / "pages")  # the parse cache stays: the next build renders every page from light documents
    corpus, _, _ = generate(SOURCES, tmp_path / "again", cache_dir=cache, workers=2)
    assert corpus.stored
    plain = _tree(tmp_path / "plain")
    assert _tree(tmp_path / "first") == plain
    assert _tree(tmp_path / "again") == plain


def test_known_regions_are_not_transliterated_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A source naming a region that is not in the table gets a pinyin slug; the next build (a new
    process), parsing the changed source again, reuses the slug found before (the same answer,
    without loading pypinyin)."""
    from generator.assemble import regions

    src = tmp_path / "src"
    src.mkdir()
    text = (SOURCES / "004_91bd534388a23d4e.txt").read_text(encoding="utf-8").replace("湖里区", "青禾县")
    (src / "a.txt").write_text(text, encoding="utf-8")
    first = load_corpus(src, cache_dir=tmp_path / "cache")
    assert [(d.meta.region, d.region_slug, d.region_en) for d in first.documents] == [("青禾县", "qinghe", "Qinghe County")]
    monkeypatch.setattr(regions, "_KNOWN", {})  # as in a new process
    monkeypatch.setattr(regions, "_SLUGS", {})
    monkeypatch.setattr(regions, "lazy_pinyin", lambda *a, **k: pytest.fail("transliterated again"), raising=False)
    monkeypatch.setitem(sys.modules, "pypinyin", None)  # importing it fails
    (src / "a.txt").write_text(text.replace("进一步规范收养评估工作", "进一步规范收养评估和登记工作"), encoding="utf-8")
    again = load_corpus(src, cache_dir=tmp_path / "cache")
    assert [(d.meta.region, d.region_slug, d.region_en) for d in again.documents] == [("青禾县", "qinghe", "Qinghe County")]
    assert again.documents[0].sources[0].clean.source.sha256 != first.documents[0].sources[0].clean.source.sha256


def test_changed_catalog_reaches_the_english_pages(tmp_path: Path) -> None:
    """Translations are kept in the page cache while a document and its catalog are unchanged:
    editing the catalog, or removing it, shows on the next build."""
    src = tmp_path / "src"
    shutil.copytree(SOURCES, src)
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    page = docs / "en" / "documents" / "huli-2021-work-points" / "index.md"
    _, first, _ = generate(src, docs, cache_dir=cache)
    assert "Huli District Civil Affairs Work Priorities for 2021" in page.read_text(encoding="utf-8")
    catalog = src / "en" / "huli-2021-work-points.po"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace("Huli District Civil Affairs Work Priorities for 2021", "Huli 2021 priorities, edited"), encoding="utf-8"
    )
    _, edited, _ = generate(src, docs, cache_dir=cache)
    assert "Huli 2021 priorities, edited" in page.read_text(encoding="utf-8")
    assert edited.coverage["huli-2021-work-points"] == first.coverage["huli-2021-work-points"]
    catalog.unlink()
    _, removed, _ = generate(src, docs, cache_dir=cache)
    assert "Huli 2021 priorities, edited" not in page.read_text(encoding="utf-8")
    assert removed.coverage["huli-2021-work-points"][0] == 0 < first.coverage["huli-2021-work-points"][0]
    # without a catalog only the segments are counted, and that count was made while parsing
    assert removed.coverage["huli-2021-work-points"][1] == first.coverage["huli-2021-work-points"][1] > 50
    assert removed.translations["huli-2021-work-points"] == {}


def test_pages_citing_a_changed_link_text_are_rendered_again(tmp_path: Path) -> None:
    """A page is reused only while its links read the same: a new translation of an item's title
    shows in the links to it from other documents, whose own sources did not change."""
    src = tmp_path / "src"
    shutil.copytree(SOURCES, src)
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    citing = docs / "en" / "documents" / "jiangsu-2023-work-points" / "index.md"
    generate(src, docs, cache_dir=cache)
    old = "Study and implement in depth the guiding principles of the Fifth Plenary Session of the 19th CPC Central Committee"
    assert f'href=\\"../huli-2021-work-points/#item-2\\">Huli District, Xiamen 2021 2. {old}</a>' in citing.read_text(encoding="utf-8")
    catalog = src / "en" / "huli-2021-work-points.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(f'msgstr "{old}', 'msgstr "Study the Fifth Plenary Session, edited'), encoding="utf-8")
    generate(src, docs, cache_dir=cache)
    text = citing.read_text(encoding="utf-8")
    assert 'href=\\"../huli-2021-work-points/#item-2\\">Huli District, Xiamen 2021 2. Study the Fifth Plenary Session, edited</a>' in text
    assert old not in text


def test_theme_pages_are_made_again_only_where_a_document_changed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A theme page is reused while the documents on it are unchanged; after one source changes,
    the pages it is on are made again (and equal a build without cache), the others are not."""
    from generator.assemble.themes import taxonomy
    from generator.render import theme_outputs as render_mod
    from generator.render.theme_pages import theme_counts

    src = tmp_path / "src"
    shutil.copytree(SOURCES, src)
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    generate(src, docs, cache_dir=cache)
    made: list[tuple[str, str, str]] = []
    real = render_mod.render_theme_page
    monkeypatch.setattr(
        render_mod,
        "render_theme_page",
        lambda theme, on, v_for, lang, blocks, slug, periods: made.append((lang, theme.id, slug)) or real(theme, on, v_for, lang, blocks, slug, periods),
    )
    generate(src, docs, cache_dir=cache)
    assert made == []
    path = src / "004_91bd534388a23d4e.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("进一步规范收养评估工作", "进一步规范收养评估和登记工作"), encoding="utf-8")
    corpus, _, _ = generate(src, docs, cache_dir=cache)
    huli = theme_counts(next(d for d in corpus.documents if d.id == "huli-2021-work-points"))
    # one page per language and theme of the document: its period's (the other periods are not made)
    assert {tid for _, tid, _ in made} == set(huli) and len(made) == 2 * len(huli) < 2 * len(taxonomy())
    assert {slug for _, _, slug in made} == {"2021"}
    generate(src, tmp_path / "plain", cache_dir=None)
    assert _tree(docs) == _tree(tmp_path / "plain")


def test_index_pages_are_made_again_only_when_what_they_list_changed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from generator.render import env

    src = tmp_path / "src"
    shutil.copytree(SOURCES, src)
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    generate(src, docs, cache_dir=cache)
    made: list[str] = []
    real = env.render
    monkeypatch.setattr(env, "render", lambda template, *a, **k: made.append(template) or real(template, *a, **k))
    generate(src, docs, cache_dir=cache)
    assert "documents_index.md.j2" not in made and "region.md.j2" not in made
    catalog = src / "en" / "huli-2021-work-points.po"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace("Huli District Civil Affairs Work Priorities for 2021", "Huli priorities 2021, edited"), encoding="utf-8"
    )
    made.clear()
    generate(src, docs, cache_dir=cache)
    assert made.count("documents_index.md.j2") == 1  # the English one; the Chinese list is unchanged
    assert "Huli priorities 2021, edited" in (docs / "en" / "documents" / "index.md").read_text(encoding="utf-8")
    assert "Huli priorities 2021, edited" in (docs / "en" / "regions" / "h.md").read_text(encoding="utf-8")
    generate(src, tmp_path / "plain", cache_dir=None)
    assert _tree(docs) == _tree(tmp_path / "plain")


def test_theme_pages_made_in_workers_equal_those_made_in_one_process(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each language's theme pages made in a forked worker (``render.theme_pages``): the same
    files as a build without cache (one process), and the page cache still pruned right."""
    from generator.incremental import pages as pages_mod
    from generator.render import theme_outputs as render_mod

    monkeypatch.setattr(LIMITS, "themes_min", 1)
    monkeypatch.setattr(LIMITS, "early_themes_max", 0)  # the seeds are few: not made before the related items
    pools = []
    real_map = pages_mod.fork_map
    monkeypatch.setattr(pages_mod, "fork_map", lambda *a, **k: pools.append(1) or real_map(*a, **k))
    docs = tmp_path / "docs"
    generate(SOURCES, docs, cache_dir=tmp_path / "cache", workers=2)
    assert pools, "the theme pages were not made in workers"
    generate(SOURCES, tmp_path / "plain", cache_dir=None, workers=1)
    assert _tree(docs) == _tree(tmp_path / "plain")
    # the theme pages' cache files were kept (marked used by the workers): a second build makes none
    made: list[str] = []
    real = render_mod.render_theme_page
    monkeypatch.setattr(render_mod, "render_theme_page", lambda *a: made.append(a[0].id) or real(*a))
    generate(SOURCES, docs, cache_dir=tmp_path / "cache", workers=2)
    assert made == [] and _tree(docs) == _tree(tmp_path / "plain")


def test_record_with_other_related_items_is_made_from_its_cached_body(tmp_path: Path) -> None:
    """A document whose related items changed (another document changed) gets its export record
    from the record body cached by its own content: its sources are not read whole again, and the
    record is the one made whole."""
    from generator.incremental.outputs import Maker
    from generator.incremental.store import PageCache
    from generator.render import SiteInput
    from generator.render.export import _compact, document_record, record_body, with_related
    from generator.render.site_pages import Site
    from generator.site.writer import text_of

    corpus = load_corpus(SOURCES)
    related = link_corpus(corpus.documents, corpus.bags)
    assert any(related.values())
    for doc in corpus.documents:
        assert with_related(record_body(doc), doc, related) == _compact(document_record(doc, related))
    read_whole: list[str] = []

    def records(related):  # type: ignore[no-untyped-def]
        site = Site(corpus.documents, SiteInput(related=related), full=lambda doc: read_whole.append(doc.id) or doc)
        maker = Maker(PageCache(tmp_path))
        return [text_of(maker.file(site.document_outputs(doc).record)) for doc in corpus.documents]

    records(related)
    assert sorted(read_whole) == sorted(d.id for d in corpus.documents)
    # another document's change: every first related item dropped
    changed = {k: v[1:] for k, v in related.items()}
    read_whole.clear()
    assert records(changed) == [_compact(document_record(doc, changed)) for doc in corpus.documents]
    assert read_whole == []


def test_related_items_found_in_the_background_give_the_same_files(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Related items found in a forked process (threshold lowered: the seeds are few) while the
    index pages, and after a change in one document the theme pages, are made: the same files
    as a build without cache in one process, cold and after the change."""
    from generator import parallel as background
    from generator.incremental import pages as pages_mod

    monkeypatch.setattr(LIMITS, "background_min_items", 0)
    started: list[int] = []
    real_bg = background.Background.__init__
    monkeypatch.setattr(background.Background, "__init__", lambda self, *a: started.append(1) or real_bg(self, *a))
    early: list[bool] = []
    real_early = pages_mod._early_theme_parts
    monkeypatch.setattr(pages_mod, "_early_theme_parts", lambda *a: early.append((r := real_early(*a)) is not None) or r)
    src = tmp_path / "src"
    shutil.copytree(SOURCES, src)
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    _, site_input, _ = generate(src, docs, cache_dir=cache, workers=2)
    assert started and isinstance(site_input.related, dict) and any(site_input.related.values())
    generate(src, tmp_path / "plain", cache_dir=None, workers=1)
    assert _tree(docs) == _tree(tmp_path / "plain")
    path = src / "004_91bd534388a23d4e.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("进一步规范收养评估工作", "进一步规范收养评估和登记工作，推进智慧民政建设"), encoding="utf-8")
    early.clear()
    generate(src, docs, cache_dir=cache, workers=2)
    assert early == [True], "the theme pages were not made before the related items were needed"
    shutil.rmtree(tmp_path / "plain")
    generate(src, tmp_path / "plain", cache_dir=None, workers=1)
    assert _tree(docs) == _tree(tmp_path / "plain")


@pytest.mark.parametrize(
    "found",
    [
        [("shanghai-2024-work-plan", "item-3", 0.1234), ('a"b\\c', "item-\u2028é区", 1.0)],
        [("d", "item-1", 1e-05), ("d", "item-2", 123456789.0)],
        [("d", "item-1", 1)],  # not a float: json.dumps writes it
        [("d", "item-1", float("nan"))],
    ],
)
def test_related_items_are_written_as_json_dumps_writes_them(found) -> None:  # type: ignore[no-untyped-def]
    from generator.render.export import _compact, _related_json

    assert _related_json(found) == _compact([{"document": d, "item": i, "score": s} for d, i, s in found])
