"""Render, the regions index: every region with documents, grouped province → city → county
(``data/region_levels.tsv``), each linked to its section of the region pages.

The region pages themselves are ``theme_pages.render_region_pages``; this page replaces the flat
list it declares, so that 江苏省 is not listed beside 松江区 for sharing an initial.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from ..datafiles import table
from ..model import Document
from .env import templated
from .outputs import Output
from .theme_pages import region_page
from .voice import Voice

LEVELS = ("province", "city", "county")


@lru_cache(maxsize=1)
def region_levels() -> dict[str, tuple[str, str, str]]:
    """zh name → (level, parent zh name or "", English name)."""
    return {zh: (level, "" if parent == "-" else parent, en) for zh, level, parent, en in table("region_levels.tsv", ("zh", "level", "parent", "en"))}


def _chain(zh: str) -> list[str]:
    """The region's ancestors, outermost first, and the region itself."""
    levels, chain = region_levels(), [zh]
    while chain[0] in levels and levels[chain[0]][1] and len(chain) < len(LEVELS) + 1:
        chain.insert(0, levels[chain[0]][1])
    return chain


def render_regions_index(docs: list[Document], lang: str) -> Output:
    """``regions/index.md``: a nested list, a region with documents linked with their count, a
    province or city without documents of its own shown to hold the regions under it."""
    t = Voice(lang).t
    mine: dict[str, tuple[str, str, int]] = {}  # zh → (slug, name in lang, documents)
    for d in docs:
        slug, name, n = mine.get(d.meta.region, (d.region_slug, d.region_en if lang == "en" else d.meta.region, 0))
        mine[d.meta.region] = (slug, name, n + 1)
    tree: dict[str, dict] = {}
    for zh in mine:
        node = tree
        for part in _chain(zh):
            node = node.setdefault(part, {})
    rows: list[dict[str, object]] = []

    def walk(node: dict[str, dict], depth: int) -> None:
        def key(zh: str) -> str:
            return mine[zh][0] if zh in mine else region_levels().get(zh, ("", "", zh))[2].lower()

        for zh in sorted(node, key=key):
            if zh in mine:
                slug, name, n = mine[zh]
                rows.append({"depth": depth, "name": name, "link": Markup(f"{region_page(slug)}.md#{slug}"), "n": n})
            else:
                rows.append({"depth": depth, "name": region_levels()[zh][2] if lang == "en" else zh, "link": None, "n": 0})
            walk(node[zh], depth + 1)

    walk(tree, 0)
    return templated("index", lang, "regions_tree.md.j2", t=t, regions=rows)
