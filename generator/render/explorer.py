"""Render, the commitments explorer (``/commitments/``): its page and its data, compact and split.

The browser filters every item of the corpus by theme, region, year, kind of plan, item kind
and has-target, and counts each facet's values, from one small file (``explorer_index``,
``data/explorer.json``, the same for both languages): a column per document (id, region,
period, kind of plan, number of items) and one code per item standing for its (themes, kind,
has-target) — no text. What a row of the results table shows (number, title, targets) is in a
file per document and language (``explorer_rows``, ``data/explorer/<doc-id>.json`` in each
language's tree),
fetched only for the documents on the page shown. The text filter uses the search index
(``site.search_index``): its records are the documents in id order, each a record of its own
followed by one per item, so an item's record is known from its place here.

Pure: texts in, texts out; the page's labels come from ``data/labels.yaml``.
"""

from __future__ import annotations

import html
import json
from typing import Any

from ..assemble.citations import display_numbers
from ..assemble.regions import Region, ancestors
from ..assemble.themes import taxonomy
from ..model import Document
from .env import translator
from .targets import summary
from .theme_pages import period, theme_order
from .voice import Voice

FORMAT = 1
ITEM_KINDS = ("commitment", "achievement", "context", "part")
"""An item's kind as a small number (its place here)."""
CODES = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
"""The digits of an item's code (base 64, a fixed number of digits per item)."""
PAGE_LABELS = (
    "explorer_title",
    "explorer_intro",
    "explorer_theme",
    "explorer_region",
    "explorer_region_all",
    "explorer_year",
    "explorer_plan_kind",
    "explorer_item_kind",
    "explorer_has_target",
    "explorer_text",
    "explorer_text_hint",
    "explorer_filters",
    "explorer_reset",
    "explorer_count",
    "explorer_none",
    "explorer_loading",
    "explorer_page",
    "explorer_prev",
    "explorer_next",
    "explorer_csv",
    "explorer_csv_busy",
    "explorer_col_plan",
    "explorer_col_number",
    "explorer_col_title",
    "explorer_col_themes",
    "explorer_col_targets",
    "explorer_noscript",
    "item_kind_commitment_name",
    "item_kind_achievement_name",
    "item_kind_context_name",
    "item_kind_part_name",
    "list_sep",
    "undated",
)
"""The labels the page's script shows, in the page's language (``labels.yaml``)."""


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _digits(n: int, width: int) -> str:
    out = ""
    for _ in range(width):
        n, r = divmod(n, 64)
        out = CODES[r] + out
    return out


def _period_order(slug: str) -> tuple[int, str]:
    """Latest first (a span by its first year), undated last."""
    return (-int(slug.split("-")[0]), slug) if slug[:1].isdigit() else (1, slug)


class _Regions:
    """The regions of the corpus as a tree in reading order (province → city → county): each
    node ``[key, zh, en, parent]``, ``key`` the slugs of its chain (``fujian.xiamen.huli``)."""

    def __init__(self, docs: list[Document]) -> None:
        self.chains: dict[str, list[Region]] = {}
        for d in docs:
            if d.meta.region and d.meta.region not in self.chains:
                self.chains[d.meta.region] = [*ancestors(d.meta.region), Region(d.meta.region, d.region_slug, d.region_en)]
        paths = {tuple(r.zh for r in chain[: k + 1]): chain[: k + 1] for chain in self.chains.values() for k in range(len(chain))}
        ordered = sorted(paths, key=lambda p: [(r.slug, r.zh) for r in paths[p]])
        self.index = {p: k for k, p in enumerate(ordered)}
        keys: set[str] = set()
        self.nodes: list[list[object]] = []
        for p in ordered:
            r = paths[p][-1]
            key = ".".join(x.slug for x in paths[p])
            while key in keys:  # two places of one name's slug under one parent
                key += "~"
            keys.add(key)
            self.nodes.append([key, r.zh, r.en, self.index[p[:-1]] if len(p) > 1 else -1])

    def of(self, doc: Document) -> int:
        chain = self.chains.get(doc.meta.region)
        return self.index[tuple(r.zh for r in chain)] if chain else -1


def explorer_index(docs: list[Document]) -> str:
    """``data/explorer.json``: what filtering and counting need, for every item (see the
    module's docstring). Documents in ``theme_order`` (latest first), items in document order."""
    ordered = theme_order(docs)
    themes = taxonomy()
    bit = {t.id: 1 << k for k, t in enumerate(themes)}
    regions = _Regions(ordered)
    periods = sorted({period(d) for d in ordered}, key=_period_order)
    kinds = sorted({d.meta.kind for d in ordered})
    zh, en = translator("zh"), translator("en")
    combos: dict[tuple[int, int, int], int] = {}
    per_item: list[int] = []
    for d in ordered:
        item_themes = {item_id: ids for item_id, ids, _ in d.themes}
        with_targets = {block for block, _ in d.targets}
        for it in d.items():
            mask = sum(bit.get(t, 0) for t in item_themes.get(it.id, ()))
            combo = (mask, ITEM_KINDS.index(it.kind) if it.kind in ITEM_KINDS else 0, int(it.id in with_targets))
            per_item.append(combos.setdefault(combo, len(combos)))
    width = max(1, -(-(max(len(combos), 2) - 1).bit_length() // 6))
    return (
        _compact(
            {
                "format": FORMAT,
                "themes": [[t.id, t.zh, t.en] for t in themes],
                "regions": regions.nodes,
                "periods": periods,
                "kinds": [[k, zh(f"kind_{k}"), en(f"kind_{k}")] for k in kinds],
                "item_kinds": list(ITEM_KINDS),
                "docs": {
                    "id": [d.id for d in ordered],
                    "region": [regions.of(d) for d in ordered],
                    "period": [periods.index(period(d)) for d in ordered],
                    "kind": [kinds.index(d.meta.kind) for d in ordered],
                    "items": [len(d.items()) for d in ordered],
                },
                "combos": [list(c) for c in combos],
                "width": width,
                "items": "".join(_digits(c, width) for c in per_item),
            }
        )
        + "\n"
    )


def explorer_index_inputs(docs: list[Document]) -> list[object]:
    """What the index is made from: every document's sources (the rest is the generator's data)."""
    return [[d.id, d.source_key()] for d in sorted(docs, key=lambda d: d.id)]


def explorer_rows(doc: Document, v: Voice) -> str:
    """``data/explorer/<doc-id>.json`` (``en/data/…`` in English): the plan's title and, per item in document order,
    ``[id, display number, title, [target summaries]]`` in the voice's language."""
    numbers = display_numbers(doc)
    which = 1 if v.lang == "en" else 0
    targets: dict[str, list[str]] = {}
    for block, t in doc.targets:
        targets.setdefault(block, []).append(summary(t, v))
    rows = [[it.id, numbers.get(it.id, ("", ""))[which], v.plain(f"{it.id}.title", it.title), targets.get(it.id, [])] for it in doc.items()]
    return _compact({"title": v.plain("meta.title", doc.meta.title), "items": rows}) + "\n"


def explorer_page(lang: str) -> str:
    """``commitments.md``: the explorer's page; its script (``overrides/javascripts/explorer.js``)
    builds the form and the table from the data, with the labels the page carries."""
    t = translator(lang)
    labels = html.escape(_compact({key: t(key) for key in PAGE_LABELS}), quote=True)
    return (
        "---\ntemplate: plansite-explorer.html\nhide:\n  - navigation\n  - toc\n---\n\n"
        f"# {html.escape(t('explorer_title'))}\n\n{html.escape(t('explorer_intro'))}\n\n"
        f'<div id="plansite-explorer" class="plansite-explorer" data-labels="{labels}">'
        f'<p class="plansite-explorer__noscript">{html.escape(t("explorer_noscript"))}</p></div>\n'
    )
