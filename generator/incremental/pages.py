"""Stage 6 made incrementally: render's declared outputs made only where the page cache misses.

``render_site`` asks render (``render.site_pages.Site``) for every output, keys each by what it
is made from, reads the hits and makes the misses — a document's own pages in forked workers
when there are many. What does not depend on the related items (index pages, link texts, and
the theme pages when few documents changed) is made first: the related items may still be being
found in another process (``assemble.linking.start_linking``).
"""

from __future__ import annotations

from ..assemble.related import Related
from ..model import Document
from ..parallel import LIMITS, Background, can_fork, chunks, fork_map, fork_pool, freeze_more, heap_frozen, resolved
from ..render.explorer import explorer_index, explorer_index_inputs
from ..render.export import export_file
from ..render.index_pages import index_pages
from ..render.outputs import LANGS, File, Output, SiteInput
from ..render.search_fold import fold_table
from ..render.site_pages import DocumentOutputs, Site
from ..render.targets_csv import targets_file
from ..render.theme_outputs import ThemeSite
from ..site.writer import Cached, text_of
from .outputs import Maker
from .store import MemoFile, PageCache

Made = dict[str, str | Cached]


def render_site(
    docs: list[Document], extra: SiteInput, related: Related | Background[Related] | None = None, pages: PageCache | None = None, full=None, workers: int = 1
) -> tuple[Made, SiteInput]:  # type: ignore[no-untyped-def]
    """Every generated file by path (with a page cache, cached files are ``writer.Cached``
    references; entries this build did not use are then pruned), and ``extra`` with the related
    items. ``related``: the related items, or the background process finding them (default:
    ``extra.related``); ``full``: a document with its sources whole, when the corpus holds them
    light. With ``workers`` > 1, documents' own pages are made in forked workers; the files are
    the same."""
    site = Site(docs, extra, full or (lambda d: d))
    maker = Maker(pages)
    files: Made = {}
    for lang in LANGS:
        files.update(maker.files(index_pages(docs, lang, site.voices[lang])))
    cites = MemoFile(maker.pages, "cited.json")
    for d in docs:  # link texts, kept under the document's English content
        site.add_citations(d.id, cites.get(site.content(d)[LANGS.index("en")], lambda d=d: site.citations(d)))  # type: ignore[arg-type]
    cites.save()
    early = _early_theme_parts(site, maker)
    themes = _theme_files(site, maker, early, 1) if early is not None else None
    site.with_related(resolved(related if related is not None else extra.related))
    outputs = _document_files(site, maker, workers)
    if themes is None:  # made here, the workers gone: in a worker, the parts a theme page reads come on top of what it holds
        themes = _theme_files(site, maker, {lang: {d.id: maker.file(out.themes[lang]) for d, out in zip(docs, outputs)} for lang in LANGS}, workers)
    records: dict[str, File] = {}
    for doc, out in zip(docs, outputs):
        files.update(out.files)  # type: ignore[arg-type]
        records[doc.id] = out.record  # type: ignore[assignment]
    files.update(themes)
    files["data/plans.json"] = maker.file(export_file(docs, records))  # type: ignore[arg-type]
    files["data/targets.csv"] = maker.file(targets_file(docs))  # type: ignore[arg-type]
    files["data/explorer.json"] = maker.file(Output("explorer-index", lambda: explorer_index_inputs(docs), lambda: explorer_index(docs)))  # type: ignore[arg-type]
    files["data/search-fold.json"] = fold_table(docs, extra.chars)
    maker.pages.prune()
    return files, site.extra


class _Resolved:
    """A document's outputs as the writer gets them (made or read)."""

    def __init__(self, out: DocumentOutputs, maker: Maker) -> None:
        self.files = {path: maker.file(o) for path, o in out.files.items()}
        self.record = maker.file(out.record)
        self.themes = {lang: maker.file(o) for lang, o in out.themes.items()}


def _cached(site: Site, maker: Maker, doc: Document) -> DocumentOutputs | None:
    """A document's outputs if everything it contributes is in the page cache. Its own parts (made from
    it and its translations) are checked first: when they miss, its page keys, which read its
    related items and the links to them, are made by the worker that renders it, not here (on a
    cold build, all of them; benchmarks/README.md, "Measured design choices")."""
    if not maker.caching or not maker.has(site.own_parts(doc)):
        return None
    out = site.document_outputs(doc)
    return out if maker.has([*out.files.values(), out.record]) else None


_SHARED: tuple[Site, Maker] | None = None
"""The site and maker of the current ``render_site`` call, inherited by forked workers."""


def _render_some(indices: list[int]) -> tuple[list[_Resolved], set[str]]:
    assert _SHARED is not None
    site, maker = _SHARED
    maker.pages.used = set()  # the cache files this chunk uses, not all the worker's so far
    out = [_Resolved(site.document_outputs(site.docs[i]), maker) for i in indices]
    for links in site.links.values():  # link texts: made again per chunk rather than kept for the whole corpus
        links.anchor_memo.clear()
    return out, maker.pages.used


def _document_files(site: Site, maker: Maker, workers: int) -> list[_Resolved]:
    """Every document's outputs, in document order; the documents not all cached are made in
    forked workers when there are enough of them."""
    global _SHARED
    docs = site.docs
    cached = {i: out for i, d in enumerate(docs) if (out := _cached(site, maker, d)) is not None}
    todo = [i for i in range(len(docs)) if i not in cached]
    per_doc: dict[int, _Resolved] = {}
    if workers <= 1 or len(todo) < LIMITS.render_min or not can_fork():
        return [_Resolved(cached[i] if i in cached else site.document_outputs(d), maker) for i, d in enumerate(docs)]
    _SHARED = (site, maker)
    with heap_frozen():
        # Everything alive now is only read by the workers: keep their collectors from walking it
        # (a collection writes to every object it visits, and each written page is copied).
        freeze_more()
        pool = fork_pool(workers)
        parts = chunks(todo, workers, LIMITS.render_chunks)
        futures = [pool.submit(_render_some, chunk) for chunk in parts]
        try:
            per_doc.update((i, _Resolved(cached[i], maker)) for i in sorted(cached))
            for chunk, future in zip(parts, futures):
                done, used = future.result()
                per_doc.update(zip(chunk, done))
                maker.pages.used |= used
        finally:
            pool.shutdown()
            _SHARED = None
    return [per_doc[i] for i in range(len(docs))]


def _early_theme_parts(site: Site, maker: Maker) -> dict[str, dict[str, str | Cached]] | None:
    """Every document's theme-page part by language when all but a few are in the page cache
    (those few made here), else None (a cold build makes them with the documents' pages)."""
    if not maker.caching:
        return None
    parts = {d.id: site.theme_parts(d) for d in site.docs}
    if sum(1 for d in site.docs if not maker.has(list(parts[d.id].values()))) >= LIMITS.early_themes_max:
        return None
    return {lang: {d.id: maker.file(parts[d.id][lang]) for d in site.docs} for lang in LANGS}


_THEMES: dict[str, dict[str, File]] | None = None
"""The theme pages ``_theme_files`` is making, by language (inherited by forked workers, not pickled)."""
_THEME_MAKER: Maker | None = None


def _theme_files(site: Site, maker: Maker, parts: dict[str, dict[str, str | Cached]], workers: int) -> Made:
    """The theme pages of both languages from the documents' parts; with ``workers`` > 1 and many
    pages to make, each language in a forked worker."""
    global _THEMES, _THEME_MAKER
    themes = ThemeSite(site)
    declared = {lang: themes.pages(lang, _part_id(parts[lang]), lambda i, lang=lang: text_of(parts[lang][i])) for lang in LANGS}
    to_make = sum(1 for files in declared.values() for o in files.values() if isinstance(o, Output) and not maker.has([o]))
    _THEMES, _THEME_MAKER = declared, maker
    try:
        if workers > 1 and to_make >= LIMITS.themes_min and maker.caching:
            done = fork_map(_theme_lang, LANGS, workers)
        else:
            done = [_theme_lang(lang) for lang in LANGS]
    finally:
        _THEMES = _THEME_MAKER = None
    files: Made = {}
    for made, used in done:
        files.update(made)
        maker.pages.used |= used
    return files


def _part_id(parts: dict[str, str | Cached]):  # type: ignore[no-untyped-def]
    """A document's part as a theme page's key names it: its cache key, or its text."""
    return lambda i: p.key if isinstance(p := parts[i], Cached) else p


def _theme_lang(lang: str) -> tuple[Made, set[str]]:
    """The theme pages of one language, and the page-cache files used."""
    assert _THEMES is not None and _THEME_MAKER is not None
    made = _THEME_MAKER.files(_THEMES[lang])
    _THEMES[lang] = {}  # the parts its pages read go with them
    return made, _THEME_MAKER.pages.used
