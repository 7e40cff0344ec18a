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

from dataclasses import dataclass
from functools import lru_cache

from . import DATA_DIR, read_yaml
from .model import Document, Item, Section

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
    raw = read_yaml(DATA_DIR / "themes.yaml")
    return tuple(
        Theme(t["id"], t["zh"], t["en"], t["description_zh"], t["description_en"], tuple(t.get("strong") or ()), tuple(t.get("weak") or ()))
        for t in raw["themes"]
    )


def theme_by_id() -> dict[str, Theme]:
    return {t.id: t for t in taxonomy()}


@lru_cache(maxsize=1)
def _automaton():  # type: ignore[no-untyped-def]
    """Every vocabulary word of every theme in one Aho–Corasick automaton: a text is scanned
    once for all of them (overlapping words such as 养老 and 养老服务 are both found)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for theme in taxonomy():
        for word in (*theme.strong, *theme.weak):
            automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _found(text: str) -> set[str]:
    return {word for _, word in _automaton().iter(text)} if text else set()


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
    hits: dict[int, tuple[list[tuple[int, str]], list[tuple[int, str]]]] = {}
    for w in found:
        for order, kind, pos in index[w]:
            hits.setdefault(order, ([], []))[kind].append((pos, w))
    return {order: ([w for _, w in sorted(s)], [w for _, w in sorted(k)]) for order, (s, k) in hits.items()}


def _hits(text: str) -> dict[int, tuple[list[str], list[str]]]:
    return _hits_of(_found(text))


def _found_in(title: str, text: str) -> tuple[set[str], set[str]]:
    """(words in ``title``, words in ``text``): one scan when the title begins the text, as an
    item's first sentence does (a word ending inside the title is in it)."""
    if not text.startswith(title):
        return _found(title), _found(text)
    in_title: set[str] = set()
    in_text: set[str] = set()
    last = len(title) - 1
    for end, word in _automaton().iter(text) if text else ():
        in_text.add(word)
        if end <= last:
            in_title.add(word)
    return in_title, in_text


_heading_hits = lru_cache(maxsize=256)(_hits)
"""``_hits`` of a section heading: every item of the section is classified under it (callers only read the result)."""

_NONE: tuple[list[str], list[str]] = ([], [])


def classify_text(item_id: str, title: str, text: str, heading: str) -> Classification:
    scored: list[tuple[int, int, str, tuple[str, ...]]] = []
    found_title, found_text = _found_in(title, text)
    in_title, in_text, in_heading = _hits_of(found_title) if found_title else {}, _hits_of(found_text), _heading_hits(heading)
    themes = taxonomy()
    for order in sorted({*in_title, *in_text, *in_heading}):
        theme = themes[order]
        strong_title = in_title.get(order, _NONE)[0]
        strong, weak = in_text.get(order, _NONE)
        head = in_heading.get(order, _NONE)[0] + in_heading.get(order, _NONE)[1]
        score = 3 * len(strong_title) + 2 * len(strong) + (HEAD_WEIGHT if head else 0)
        if weak and (strong or len(weak) >= 2 or head):
            score += len(weak)
        if score:
            words = tuple(dict.fromkeys(strong_title + strong + (weak if score > len(head) else []) + [f"[{w}]" for w in head]))
            scored.append((score, -order, theme.id, words))
    scored.sort(reverse=True)
    if not scored:
        return Classification(item_id, (), ())
    best = scored[0][0]
    kept = [s for s in scored if s[0] >= best * KEEP_RATIO][:MAX_THEMES]
    return Classification(item_id, tuple(s[2] for s in kept), tuple((s[2], s[3]) for s in kept))


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
