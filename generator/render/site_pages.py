"""Render, the whole site: every generated page of both languages, declared by what it is made from.

``Site`` holds what rendering reads from the whole corpus (voices, link texts, related items)
and declares each document's outputs (``document_outputs``): its page, cleaning log and theme-
page part in each language, and its export record. Each is an ``outputs.Output``; the
incremental layer decides which to make. Nothing here reads or writes files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from ..assemble.related import Related
from ..model import Document, Item
from .cleaning_log import LogBody, log_body, render_cleaning_log
from .compare import compare_json
from .document import render_document
from .explorer import explorer_rows
from .export import record_body, record_inputs, with_related_or_whole
from .outputs import LANGS, PREFIX, Output, SiteInput
from .theme_pages import ItemLinks, theme_blocks
from .voice import Voice

Citations = list[object]
"""A document's ``[anchors, hashes]``: its items as JSON ``[[id, label, number, title], …]`` (what
a link to them is written from), and item id → hash of what a link to it reads."""


@dataclass
class Site:
    """What rendering one document needs from the whole corpus (forked workers inherit it)."""

    docs: list[Document]
    extra: SiteInput
    full: Callable[[Document], Document] = lambda d: d
    """A document with its sources whole, when the corpus holds them light: its own pages need
    its cleaned text and changes, nothing else does."""
    voices: dict[str, dict[str, Voice]] = field(default_factory=dict)
    """lang → doc id → voice"""
    links: dict[str, ItemLinks] = field(default_factory=dict)
    """lang → the chips and related links of a document's items (empty until ``with_related``)"""
    by_id: dict[str, Document] = field(default_factory=dict)
    anchors: dict[str, str] = field(default_factory=dict)
    """doc id → its items' ids, labels, numbers and titles as JSON, for the documents cited"""
    cited: dict[tuple[str, str], str] = field(default_factory=dict)
    """(doc id, item id) → what a link to the item is made from, hashed (``citations``)"""
    _content: dict[str, list[str]] = field(default_factory=dict)
    _links: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.voices:
            tr = self.extra.translations
            self.voices = {lang: {d.id: Voice(lang, tr.get(d.id, {}) if lang == "en" else {}) for d in self.docs} for lang in LANGS}
        if not self.by_id:
            self.by_id = {d.id: d for d in self.docs}

    def with_related(self, related: Related) -> None:
        """The related items are known: item links can be made."""
        self.extra = SiteInput(self.extra.translations, self.extra.coverage, related, self.extra.chars, self.extra.problems)
        cited_items: dict[str, dict[str, Item]] = {}  # one copy for both languages
        self.links = {lang: ItemLinks(self.docs, related, self.voices[lang].__getitem__, lang, self.anchors, cited_items) for lang in LANGS}
        self._links.clear()

    def content(self, doc: Document) -> list[str]:
        """What a document's pages in each language (of ``LANGS``) are made from besides its links,
        as a digest: the document (its sources' bytes, ``Document.source_key``), the language and its
        translations."""
        if doc.id not in self._content:
            base = doc.source_key()
            out = []
            for lang in LANGS:
                h = hashlib.sha256(f"{base}\0{lang}\0".encode())
                tr = self.voices[lang][doc.id].tr
                if tr:
                    h.update(json.dumps(sorted(tr.items()), ensure_ascii=False).encode())
                out.append(h.hexdigest()[:32])
            self._content[doc.id] = out
        return self._content[doc.id]

    def citations(self, doc: Document) -> Citations:
        """``[anchors, hashes]`` of a document (see ``Citations``)."""
        tr = self.extra.translations.get(doc.id, {})
        m = doc.meta
        items = doc.items()
        # forked workers write links to the items from this one string, not from the items
        anchors = json.dumps([[it.id, it.label, it.number, it.title] for it in items], ensure_ascii=False)
        hashes = {}
        for it in items:
            text = "\x1f".join(
                map(str, (m.region, doc.region_en, m.year, m.end_year, it.label, it.number, it.title, f"{it.id}.title" in tr, tr.get(f"{it.id}.title", "")))
            )
            hashes[it.id] = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
        return [anchors, hashes]

    def add_citations(self, doc_id: str, found: Citations) -> None:
        anchors, hashes = found
        self.anchors[doc_id] = anchors  # type: ignore[assignment]
        self.cited.update(((doc_id, item_id), h) for item_id, h in hashes.items())  # type: ignore[attr-defined]

    def _cited(self, doc_id: str, item_id: str) -> str:
        key = (doc_id, item_id)
        if key not in self.cited:
            self.add_citations(doc_id, self.citations(self.by_id[doc_id]))
        return self.cited[key]

    def link_inputs(self, doc: Document) -> bytes:
        """What a document's item links are made from, besides the document (its themes): each
        item's related items in order (the page does not show scores) and what the text of each
        link reads. A change elsewhere renders again only the pages whose links read differently."""
        if doc.id not in self._links:
            related = self.extra.related
            rel = [(item_id, [(od, oi) for od, oi, _score in related.get((doc.id, item_id), ())]) for item_id, _, _ in doc.themes]
            cited = self.cited
            texts = [cited[key] if (key := (od, oi)) in cited else self._cited(od, oi) for _, r in rel for od, oi in r]
            self._links[doc.id] = json.dumps([rel, texts], ensure_ascii=False).encode()
        return self._links[doc.id]

    def own_parts(self, doc: Document) -> list[Output]:
        """A document's outputs made from it and its translations only (cleaning logs and theme
        parts): cheap to key, and unchanged when only its links change."""
        return [o for lang in LANGS for o in self._own(doc, lang, _Whole(self, doc))]

    def theme_parts(self, doc: Document) -> dict[str, Output]:
        """lang → the document's part of the theme pages."""
        whole = _Whole(self, doc)
        return {lang: self._own(doc, lang, whole)[1] for lang in LANGS}

    def document_outputs(self, doc: Document) -> DocumentOutputs:
        """Everything a document contributes: its pages in both languages (page, cleaning log,
        its data for the compare page, the explorer's rows), its export record and its part of
        each theme page, per language."""
        whole = _Whole(self, doc)
        files: dict[str, Output] = {}
        themes: dict[str, Output] = {}
        for lang, content in zip(LANGS, self.content(doc)):
            v = self.voices[lang][doc.id]
            cov = self.extra.coverage.get(doc.id) if lang == "en" else None
            log, part = self._own(doc, lang, whole)
            files[f"{PREFIX[lang]}documents/{doc.id}/index.md"] = Output(
                "page",
                lambda content=content, cov=cov: [content, str(cov), self.link_inputs(doc)],
                lambda lang=lang, v=v, cov=cov: render_document(whole.doc(), lang, v.tr, cov, self.links[lang].of(doc)),
            )
            files[f"{PREFIX[lang]}documents/{doc.id}/cleaning-log.md"] = log
            files[f"{PREFIX[lang]}data/compare/{doc.id}.json"] = Output("compare", lambda content=content: [content], lambda v=v: compare_json(whole.doc(), v))
            files[f"{PREFIX[lang]}data/explorer/{doc.id}.json"] = Output("explorer", lambda content=content: [content], lambda v=v: explorer_rows(doc, v))
            themes[lang] = part
        body = Output("body", lambda: [doc.source_key()], lambda: record_body(whole.doc()))
        related = self.extra.related
        record = Output("record", lambda: record_inputs(doc, related), lambda text: with_related_or_whole(text, doc, related, whole.doc), base=body)
        return DocumentOutputs(files, record, themes)

    def _own(self, doc: Document, lang: str, whole: _Whole) -> tuple[Output, Output]:
        content = self.content(doc)[LANGS.index(lang)]
        v = self.voices[lang][doc.id]
        log = Output("log", lambda: [content], lambda: render_cleaning_log(whole.doc(), v, whole.log()))
        part = Output("themes", lambda: [content], lambda: theme_blocks(whole.doc(), v))
        return log, part


@dataclass(frozen=True)
class DocumentOutputs:
    """What one document contributes to the site."""

    files: dict[str, Output]
    """Its own pages in both languages (page, cleaning log) and its rows of the explorer, by path."""
    record: Output
    """Its record in the export (JSON)."""
    themes: dict[str, Output]
    """lang → its part of each theme page (``theme_pages.theme_blocks``)."""


class _Whole:
    """A document with its sources whole and its log body, each made once, when first needed."""

    def __init__(self, site: Site, doc: Document) -> None:
        self.site, self.light = site, doc
        self._doc: Document | None = None
        self._log: LogBody | None = None

    def doc(self) -> Document:
        if self._doc is None:
            self._doc = self.site.full(self.light)
        return self._doc

    def log(self) -> LogBody:
        if self._log is None:
            self._log = log_body(self.doc())
        return self._log
