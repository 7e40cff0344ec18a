"""Themes: the taxonomy (``data/themes.yaml``) and the item classifier.

Every item gets one to three themes from its own text and its section headings.
Scoring, per theme: a strong term in the item title counts 3, in the text 2, a
weak term 1 (weak terms count only with a strong term or a second weak term of
the theme, or when the enclosing heading names the theme), a strong term in the
heading 1. Themes scoring at least a third of the best score are kept, best
first, at most three. The matched words are kept as the reason. Deterministic:
ties go to the taxonomy order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from ..datafiles import data_yaml
from ..model import Document, Item, Section
from ..parse.item_kinds import is_plan_kind
from .wordscan import WordScan

MAX_THEMES = 3
KEEP_RATIO = 1 / 3
HEAD_WEIGHT = 1


@dataclass(frozen=True)
class Theme:
    id: str
    zh: str
    en: str
    description_zh: str
    description_en: str
    strong: tuple[str, ...]
    weak: tuple[str, ...]

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def description(self, lang: str) -> str:
        return self.description_zh if lang == "zh" else self.description_en


@dataclass(frozen=True)
class Classification:
    item_id: str
    themes: tuple[str, ...]
    """Theme ids, primary first."""
    matched: tuple[tuple[str, tuple[str, ...]], ...]
    """(theme id, words that matched) for each kept theme: the reason."""


@lru_cache(maxsize=1)
def taxonomy() -> tuple[Theme, ...]:
    raw = data_yaml("themes.yaml")
    return tuple(
        Theme(t["id"], t["zh"], t["en"], t["description_zh"], t["description_en"], tuple(t.get("strong") or ()), tuple(t.get("weak") or ()))
        for t in raw["themes"]
    )


def theme_by_id() -> dict[str, Theme]:
    return {t.id: t for t in taxonomy()}


@lru_cache(maxsize=1)
def _scan() -> WordScan:
    """Every vocabulary word of every theme: a text is scanned once for all of them."""
    return WordScan({w for theme in taxonomy() for w in (*theme.strong, *theme.weak)})


def _found(text: str) -> set[str]:
    return _scan().found(text)


@lru_cache(maxsize=1)
def _word_index() -> dict[str, list[tuple[int, int, int]]]:
    """vocabulary word → (theme order, 0 strong / 1 weak, position in that list) for each list it is in."""
    index: dict[str, list[tuple[int, int, int]]] = {}
    for order, theme in enumerate(taxonomy()):
        for kind, terms in enumerate((theme.strong, theme.weak)):
            for pos, w in enumerate(terms):  # a word listed twice counts twice, as it always has
                index.setdefault(w, []).append((order, kind, pos))
    return index


def _hits_of(found: set[str]) -> dict[int, tuple[list[str], list[str]]]:
    """theme order → (strong words, weak words) among the vocabulary words ``found``, each in its list's order."""
    index = _word_index()
    hits: dict[int, tuple[list[str], list[str]]] = {}
    # one sort of every (theme, list, position, word) found, then each word appended in place
    for order, kind, _, w in sorted([(*at, w) for w in found for at in index[w]]):
        lists = hits.get(order)
        if lists is None:
            lists = hits[order] = ([], [])
        lists[kind].append(w)
    return hits


def _hits(text: str) -> dict[int, tuple[list[str], list[str]]]:
    return _hits_of(_found(text))


def _found_in(title: str, text: str) -> tuple[set[str], set[str]]:
    """(words in ``title``, words in ``text``): one scan when the title begins the text, as an
    item's first sentence does (a word ending inside the title is in it)."""
    if not text.startswith(title):
        return _found(title), _found(text)
    scan = _scan()
    words, matches, n = scan.words, scan.matches(text), len(title)
    return {words[i] for i, _, end in matches if end <= n}, {words[i] for i, _, _ in matches}


@lru_cache(maxsize=256)
def _heading_hits(heading: str) -> dict[int, tuple[list[str], list[str]]]:
    """theme order → (the heading's words of the theme, strong then weak; the same bracketed, as a
    reason shows them): every item of a section is classified under its heading."""
    return {order: (strong + weak, [f"[{w}]" for w in strong + weak]) for order, (strong, weak) in _hits(heading).items()}


_NONE: tuple[list[str], list[str]] = ([], [])


def classify_text(item_id: str, title: str, text: str, heading: str) -> Classification:
    found_title, found_text = _found_in(title, text)
    in_title, in_text, in_heading = _hits_of(found_title) if found_title else {}, _hits_of(found_text), _heading_hits(heading)
    scored: list[tuple[int, int]] = []
    for order in {*in_title, *in_text, *in_heading}:
        strong, weak = in_text.get(order, _NONE)
        head = in_heading.get(order, _NONE)[0]
        score = 3 * len(in_title.get(order, _NONE)[0]) + 2 * len(strong) + (HEAD_WEIGHT if head else 0)
        if weak and (strong or len(weak) >= 2 or head):
            score += len(weak)
        if score:
            scored.append((score, -order))
    if not scored:
        return Classification(item_id, (), ())
    scored.sort(reverse=True)  # best first; ties: taxonomy order
    best = scored[0][0]
    themes = taxonomy()
    kept: list[tuple[str, tuple[str, ...]]] = []
    for score, minus in scored[:MAX_THEMES]:
        if score < best * KEEP_RATIO:
            break
        order = -minus
        strong, weak = in_text.get(order, _NONE)
        head, bracketed = in_heading.get(order, _NONE)
        words = tuple(dict.fromkeys(in_title.get(order, _NONE)[0] + strong + (weak if score > len(head) else []) + bracketed))
        kept.append((themes[order].id, words))
    return Classification(item_id, tuple(t for t, _ in kept), tuple(kept))


def _walk(sections: tuple[Section, ...], headings: tuple[str, ...]) -> list[tuple[Item, str]]:
    out: list[tuple[Item, str]] = []
    for s in sections:
        h = (*headings, s.title)
        out.extend((it, " ".join(h)) for it in s.items)
        out.extend(_walk(s.sections, h))
    return out


def classify_sections(sections: tuple[Section, ...]) -> list[Classification]:
    """Every item of a parsed or assembled document's sections, in document order."""
    return [classify_text(it.id, it.title, it.text, heading) for it, heading in _walk(sections, ())]


def classify_document(doc: Document) -> list[Classification]:
    return classify_sections(doc.sections)


ItemThemes = tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
"""Per item, in document order: (item id, theme ids, matched words as ``theme:word``) —
``Document.themes``."""


def item_themes(sections: tuple[Section, ...]) -> ItemThemes:
    """Every item's themes and the words that matched (``Document.themes``)."""
    return tuple((c.item_id, c.themes, tuple(f"{t}:{w}" for t, words in c.matched for w in words)) for c in classify_sections(sections))


def is_plan(doc: Document) -> bool:
    """Whether the document is a plan (its numbered items can be commitments; ``notice_kinds.tsv``)."""
    return is_plan_kind(doc.meta.kind)


def attach_themes(doc: Document) -> Document:
    """Stage 4 (assemble), themes: every item's themes and the words that matched. A notice that
    is not a plan has none: nothing in it is a commitment."""
    return replace(doc, themes=item_themes(doc.sections) if is_plan(doc) else ())
