"""Stage 7b, search: a static, sharded inverted index of every commitment, per language.

Every item is one record (URL = its permalink, title = its number and heading);
each document also has one record for its title and introduction. English
records carry the catalog's translations; a segment still pending translation
is indexed in Chinese, as the English page shows it.

Terms: Chinese runs become overlapping character bigrams (and the single
character of a one-character run); other text becomes lower-cased words with a
light suffix folding, plus each pair of adjacent words. Bigrams need no dictionary, so the index and the query
(cut the same way in ``overrides/javascripts/search.js``) always agree — a
word segmenter on one side and another on the other side does not (Pagefind
was tried: its index and its browser cut 疫情防控 differently and found nothing).
Ranking: records containing every term of the query first, then BM25 over the
terms, with a bonus when the title or excerpt contains the query as a phrase.

Files, under ``site/search-index/<lang>/``: ``meta.json`` (counts, shard numbers),
``terms-<k>.json`` (term → postings, a term lives in shard ``fnv1a(term) %
shards``) and ``records-<k>.json`` (titles, URLs, excerpts of records
``k*RECORDS_PER_CHUNK`` …). A query downloads meta.json, one shard per distinct
term and the record chunks of its top results — not the corpus.

Postings are impact-scored and packed into one string per term: for each
record containing the term, the gap from the previous record id in base 36
(``0-9a-z``) followed by one letter ``A``…``Z`` for the BM25 term weight of
the term in that record, ``tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen))`` in
tenths (A = 0.1 … V = 2.2). The browser then only adds ``idf × weight``: no
per-record length table has to be downloaded, and a posting takes 2–3 bytes
instead of ten.
"""

from __future__ import annotations

import json
import re
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..model import Document
from ..render import PREFIX, SiteInput
from ..render.voice import Voice
from ..translate.segments import item_parts

EXCERPT_BYTES = 240
RECORDS_PER_CHUNK = 16
"""Records per metadata chunk: the top results of a query are spread over the corpus, so
small chunks keep what a query downloads for its result list small."""
K1 = 1.2
B = 0.75
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"
SHARD_TARGET_POSTINGS = 6000
"""Postings per term shard on average: the shard count grows with the corpus so a shard stays small."""
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_SIBILANT_ES = ("sses", "xes", "ches", "shes", "zzes")
"""Plurals that add "es" to a word (processes → process); any other "-es" adds "s" to an "-e" word
(services → service)."""
_NOT_PLURAL_S = ("ss", "us", "is")
_SUFFIXES = ("ing", "ed")


@dataclass(frozen=True)
class Record:
    url: str
    """Relative to the site root: ``documents/<doc>/#item-7`` or ``en/documents/…``."""
    language: str
    title: str
    document: str
    text: str


def fnv1a(term: str) -> int:
    """32-bit FNV-1a over UTF-8 (the browser computes the same)."""
    h = 0x811C9DC5
    for b in term.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def fold_word(w: str) -> str:
    """Light English suffix folding, so that a word and its plural are one term (allowances →
    allowance, services → service, processes → process, facilities → facility), and -ing / -ed
    forms are folded (housing → hous). The search page folds queries the same way
    (``foldWord`` in overrides/javascripts/search.js)."""
    w = w.replace("’", "'").split("'")[0]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(_SIBILANT_ES):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(_NOT_PLURAL_S):
        return w[:-1]
    for suf in _SUFFIXES:
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def _words(text: str) -> list[str]:
    """Folded words and adjacent word pairs ("subsistence allowance"), so phrases rank first."""
    words = [w for w in (fold_word(w) for w in _WORD.findall(text.lower())) if w]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def terms(text: str) -> list[str]:
    """The index terms of a text (the search page cuts queries the same way)."""
    out: list[str] = []
    pos = 0
    for m in _HAN_RUN.finditer(text):
        out.extend(_words(text[pos : m.start()]))
        run = m.group(0)
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
        pos = m.end()
    out.extend(_words(text[pos:]))
    return out


def records(docs: list[Document], site_input: SiteInput, lang: str) -> list[Record]:
    out: list[Record] = []
    for doc in sorted(docs, key=lambda d: d.id):
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


def _body(text: str) -> str:
    """The text after its first line (an item's first line repeats its title)."""
    rest = text.split("\n", 1)
    return rest[1] if len(rest) > 1 and rest[1].strip() else text


def excerpt(text: str) -> str:
    """The start of the text, at most EXCERPT_BYTES of UTF-8: 80 Chinese characters or about
    240 Latin ones (a record chunk is downloaded for every few results shown)."""
    flat = " ".join(text.split())
    if len(flat.encode("utf-8")) <= EXCERPT_BYTES:
        return flat
    cut = flat.encode("utf-8")[:EXCERPT_BYTES].decode("utf-8", "ignore")
    return cut + "…"


def base36(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = _B36[r] + out
        if not n:
            return out


def impact(tf, length, avglen: float):  # type: ignore[no-untyped-def]
    """BM25's term weight in tenths, 1…22 (at least 1: a match is never weightless); for
    numbers or numpy arrays alike."""
    w = tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avglen))
    out = np.clip(np.floor(w * 10 + 0.5), 1, 26)
    return out.astype(np.int64) if isinstance(out, np.ndarray) else int(out)


def build_language(recs: list[Record]) -> dict[str, str]:
    """{file name: JSON text} for one language's index."""
    # every (term, record, tf) in compact arrays, record by record (a Counter per record for the
    # whole corpus would hold gigabytes): the weights and the packing are then done in bulk
    term_id: dict[str, int] = {}
    tid_arr, tf_arr, size_arr = array("i"), array("i"), array("i")
    for r in recs:
        counts = Counter(terms(r.title + "\n" + r.title + "\n" + r.text))  # the title counts twice
        tid_arr.extend([term_id.setdefault(t, len(term_id)) for t in counts])
        tf_arr.extend(counts.values())
        size_arr.append(len(counts))
    tids = np.frombuffer(tid_arr, dtype=np.int32).astype(np.int64)
    tfs = np.frombuffer(tf_arr, dtype=np.int32).astype(np.float64)
    sizes = np.frombuffer(size_arr, dtype=np.int32)
    n_recs = len(recs)
    rec = np.repeat(np.arange(n_recs), sizes)
    lengths = np.bincount(rec, weights=tfs, minlength=n_recs)
    avglen = float(lengths.mean()) if n_recs else 1.0
    impacts = impact(tfs, lengths[rec], avglen)
    order = np.argsort(tids, kind="stable")  # by term, records ascending within a term
    tids, rec, impacts = tids[order], rec[order], impacts[order]
    starts = np.searchsorted(tids, np.arange(len(term_id)))
    ends = np.append(starts[1:], len(tids))
    gaps = np.diff(rec, prepend=0)
    gaps[starts[starts < len(gaps)]] = rec[starts[starts < len(gaps)]]  # each term starts from record 0
    b36 = _base36_table(n_recs + 1)
    letters = [chr(ord("A") + k - 1) if k else "" for k in range(27)]
    gaps, impacts = gaps.astype(np.int32), impacts.astype(np.int8)
    terms_by_id = list(term_id)
    total = len(tids)
    del tid_arr, tf_arr, tids, tfs, rec, order
    shards = max(1, total // SHARD_TARGET_POSTINGS)
    buckets: list[dict[str, str]] = [{} for _ in range(shards)]
    for k in sorted(range(len(terms_by_id)), key=terms_by_id.__getitem__):
        term = terms_by_id[k]
        s, e = starts[k], ends[k]
        buckets[fnv1a(term) % shards][term] = "".join([b36[g] + letters[i] for g, i in zip(gaps[s:e].tolist(), impacts[s:e].tolist())])
    files = {f"terms-{k}.json": json.dumps(b, ensure_ascii=False, separators=(",", ":")) for k, b in enumerate(buckets)}
    chunks = (len(recs) + RECORDS_PER_CHUNK - 1) // RECORDS_PER_CHUNK
    for k in range(chunks):
        part = recs[k * RECORDS_PER_CHUNK : (k + 1) * RECORDS_PER_CHUNK]
        rows: list[dict[str, str]] = []
        previous = None
        for r in part:
            row = {"u": r.url, "t": r.title, "x": excerpt(_body(r.text))}
            if r.document != previous:
                row["d"] = r.document  # the document title only when it changes within the chunk
            previous = r.document
            rows.append(row)
        files[f"records-{k}.json"] = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    meta = {"records": len(recs), "shards": shards, "chunk": RECORDS_PER_CHUNK}
    files["meta.json"] = json.dumps(meta, separators=(",", ":"))
    return files


@lru_cache(maxsize=4)
def _base36_table(n: int) -> list[str]:
    return [base36(k) for k in range(n)]


def write_search_index(docs: list[Document], site_input: SiteInput, site_dir: Path) -> int:
    """Write ``site/search-index/<lang>/``; return the number of records (both languages)."""
    n = 0
    for lang in ("zh", "en"):
        recs = records(docs, site_input, lang)
        out = site_dir / "search-index" / lang
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.json"):
            old.unlink()
        for name, text in build_language(recs).items():
            (out / name).write_text(text + "\n", encoding="utf-8")
        n += len(recs)
    return n
