"""Search assets for the browser: the query-folding table (``search-fold.json``).

The site's search (Pagefind, run over the built site) segments Chinese in the
index and in the query with the same segmenter. What it cannot know is that a
reader may type traditional characters (養老, 殯葬) or an abbreviation (低保
for 最低生活保障). ``fold_table`` gives the browser (overrides/javascripts/
search.js) a traditional → simplified character map made with the same OpenCC
``tw2s`` conversion the cleaner uses (restricted to the characters whose
simplified form occurs in the corpus, so the file stays small), and the
synonym groups of ``data/search_synonyms.tsv``.
"""

from __future__ import annotations

import json

from ..clean.script import _converter
from ..datafiles import table
from ..model import Document


def synonym_groups() -> list[list[str]]:
    return [[t for t in row[0].split("|") if t] for row in table("search_synonyms.tsv", ("terms", "note"))]


def _traditional_candidates() -> str:
    """Every CJK unified ideograph (the basic block): the domain of the map."""
    return "".join(chr(c) for c in range(0x4E00, 0x9FA6))


def fold_table(docs: list[Document], chars: frozenset[str] | None = None) -> str:
    """The folding table for a corpus; ``chars``: its characters, when already collected."""
    corpus_chars: set[str] | frozenset[str]
    if chars is not None:
        corpus_chars = chars
    else:
        corpus_chars = set()
        for d in docs:
            for p in d.sources:
                corpus_chars.update(p.clean.text)
    candidates = _traditional_candidates()
    converted = _converter().convert(candidates)
    chars = {}
    if len(converted) == len(candidates):
        for t, s in zip(candidates, converted):
            if t != s and s in corpus_chars:
                chars[t] = s
    data = {"chars": dict(sorted(chars.items())), "synonyms": synonym_groups()}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"
