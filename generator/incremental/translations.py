"""Stage 5 made incrementally: every document's translations and coverage, kept in the page cache
(``translations.json``) while the document and its catalog are unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import Document, Problem
from ..render.outputs import SiteInput
from ..translate import CatalogError, catalog_path, catalog_problem, coverage, load_catalog, orphan_catalogs, translations
from .corpus import Corpus
from .store import MemoFile, PageCache


def translate_corpus(corpus: Corpus, source_dir: Path, pages: PageCache | None = None) -> SiteInput:
    """The English side of every document from its catalog (a missing catalog: nothing
    translated; a damaged one: that document untranslated and a problem reported)."""
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
            key = hashlib.sha256(f"{doc.source_key()}\0{hashlib.sha256(raw).hexdigest() if raw is not None else '-'}".encode()).hexdigest()[:32] + "-tr"
            try:
                shown, (translated, total) = memo.get(key, lambda: _translate(doc, path if raw is not None else None))  # type: ignore[misc]
            except CatalogError as exc:  # this document untranslated, the others go on
                problems.append(catalog_problem(source_dir, doc.id, exc))
                shown, (translated, total) = _translate(doc, None)  # type: ignore[misc]
        tr[doc.id], cov[doc.id] = shown, (translated, total)
    memo.save()
    problems += orphan_catalogs(source_dir, set(tr))
    return SiteInput(translations=tr, coverage=cov, chars=corpus.chars, problems=problems)


def _translate(doc: Document, catalog: Path | None) -> list[object]:
    """A document's translations and (translated, all) segments."""
    loaded = load_catalog(catalog) if catalog is not None else None
    c = coverage(doc, loaded)
    return [translations(doc, loaded), [c.translated, c.total]]
