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
linear in the corpus, not O(items²). Items sharing a theme get a small bonus
so that "related" stays on subject. Deterministic: ties break on (document id,
item order).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from . import DATA_DIR
from .segmenter import cut

QUERY_TERMS = 12
MAX_DF_SHARE = 0.2
MAX_POSTINGS = 200
"""Terms in more items than this are not used to find candidates (they still count in the score)."""
MAX_CANDIDATES = 40
"""Only the candidates sharing the most query terms are scored exactly."""
MAX_RELATED = 3
THEME_BONUS = 0.05
MIN_SCORE = 0.05
_WORD = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z]{3,}")


@dataclass(frozen=True)
class Entry:
    doc_id: str
    item_id: str
    text: str
    themes: tuple[str, ...]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    path = DATA_DIR / "related_stopwords.txt"
    return frozenset(ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#"))


def tokens(text: str) -> list[str]:
    stop = stopwords()
    return [w for w in cut(text) if _WORD.fullmatch(w) and w not in stop]


def related_items(entries: list[Entry], tokenize: Callable[[str], list[str]] = tokens) -> dict[tuple[str, str], list[tuple[str, str, float]]]:
    """(doc id, item id) → up to three (doc id, item id, score) from other documents."""
    bags = [Counter(tokenize(e.text)) for e in entries]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(entries)
    idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}
    vectors: list[dict[str, float]] = []
    for bag in bags:
        vec = {w: (1 + math.log(c)) * idf[w] for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        vectors.append({w: x / norm for w, x in vec.items()})
    cap = max(2, min(MAX_POSTINGS, int(MAX_DF_SHARE * n)))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for w in vec:
            if df[w] <= cap:
                postings[w].append(i)
    out: dict[tuple[str, str], list[tuple[str, str, float]]] = {}
    for i, (entry, vec) in enumerate(zip(entries, vectors)):
        query = sorted((w for w in vec if df[w] <= cap), key=lambda w: (-vec[w], w))[:QUERY_TERMS]
        overlap = Counter(j for w in query for j in postings[w])
        candidates = [j for j, _ in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])) if entries[j].doc_id != entry.doc_id][:MAX_CANDIDATES]
        scored = []
        for j in candidates:
            other = vectors[j]
            small, big = (vec, other) if len(vec) < len(other) else (other, vec)
            score = sum(x * big.get(w, 0.0) for w, x in small.items())
            if set(entry.themes) & set(entries[j].themes):
                score += THEME_BONUS
            if score >= MIN_SCORE:
                scored.append((-score, entries[j].doc_id, j))
        scored.sort()
        out[(entry.doc_id, entry.item_id)] = [(entries[j].doc_id, entries[j].item_id, round(-s, 4)) for s, _, j in scored[:MAX_RELATED]]
    return out
