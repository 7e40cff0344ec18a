"""Stages 1–4 over the whole corpus, incrementally: only new or changed sources are parsed.

Every source is hashed; a source whose entry is in the parse cache (``store.ParseCache``) is
read back, the others go through ``source_stages.process_file`` (in forked workers when there
are enough of them) and are cached. The parsed sources are then assembled into documents
(``assemble``). Documents hold *light* sources (no cleaned text, no changes: ``store.lighten``)
when they come from the cache; ``full_document`` reads the rest back for a document's own pages.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..assemble import assemble, group_key
from ..assemble.doc_targets import attach_targets
from ..assemble.regions import known, remember
from ..assemble.related import WordBags, word_bags
from ..assemble.themes import attach_themes
from ..model import Document, Problem
from ..parallel import LIMITS, fork_imap, gc_paused
from ..source_stages import Indexed, distinct_characters, process_file
from ..sources import find_sources
from .store import ParseCache, dumps, restore_parsed, store

Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    pass


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
    light (``store.lighten``: without cleaned text and changes); ``full_document`` restores them."""

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def full(self, doc: Document) -> Document:
        """The document with its sources whole (``full_document``)."""
        return full_document(doc, self.stored)


Job = tuple[Path, Path, str]
"""A source to parse: (its path, the source folder, the SHA-256 of its bytes)."""
Done = tuple[Indexed | None, Problem | None]


def _process_and_store(path: Path, root: Path, cache_file: Path | None) -> tuple[bytes | None, Problem | None]:
    """``process_file`` in a worker: the entry is written to the cache here, and goes back to the
    parent pickled (light when cached, ``store.store``)."""
    entry, problem = process_file(path, root)
    if entry is None:
        return None, problem
    return (store(cache_file, entry) if cache_file is not None else dumps(entry)), None


def parse_sources(
    jobs: list[Job], workers: int, progress: Progress, cache: ParseCache, meanwhile: Callable[[], None] = lambda: None, overlap: bool = False
) -> list[Done]:
    """Stages 1–3 for the sources not in the cache; their entries are cached. ``meanwhile`` is
    called once the work has started (in this process: before it); ``overlap``: use a worker
    even for a few sources, so that ``meanwhile`` runs alongside."""
    files = [cache.path(path.relative_to(root).as_posix(), sha) for path, root, sha in jobs]
    out: list[Done] = []
    if workers <= 1 or not jobs or (len(jobs) < LIMITS.parse_min and not overlap):
        meanwhile()
        for n, (job, file) in enumerate(zip(jobs, files), 1):
            entry, problem = process_file(*job[:2])
            if entry is not None and file is not None:
                entry = pickle.loads(store(file, entry))  # light, as a cache hit would be
            out.append((entry, problem))
            progress("parse", n, len(jobs))
        return out
    if len(jobs) >= LIMITS.shared_imports_min:
        # Transliteration (region slugs, the pinyin rule) loads a phrase dictionary. Many
        # sources are sure to need it in every worker, and this process needs it to assemble:
        # loaded once, here, the forked workers inherit it.
        import pypinyin.core  # noqa: F401
    paths, roots, _ = zip(*jobs)
    with fork_imap(_process_and_store, workers, list(paths), list(roots), files, chunks_per_worker=LIMITS.parse_chunks) as results, gc_paused():
        meanwhile()
        for n, (data, problem) in enumerate(results, 1):
            out.append((pickle.loads(data) if data is not None else None, problem))
            progress("parse", n, len(jobs))
    return out


@dataclass
class _Scan:
    """The sources found, split into cache hits and sources to parse."""

    jobs: list[Job] = field(default_factory=list)
    hits: list[tuple[Path, str, str]] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    """source path → its cache entry (then its parsed source is light)"""
    problems: list[Problem] = field(default_factory=list)


def _scan(source_dir: Path, cache: ParseCache) -> _Scan:
    scan = _Scan()
    with gc_paused():
        for path in find_sources(source_dir):
            rel = path.relative_to(source_dir).as_posix()
            try:
                sha = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:
                scan.problems.append(Problem(rel, "error", f"cannot read: {exc.strerror or exc}"))
                continue
            if cache.has(rel, sha):
                scan.hits.append((path, rel, sha))
            else:
                scan.jobs.append((path, source_dir, sha))
            if cache.dir is not None:
                scan.files[rel] = cache.path(rel, sha)
    return scan


def _parse_all(scan: _Scan, source_dir: Path, cache: ParseCache, workers: int, progress: Progress) -> tuple[list[tuple[str, Indexed]], list[Problem]]:
    """Every source's entry (read from the cache while the changed sources are parsed), by path."""
    entries: list[tuple[str, Indexed]] = []
    unreadable: list[Job] = []  # cached, but the entry cannot be read: parsed again

    def read_hits() -> None:
        for path, rel, sha in scan.hits:
            hit = cache.get(rel, sha)
            if hit is not None:
                entries.append((rel, hit))
            else:
                unreadable.append((path, source_dir, sha))

    jobs = list(scan.jobs)
    done = parse_sources(jobs, workers, progress, cache, read_hits, overlap=len(scan.hits) >= LIMITS.overlap_min_hits)
    if unreadable:
        done += parse_sources(unreadable, workers, progress, cache)
        jobs += unreadable
    problems = list(scan.problems)
    for (path, _, _), (entry, problem) in zip(jobs, done):
        if problem is not None:
            problems.append(problem)
        elif entry is not None:
            entries.append((path.relative_to(source_dir).as_posix(), entry))
    entries.sort(key=lambda e: e[0])
    return entries, problems


def load_corpus(source_dir: Path, progress: Progress = no_progress, cache_dir: Path | None = None, workers: int | None = None) -> Corpus:
    """Stages 1–4 for every source. With ``cache_dir``, unchanged sources are not read, cleaned or
    parsed again, and documents hold light sources (``Corpus.stored``, ``full_document``)."""
    cache = ParseCache(cache_dir)
    remember(*cache.regions())  # new sources usually name regions transliterated before
    workers = workers if workers is not None else (os.cpu_count() or 1)
    scan = _scan(source_dir, cache)
    entries, problems = _parse_all(scan, source_dir, cache, workers, progress)
    remember(e.region for _, e in entries if e.region)
    cache.prune()  # forget sources that are gone
    corpus = _assemble(entries, scan.files, problems)
    remember(e.region for _, e in entries if e.region)  # found by the workers
    cache.keep_regions(*known())
    return corpus


def _assemble(entries: list[tuple[str, Indexed]], files: dict[str, Path], problems: list[Problem]) -> Corpus:
    """Stage 4: the parsed sources assembled into documents, with the index found while parsing."""
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
        # Themes, targets and words were found while parsing (in the workers), for the preferred copy's
        # items: a document with items repaired from another copy is classified and segmented again.
        found = by_parsed[id(d.primary)]
        if d.repairs or found.bags is None:
            d = attach_targets(attach_themes(d))
            bags[d.id] = word_bags([it.text for it in d.items()])
        else:
            d = replace(d, themes=found.themes, targets=found.targets)
            bags[d.id] = found.bags
        if len(d.sources) == 1 and not d.repairs and found.segments >= 0:
            n_segments[d.id] = found.segments
        if any(id(p) in light for p in d.sources):
            stored[d.id] = tuple(light[id(p)] for p in d.sources)
        documents.append(d)
    problems = problems + [p for d in documents for p in d.problems]
    problems.sort(key=lambda p: (p.path, p.severity != "error", p.message))
    # every entry's characters are distinct already; their union counted as code points
    # (rather than a set of all the characters; benchmarks/README.md)
    chars = frozenset(distinct_characters("".join(e.chars for _, e in entries)))
    return Corpus(documents, problems, bags, chars, n_segments, stored)


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
