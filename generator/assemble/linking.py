"""Stage 4 (assemble), related items: every item's closest items in other documents.

The TF-IDF weights are corpus-wide, so related items are found for the whole corpus on every
build (``related.py`` does the scoring). A large corpus finds them in a background process
(``start_linking``) while this one translates and renders what does not need them; the process
sends back three arrays and the lookup table is made here.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Document
from ..parallel import LIMITS, Background
from .related import Entry, Found, Related, WordBags, related_arrays, related_dict, word_bags


def _linked(d: Document) -> list[bool]:
    """Which of the document's items are linked: its commitments (``Document.themes`` lists every
    item of a plan, in document order; a past result or framing is not suggested, nor given
    suggestions)."""
    kinds = {it.id: it.kind for it in d.items()}
    return [kinds.get(item_id) == "commitment" for item_id, _, _ in d.themes]


def item_keys(documents: list[Document]) -> list[tuple[str, str]]:
    """(doc id, item id) of every commitment, in document order."""
    return [(d.id, item_id) for d in documents for (item_id, _, _), keep in zip(d.themes, _linked(d)) if keep]


def link_arrays(documents: list[Document], bags: Mapping[str, WordBags], workers: int) -> Found:
    """``related_arrays`` of the documents' items (in ``item_keys`` order); ``bags``: the words of
    each document's items, found while parsing (a document without them is segmented here)."""
    entries = []
    make = tuple.__new__  # a named tuple's own constructor is a Python function; there are ~10⁵ entries
    found = []
    for d in documents:
        keep = _linked(d)
        if not any(keep):  # a notice that is not a plan, a plan without commitments
            continue
        # the text is not needed: the words are in the bags
        entries.extend(make(Entry, (d.id, item_id, "", ids)) for (item_id, ids, _), k in zip(d.themes, keep) if k)
        found.append((bags[d.id] if d.id in bags else word_bags([it.text for it in d.items()])).subset(keep))
    return related_arrays(entries, bags=found, workers=workers)


def link_corpus(documents: list[Document], bags: Mapping[str, WordBags], workers: int = 1) -> Related:
    """(doc id, item id) → its related (doc id, item id, score), for every item."""
    return related_dict(item_keys(documents), link_arrays(documents, bags, workers))


def start_linking(documents: list[Document], bags: Mapping[str, WordBags], workers: int) -> Related | Background[Related]:
    """``link_corpus``: in a background process when the corpus is large enough to gain (then the
    result is a ``Background``, ``parallel.resolved`` waits for it), else here."""
    if workers <= 1 or sum(len(d.themes) for d in documents) < LIMITS.background_min_items:
        return link_corpus(documents, bags, workers)
    return Background(lambda: link_arrays(documents, bags, workers), lambda found: related_dict(item_keys(documents), found))
