"""Render, the pages that list documents: the documents index, regions, glossary, home and the
compare page's list of documents.

The index and region pages are declared by what they list (``env.templated``); the home page
shows only the latest documents and first regions, so its size does not grow with the corpus.
"""

from __future__ import annotations

import html

from markupsafe import Markup

from ..assemble.glossary import glossary
from ..assemble.themes import taxonomy
from ..model import Document
from .compare import compare_index
from .env import render, templated
from .explorer import explorer_page
from .outputs import PREFIX, File
from .regions_index import render_regions_index
from .theme_pages import region_page, render_region_pages
from .voice import Voice

HOME_LIST = 20
"""The home page shows the latest documents and first regions, not all: it is the first page
every visitor downloads, so its size must not grow with the corpus (the full lists are on
documents/ and regions/)."""


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
        "n_items": len(doc.commitments()),
        "doc_number": m.doc_number,
        "date": doc_date(doc),
    }


def doc_date(doc: Document) -> str:
    """The document's date: as signed, else as printed (印发), else when the portal published it."""
    m = doc.meta
    return m.date or m.printed_date or m.published


def latest_first(docs: list[Document]) -> list[Document]:
    """Newest first by date (ISO, so "2023" of an undated document sorts after 2023's dated ones)."""
    return sorted(docs, key=lambda d: (doc_date(d) or str(d.meta.year or ""), d.id), reverse=True)


def index_pages(docs: list[Document], lang: str, voices: dict[str, Voice]) -> dict[str, File]:
    """The pages that list documents: documents index, regions, glossary, home, the explorer's page (theme pages are
    made from the documents' parts, ``theme_pages``)."""
    files: dict[str, File] = {}
    ordered = sorted(docs, key=lambda d: (-d.meta.year, d.region_slug, d.id))
    rows = [doc_row(d, voices[d.id], "") for d in ordered]
    t = Voice(lang).t
    files["documents/index.md"] = templated("index", lang, "documents_index.md.j2", t=t, docs=rows)
    files.update(render_region_pages(docs, voices.__getitem__, lang))
    files["data/compare/index.json"] = compare_index(docs, voices, lang)
    files["commitments.md"] = explorer_page(lang)
    files["regions/index.md"] = render_regions_index(docs, lang)  # grouped by level, over the flat list
    groups: dict[str, list[object]] = {}
    for term in glossary():
        groups.setdefault(term.group_name(lang), []).append(term)
    files["glossary.md"] = render("glossary.md.j2", t=t, groups=[{"name": name, "terms": terms} for name, terms in groups.items()])
    home_rows = [{**doc_row(d, voices[d.id], ""), "link": f"documents/{d.id}/index.md"} for d in latest_first(docs)[:HOME_LIST]]
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
        n_items=sum(len(d.commitments()) for d in docs),
    )
    return {PREFIX[lang] + path: text for path, text in files.items()}
