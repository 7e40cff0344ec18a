"""Theme and region pages, and the per-item links (theme chips, related commitments).

``item_links`` gives the document renderer, per item, the chips and related
links it shows; ``render_theme_pages`` and ``render_region_pages`` make the
index pages that cross-link documents by theme, region and year.
"""

from __future__ import annotations

from markupsafe import Markup

from ..model import Document, Item
from ..segments import item_parts
from ..themes import taxonomy
from .env import render
from .escape import escape_html
from .voice import Voice

EXCERPT = 60


def _years(doc: Document) -> str:
    m = doc.meta
    return f"{m.year}–{m.end_year}" if m.end_year and m.end_year != m.year else str(m.year or "")


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


def item_links(docs: list[Document], related: dict[tuple[str, str], list[tuple[str, str, float]]], v_for) -> dict[str, dict[str, dict[str, list[dict[str, object]]]]]:  # type: ignore[no-untyped-def]
    """doc id → item id → {"themes": chips, "related": links}, as seen from documents/<doc>/index.md."""
    by_id = {d.id: d for d in docs}
    items = {(d.id, it.id): it for d in docs for it in d.items()}
    names = {t.id: t for t in taxonomy()}
    out: dict[str, dict[str, dict[str, list[dict[str, object]]]]] = {}
    for d in docs:
        v = v_for(d.id)
        per: dict[str, dict[str, list[dict[str, object]]]] = {}
        for item_id, theme_ids, _words in d.themes:
            chips = [{"name": names[t].name(v.lang), "link": Markup(f"../../themes/{t}.md")} for t in theme_ids]
            rel = []
            for other_doc, other_item, _score in related.get((d.id, item_id), []):
                od, oi = by_id[other_doc], items[(other_doc, other_item)]
                ov = v_for(other_doc)
                rel.append({"text": f"{doc_label(od, ov)} {item_label(oi, ov)} {item_title(oi, ov)}", "link": Markup(f"../{other_doc}/index.md#{other_item}")})
            per[item_id] = {"themes": chips, "related": rel}
        out[d.id] = per
    return out


def item_list(doc: Document, items: list[Item], v: Voice) -> Markup:
    """A theme page's items of one document as a raw HTML list (a theme page of a large corpus
    lists thousands of items; MkDocs passes raw HTML through instead of parsing each link).
    The page ``themes/<id>.md`` is served at ``themes/<id>/``, hence ``../../``."""
    rows = []
    for it in items:
        text = escape_html(f"{item_label(it, v)} {item_title(it, v)}")
        ex = excerpt(it, v)
        rows.append(f'<li><a href="../../documents/{doc.id}/#{it.id}">{text}</a>' + (f" — {escape_html(ex)}" if ex else "") + "</li>")
    return Markup("<ul>\n" + "\n".join(rows) + "\n</ul>")


def render_theme_pages(docs: list[Document], v_for, lang: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    t = Voice(lang).t
    ordered = sorted(docs, key=lambda d: (-d.meta.year, d.region_slug, d.id))
    files: dict[str, str] = {}
    index_rows = []
    for theme in taxonomy():
        groups = []
        counts = []
        for d in ordered:
            v = v_for(d.id)
            ids = [item_id for item_id, theme_ids, _ in d.themes if theme.id in theme_ids]
            if not ids:
                continue
            wanted = set(ids)
            its = [it for it in d.items() if it.id in wanted]
            title = v.plain("meta.title", d.meta.title)
            groups.append({"heading": f"{doc_label(d, v)} · {title}", "anchor": d.id, "n": len(its), "list": item_list(d, its, v)})
            counts.append({"label": doc_label(d, v), "n": len(its), "link": Markup(f"{theme.id}.md#{d.id}")})
        files[f"themes/{theme.id}.md"] = render(
            "theme.md.j2", t=t, theme_name=theme.name(lang), description=theme.description(lang), groups=groups, total=sum(g["n"] for g in groups)
        )
        index_rows.append({"name": theme.name(lang), "link": Markup(f"{theme.id}.md"), "description": theme.description(lang), "total": sum(c["n"] for c in counts), "counts": counts})
    files["themes/index.md"] = render("themes_index.md.j2", t=t, themes=index_rows)
    return files


def render_region_pages(docs: list[Document], v_for, lang: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    t = Voice(lang).t
    regions: dict[str, list[Document]] = {}
    for d in docs:
        regions.setdefault(d.region_slug, []).append(d)
    files: dict[str, str] = {}
    rows = []
    for slug in sorted(regions):
        ds = sorted(regions[slug], key=lambda d: (-d.meta.year, d.id))
        name = ds[0].region_en if lang == "en" else ds[0].meta.region
        years: dict[int, list[dict[str, object]]] = {}
        for d in ds:
            v = v_for(d.id)
            years.setdefault(d.meta.year, []).append(
                {"title": v.plain("meta.title", d.meta.title), "link": Markup(f"../documents/{d.id}/index.md"), "kind": t(f"kind_{d.meta.kind}"), "n_items": len(d.items())}
            )
        files[f"regions/{slug}.md"] = render("region.md.j2", t=t, name=name, years=[{"year": y, "docs": years[y]} for y in sorted(years, reverse=True)])
        rows.append({"name": name, "link": Markup(f"{slug}.md"), "n": len(ds)})
    files["regions/index.md"] = render("regions_index.md.j2", t=t, regions=rows)
    return files
