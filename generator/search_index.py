"""Stage 7b, search: one Pagefind record per commitment, per language.

The site's search index is built from the corpus, not scraped from the HTML:
every item becomes its own record (URL = the item's permalink, title = its
number and heading), so a result is a commitment and ranking is per
commitment. Each document also gets one record for its title and introduction.
English records carry the catalog's translations; a segment still pending
translation is indexed in Chinese, as the English page shows it.

Chinese is segmented here, with jieba and the project vocabulary
(``segmenter.cut_for_search``: words and their sub-words), and handed to
Pagefind as space-separated words; Pagefind's browser side does not segment
Chinese queries, so the search page segments the query against the index
vocabulary written beside it (``data/search-vocab.txt``, one word per line) —
index and query are cut by the same dictionary. Pagefind writes one chunked
index per language (``site/pagefind/``); the browser downloads only the chunks
a query needs.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from .model import Document
from .render import PREFIX, SiteInput
from .render.voice import Voice
from .segmenter import cut_for_search
from .segments import item_parts

log = logging.getLogger(__name__)

EXCERPT = 140
INDEX_LANGUAGE = {"zh": "cmn"}
"""Pagefind language codes of the indexes. Chinese is indexed as ``cmn`` (ISO 639-3,
Mandarin) because for ``zh`` Pagefind's browser side re-cuts every query with the
browser's own word segmenter, which does not cut like jieba; under ``cmn`` it
leaves the words of our segmented query as they are."""
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KEEP = re.compile(r"[\w\u4e00-\u9fff]")


@dataclass(frozen=True)
class Record:
    url: str
    """Relative to the site root: ``documents/<doc>/#item-7`` or ``en/documents/…``."""
    language: str
    title: str
    document: str
    text: str
    """The record's plain text (shown as its excerpt)."""


def records(docs: list[Document], site_input: SiteInput) -> list[Record]:
    out: list[Record] = []
    for lang in ("zh", "en"):
        for doc in docs:
            v = Voice(lang, site_input.translations.get(doc.id, {}) if lang == "en" else {})
            doc_title = v.plain("meta.title", doc.meta.title)
            base = f"{PREFIX[lang]}documents/{doc.id}/"
            region = doc.region_en if lang == "en" else doc.meta.region
            lead = [doc_title, region, v.plain("meta.issuer", doc.meta.issuer), doc.meta.doc_number]
            lead += [v.plain(f"intro.{k}", t) for k, t in enumerate(doc.intro, 1)]
            out.append(Record(base, lang, doc_title, doc_title, "\n".join(x for x in lead if x)))
            for item in doc.items():
                label = v.label(item.label, item.number)
                heading = v.plain(f"{item.id}.title", item.title).rstrip("。.")
                texts = [v.plain(f"{item.id}.title", item.title)] + [v.plain(f"{item.id}.{name}", t) for name, t in item_parts(item)]
                out.append(Record(f"{base}#{item.id}", lang, f"{label} {heading}".strip(), doc_title, "\n".join(texts)))
    return out


def index_words(text: str) -> list[str]:
    """The words a record is found by: jieba search-mode words for Chinese, the text itself otherwise."""
    if not _HAN.search(text):
        return [text]
    return [w for w in cut_for_search(text) if _KEEP.search(w)]


def excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat[:EXCERPT] + ("…" if len(flat) > EXCERPT else "")


async def _write(recs: list[Record], output: Path) -> set[str]:
    from pagefind.index import IndexConfig, PagefindIndex

    vocab: set[str] = set()
    async with PagefindIndex(config=IndexConfig(output_path=str(output))) as index:
        for r in recs:
            words = index_words(r.title + "\n" + r.text)
            vocab.update(w for w in words if _HAN.search(w) and len(w) > 1)
            meta = {"title": r.title, "document": r.document, "excerpt": excerpt(r.text)}
            await index.add_custom_record(url=r.url, content=" ".join(words), language=INDEX_LANGUAGE.get(r.language, r.language), meta=meta)
    return vocab


def write_search_index(docs: list[Document], site_input: SiteInput, site_dir: Path) -> int:
    """Write ``site/pagefind/`` and ``site/data/search-vocab.txt``; return the number of records."""
    recs = records(docs, site_input)
    vocab = asyncio.run(_write(recs, site_dir / "pagefind"))
    (site_dir / "data").mkdir(parents=True, exist_ok=True)
    (site_dir / "data" / "search-vocab.txt").write_text("".join(f"{w}\n" for w in sorted(vocab)), encoding="utf-8")
    return len(recs)
