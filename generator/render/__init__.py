"""Stage 6, render: the corpus → ``{path under docs/: text}`` (pure, no I/O).

Both language trees come from the same templates: Chinese at the root, English
under ``en/``, with the same page paths and item anchors. Pages are Markdown
from Jinja2 templates; the open-data export is JSON. ``generator.writer`` puts
them on disk.
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass, field

from markupsafe import Markup

from ..cache import PageCache
from ..glossary import glossary
from ..model import Change, Document
from ..search_assets import fold_table
from ..themes import taxonomy
from .document import render_document
from .env import render
from .export import export_json
from .themes import item_links, region_page, render_region_pages, render_theme_pages
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
    related: dict[tuple[str, str], list[tuple[str, str, float]]] = field(default_factory=dict)
    """(doc id, item id) → related (doc id, item id, score)."""
    pages: PageCache | None = None
    """Where rendered document pages are memoised (incremental generation); None renders everything."""


LOG_ORDER = ("restore-context", "restore-uncertain", "restore-safe", "lost-bytes", "page-markers", "chrome", "pinyin", "simplify", "emphasis", "punctuation", "spacing", "wraps")
"""Cleaning-log rows, most consequential first: a reader judging a restored text
wants the word changes before thousands of punctuation fixes."""


def _log_rank(rule: str) -> int:
    return LOG_ORDER.index(rule) if rule in LOG_ORDER else len(LOG_ORDER)


def _cell(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


_REMOVED, _LINE_BREAK = "\x00removed\x00", "\x00line_break\x00"
"""Placeholders for the two labels a log cell can hold, filled in per language."""


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
        groups.setdefault((c.rule, c.before, c.after), []).append(str(c.where))
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

    sources: list[tuple[str, str, str]]
    """(source path, summary, table rows HTML with label placeholders)"""
    repairs: str


def log_body(doc: Document) -> LogBody:
    sources = []
    for p in doc.sources:
        changes: list[Change] = [*p.clean.changes, *p.clean.uncertain]
        counts: dict[str, int] = {}
        for c in sorted(changes, key=lambda c: _log_rank(c.rule)):
            counts[c.rule] = counts.get(c.rule, 0) + 1
        summary = ", ".join(f"{rule}: {n}" for rule, n in counts.items())
        rows = [[_cell(rule), _lines(wheres), _display(before), _display(after)] for rule, before, after, wheres in grouped_changes(changes)]
        sources.append((p.clean.source.path, summary, _rows(rows)))
    return LogBody(sources, _rows([[_cell(c.before), _cell(c.after)] for c in doc.repairs]) if doc.repairs else "")


def render_cleaning_log(doc: Document, v: Voice, body: LogBody | None = None) -> str:
    t = v.t
    body = body or log_body(doc)

    def labelled(rows: str) -> str:
        return rows.replace(_REMOVED, _cell(t("removed"))).replace(_LINE_BREAK, _cell(t("line_break")))

    header = [t("rule"), t("line"), t("before"), t("after")]
    sources = [{"path": path, "summary": summary, "table": log_table(header, labelled(rows)) if rows else Markup("")} for path, summary, rows in body.sources]
    repairs = log_table([t("before"), t("after")], body.repairs) if body.repairs else Markup("")
    return render("cleaning_log.md.j2", doc=doc, t=t, title=v.seg("meta.title", doc.meta.title), sources=sources, repairs=repairs)


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


def page_key(doc: Document, lang: str, tr: dict[str, str], cov: tuple[int, int] | None, links: object) -> str:
    """Hash of everything a document's pages are made from: its sources' bytes (the
    document is a function of them and of the generator, whose fingerprint names the
    cache folder), the language, its translations and the links to other documents."""
    h = hashlib.sha256()
    h.update(json.dumps([doc.id, lang, [p.clean.source.path for p in doc.sources], [p.clean.source.sha256 for p in doc.sources], sorted(tr.items()), cov, links], ensure_ascii=False, default=str).encode())
    return h.hexdigest()[:32]


def render_language(docs: list[Document], lang: str, extra: SiteInput, logs: dict[str, LogBody] | None = None) -> dict[str, str]:
    files: dict[str, str] = {}
    voices = {d.id: Voice(lang, extra.translations.get(d.id, {}) if lang == "en" else {}) for d in docs}
    links = item_links(docs, extra.related, voices.__getitem__, lang)
    pages = extra.pages or PageCache(None)
    for doc in docs:
        v = voices[doc.id]
        cov = extra.coverage.get(doc.id) if lang == "en" else None
        key = page_key(doc, lang, v.tr, cov, links.get(doc.id))
        files[f"documents/{doc.id}/index.md"] = pages.page(key + "-page", lambda: render_document(doc, lang, v.tr, cov, links.get(doc.id)))
        files[f"documents/{doc.id}/cleaning-log.md"] = pages.page(key + "-log", lambda: render_cleaning_log(doc, v, _memo(logs, doc)))
    ordered = sorted(docs, key=lambda d: (-d.meta.year, d.region_slug, d.id))
    rows = [doc_row(d, Voice(lang, extra.translations.get(d.id, {}) if lang == "en" else {}), "") for d in ordered]
    t = Voice(lang).t
    files["documents/index.md"] = render("documents_index.md.j2", t=t, docs=rows)
    files.update(render_theme_pages(docs, voices.__getitem__, lang))
    files.update(render_region_pages(docs, voices.__getitem__, lang))
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


def _memo(logs: dict[str, LogBody] | None, doc: Document) -> LogBody:
    if logs is None:
        return log_body(doc)
    if doc.id not in logs:
        logs[doc.id] = log_body(doc)
    return logs[doc.id]


def render_site(docs: list[Document], extra: SiteInput | None = None) -> dict[str, str]:
    extra = extra or SiteInput()
    files: dict[str, str] = {}
    logs: dict[str, LogBody] = {}
    for lang in LANGS:
        files.update(render_language(docs, lang, extra, logs))
    files["data/plans.json"] = export_json(docs, extra.related, extra.pages)
    files["data/search-fold.json"] = fold_table(docs)
    return files
