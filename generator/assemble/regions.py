"""Region names: Chinese name → (slug, English name), from ``data/regions.tsv``.

A region the table does not know still gets a stable ASCII slug (pypinyin of
the name without its administrative suffix) and an English name built from the
suffix (区 → District, 县 → County, 市 → City, 省 → Province).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import table as data_table
from ..datafiles import words

SUFFIX_EN = {"区": "District", "县": "County", "市": "City", "省": "Province", "自治区": "Autonomous Region", "旗": "Banner"}
_GENERIC = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:自治区|省|市|区|县|旗))")
_STOP = ("关于", "民政", "印发")


@dataclass(frozen=True)
class Region:
    zh: str
    slug: str
    en: str


@lru_cache(maxsize=1)
def table() -> tuple[tuple[str, Region], ...]:
    """(name or alias, region) pairs, longest name first."""
    pairs: list[tuple[str, Region]] = []
    for zh, slug, en, aliases in data_table("regions.tsv", ("zh", "slug", "en", "aliases")):
        region = Region(zh, slug, en)
        pairs.append((zh, region))
        pairs.extend((a, region) for a in aliases.split("|") if a and a != "-")
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


_KNOWN: dict[str, Region] = {}
"""Regions already transliterated (``remember``): pypinyin costs most of a second to load, and a
build that parses one new source usually names a region transliterated before."""
_SLUGS: dict[str, str] = {}
"""``slugify_zh`` answers so far (a name without region, such as an issuer, is slugified for
the document id on every build)."""


def remember(regions: Iterable[Region] = (), slugs: dict[str, str] | None = None) -> None:
    """Answer these regions' names and these names' slugs without transliterating them again (the
    same answers: both are pure functions of the name)."""
    _KNOWN.update((r.zh, r) for r in regions)
    _SLUGS.update(slugs or {})


def known() -> tuple[list[Region], dict[str, str]]:
    """Everything ``remember`` would take, to keep for the next build."""
    return sorted(_KNOWN.values(), key=lambda r: r.zh), dict(sorted(_SLUGS.items()))


def slugify_zh(name: str) -> str:
    if name in _SLUGS:
        return _SLUGS[name]
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name, errors=lambda s: [c for c in s if c.isascii() and c.isalnum()])
    slug = "-".join(s.lower() for s in syllables if s)
    _SLUGS[name] = slug = re.sub(r"[^a-z0-9-]+", "", slug).strip("-") or "region"
    return slug


def _guess(name: str) -> Region:
    if name in _KNOWN:
        return _KNOWN[name]
    for suffix, en in sorted(SUFFIX_EN.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(suffix) and len(name) > len(suffix):
            base = name[: -len(suffix)]
            slug = slugify_zh(base).replace("-", "")
            return Region(name, slug, f"{slug.capitalize()} {en}")
    slug = slugify_zh(name).replace("-", "")
    return Region(name, slug, slug.capitalize())


@lru_cache(maxsize=1)
def _false_names() -> frozenset[str]:
    return frozenset(words("region_false_names.txt"))


def _false_name(name: str) -> bool:
    """全省, 全市, 社区, 城市 …: words shaped like a place name that name no place."""
    return name.startswith("全") or name in _false_names()


def find_region(*texts: str) -> Region | None:
    """The most specific region named in the first text that names one.

    The table is tried first (松江区 before 上海市: longest names first, and a
    district wins over the city that contains it), then the generic pattern.
    """
    for text in texts:
        if not text:
            continue
        hits = [(text.find(name), region) for name, region in table() if name in text]
        if hits:
            # the most specific: a district (区/县) over a city or province
            hits.sort(key=lambda h: (h[1].zh[-1] not in "区县旗", -h[0]))
            return hits[0][1]
    for text in texts:
        # a name never spans a date: "2024年宝山区" names 宝山区
        names = [m.group(1).rsplit("年", 1)[-1] for m in _GENERIC.finditer(text or "") if not any(s in m.group(1) for s in _STOP)]
        names = [n for n in names if len(n) > 1 and not _false_name(n)]
        if names:
            return _guess(names[-1])
    return None


@lru_cache(maxsize=1)
def _tree() -> dict[str, tuple[str, Region]]:
    """zh name → (its parent's zh name or "", the region), from ``data/region_tree.tsv``."""
    return {
        zh: ("" if parent == "-" else parent, Region(zh, slug, en)) for zh, parent, slug, en in data_table("region_tree.tsv", ("zh", "parent", "slug", "en"))
    }


def ancestors(name: str) -> list[Region]:
    """The regions a region belongs to, outermost first (松江区 → [上海市]; 湖里区 → [福建省, 厦门市]);
    empty for a province-level region or one the tree does not know."""
    tree, out = _tree(), []
    parent = tree.get(name, ("", None))[0]
    while parent and parent in tree and len(out) < 4:
        out.append(tree[parent][1])
        parent = tree[parent][0]
    return out[::-1]
