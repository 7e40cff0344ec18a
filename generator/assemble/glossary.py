"""The civil-affairs glossary (``data/glossary.tsv``) and the consistency check.

Each Chinese term has one preferred English rendering and optional variants.
``terms_in`` finds the terms a Chinese segment uses (leftmost-longest, so
低保边缘 wins over 低保); ``missing_renderings`` lists the terms whose
preferred rendering or a variant does not occur in the English segment.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import table


@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    variants: tuple[str, ...]
    note: str = ""
    group: str = ""
    """The ``# --- 中文名 | English name ---`` heading the term is listed under."""

    def group_name(self, lang: str) -> str:
        """The group's heading in ``lang`` (``zh`` or ``en``)."""
        zh, _, en = self.group.partition(" | ")
        return (en or zh)[:1].upper() + (en or zh)[1:] if lang == "en" else zh

    def renderings(self) -> tuple[str, ...]:
        return (self.en, *self.variants)


@lru_cache(maxsize=1)
def glossary() -> tuple[Term, ...]:
    out = []
    for group, zh, en, variants, note, *_ in table("glossary.tsv", ("zh", "en", "variants", "note"), groups=True):
        out.append(Term(zh.strip(), en.strip(), tuple(v.strip() for v in variants.split("|") if v.strip()), note.strip(), group))
    return tuple(out)


@lru_cache(maxsize=1)
def _by_first_char() -> dict[str, list[Term]]:
    index: dict[str, list[Term]] = {}
    for term in glossary():
        index.setdefault(term.zh[0], []).append(term)
    for terms in index.values():
        terms.sort(key=lambda t: -len(t.zh))
    return index


def terms_in(zh: str) -> list[Term]:
    """Glossary terms in a Chinese text, leftmost-longest, without overlaps."""
    index = _by_first_char()
    found: list[Term] = []
    i = 0
    while i < len(zh):
        for term in index.get(zh[i], ()):
            if zh.startswith(term.zh, i):
                found.append(term)
                i += len(term.zh)
                break
        else:
            i += 1
    return found


def _norm(s: str) -> str:
    return s.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("-", " ")


def missing_renderings(zh: str, en: str) -> list[Term]:
    """Terms used in ``zh`` whose rendering does not appear in ``en``."""
    target = _norm(en)
    return [t for t in dict.fromkeys(terms_in(zh)) if not any(_norm(r) in target for r in t.renderings())]
