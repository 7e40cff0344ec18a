"""Stage 6, render: the corpus → ``{path under docs/: text}`` (pure, no I/O).

Both language trees come from the same templates: Chinese at the root, English
under ``en/``, with the same page paths and item anchors. Pages are Markdown
from Jinja2 templates; the open-data export is JSON. ``generator.writer`` puts
them on disk.
"""

from __future__ import annotations

import gc
import hashlib
import html
import json
import multiprocessing
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache

from markupsafe import Markup

from ..parallel import Background
from ..incremental.store import MemoFile, PageCache, doc_key
from ..assemble.glossary import glossary
from ..model import Change, Document, Item, Problem
from .search_fold import fold_table
from ..site.writer import Cached, text_of
from ..assemble.themes import taxonomy
from .document import render_document
from .env import cleaning_rules, render, render_memo, translator
from .escape import escape_md
from .html_fragments import Encoded
from .export import export_json, export_record, record_key
from .theme_pages import ItemLinks, read_blocks, region_page, render_region_pages, render_theme_index, render_theme_landing, render_theme_page, theme_blocks, theme_counts, theme_order, theme_periods
from .voice import Voice

LANGS = ("zh", "en")
HOME_LIST = 20
"""The home page shows the latest documents and first regions, not all: it is the first page
every visitor downloads, so its size must not grow with the corpus (the full lists are on
documents/ and regions/)."""
PREFIX = {"zh": "", "en": "en/"}


@dataclass(frozen=True)
class SiteInput:
    """Everything the renderer needs besides the documents (filled by later stages)."""

    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    """doc id → segment id → English."""
    coverage: dict[str, tuple[int, int]] = field(default_factory=dict)
    """doc id → (translated segments, all segments)."""
    related: dict[tuple[str, str], list[tuple[str, str, float]]] | Background[dict[tuple[str, str], list[tuple[str, str, float]]]] = field(default_factory=dict)
    """(doc id, item id) → related (doc id, item id, score); or, while they are being found in
    another process, the ``Background`` that finds them (``render_site`` waits for it)."""
    pages: PageCache | None = None
    """Where rendered document pages are memoised (incremental generation); None renders everything."""
    chars: frozenset[str] | None = None
    """Every character of the corpus's cleaned texts, when known (else read from the documents)."""
    full: Callable[[Document], Document] | None = None
    """A document with its sources whole, when the corpus holds them light (``pipeline.full_document``):
    a document's own pages need its cleaned text and changes, nothing else does."""
    problems: list[Problem] = field(default_factory=list)
    """What the stages after parsing found wrong with a file (a translation catalog that cannot be
    read, or that no document uses); reported with the corpus's problems, not rendered."""


LOG_ORDER = ("restore-context", "restore-uncertain", "restore-safe", "lost-bytes", "page-markers", "chrome", "pinyin", "simplify", "emphasis", "punctuation", "spacing", "wraps")
"""Cleaning-log rows, most consequential first: a reader judging a restored text
wants the word changes before thousands of punctuation fixes."""


def _log_rank(rule: str) -> int:
    return LOG_ORDER.index(rule) if rule in LOG_ORDER else len(LOG_ORDER)


def _cell(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


_REMOVED, _LINE_BREAK = "\x00removed\x00", "\x00line_break\x00"
"""Placeholders for the two labels a log cell can hold, filled in per language (a cell's rule is
``\\x00rule:<rule>\\x00``, filled in with the rule's name)."""


def rule_name(rule: str, lang: str) -> str:
    """A cleaning rule's name in the language (``data/cleaning_rules.yaml``; its id if it has none)."""
    entry = cleaning_rules().get(rule)
    return entry[lang]["name"] if entry else rule


def _display(text: str) -> str:
    if text == "":
        return _REMOVED
    if not text.strip():
        return _LINE_BREAK
    return _cell(text)


def log_table(headers: list[str], body: str) -> Markup:
    """A table as a raw HTML block: MkDocs passes it through instead of parsing thousands of cells
    as Markdown (the cleaning log is the largest page of a document)."""
    head = "".join(f"<th>{_cell(h)}</th>" for h in headers)
    return Markup(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>")


def _rows(rows: list[list[str]]) -> str:
    """Table rows from cells already escaped."""
    return "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)


def grouped_changes(changes: list[Change]) -> list[tuple[str, str, str, list[str]]]:
    """Identical edits (same rule, same before and after) as one row listing every place
    it was made, most consequential rules first, then in order of first occurrence."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for c in changes:
        groups.setdefault(c[:3], []).append(str(c.where))  # c[:3]: (rule, before, after)
    ordered = sorted(groups.items(), key=lambda kv: _log_rank(kv[0][0]))
    return [(rule, before, after, wheres) for (rule, before, after), wheres in ordered]


def _lines(wheres: list[str]) -> str:
    """Line numbers of a grouped edit, a line with several such edits once with its count: ``4 ×62, 9``."""
    out: list[str] = []
    counts: dict[str, int] = {}
    for w in wheres:
        if w not in counts:
            out.append(w)
        counts[w] = counts.get(w, 0) + 1
    return ", ".join(f"{w} ×{counts[w]}" if counts[w] > 1 else w for w in out)


@dataclass(frozen=True)
class LogBody:
    """The language-neutral part of a document's cleaning log (made once for both languages)."""

    sources: list[tuple[str, list[tuple[str, int]], str]]
    """(source path, (rule, changes) most consequential first, table rows HTML with label placeholders)"""
    repairs: str


def log_body(doc: Document) -> LogBody:
    sources = []
    for p in doc.sources:
        changes: list[Change] = [*p.clean.changes, *p.clean.uncertain]
        counts = Counter(c.rule for c in changes)  # rules in order of first use, then by rank
        rows = [[f"\x00rule:{rule}\x00", _lines(wheres), _display(before), _display(after)] for rule, before, after, wheres in grouped_changes(changes)]
        sources.append((p.clean.source.path, [(rule, counts[rule]) for rule in sorted(counts, key=_log_rank)], _rows(rows)))
    return LogBody(sources, _rows([[_cell(c.before), _cell(c.after)] for c in doc.repairs]) if doc.repairs else "")


def render_cleaning_log(doc: Document, v: Voice, body: LogBody | None = None) -> str:
    t = v.t
    body = body or log_body(doc)

    used = sorted({rule for _, counts, _ in body.sources for rule, _ in counts}, key=lambda r: (_log_rank(r), r))

    def labelled(rows: str) -> str:
        rows = rows.replace(_REMOVED, _cell(t("removed"))).replace(_LINE_BREAK, _cell(t("line_break")))
        for rule in used:  # a few rules, thousands of rows: one replace each
            rows = rows.replace(f"\x00rule:{rule}\x00", _cell(rule_name(rule, v.lang)))
        return rows

    header = [t("rule"), t("line"), t("before"), t("after")]
    sources = [
        {"path": path, "summary": t("rule_sep").join(t("rule_count").format(name=rule_name(rule, v.lang), n=n) for rule, n in counts), "table": log_table(header, labelled(rows)) if rows else Markup("")}
        for path, counts, rows in body.sources
    ]
    rules = Markup("").join(_rule_legend(rule, v.lang) for rule in used if rule in cleaning_rules())
    repairs = log_table([t("before"), t("after")], body.repairs) if body.repairs else Markup("")
    return render("cleaning_log.md.j2", doc=doc, t=t, title=v.seg("meta.title", doc.meta.title), sources=sources, repairs=repairs, rules=rules)


@lru_cache(maxsize=None)
def _rule_legend(rule: str, lang: str) -> Markup:
    """A rule's line in a cleaning log's legend (Markdown): its name, its id, what it does."""
    entry = cleaning_rules()[rule][lang]
    return Markup(f"- **{escape_md(entry['name'])}**{translator(lang)('rule_legend_id').format(id=rule)}{escape_md(entry['text'])}\n")


def doc_row(doc: Document, v: Voice, prefix: str) -> dict[str, object]:
    m = doc.meta
    years = f"{m.year}–{m.end_year}" if m.end_year and m.end_year != m.year else str(m.year or "")
    return {
        "title": v.plain("meta.title", m.title),
        "link": f"{prefix}{doc.id}/index.md",
        "region": doc.region_en if v.lang == "en" else m.region,
        "years": years,
        "kind": v.t(f"kind_{m.kind}"),
        "issuer": v.plain("meta.issuer", m.issuer),
        "n_items": len(doc.items()),
    }


def page_key(base: str, lang: str, tr: dict[str, str]) -> str:
    """Hash of what a document's pages in one language are made from besides its links: the
    document (``cache.doc_key``: its sources' bytes; the document is a function of them and of the
    generator, whose fingerprint names the cache folder), the language and its translations."""
    h = hashlib.sha256(f"{base}\0{lang}\0".encode())
    if tr:
        h.update(json.dumps(sorted(tr.items()), ensure_ascii=False).encode())
    return h.hexdigest()[:32]


def _voices(docs: list[Document], lang: str, extra: SiteInput) -> dict[str, Voice]:
    return {d.id: Voice(lang, extra.translations.get(d.id, {}) if lang == "en" else {}) for d in docs}


@dataclass(frozen=True)
class _Job:
    """What rendering one document needs from the whole corpus (shared with forked workers)."""

    docs: list[Document]
    extra: SiteInput
    voices: dict[str, dict[str, Voice]]
    """lang → doc id → voice"""
    links: dict[str, ItemLinks]
    """lang → the chips and related links of a document's items (``themes.ItemLinks``; empty until
    the related items are known)"""
    by_id: dict[str, Document] = field(default_factory=dict)
    """doc id → document (link texts and theme pages are made before ``links`` exist)"""
    keys: dict[str, list[str]] = field(default_factory=dict)
    """doc id → the keys of its cached parts, once computed (``_page_keys``)"""
    anchors: dict[str, str] = field(default_factory=dict)
    """doc id → its items' ids, labels, numbers and titles as JSON, for the documents cited (``themes.ItemLinks``)"""
    cited: dict[tuple[str, str], str] = field(default_factory=dict)
    """(doc id, item id) → what a link to the item is made from, hashed (``_cited``)"""
    content: dict[str, list[str]] = field(default_factory=dict)
    """doc id → its ``_content_keys``, once computed"""


def _cited(doc_id: str, item_id: str, job: _Job) -> str:
    """What the text of a link to an item is made from (``themes.ItemLinks.anchor``), hashed: its
    document's region and years, the item's number and title, and the title's translation."""
    key = (doc_id, item_id)
    if key not in job.cited:
        _cite(job.by_id[doc_id], job)
    return job.cited[key]


def _cite(od: Document, job: _Job, memo: MemoFile | None = None) -> None:
    """``_cited`` for every item of a document at once (documents are cited many times). With
    ``memo`` (``cited.json`` in the page cache), kept under the document's English content key
    (its sources and its translations) and read back while they are unchanged."""
    if memo is not None:
        anchors, hashes = memo.get(_content_keys(od, job)[LANGS.index("en")], lambda: _citations(od, job))  # type: ignore[misc]
    else:
        anchors, hashes = _citations(od, job)
    job.anchors[od.id] = anchors
    job.cited.update(((od.id, item_id), h) for item_id, h in hashes.items())


def _citations(od: Document, job: _Job) -> list[object]:
    """(the document's anchors, item id → hash of what a link to it is made from)."""
    tr = job.extra.translations.get(od.id, {})
    m = od.meta
    items = od.items()
    # what forked workers need to write links to the document's items, as one string: they
    # then do not read the items themselves (see ``pipeline.full_document``)
    anchors = json.dumps([[it.id, it.label, it.number, it.title] for it in items], ensure_ascii=False)
    hashes = {}
    for it in items:
        text = "\x1f".join(map(str, (m.region, od.region_en, m.year, m.end_year, it.label, it.number, it.title, f"{it.id}.title" in tr, tr.get(f"{it.id}.title", ""))))
        hashes[it.id] = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
    return [anchors, hashes]


def link_inputs(doc: Document, job: _Job) -> list[object]:
    """What a document's item links are made from, besides the document itself (its themes) and
    the generator: each item's related items (in order; the page does not show scores), and what the text of each link
    is made from. Cheaper than the links: a page whose key is unchanged is not rendered, and a
    change in one document renders again only the pages whose links to it read differently."""
    related = job.extra.related
    rel = [(item_id, [(od, oi) for od, oi, _score in related.get((doc.id, item_id), ())]) for item_id, _, _ in doc.themes]
    cited = job.cited  # a lookup per link; ``_cited`` only for a document not cited before
    return [rel, [cited[key] if (key := (od, oi)) in cited else _cited(od, oi, job) for _, r in rel for od, oi in r]]


@dataclass(frozen=True)
class DocumentOutput:
    """What one document contributes to the site."""

    files: dict[str, str | Cached]
    """Its own pages in both languages (page, cleaning log), by path (``Cached``: in the page cache)."""
    record: str | Cached
    """Its record in the export (JSON; ``Cached``: in the page cache)."""
    themes: dict[str, str | Cached]
    """lang → its part of each theme page (``themes.theme_blocks``; ``Cached``: in the page cache)."""


def _page_keys(doc: Document, job: _Job) -> list[str]:
    """The keys of what ``document_files`` caches, per language: the document page, whose key is
    ``page_key`` with the coverage and the links, then its cleaning log and its theme-page part,
    made from the document and its translations only (so a change elsewhere that alters a
    document's links does not make its log and theme parts again); last, its export record's."""
    if doc.id in job.keys:
        return job.keys[doc.id]
    out = []
    links = json.dumps(link_inputs(doc, job), ensure_ascii=False).encode()  # once for both languages
    for lang, content in zip(LANGS, _content_keys(doc, job)):
        cov = job.extra.coverage.get(doc.id) if lang == "en" else None
        page = hashlib.sha256(f"{content}\0{cov}\0".encode())
        page.update(links)
        out.extend((page.hexdigest()[:32] + "-page", content + "-log", content + "-themes"))
    out.append(record_key(doc, job.extra.related))
    return out


def _content_keys(doc: Document, job: _Job) -> list[str]:
    """``page_key`` of the document in each language (of ``LANGS``)."""
    if doc.id not in job.content:
        base = doc_key(doc)
        job.content[doc.id] = [page_key(base, lang, job.voices[lang][doc.id].tr) for lang in LANGS]
    return job.content[doc.id]


EARLY_THEMES_MAX = 16
"""With fewer documents than this whose theme-page parts are not cached, those parts and the theme
pages are made before the related items are needed (``render_site``); with more (a cold build),
the parts are made with the documents' pages, in the workers."""


def _cached_theme_parts(job: _Job) -> dict[str, dict[str, str | Cached]] | None:
    """Every document's theme-page parts by language (``theme_blocks``) when all but a few are in
    the page cache (those few made here), else None."""
    pages = job.extra.pages
    if pages is None or pages.dir is None:
        return None
    keys = {d.id: [content + "-themes" for content in _content_keys(d, job)] for d in job.docs}
    if sum(1 for d in job.docs if not pages.has(keys[d.id])) >= EARLY_THEMES_MAX:
        return None

    def whole(d: Document) -> Callable[[], Document]:
        made: list[Document] = []

        def get() -> Document:
            if not made:
                made.append(job.extra.full(d) if job.extra.full else d)
            return made[0]

        return get

    parts: dict[str, dict[str, str | Cached]] = {lang: {} for lang in LANGS}
    for d in job.docs:
        full = whole(d)
        for lang, key in zip(LANGS, keys[d.id]):
            v = job.voices[lang][d.id]
            parts[lang][d.id] = pages.file(key, lambda: theme_blocks(full(), v))
    return parts


def _is_cached(doc: Document, job: _Job) -> bool:
    """Whether everything ``document_files`` makes for the document is in the page cache. A
    document whose own parts (its cleaning logs and theme parts: made from it and its
    translations) are not cached is not: then its page keys, which read its related items and
    the links to them, are not made here but by the worker that renders it (on a cold build,
    all of them: at N=10,000 they took ~6 s of this process)."""
    pages = job.extra.pages
    if pages is None or not pages.has([content + part for content in _content_keys(doc, job) for part in ("-log", "-themes")]):
        return False
    keys = job.keys[doc.id] = _page_keys(doc, job)  # kept for ``document_files``
    return pages.has(keys)


def document_files(doc: Document, job: _Job) -> DocumentOutput:
    """A document's pages in both languages, its export record and its parts of the theme pages."""
    pages = job.extra.pages or PageCache(None)
    files: dict[str, str | Cached] = {}
    themes: dict[str, str | Cached] = {}
    made: list[object] = []  # the whole document and its log body, made once, when a page needs them

    def full() -> Document:
        if not made:
            made.append(job.extra.full(doc) if job.extra.full else doc)
        return made[0]  # type: ignore[return-value]

    def log_once() -> LogBody:
        if len(made) < 2:
            made.append(log_body(full()))
        return made[1]  # type: ignore[return-value]

    keys = _page_keys(doc, job)
    for n, lang in enumerate(LANGS):
        v = job.voices[lang][doc.id]
        cov = job.extra.coverage.get(doc.id) if lang == "en" else None
        page_part, log_part, themes_part = keys[3 * n : 3 * n + 3]
        files[f"{PREFIX[lang]}documents/{doc.id}/index.md"] = pages.file(page_part, lambda: render_document(full(), lang, v.tr, cov, job.links[lang].of(doc)))
        files[f"{PREFIX[lang]}documents/{doc.id}/cleaning-log.md"] = pages.file(log_part, lambda: render_cleaning_log(full(), v, log_once()))
        themes[lang] = pages.file(themes_part, lambda: theme_blocks(full(), v))
    return DocumentOutput(files, export_record(doc, job.extra.related, pages, full, keys[-1]), themes)


def index_pages(docs: list[Document], lang: str, extra: SiteInput, voices: dict[str, Voice]) -> dict[str, str | Cached]:
    """The pages that list documents: documents index, regions, glossary, home (theme pages are
    made from the documents' parts, ``theme_pages``)."""
    files: dict[str, str | Cached] = {}
    ordered = sorted(docs, key=lambda d: (-d.meta.year, d.region_slug, d.id))
    rows = [doc_row(d, voices[d.id], "") for d in ordered]
    t = Voice(lang).t
    files["documents/index.md"] = render_memo(extra.pages, lang, "documents_index.md.j2", t=t, docs=rows)
    files.update(render_region_pages(docs, voices.__getitem__, lang, extra.pages))
    groups: dict[str, list[object]] = {}
    for term in glossary():
        groups.setdefault(term.group, []).append(term)
    files["glossary.md"] = render("glossary.md.j2", t=t, groups=[{"name": name, "terms": terms} for name, terms in groups.items()])
    home_rows = [{**r, "link": f"documents/{r['link']}"} for r in rows]
    themes = [{"name": th.name(lang), "link": Markup(f"themes/{th.id}.md")} for th in taxonomy()]
    regions = sorted({(d.region_slug, d.region_en if lang == "en" else d.meta.region) for d in docs})
    files["index.md"] = render(
        "home.md.j2",
        t=t,
        docs=home_rows[:HOME_LIST],
        themes=themes,
        regions=[{"name": name, "link": Markup(f"regions/{region_page(slug)}.md#{slug}")} for slug, name in regions[:HOME_LIST]],
        n_regions=len(regions),
        n_docs=len(docs),
        # the export lives once, in the Chinese tree; MkDocs cannot check a link leaving docs/en/
        export_link=Markup(f"[{t('data_export')}](data/plans.json)" if lang == "zh" else f'<a href="../data/plans.json">{html.escape(t("data_export"))}</a>'),
        n_items=sum(len(d.items()) for d in docs),
    )
    return {PREFIX[lang] + path: text for path, text in files.items()}


def _theme_plan(by_theme: dict[str, dict[str, list[Document]]], lang: str, parts: dict[str, str | Cached], pages: PageCache | None) -> list[tuple[str, str, str, tuple[str, ...], list[str], str | None]]:
    """The theme pages of one language, a page per theme and period (``themes.period``): (path,
    theme id, period, every period of the theme, ids of the documents on the page in page order,
    page-cache key). ``by_theme``: theme id → its ``theme_periods``. With a page cache, a page is
    made again only when the documents on it, their parts or the theme's periods changed (its key:
    those, in page order)."""
    plan = []
    for theme in taxonomy():
        by_period = by_theme[theme.id]
        periods = tuple(by_period)
        for slug, on_docs in by_period.items():
            on = [d.id for d in on_docs]
            key = None
            if pages is not None and pages.dir is not None:
                inputs = [lang, theme.id, slug, periods, [(i, p.key if isinstance(p := parts[i], Cached) else p) for i in on]]
                key = hashlib.sha256(json.dumps(inputs, ensure_ascii=False).encode()).hexdigest()[:32] + "-theme"
            plan.append((f"themes/{theme.id}/{slug}.md", theme.id, slug, periods, on, key))
    return plan


_BLOCKS: dict[str, dict[str, dict[str, tuple[int, Encoded]]]] = {}
"""lang → doc id → its theme-page part, as read so far (a document is on many theme pages); one
language at a time, emptied when the theme pages are made."""


def _theme_page(job: _Job, lang: str, theme_id: str, slug: str, periods: tuple[str, ...], on: list[str], parts: dict[str, str | Cached]) -> str:
    """A theme page, reading the parts of the documents on it (``themes.render_theme_page``)."""
    if lang not in _BLOCKS:
        _BLOCKS.clear()
    blocks = _BLOCKS.setdefault(lang, {})
    for i in on:
        if i not in blocks:
            blocks[i] = read_blocks(text_of(parts[i]))
    by_id = job.by_id
    theme = next(t for t in taxonomy() if t.id == theme_id)
    return render_theme_page(theme, [by_id[i] for i in on], job.voices[lang].__getitem__, lang, blocks, slug, periods)


def theme_pages(job: _Job, parts: dict[str, dict[str, str | Cached]], workers: int = 1) -> dict[str, str | Cached]:
    """The theme pages (a landing page per theme, a page per theme and period) and their index,
    in both languages, by path; with a page cache, only the pages whose documents or parts
    changed are made (and only their parts are read), each going to the cache as it is made.
    With ``workers`` > 1 and many pages to make, each language is made in a forked worker."""
    global _THEMES
    pages = job.extra.pages
    ordered = theme_order(job.docs)
    counts = {d.id: theme_counts(d) for d in job.docs}
    by_theme = {theme.id: theme_periods(ordered, counts, theme.id) for theme in taxonomy()}
    plans = {lang: _theme_plan(by_theme, lang, parts[lang], pages) for lang in LANGS}
    to_make = sum(1 for plan in plans.values() for *_, key in plan if key is None or pages is None or not pages.has([key]))
    _THEMES = (job, parts, ordered, counts, by_theme, plans)
    try:
        if workers > 1 and to_make >= THEMES_PARALLEL_MIN and pages is not None and pages.dir is not None and "fork" in multiprocessing.get_all_start_methods():
            with ProcessPoolExecutor(max_workers=min(workers, len(LANGS)), mp_context=multiprocessing.get_context("fork")) as pool:
                done = list(pool.map(_theme_files, LANGS))
        else:
            done = [_theme_files(lang) for lang in LANGS]
    finally:
        _THEMES = None
    files: dict[str, str | Cached] = {}
    for made, used in done:
        files.update(made)
        if pages is not None:
            pages.used |= used
    return files


THEMES_PARALLEL_MIN = 64
"""Theme pages to make from which the two languages are made in two worker processes (a build
after one change makes a few dozen, and forking would cost more than it saves)."""
_THEMES: tuple | None = None  # type: ignore[type-arg]
"""What ``theme_pages`` is making (inherited by forked workers, not pickled)."""


def _theme_files(lang: str) -> tuple[dict[str, str | Cached], set[str]]:
    """The theme pages, landing pages and theme index of one language (``theme_pages``), and the
    page-cache files used."""
    assert _THEMES is not None
    job, parts, ordered, counts, by_theme, plans = _THEMES
    pages = job.extra.pages
    files: dict[str, str | Cached] = {}
    try:
        for path, theme_id, slug, periods, on, key in plans[lang]:
            make = lambda: _theme_page(job, lang, theme_id, slug, periods, on, parts[lang])  # noqa: E731
            files[PREFIX[lang] + path] = make() if key is None or pages is None else pages.file(key, make)
        for theme in taxonomy():
            files[PREFIX[lang] + f"themes/{theme.id}.md"] = render_theme_landing(theme, by_theme[theme.id], counts, lang, pages)
        files[PREFIX[lang] + "themes/index.md"] = render_theme_index(ordered, job.voices[lang].__getitem__, lang, counts)
    finally:
        _BLOCKS.clear()
    return files, pages.used if pages is not None else set()


PARALLEL_MIN = 16
"""Fewer documents than this are rendered in-process (starting workers costs more than it saves)."""
RENDER_CHUNKS = 32
"""Documents are handed to each render worker in about this many chunks: while the last chunk is
rendered the other worker is idle (at N=10,000 an eighth of a worker's share took ~10 s)."""
_SHARED: _Job | None = None
"""The job of the current ``render_site`` call, inherited by forked workers (not pickled)."""


def _render_some(indices: list[int]) -> tuple[list[DocumentOutput], set[str]]:
    assert _SHARED is not None
    job = _SHARED
    if job.extra.pages is not None:
        job.extra.pages.used = set()  # the cache files this chunk uses, not all the worker's so far
    out = [document_files(job.docs[i], job) for i in indices]
    for links in job.links.values():  # link texts: made again per chunk rather than kept for the whole corpus
        links.anchor_memo.clear()
    return out, job.extra.pages.used if job.extra.pages else set()


def render_site(docs: list[Document], extra: SiteInput | None = None, workers: int = 1) -> dict[str, str | Cached]:
    """Every generated file (with a page cache, documents' pages are ``writer.Cached`` references).
    What does not depend on the related items (index pages, link texts, and the theme pages when
    few documents changed) is made first: ``extra.related`` may still be being found in another
    process (``background.Background``). With ``workers`` > 1, documents' own pages are rendered
    in forked worker processes; the files are the same."""
    global _SHARED
    extra = extra or SiteInput()
    voices = {lang: _voices(docs, lang, extra) for lang in LANGS}
    job = _Job(docs, extra, voices, {}, by_id={d.id: d for d in docs})
    files: dict[str, str | Cached] = {}
    records: dict[str, str | Cached] = {}
    index = {lang: index_pages(docs, lang, extra, voices[lang]) for lang in LANGS}
    cites = MemoFile(extra.pages, "cited.json")
    for d in docs:
        _cite(d, job, cites)
    cites.save()
    early = _cached_theme_parts(job)
    themes = theme_pages(job, early, 1) if early is not None else None
    if isinstance(extra.related, Background):
        extra = replace(extra, related=extra.related.result())
    cited_items: dict[str, dict[str, Item]] = {}  # one copy for both languages
    job = replace(job, extra=extra, links={lang: ItemLinks(docs, extra.related, voices[lang].__getitem__, lang, job.anchors, cited_items) for lang in LANGS})
    # Documents whose pages are all cached are only read (here); the others are rendered, in
    # workers when there are enough of them.
    todo = [i for i, d in enumerate(docs) if not _is_cached(d, job)]  # the keys it makes are inherited by the workers
    per_doc: dict[int, DocumentOutput] = {}
    pool = None
    frozen = gc.get_freeze_count()
    if workers > 1 and len(todo) >= PARALLEL_MIN and "fork" in multiprocessing.get_all_start_methods():
        _SHARED = job
        # Everything alive now is only read by the workers: keep their collectors from walking it
        # (a collection writes to every object it visits, and each written page is copied).
        gc.freeze()
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
        step = max(1, -(-len(todo) // (workers * RENDER_CHUNKS)))
        chunks = [todo[lo : lo + step] for lo in range(0, len(todo), step)]
        futures = [pool.submit(_render_some, chunk) for chunk in chunks]
    try:
        rest = set(range(len(docs))) - (set(todo) if pool is not None else set())
        per_doc.update((i, document_files(docs[i], job)) for i in sorted(rest))
        if pool is not None:
            for chunk, future in zip(chunks, futures):
                done, used = future.result()
                per_doc.update(zip(chunk, done))
                if extra.pages is not None:
                    extra.pages.used |= used
    finally:
        if pool is not None:
            pool.shutdown()
            _SHARED = None
            if not frozen:  # called on its own (not from ``pipeline.generate``, which froze the corpus)
                gc.unfreeze()
    per_doc_list = [per_doc[i] for i in range(len(docs))]
    # Theme pages in this process, the workers gone: in a worker, the parts it reads (a theme page
    # lists thousands of documents) come on top of what the worker holds — at N=10,000 that was
    # the peak of the whole build.
    if themes is None:
        themes = theme_pages(job, {lang: {doc.id: out.themes[lang] for doc, out in zip(docs, per_doc_list)} for lang in LANGS}, workers)
    for doc, out in zip(docs, per_doc_list):
        files.update(out.files)
        records[doc.id] = out.record
    for lang in LANGS:
        files.update(index[lang])
    files.update(themes)
    files["data/plans.json"] = export_json(docs, extra.related, extra.pages, records)
    files["data/search-fold.json"] = fold_table(docs, extra.chars)
    return files
