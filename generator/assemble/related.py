"""Related commitments: for each item, up to three items of *other* documents on the closest subject.

Items are bags of words (jieba segmentation, `segmenter.py`) weighted by TF-IDF (log-scaled term frequency,
smoothed inverse document frequency over items, vectors normalised). To stay
near-linear in the corpus, an item is compared only with candidates that share
one of its ``QUERY_TERMS`` highest-weighted terms, found through an inverted
index; terms that occur in more than ``MAX_DF_SHARE`` of all items, or in more
than ``MAX_POSTINGS`` items, are not used for finding candidates (they still
count in the similarity), and only the ``MAX_CANDIDATES`` candidates sharing
the most query terms are scored exactly. Cost is O(items × QUERY_TERMS ×
MAX_POSTINGS) for finding candidates plus O(items × MAX_CANDIDATES) cosines —
linear in the corpus, not O(items²). Both steps are sparse-matrix operations
(SciPy), CHUNK items at a time. Items sharing a theme get a small bonus
so that "related" stays on subject. Deterministic: ties break on (document id,
item order).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

import numpy as np
from scipy import sparse

from ..datafiles import words
from ..parallel import fork_map
from .words import cut

QUERY_TERMS = 12
MAX_DF_SHARE = 0.2
MAX_POSTINGS = 200
"""Terms in more items than this are not used to find candidates (they still count in the score)."""
MAX_CANDIDATES = 40
"""Only the candidates sharing the most query terms are scored exactly."""
MAX_RELATED = 3
CHUNK = 2000
"""Items whose candidates are found and scored at once (bounds memory: CHUNK × candidates)."""
ROW_BLOCK = 50_000
"""Items whose word weights are summed at once (bounds the temporary arrays)."""
THEME_BONUS = 0.05
MIN_SCORE = 0.05
_WORD = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z]{3,}")


class Entry(NamedTuple):
    """An item to relate (a named tuple: a corpus has ~10⁵ of them)."""

    doc_id: str
    item_id: str
    text: str
    themes: tuple[str, ...]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(words("related_stopwords.txt"))


_KEPT: set[str] = set()
_DROPPED: set[str] = set()
"""Words already judged by ``tokens`` (a corpus repeats a vocabulary of some 10⁵ words)."""


def _judge(words: Iterable[str]) -> None:
    """Sort words not seen before into those that count for relatedness and the others."""
    for w in set(words).difference(_KEPT, _DROPPED):
        (_KEPT if _WORD.fullmatch(w) and w not in stopwords() else _DROPPED).add(w)


def tokens(text: str) -> list[str]:
    """The words of ``text`` that count for relatedness: Chinese words of two or more characters
    and Latin words of three or more letters, stopwords left out."""
    words = cut(text)
    _judge(words)
    return [w for w in words if w in _KEPT]


@dataclass(frozen=True)
class WordBags:
    """The words of a document's items, compactly, as the term counts need them: the document's
    own sorted vocabulary; for every item, its distinct words (indexes into the vocabulary,
    ascending; int32) and how often each occurs (uint16, or int32 if a count does not fit), items
    one after another, with each item's number of distinct words (int32). Made while parsing (in
    the parse workers) and kept in the parse cache."""

    vocab: str
    """The words, sorted, joined by newlines (one string: a corpus's documents hold millions of
    word occurrences, and word objects would cost more than the text)."""
    ids: bytes
    counts: bytes
    lengths: bytes

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids, counts, lengths) as arrays (views of the bytes)."""
        ids = np.frombuffer(self.ids, dtype=np.int32)
        wide = len(self.counts) == 4 * len(ids)
        return ids, np.frombuffer(self.counts, dtype=np.int32 if wide else np.uint16), np.frombuffer(self.lengths, dtype=np.int32)

    def subset(self, keep: list[bool]) -> WordBags:
        """The bags of the items ``keep`` marks (one flag per item), the vocabulary unchanged."""
        if all(keep):
            return self
        ids, counts, lengths = self.arrays()
        mask = np.repeat(np.array(keep, dtype=bool), lengths)
        return WordBags(self.vocab, ids[mask].tobytes(), counts[mask].tobytes(), lengths[np.array(keep, dtype=bool)].tobytes())


def word_bags(texts: list[str], tokenize: Callable[[str], list[str]] | None = None) -> WordBags:
    """The items' words (``tokens``, or ``tokenize`` of each text). The document's words are
    judged once, then each item's kept words are looked up in its vocabulary in one pass
    over the document's word occurrences."""
    if tokenize is not None:
        bags = [tokenize(t) for t in texts]
        vocab = sorted(set(chain.from_iterable(bags)))
    else:
        bags = [cut(t) for t in texts]
        distinct = set(chain.from_iterable(bags))
        _judge(distinct)
        vocab = sorted(distinct.intersection(_KEPT))
    get = dict(zip(vocab, range(len(vocab)))).get
    occurrences = array("i")
    per_item = array("i")
    for bag in bags:
        before = len(occurrences)
        occurrences.extend([k for k in map(get, bag) if k is not None])
        per_item.append(len(occurrences) - before)
    # each (item, word) pair once, with its count: pairs numbered item × vocabulary size + word
    size = max(1, len(vocab))
    pairs, counts = np.unique(
        np.repeat(np.arange(len(bags), dtype=np.int64), np.frombuffer(per_item, dtype=np.int32)) * size + np.frombuffer(occurrences, dtype=np.int32),
        return_counts=True,
    )
    lengths = np.bincount(pairs // size, minlength=len(bags)).astype(np.int32)
    wide = counts.size > 0 and counts.max() > np.iinfo(np.uint16).max
    return WordBags("\n".join(vocab), (pairs % size).astype(np.int32).tobytes(), counts.astype(np.int32 if wide else np.uint16).tobytes(), lengths.tobytes())


def _term_counts(docs: list[WordBags]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Each item's distinct words with their counts, as parallel arrays (row, column, count):
    rows ascending (items of ``docs`` in order) and, within a row, columns ascending; columns
    number the corpus's vocabulary in sorted order (so ties between terms break by the word).
    A document's pairs were counted when it was parsed (``word_bags``); its vocabulary is sorted
    too, so its own word numbers are in the corpus's order once mapped, and only the distinct
    (item, word) pairs of the corpus are ever held (int32 rows and columns: at N=10,000 the pairs of
    every word occurrence took 1.3 GB)."""
    vocab: set[str] = set()
    for d in docs:
        vocab.update(d.vocab.split("\n") if d.vocab else ())
    words = sorted(vocab)
    rank = {w: k for k, w in enumerate(words)}
    # Filled in place, a document after another (each pair once already: ``word_bags``).
    upper = sum(len(d.ids) for d in docs) // 4
    rows = np.empty(upper, dtype=np.int32)
    cols = np.empty(upper, dtype=np.int32)
    counts = np.empty(upper, dtype=np.float64)
    first = at = 0  # the document's first row; the pairs written so far
    for d in docs:
        ids, found, lengths = d.arrays()
        local = d.vocab.split("\n") if d.vocab else []
        if local:
            to_global = np.fromiter(map(rank.__getitem__, local), dtype=np.int32, count=len(local))
            end = at + len(ids)
            rows[at:end] = np.repeat(np.arange(first, first + len(lengths), dtype=np.int32), lengths)
            cols[at:end] = to_global[ids]
            counts[at:end] = found
            at = end
        first += len(lengths)
    return rows[:at], cols[:at], counts[:at], len(words)


Related = dict[tuple[str, str], list[tuple[str, str, float]]]
"""(doc id, item id) → its related items as (doc id, item id, score), best first."""

Found = tuple[np.ndarray, np.ndarray, np.ndarray]
"""Related items as arrays (item, related item, score), positions in the entries' order, rows
ascending and each item's related items in order (``related_arrays``)."""


def related_items(entries: list[Entry], tokenize: Callable[[str], list[str]] | None = None, bags: list[WordBags] | None = None, workers: int = 1) -> Related:
    """(doc id, item id) → up to three (doc id, item id, score) from other documents.
    ``bags``: the entries' words already segmented (their items in the order of ``entries``);
    without them every entry is segmented (``tokens``, or ``tokenize``). ``workers`` > 1: the CHUNKs are
    scored in that many forked processes (same result)."""
    return related_dict([(e.doc_id, e.item_id) for e in entries], related_arrays(entries, tokenize, bags, workers))


def related_dict(keys: list[tuple[str, str]], found: Found) -> Related:
    """``related_items`` from ``related_arrays`` of entries whose (doc id, item id) are ``keys``
    (a process that found the arrays sends them, not the dict, which is slow to pickle;
    benchmarks/README.md)."""
    ci, cj, score = found
    out: Related = {}
    current, items = -1, []
    for i, j, s in zip(ci.tolist(), cj.tolist(), score.tolist()):
        if i != current:  # an item's related items are consecutive (rows in item order)
            current, items = i, []
            out[keys[i]] = items
        doc_id, item_id = keys[j]
        items.append((doc_id, item_id, round(s, 4)))
    for key in keys:
        out.setdefault(key, [])
    return out


def related_arrays(entries: list[Entry], tokenize: Callable[[str], list[str]] | None = None, bags: list[WordBags] | None = None, workers: int = 1) -> Found:
    """The related items of ``related_items`` as arrays (``Found``): each item's up to three
    items of other documents, with their scores (unrounded)."""
    n = len(entries)
    if n == 0:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0)
    rows, cols, counts, vocab_size = _term_counts(_bags_of(entries, tokenize, bags))
    # Arrays of every (item, word) pair (at N=10,000, 20 million): computed in place or in blocks
    # of rows, never copied whole (``np.bincount`` would copy int32 input as int64).
    indptr = np.searchsorted(rows, np.arange(n + 1, dtype=rows.dtype))
    blocks = [(lo, min(n, lo + ROW_BLOCK)) for lo in range(0, n, ROW_BLOCK)]
    df = np.zeros(vocab_size, dtype=np.int64)
    for lo, hi in blocks:
        df += np.bincount(cols[indptr[lo] : indptr[hi]], minlength=vocab_size)
    idf = np.log((1 + n) / (1 + df)) + 1
    weight = np.log(counts, out=counts)  # (1 + log count) × idf
    weight += 1
    for lo, hi in blocks:
        weight[indptr[lo] : indptr[hi]] *= idf[cols[indptr[lo] : indptr[hi]]]
    del counts
    # a row's sum is made within one block, in order: the same sums as one pass
    norm = np.concatenate(
        [np.bincount(rows[indptr[lo] : indptr[hi]] - lo, weights=weight[indptr[lo] : indptr[hi]] ** 2, minlength=hi - lo) for lo, hi in blocks]
    )
    norm = np.sqrt(norm)
    norm[norm == 0] = 1.0
    weight /= norm[rows]

    # Query terms: each item's QUERY_TERMS heaviest terms that are rare enough (ties: by the word).
    cap = max(2, min(MAX_POSTINGS, int(MAX_DF_SHARE * n)))
    usable = (df <= cap)[cols]
    q_rows, q_cols, q_w = rows[usable], cols[usable], weight[usable]
    order = np.lexsort((q_cols, -q_w, q_rows))
    q_rows, q_cols = q_rows[order], q_cols[order]
    del q_w, order
    starts = np.searchsorted(q_rows, q_rows, side="left")
    keep = (np.arange(len(q_rows)) - starts) < QUERY_TERMS
    query = sparse.csr_matrix((np.ones(int(keep.sum())), (q_rows[keep], q_cols[keep])), shape=(n, vocab_size))
    del q_rows, q_cols, starts, keep
    postings = sparse.csr_matrix((np.ones(int(usable.sum())), (rows[usable], cols[usable])), shape=(n, vocab_size)).T.tocsr()
    del rows, usable
    # The weights as a matrix, without copies (at N=10,000 each array is ~160 MB): columns are
    # ascending within each row already (``_term_counts``).
    x = sparse.csr_matrix((weight, cols, indptr), shape=(n, vocab_size))
    x.sort_indices()
    del weight, cols

    doc, themes = _documents_and_themes(entries)

    global _STATE
    _STATE = (x, query, postings, doc, themes)
    try:
        spans = [(lo, min(n, lo + CHUNK)) for lo in range(0, n, CHUNK)]
        parts = fork_map(_related_span, spans, workers)  # the matrices are inherited by the workers, not sent
    finally:
        _STATE = None
    index = np.int32 if n < 2**31 else np.int64
    return np.concatenate([p[0] for p in parts]).astype(index), np.concatenate([p[1] for p in parts]).astype(index), np.concatenate([p[2] for p in parts])


def _bags_of(entries: list[Entry], tokenize: Callable[[str], list[str]] | None, bags: list[WordBags] | None) -> list[WordBags]:
    """The entries' word bags: those given (checked to hold one item per entry), or made."""
    if bags is None:
        return [word_bags([e.text for e in entries], tokenize)]
    if sum(len(b.lengths) for b in bags) != 4 * len(entries):  # int32 lengths, one per item
        raise ValueError(f"the word bags hold {sum(len(b.lengths) for b in bags) // 4} items, the entries {len(entries)}")
    return bags


def _documents_and_themes(entries: list[Entry]) -> tuple[np.ndarray, np.ndarray]:
    """Each entry's document (its rank among the document ids) and its set of themes as bits."""
    doc_rank = {d: k for k, d in enumerate(sorted({e.doc_id for e in entries}))}
    doc = np.array([doc_rank[e.doc_id] for e in entries], dtype=np.int64)
    theme_bit = {t: k for k, t in enumerate(sorted({t for e in entries for t in e.themes}))}
    masks: dict[tuple[str, ...], int] = {}  # a corpus has few distinct sets
    for e in entries:
        if e.themes not in masks:
            masks[e.themes] = sum(1 << theme_bit[t] for t in set(e.themes))
    return doc, np.array([masks[e.themes] for e in entries], dtype=object if len(theme_bit) > 62 else np.int64)


_STATE: tuple | None = None  # type: ignore[type-arg]
"""The matrices of the current ``related_items`` call (inherited by forked workers)."""


def _related_span(span: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The related items of items ``lo``..``hi``: (item, related item, score) in output order."""
    assert _STATE is not None
    x, query, postings, doc, themes = _STATE
    lo, hi = span
    # Candidates: items of other documents sharing the most query terms (ties: item order).
    overlap = (query[lo:hi] @ postings).tocoo()
    ci, cj, cn = overlap.row.astype(np.int64) + lo, overlap.col.astype(np.int64), overlap.data
    other = doc[ci] != doc[cj]
    ci, cj, cn = ci[other], cj[other], cn[other]
    # by item, most shared terms first, then by candidate: one int64 key per pair (a pair
    # shares at most QUERY_TERMS terms; ``np.lexsort`` of the three took 4× as long)
    key = ((ci - lo) * (QUERY_TERMS + 1) + (QUERY_TERMS - cn.astype(np.int64))) * len(doc) + cj
    order = np.argsort(key)
    del key
    ci, cj = ci[order], cj[order]
    first = np.searchsorted(ci, ci, side="left")
    keep = (np.arange(len(ci)) - first) < MAX_CANDIDATES
    ci, cj = ci[keep], cj[keep]
    # Exact cosine of each candidate pair, plus the shared-theme bonus.
    score = np.asarray(x[ci].multiply(x[cj]).sum(axis=1)).ravel()
    score = score + THEME_BONUS * ((themes[ci] & themes[cj]) != 0)
    ok = score >= MIN_SCORE
    ci, cj, score = ci[ok], cj[ok], score[ok]
    # Scores equal to 1e-9 are ties (summation order must not decide), broken by document then item order.
    order = np.lexsort((cj, doc[cj], -np.round(score, 9), ci))
    ci, cj, score = ci[order], cj[order], score[order]
    first = np.searchsorted(ci, ci, side="left")
    keep = (np.arange(len(ci)) - first) < MAX_RELATED
    return ci[keep], cj[keep], score[keep]
