"""The pipeline, stage by stage (DESIGN §3): sources → clean → parse → assemble → render → write → site.

``generate`` reads like the list; each stage is a pure function of the one
before, except reading ``source_texts/`` and writing ``docs/``. A source that
fails at any stage becomes a ``Problem`` and the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from .assemble import assemble
from .clean import clean
from .model import Document, ParsedDoc, Problem, Source
from .parse import parse
from .related import Entry, related_items
from .render import SiteInput, render_site
from .themes import classify_document
from .translate import catalog_path, coverage, load_catalog, translations
from .sources import load_sources
from .writer import WriteStats, write_tree

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Corpus:
    documents: list[Document]
    problems: list[Problem]
    """Errors (skipped sources) and warnings, in source order."""

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


def load_corpus(source_dir: Path, progress: Progress = _noop) -> Corpus:
    sources, problems = load_sources(source_dir)
    parsed: list[ParsedDoc] = []
    for n, source in enumerate(sources, 1):
        result = parse_source(source)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            parsed.append(result)
        progress("parse", n, len(sources))
    documents = [attach_themes(d) for d in assemble(parsed)]
    problems.extend(p for d in documents for p in d.problems)
    problems.sort(key=lambda p: (p.path, p.severity != "error", p.message))
    return Corpus(documents, problems)


def attach_themes(doc: Document) -> Document:
    """Stage 4 (assemble), themes: every item's themes and the words that matched."""
    themes = tuple((c.item_id, c.themes, tuple(f"{t}:{w}" for t, words in c.matched for w in words)) for c in classify_document(doc))
    return replace(doc, themes=themes)


def link_corpus(corpus: Corpus) -> dict[tuple[str, str], list[tuple[str, str, float]]]:
    """Stage 4 (assemble), related commitments across documents."""
    entries = []
    for d in corpus.documents:
        themes = {item_id: ids for item_id, ids, _ in d.themes}
        entries.extend(Entry(d.id, it.id, it.text, themes.get(it.id, ())) for it in d.items())
    return related_items(entries)


def translate_corpus(corpus: Corpus, source_dir: Path) -> SiteInput:
    """Stage 5: the English side of every document from its catalog (missing catalog = nothing translated)."""
    tr: dict[str, dict[str, str]] = {}
    cov: dict[str, tuple[int, int]] = {}
    for doc in corpus.documents:
        catalog = load_catalog(catalog_path(source_dir, doc.id))
        tr[doc.id] = translations(doc, catalog)
        c = coverage(doc, catalog)
        cov[doc.id] = (c.translated, c.total)
    return SiteInput(translations=tr, coverage=cov, related=link_corpus(corpus))


def generate(source_dir: Path, docs_dir: Path, progress: Progress = _noop) -> tuple[Corpus, SiteInput, WriteStats]:
    corpus = load_corpus(source_dir, progress)
    site_input = translate_corpus(corpus, source_dir)
    progress("translate", 1, 1)
    files = render_site(corpus.documents, site_input)
    progress("render", 1, 1)
    stats = write_tree(docs_dir, files)
    progress("write", 1, 1)
    return corpus, site_input, stats
