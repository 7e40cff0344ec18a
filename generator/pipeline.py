"""The pipeline, stage by stage (DESIGN §3): sources → clean → parse → assemble → render → write → site.

``generate`` reads like the list; each stage is a pure function of the one
before, except reading ``source_texts/`` and writing ``docs/``. A source that
fails at any stage becomes a ``Problem`` and the others go on.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .assemble import assemble, group_key
from .parallel import Background
from .clean import clean
from .model import Document, ParsedDoc, Problem, Section, Source
from .parse import parse
from .incremental.store import Entry, MemoFile, PageCache, ParseCache, doc_key, dumps, restore_parsed, store
from .assemble.regions import find_region, known, remember
from .assemble.related import Entry as RelatedEntry
from .assemble.related import Found, WordBags, related_arrays, related_dict, word_bags
from .render import SiteInput, render_site
from .assemble.themes import classify_sections
from .translate.segments import segments
from .translate import CatalogError, catalog_path, catalog_problem, coverage, load_catalog, orphan_catalogs, translations
from .sources import SourceError, find_sources, read_source, source_warnings
from .site.writer import WriteStats, write_tree

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
PARALLEL_MIN = 8
"""Fewer sources than this are parsed in-process (starting workers costs more than it saves)."""


@dataclass(frozen=True)
class Corpus:
    documents: list[Document]
    problems: list[Problem]
    """Errors (skipped sources) and warnings, in source order."""
    bags: dict[str, WordBags] = field(default_factory=dict)
    """doc id → the words of its items, made while parsing (for related items)."""

    chars: frozenset[str] | None = None
    """Every character of the cleaned texts (None: not collected, ``fold_table`` reads the texts)."""
    segments: dict[str, int] = field(default_factory=dict)
    """doc id → its number of translatable segments, when counted while parsing (a document of one copy)."""
    stored: dict[str, tuple[Path, ...]] = field(default_factory=dict)
    """doc id → the parse-cache file of each of its sources, for the documents whose sources are
    light (``cache.lighten``: without cleaned text and changes); ``full_document`` restores them."""

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def _noop(stage: str, done: int, total: int) -> None:
    pass


def parse_source(source: Source) -> ParsedDoc | Problem:
    """Clean and parse one source; an unexpected failure is that source's error only."""
    try:
        return parse(clean(source))
    except Exception as exc:  # one bad document must not take the others down
        log.exception("failed on %s", source.path)
        return Problem(source.path, "error", f"cannot parse: {type(exc).__name__}: {exc}")


def process_file(path: Path, root: Path, sha256: str) -> tuple[Entry | None, Problem | None]:
    """Stages 1–3 for one file, plus its items' words and themes, its region and its characters
    (runs in a worker process)."""
    try:
        source = read_source(path, root)
    except SourceError as exc:
        return None, Problem(path.relative_to(root).as_posix(), "error", str(exc))
    except OSError as exc:
        return None, Problem(path.relative_to(root).as_posix(), "error", f"cannot read: {exc.strerror or exc}")
    result = parse_source(source)
    if isinstance(result, Problem):
        return None, result
    try:
        return _entry(result, source, path), None
    except Exception as exc:  # as in ``parse_source``: this source's error only
        log.exception("failed on %s", source.path)
        return None, Problem(source.path, "error", f"cannot index its items: {type(exc).__name__}: {exc}")


def _entry(result: ParsedDoc, source: Source, path: Path) -> Entry:
    """The parse cache's entry for a parsed source: its items' words, themes and segments, its region."""
    # The decoded text is not needed once cleaned (the cleaned text and every change are kept);
    # dropping it keeps the cache and the corpus in memory a third smaller.
    clean = replace(result.clean, source=replace(result.clean.source, text=""))
    result = replace(result, clean=clean, problems=(*source_warnings(source, path), *result.problems))
    items = [it for s in result.sections for it in _walk_items(s)]
    region = find_region(result.meta.region) if result.meta.region else None
    return Entry(result, word_bags([it.text for it in items]), region, distinct_characters(clean.text), item_themes(result.sections), len(segments(result)))


def distinct_characters(text: str) -> str:
    """The characters of ``text``, each once, in code point order (``"".join(sorted(set(text)))``,
    counted as code points: a set of 10⁴ one-character strings costs more than the rest of this)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return np.flatnonzero(np.bincount(codes)).astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")


def _process_and_store(path: Path, root: Path, sha256: str, cache_file: Path | None) -> tuple[bytes | None, Problem | None]:
    """``process_file`` in a worker: the entry is written to the cache here, and goes back to the
    parent pickled (light when cached, ``cache.store``)."""
    entry, problem = process_file(path, root, sha256)
    if entry is None:
        return None, problem
    return (store(cache_file, entry) if cache_file is not None else dumps(entry)), None


def _walk_items(section):  # type: ignore[no-untyped-def]
    yield from section.items
    for sub in section.sections:
        yield from _walk_items(sub)


def _run(jobs: list[tuple[Path, Path, str]], workers: int, progress: Progress, cache: ParseCache, meanwhile: Callable[[], None] = lambda: None, overlap: bool = False) -> list[tuple[Entry | None, Problem | None]]:
    """Stages 1–3 for the sources not in the cache; their entries are cached. ``meanwhile`` is
    called once the work has started (in this process: before it); ``overlap``: use a worker
    even for fewer than ``PARALLEL_MIN`` sources, so that ``meanwhile`` runs alongside."""
    files = [cache.path(path.relative_to(root).as_posix(), sha) for path, root, sha in jobs]
    out: list[tuple[Entry | None, Problem | None]] = []
    if workers <= 1 or not jobs or (len(jobs) < PARALLEL_MIN and not overlap):
        meanwhile()
        for n, (job, file) in enumerate(zip(jobs, files), 1):
            entry, problem = process_file(*job)
            if entry is not None and file is not None:
                entry = pickle.loads(store(file, entry))  # light, as a cache hit would be
            out.append((entry, problem))
            progress("parse", n, len(jobs))
        return out
    if len(jobs) >= SHARED_IMPORTS_MIN:
        # Transliteration (region slugs, the pinyin rule) loads a phrase dictionary (~0.4 s). Many
        # sources are sure to need it in every worker, and this process needs it to assemble:
        # loaded once, here, the forked workers inherit it.
        import pypinyin.core  # noqa: F401
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        results = pool.map(_process_and_store, *zip(*jobs), files, chunksize=max(1, len(jobs) // (workers * PARSE_CHUNKS)))
        with _gc_paused():
            meanwhile()
            for n, (data, problem) in enumerate(results, 1):
                out.append((pickle.loads(data) if data is not None else None, problem))
                progress("parse", n, len(jobs))
        return out


SHARED_IMPORTS_MIN = 64
"""From this many sources to parse, what every worker would load is loaded before they are forked."""
PARSE_CHUNKS = 32
"""Sources are handed to each parse worker in about this many chunks: the last chunk leaves the
other worker idle until it is done, and at N=10,000 an eighth of a worker's share (625 sources)
took ~9 s."""

OVERLAP_MIN_HITS = 64
"""With at least this many cached sources to read, even one changed source is parsed in a worker
while this process reads them: the worker pays the segmenter's start-up (~0.4 s), which this
process then never needs."""


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading the cache makes ~10⁵ objects that live to the end of the run and form no cycles;
    the cyclic collector would scan the growing heap again and again while they are made."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_corpus(source_dir: Path, progress: Progress = _noop, cache_dir: Path | None = None, workers: int | None = None) -> Corpus:
    """Stages 1–4 for every source. With ``cache_dir``, unchanged sources are not read, cleaned or
    parsed again, and documents hold light sources (``Corpus.stored``, ``full_document``)."""
    cache = ParseCache(cache_dir)
    remember(*cache.regions())  # new sources usually name regions transliterated before
    workers = workers if workers is not None else (os.cpu_count() or 1)
    entries: list[tuple[str, Entry]] = []
    problems: list[Problem] = []
    jobs: list[tuple[Path, Path, str]] = []
    hits: list[tuple[Path, str, str]] = []
    files: dict[str, Path] = {}  # source path → its cache entry (then its parsed source is light)
    with _gc_paused():
        for path in find_sources(source_dir):
            rel = path.relative_to(source_dir).as_posix()
            try:
                sha = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:
                problems.append(Problem(rel, "error", f"cannot read: {exc.strerror or exc}"))
                continue
            if cache.has(rel, sha):
                hits.append((path, rel, sha))
            else:
                jobs.append((path, source_dir, sha))
            if cache.dir is not None:
                files[rel] = cache.path(rel, sha)
    unreadable: list[tuple[Path, Path, str]] = []  # cached, but the entry cannot be read: parsed again

    def read_hits() -> None:
        for path, rel, sha in hits:
            hit = cache.get(rel, sha)
            if hit is not None:
                entries.append((rel, hit))
            else:
                unreadable.append((path, source_dir, sha))

    done = _run(jobs, workers, progress, cache, read_hits, overlap=len(hits) >= OVERLAP_MIN_HITS)
    if unreadable:
        done += _run(unreadable, workers, progress, cache)
        jobs += unreadable
    remember(e.region for _, e in entries if e.region)
    for (path, _, sha), (entry, problem) in zip(jobs, done):
        rel = path.relative_to(source_dir).as_posix()
        if problem is not None:
            problems.append(problem)
        elif entry is not None:
            entries.append((rel, entry))
    cache.prune()  # forget sources that are gone
    entries.sort(key=lambda e: e[0])
    # Copies of one notice are compared text to text when assembled: those are restored whole.
    copies = Counter(group_key(e.parsed) for _, e in entries)
    for n, (rel, e) in enumerate(entries):
        if rel in files and copies[group_key(e.parsed)] > 1:
            entries[n] = (rel, replace(e, parsed=restore_parsed(e.parsed, files.pop(rel))))
    by_parsed = {id(e.parsed): e for _, e in entries}
    light = {id(e.parsed): files[rel] for rel, e in entries if rel in files}
    regions = {e.parsed.meta.region: e.region for _, e in entries if e.parsed.meta.region}
    documents: list[Document] = []
    bags: dict[str, WordBags] = {}
    stored: dict[str, tuple[Path, ...]] = {}
    n_segments: dict[str, int] = {}
    for d in assemble([e.parsed for _, e in entries], regions):
        # Themes and words were found while parsing (in the workers), for the preferred copy's
        # items: a document with items repaired from another copy is classified and segmented again.
        found = by_parsed[id(d.primary)]
        if d.repairs or found.bags is None:
            d = attach_themes(d)
            bags[d.id] = word_bags([it.text for it in d.items()])
        else:
            d = replace(d, themes=found.themes)
            bags[d.id] = found.bags
        if len(d.sources) == 1 and not d.repairs and found.segments >= 0:
            n_segments[d.id] = found.segments
        if any(id(p) in light for p in d.sources):
            stored[d.id] = tuple(light[id(p)] for p in d.sources)
        documents.append(d)
    remember(e.region for _, e in entries if e.region)  # found by the workers
    cache.keep_regions(*known())
    problems.extend(p for d in documents for p in d.problems)
    problems.sort(key=lambda p: (p.path, p.severity != "error", p.message))
    # every entry's characters are distinct already; their union counted as code points (at
    # N=10,000 a set of their 10⁷ characters took ~1 s)
    return Corpus(documents, problems, bags, frozenset(distinct_characters("".join(e.chars for _, e in entries))), n_segments, stored)


def full_document(doc: Document, stored: dict[str, tuple[Path, ...]]) -> Document:
    """The document with its sources whole (cleaned text, changes), read back from the parse cache.
    A document of one copy (all that are stored light) takes its text from the file as well: a
    forked render worker then reads its own objects, not the parent's corpus (reading those would
    copy their memory pages into the worker)."""
    if doc.id not in stored:
        return doc
    sources = tuple(restore_parsed(None, path) for path in stored[doc.id])
    if len(sources) > 1 or doc.repairs:
        return replace(doc, sources=sources)
    p = sources[0]
    return replace(doc, sources=sources, preamble=p.preamble, intro=p.intro, sections=p.sections, closing=p.closing)


def item_themes(sections: tuple[Section, ...]) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """Every item's themes and the words that matched (``Document.themes``)."""
    return tuple((c.item_id, c.themes, tuple(f"{t}:{w}" for t, words in c.matched for w in words)) for c in classify_sections(sections))


def attach_themes(doc: Document) -> Document:
    """Stage 4 (assemble), themes: every item's themes and the words that matched."""
    return replace(doc, themes=item_themes(doc.sections))


def link_corpus(corpus: Corpus, workers: int = 1) -> dict[tuple[str, str], list[tuple[str, str, float]]]:
    """Stage 4 (assemble), related commitments across documents (scored in ``workers`` processes)."""
    return related_dict(_item_keys(corpus), _link_arrays(corpus, workers))


def _item_keys(corpus: Corpus) -> list[tuple[str, str]]:
    """(doc id, item id) of every item, in document order (``Document.themes`` lists them all)."""
    return [(d.id, item_id) for d in corpus.documents for item_id, _, _ in d.themes]


def _link_arrays(corpus: Corpus, workers: int) -> Found:
    """``related_arrays`` of the corpus's items (in ``_item_keys`` order)."""
    entries = []
    make = tuple.__new__  # a named tuple's own constructor is a Python function; there are ~10⁵ entries
    for d in corpus.documents:
        # the text is not needed: the words are in the bags
        entries.extend(make(RelatedEntry, (d.id, item_id, "", ids)) for item_id, ids, _ in d.themes)
    bags = [corpus.bags[d.id] if d.id in corpus.bags else word_bags([it.text for it in d.items()]) for d in corpus.documents]
    return related_arrays(entries, bags=bags, workers=workers)


def translate_corpus(corpus: Corpus, source_dir: Path, pages: PageCache | None = None, workers: int = 1, related: Background | None = None) -> SiteInput:  # type: ignore[type-arg]
    """Stage 5: the English side of every document from its catalog (missing catalog = nothing
    translated). With ``pages``, a document's translations and coverage are kept in the page cache
    (``translations.json``) while the document and its catalog are unchanged. ``related``: the
    related items being found in another process (``start_linking``); else they are found here."""
    tr: dict[str, dict[str, str]] = {}
    cov: dict[str, tuple[int, int]] = {}
    problems: list[Problem] = []
    memo = MemoFile(pages, "translations.json")
    for doc in corpus.documents:
        path = catalog_path(source_dir, doc.id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raw = None
        except OSError as exc:  # e.g. a folder by that name: as if there were no catalog
            problems.append(catalog_problem(source_dir, doc.id, CatalogError(f"cannot read it: {exc.strerror or exc}")))
            raw = None
        if raw is None and doc.id in corpus.segments:  # nothing translated: only the count is needed
            shown, translated, total = {}, 0, corpus.segments[doc.id]
        else:
            key = hashlib.sha256(f"{doc_key(doc)}\0{hashlib.sha256(raw).hexdigest() if raw is not None else '-'}".encode()).hexdigest()[:32] + "-tr"
            try:
                shown, (translated, total) = memo.get(key, lambda: _translate(doc, path if raw is not None else None))  # type: ignore[misc]
            except CatalogError as exc:  # this document untranslated, the others go on
                problems.append(catalog_problem(source_dir, doc.id, exc))
                shown, (translated, total) = _translate(doc, None)  # type: ignore[misc]
        tr[doc.id], cov[doc.id] = shown, (translated, total)
    memo.save()
    problems += orphan_catalogs(source_dir, set(tr))
    return SiteInput(translations=tr, coverage=cov, related=related if related is not None else link_corpus(corpus, workers), chars=corpus.chars, full=lambda d: full_document(d, corpus.stored), pages=pages, problems=problems)


BACKGROUND_MIN_ITEMS = 5000
"""From this many items on, related items are found in a forked process while this one reads
the translations and makes the pages that do not need them (``render_site``); below, forking
costs more than it saves."""


def start_linking(corpus: Corpus, workers: int) -> Background | None:  # type: ignore[type-arg]
    """``link_corpus`` started in a forked process, when the corpus is large enough to gain."""
    if workers <= 1 or sum(len(d.items()) for d in corpus.documents) < BACKGROUND_MIN_ITEMS:
        return None
    # the forked process sends back the arrays; the dict is made here, when it is needed
    return Background(lambda: _link_arrays(corpus, workers), lambda found: related_dict(_item_keys(corpus), found))


def _translate(doc: Document, catalog: Path | None) -> list[object]:
    """A document's translations and (translated, all) segments (``translate_corpus``)."""
    loaded = load_catalog(catalog) if catalog is not None else None
    c = coverage(doc, loaded)
    return [translations(doc, loaded), [c.translated, c.total]]


def generate(source_dir: Path, docs_dir: Path, progress: Progress = _noop, cache_dir: Path | None = None, workers: int | None = None) -> tuple[Corpus, SiteInput, WriteStats]:
    """Sources → ``docs_dir``. ``workers`` processes parse and render (default: one per core)."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    corpus = load_corpus(source_dir, progress, cache_dir, workers)
    # The corpus lives to the end: keep the cyclic collector from scanning it again and again
    # (and, in forked render workers, from touching its pages).
    gc.freeze()
    try:
        related = start_linking(corpus, workers)  # meanwhile: the page cache opened, translations read, pages made
        pages = PageCache(cache_dir)
        pages.forget_edited(docs_dir)  # generated files edited in place, which changed their cache entries
        site_input = translate_corpus(corpus, source_dir, pages, workers, related)
        progress("translate", 1, 1)
        files = render_site(corpus.documents, site_input, workers)
        if related is not None:
            site_input = replace(site_input, related=related.result())
        site_input.pages.prune()
        progress("render", 1, 1)
        stats = write_tree(docs_dir, files)
        progress("write", 1, 1)
    finally:
        gc.unfreeze()
    return corpus, site_input, stats
