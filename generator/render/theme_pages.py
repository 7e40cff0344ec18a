"""Theme and region pages, and the per-item links (theme chips, related commitments).

``ItemLinks`` gives the document renderer, per item, the chips and related
links it shows (as HTML); ``render_theme_page``, ``render_theme_index`` and ``render_region_pages`` make the
index pages that cross-link documents by theme, region and year.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..assemble.citations import display_numbers
from ..assemble.themes import taxonomy
from ..model import Document, Item
from ..translate.segments import item_parts
from .env import render, templated
from .escape import escape_html, escape_md
from .html_fragments import Encoded, Fragments, encode
from .outputs import Output
from .targets import table_html, target_row
from .voice import Voice

EXCERPT = 60
INDEX_COUNTS = 12
"""The theme index shows the item count of at most this many documents per theme (the theme
page itself lists them all): the index must not grow with the corpus."""


def _years(doc: Document) -> str:
    m = doc.meta
    return f"{m.year}–{m.end_year}" if m.end_year and m.end_year != m.year else str(m.year or "")


def period(doc: Document) -> str:
    """The page of a theme a document is listed on: its years (``2023``, ``2021-2025``, or
    ``undated``). A theme page per period keeps pages readable and bounded by a year's plans, and a
    changed document makes again only its period's pages."""
    return _years(doc).replace("–", "-") or "undated"


def period_label(slug: str, lang: str) -> str:
    return Voice(lang).t("undated") if slug == "undated" else slug.replace("-", "–")


def doc_label(doc: Document, v: Voice) -> str:
    region = doc.region_en if v.lang == "en" else doc.meta.region
    return f"{region} {_years(doc)}"


def item_label(item: Item, v: Voice) -> str:
    return v.label(item.label, item.number)


def item_title(item: Item, v: Voice) -> str:
    text = v.plain(f"{item.id}.title", item.title)
    return text.rstrip("。.")


def excerpt(item: Item, v: Voice) -> str:
    """The start of the item after its title, in the page's language (Chinese while pending)."""
    body = " ".join(v.plain(f"{item.id}.{name}", text) for name, text in item_parts(item)).replace("\n", " ").strip()
    limit = EXCERPT if v.lang == "zh" else EXCERPT * 2
    return body[:limit] + ("…" if len(body) > limit else "")


class ItemLinks:
    """Per item of a document, its theme chips and related commitments, as one raw HTML block for
    ``documents/<doc>/index.md`` (served at ``documents/<doc>/``). A document has hundreds of these
    links: as Markdown, MkDocs would parse each one (the largest cost of building the site).
    Made for one document at a time (``of``), when its page is rendered: a link target's text is
    made once per process, however often it is cited, and only the documents cited are looked into."""

    def __init__(
        self,
        docs: list[Document],
        related: dict[tuple[str, str], list[tuple[str, str, float]]],
        v_for,
        lang: str,
        anchors: dict[str, str] | None = None,
        items: dict[str, dict[str, Item]] | None = None,
    ) -> None:  # type: ignore[no-untyped-def]
        self.by_id = {d.id: d for d in docs}
        self.anchors = anchors if anchors is not None else {}
        """doc id → its items as JSON ``[[id, label, number, title], …]``, when known (else read from the document)"""
        self.related, self.v_for, self.lang = related, v_for, lang
        self.names = {t.id: t for t in taxonomy()}
        t = Voice(lang).t
        self.related_label, self.sep = escape_html(t("related")), escape_html(t("list_sep"))
        self.chips_memo: dict[tuple[str, ...], str] = {}
        self.anchor_memo: dict[tuple[str, str], str] = {}
        self.items_memo: dict[str, dict[str, Item]] = items if items is not None else {}
        """doc id → item id → item, for the documents cited so far (may be shared by both languages)"""

    def chips(self, theme_ids: tuple[str, ...]) -> str:
        if theme_ids not in self.chips_memo:
            links = " ".join(f'<a class="plansite-chip" href="../../themes/{tid}/">{escape_html(self.names[tid].name(self.lang))}</a>' for tid in theme_ids)
            self.chips_memo[theme_ids] = f'<p><span class="plansite-chips">{links}</span></p>'
        return self.chips_memo[theme_ids]

    def anchor(self, doc_id: str, item_id: str) -> str:
        key = (doc_id, item_id)
        if key not in self.anchor_memo:
            od, ov = self.by_id[doc_id], self.v_for(doc_id)
            if doc_id not in self.items_memo:
                blob = self.anchors.get(doc_id)
                if blob is not None:
                    self.items_memo[doc_id] = {i: Item(i, number, label, (), title, "") for i, label, number, title in json.loads(blob)}
                else:
                    self.items_memo[doc_id] = {it.id: it for it in od.items()}
            oi = self.items_memo[doc_id][item_id]
            text = escape_html(f"{doc_label(od, ov)} {item_label(oi, ov)} {item_title(oi, ov)}")
            self.anchor_memo[key] = f'<a href="../{doc_id}/#{item_id}">{text}</a>'
        return self.anchor_memo[key]

    def of(self, doc: Document) -> dict[str, Markup]:
        """item id → the item's chips and related links (items with neither are left out)."""
        per: dict[str, Markup] = {}
        for item_id, theme_ids, _words in doc.themes:
            lines = [self.chips(tuple(theme_ids))] if theme_ids else []
            rel = self.related.get((doc.id, item_id), [])
            if rel:
                lines.append(f'<p class="plansite-related">{self.related_label}{self.sep.join(self.anchor(od, oi) for od, oi, _ in rel)}</p>')
            if lines:
                per[item_id] = Markup("\n".join(lines))
        return per


def item_list(doc: Document, items: list[Item], v: Voice, memo: dict[tuple[str, str], str]) -> Markup:
    """A theme page's items of one document as a raw HTML list (a theme page of a large corpus
    lists thousands of items; MkDocs passes raw HTML through instead of parsing each link).
    The page ``themes/<id>/<period>.md`` is served at ``themes/<id>/<period>/``, hence
    ``../../../``. An item in several themes is written once (``memo``)."""
    rows = []
    for it in items:
        key = (doc.id, it.id)
        if key not in memo:
            text = escape_html(f"{item_label(it, v)} {item_title(it, v)}")
            ex = excerpt(it, v)
            kind = f' <span class="plansite-item-kind">{escape_html(v.t(f"item_kind_{it.kind}_short"))}</span>' if it.kind != "commitment" else ""
            li = f'<li class="plan-{it.kind}">' if it.kind != "commitment" else "<li>"
            memo[key] = f'{li}<a href="../../../documents/{doc.id}/#{it.id}">{text}</a>{kind}' + (f" — {escape_html(ex)}" if ex else "") + "</li>"
        rows.append(memo[key])
    return Markup("<ul>\n" + "\n".join(rows) + "\n</ul>")


def theme_blocks(doc: Document, v: Voice) -> str:
    """A document's part of every theme page it appears on, as text (``read_blocks``): a first
    line of JSON, theme id → [number of items, length of its list, length of its target rows],
    then each theme's items as an HTML list encoded as a JSON string (``fragments.encode``)
    followed by the HTML rows of its commitments' targets (``targets.target_row``), one theme after
    another. Made with the document's other pages (in a worker, cached with them); a theme page
    puts the encoded lists into its fragment list as they are, and the rows into one table."""
    items = {it.id: it for it in doc.items()}
    per: dict[str, list[Item]] = {}
    for item_id, theme_ids, _ in doc.themes:
        for tid in theme_ids:
            per.setdefault(tid, []).append(items[item_id])
    memo: dict[tuple[str, str], str] = {}
    numbers = display_numbers(doc) if doc.targets else {}
    plan = doc_label(doc, v)
    # commitments are counted and listed first; past results and framing after them, labelled
    lists = {
        tid: (_commitments(its), encode(item_list(doc, sorted(its, key=lambda it: it.kind != "commitment"), v, memo)), _target_rows(doc, its, numbers, plan, v))
        for tid, its in per.items()
    }
    head = json.dumps({tid: [n, len(enc), len(rows)] for tid, (n, enc, rows) in lists.items()}, ensure_ascii=False)
    return head + "\n" + "".join(enc + rows for _, enc, rows in lists.values())


def _target_rows(doc: Document, items: list[Item], numbers: dict[str, tuple[str, str]], plan: str, v: Voice) -> str:
    """The rows of the theme's targets table for the document's commitments on it."""
    ids = {it.id for it in items if it.kind == "commitment"}
    rows = []
    for block, t in doc.targets:
        if block in ids:
            number = numbers.get(block, ("", ""))[1 if v.lang == "en" else 0]
            rows.append(target_row(t, f"{plan} {number}".strip(), f"../../../documents/{doc.id}/#{block}", v))
    return "\n".join(rows)


def read_blocks(text: str) -> dict[str, tuple[int, Encoded, str]]:
    """``theme_blocks``' text read back: theme id → (number of items, the encoded list, target rows)."""
    head, _, body = text.partition("\n")
    out: dict[str, tuple[int, Encoded, str]] = {}
    pos = 0
    for tid, (n, length, rows) in json.loads(head).items():
        out[tid] = (n, Encoded(body[pos : pos + length]), body[pos + length : pos + length + rows])
        pos += length + rows
    return out


def _commitments(items: list[Item]) -> int:
    return sum(1 for it in items if it.kind == "commitment")


def theme_counts(doc: Document) -> dict[str, int]:
    """theme id → how many of the document's commitments are on it (the ``n`` of its ``theme_blocks``)."""
    kinds = {it.id: it.kind for it in doc.items()}
    counts: dict[str, int] = {}
    for item_id, theme_ids, _ in doc.themes:
        for tid in theme_ids:
            counts[tid] = counts.get(tid, 0) + (kinds[item_id] == "commitment")
    return counts


def theme_order(docs: list[Document]) -> list[Document]:
    """The order of documents on theme pages: latest year first, then region, then id."""
    return sorted(docs, key=lambda d: (-d.meta.year, d.region_slug, d.id))


def render_theme_page(
    theme, ordered: list[Document], v_for, lang: str, blocks: dict[str, dict[str, tuple[int, Encoded]]], slug: str = "", periods: tuple[str, ...] = ()
) -> str:  # type: ignore[no-untyped-def]
    """The page of one theme and period (``themes/<theme>/<slug>.md``) from the ``read_blocks`` of
    the documents on it (doc id → blocks; ``ordered``: ``theme_order``); ``periods``: every period
    of the theme, for the links between them. A period of a large corpus lists hundreds of documents."""
    t = Voice(lang).t
    groups = []
    target_rows: list[str] = []
    for d in ordered:
        block = blocks[d.id].get(theme.id) if d.id in blocks else None
        if block is None:
            continue
        v = v_for(d.id)
        n, html_list, rows = block
        title = v.plain("meta.title", d.meta.title)
        groups.append((f"{doc_label(d, v)} · {title}", d.id, n, html_list))
        if rows:
            target_rows.append(rows)
    fragments = Fragments()
    targets = fragments.add(table_html(target_rows, Voice(lang), with_plan=True))
    # a section per document, its items as a fragment (Python, not a template loop)
    body = "".join(f"## {escape_md(heading)} {{#{anchor}}}\n\n{fragments.add(html_list)}\n\n" for heading, anchor, _, html_list in groups)
    links = [{"label": period_label(p, lang), "link": Markup(f"{p}.md"), "current": p == slug} for p in periods]
    return render(
        "theme.md.j2",
        fragments,
        t=t,
        theme_id=theme.id,
        theme_name=theme.name(lang),
        period=period_label(slug, lang),
        periods=links,
        description=theme.description(lang),
        groups=Markup(body),
        targets=targets,
        n_groups=len(groups),
        total=sum(g[2] for g in groups),
    )


def theme_periods(ordered: list[Document], counts: dict[str, dict[str, int]], theme_id: str) -> dict[str, list[Document]]:
    """period → the documents of that period on the theme's pages, in ``theme_order``; latest
    period first (``2022`` before ``2021-2025`` before ``2021``), undated last."""
    out: dict[str, list[Document]] = {}
    for d in ordered:
        if theme_id in counts[d.id]:
            out.setdefault(period(d), []).append(d)
    return dict(sorted(out.items(), key=lambda kv: _period_order(kv[0])))


def _period_order(slug: str) -> tuple[int, int]:
    if slug == "undated":
        return (1, 0)
    years = [int(y) for y in slug.split("-")]
    return (0, -(years[0] * 10000 + years[-1]))


def render_theme_landing(theme, by_period: dict[str, list[Document]], counts: dict[str, dict[str, int]], lang: str) -> Output:  # type: ignore[no-untyped-def]
    """``themes/<theme>.md``: the theme, its description and its periods with their numbers of
    documents and items (each period a page, ``render_theme_page``)."""
    rows = [
        {"label": period_label(p, lang), "link": Markup(f"{theme.id}/{p}.md"), "n_docs": len(ds), "n_items": sum(counts[d.id][theme.id] for d in ds)}
        for p, ds in by_period.items()
    ]
    return templated(
        "index",
        lang,
        "theme_landing.md.j2",
        t=Voice(lang).t,
        theme_name=theme.name(lang),
        description=theme.description(lang),
        periods=rows,
        n_docs=sum(r["n_docs"] for r in rows),
        total=sum(r["n_items"] for r in rows),
    )


def render_theme_index(ordered: list[Document], v_for, lang: str, by_doc: dict[str, dict[str, int]] | None = None) -> str:  # type: ignore[no-untyped-def]
    """``themes/index.md``: every theme with its item count and its first documents (from the
    documents' themes: no theme page is read). ``by_doc``: their ``theme_counts``, if made already."""
    t = Voice(lang).t
    counts = [(d, by_doc[d.id] if by_doc is not None else theme_counts(d)) for d in ordered]
    rows = []
    for theme in taxonomy():
        on = [(d, c[theme.id]) for d, c in counts if theme.id in c]
        rows.append(
            {
                "name": theme.name(lang),
                "link": Markup(f"{theme.id}.md"),
                "description": theme.description(lang),
                "total": sum(n for _, n in on),
                "n_docs": len(on),
                "counts": [{"label": doc_label(d, v_for(d.id)), "n": n, "link": Markup(f"{theme.id}/{period(d)}.md#{d.id}")} for d, n in on[:INDEX_COUNTS]],
            }
        )
    return render("themes_index.md.j2", t=t, themes=rows)


def region_page(slug: str) -> str:
    """The page a region is on: one page per initial of its pinyin slug (``regions/s/#songjiang``).
    A page per region would add a page of site chrome per region (thousands in a national
    corpus) for a list of a few documents."""
    return slug[0] if slug[:1].isascii() and slug[:1].isalpha() else "other"


def render_region_pages(docs: list[Document], v_for, lang: str) -> dict[str, Output]:  # type: ignore[no-untyped-def]
    """The regions index and a page per initial (``region_page``), each declared by what it lists."""
    t = Voice(lang).t
    regions: dict[str, list[Document]] = {}
    for d in docs:
        regions.setdefault(d.region_slug, []).append(d)
    files: dict[str, Output] = {}
    rows = []
    pages: dict[str, list[dict[str, object]]] = {}
    for slug in sorted(regions):
        ds = sorted(regions[slug], key=lambda d: (-d.meta.year, d.id))
        name = ds[0].region_en if lang == "en" else ds[0].meta.region
        years: dict[int, list[dict[str, object]]] = {}
        for d in ds:
            v = v_for(d.id)
            years.setdefault(d.meta.year, []).append(
                {
                    "title": v.plain("meta.title", d.meta.title),
                    "link": Markup(f"../documents/{d.id}/index.md"),
                    "kind": t(f"kind_{d.meta.kind}"),
                    "n_items": len(d.items()),
                }
            )
        page = region_page(slug)
        pages.setdefault(page, []).append({"name": name, "slug": slug, "years": [{"year": y, "docs": years[y]} for y in sorted(years, reverse=True)]})
        rows.append({"name": name, "link": Markup(f"{page}.md#{slug}"), "n": len(ds)})
    for page, entries in pages.items():
        files[f"regions/{page}.md"] = templated("index", lang, "region.md.j2", t=t, letter=page.upper(), regions=entries)
    files["regions/index.md"] = templated("index", lang, "regions_index.md.j2", t=t, regions=rows)
    return files
