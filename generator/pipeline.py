"""The pipeline, stage by stage (DESIGN §3): sources → clean → parse → assemble → translate →
render → write → site.

``build`` reads as the list. Each stage is a package of ``generator/`` named for its job;
``incremental/`` makes stages 1–6 skip what the cache already holds and ``parallel`` runs work
in forked processes, so that nothing here but the order of the stages is left. A source that
fails at any stage becomes a ``Problem`` and the others go on.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .assemble.linking import start_linking
from .incremental.corpus import Corpus, Progress, load_corpus, no_progress
from .incremental.pages import render_site
from .incremental.store import PageCache
from .incremental.translations import translate_corpus
from .model import Problem
from .parallel import heap_frozen
from .render.outputs import SiteInput
from .site.mkdocs_build import build_site
from .site.search_index import write_search_index
from .site.writer import WriteStats, write_tree

__all__ = ["Built", "Corpus", "StrictError", "build", "generate", "load_corpus"]


def generate(
    source_dir: Path, docs_dir: Path, progress: Progress = no_progress, cache_dir: Path | None = None, workers: int | None = None
) -> tuple[Corpus, SiteInput, WriteStats]:
    """Stages 1–7: sources → ``docs_dir``. ``workers`` processes parse and render (default: one per core)."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    corpus = load_corpus(source_dir, progress, cache_dir, workers)  # 1–4: sources, clean, parse, assemble
    with heap_frozen():  # the corpus lives to the end of the build
        related = start_linking(corpus.documents, corpus.bags, workers)  # 4: related items, in the background when many
        pages = PageCache.for_docs(cache_dir, docs_dir)
        site_input = translate_corpus(corpus, source_dir, pages)  # 5
        progress("translate", 1, 1)
        files, site_input = render_site(corpus.documents, site_input, related, pages, corpus.full, workers)  # 6
        progress("render", 1, 1)
        stats = write_tree(docs_dir, files)  # 7
        progress("write", 1, 1)
    return corpus, site_input, stats


class StrictError(RuntimeError):
    """``build(strict=True)`` found problems in the sources or catalogs (nothing was built)."""


@dataclass(frozen=True)
class Built:
    corpus: Corpus
    site_input: SiteInput
    written: WriteStats
    search_records: int

    @property
    def problems(self) -> list[Problem]:
        return [*self.corpus.problems, *self.site_input.problems]


def build(
    source_dir: Path,
    docs_dir: Path,
    site_dir: Path,
    config_file: Path,
    cache_dir: Path | None = None,
    progress: Progress = no_progress,
    strict: bool = False,
    workers: int | None = None,
    generated: Callable[[Corpus, SiteInput, WriteStats], None] = lambda *_: None,
) -> Built:
    """Stages 1–9: sources → ``docs_dir`` → the site in ``site_dir`` with its search index.
    ``generated`` is told what stages 1–7 made, before the site is built."""
    corpus, site_input, written = generate(source_dir, docs_dir, progress, cache_dir, workers)
    generated(corpus, site_input, written)
    problems = [*corpus.problems, *site_input.problems]
    if strict and problems:
        raise StrictError(f"--strict: {len(problems)} problem(s) in the sources")
    build_site(config_file)  # 8: MkDocs, both languages
    records = write_search_index(corpus.documents, site_input, site_dir)  # 9
    return Built(corpus, site_input, written, records)
