"""Render one document page: ``Document -> markdown`` in one language.

Builds the template context (metadata rows, outline, flattened blocks of
sections and items) through a ``Voice``; all source text is escaped there or by
the environment's ``finalize``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..assemble.citations import citation, display_numbers
from ..assemble.themes import is_plan
from ..model import Document, Item, Section, Target
from ..translate.segments import item_parts, section_id
from .env import render
from .escape import escape_html, escape_md
from .html_fragments import Fragments
from .targets import target_anchor, targets_note, targets_table
from .voice import Voice

SEGMENT_META = ("notice_title", "issuer", "recipients", "cc")
"""Metadata values that are translated segments; the rest are numbers, ids and dates."""


@dataclass
class Block:
    kind: str
    level: int
    anchor: str
    label: str = ""
    title: Markup = Markup("")
    lead: Markup = Markup("")
    points: list[Markup] = field(default_factory=list)
    paragraphs: list[Markup] = field(default_factory=list)
    out_of_order: bool = False
    attrs: str = ""
    """Extra attributes of the heading (``Voice.heading``)."""
    plain_title: str = ""
    links: Markup = Markup("")
    """Theme chips and related commitments, as HTML (``themes.ItemLinks``)."""
    body: Markup = Markup("")
    """Everything under the heading, as HTML (``body_html``)."""
    tables: list[tuple[int, Markup]] = field(default_factory=list)
    """(paragraphs before it, the table as HTML)."""
    title_html: Markup = Markup("")
    """A notice part's title as HTML (it is a paragraph, not a heading)."""
    cite: str = ""
    """How to cite the item (``assemble.citations``), without its permalink (the page adds it)."""
    cite_label: str = ""
    kind_note: Markup = Markup("")
    """What an item that is not a commitment is (a past result, framing)."""
    targets_note: Markup = Markup("")
    """The item's targets in words, on the English page (the Chinese page marks them in the text)."""


def item_block(item: Item, level: int, v: Voice) -> Block:
    title, attrs = v.heading(f"{item.id}.title", item.title)
    if item.kind in ("achievement", "context"):  # a past result or framing: labelled and set apart
        attrs = f" .plan-{item.kind}{attrs}"
    block = Block("part" if item.kind == "part" else "item", level, item.id, label=v.label(item.label, item.number), title=title, attrs=attrs)
    if item.kind == "part":
        block.title_html = v.seg(f"{item.id}.title", item.title, html=True)
    if item.kind in ("achievement", "context"):
        block.kind_note = Markup(f'<p class="plansite-item-kind">{escape_html(v.t(f"item_kind_{item.kind}"))}</p>')
    for name, text in item_parts(item):
        ctx = f"{item.id}.{name}"
        if name == "lead":
            block.lead = v.seg(ctx, text, html=True)
        elif name.startswith("point-"):
            block.points.append(v.seg(ctx, text, html=True))
        else:
            block.paragraphs.extend(v.paragraphs(ctx, text, html=True))
    return block


def body_html(block: Block) -> Markup:
    """An item's or section's text and links as HTML (a page fragment, ``render.fragments``)."""
    if block.kind == "part":  # a numbered part of a notice that is not a plan: a paragraph, not a heading
        rest = [block.lead, *block.points, *block.paragraphs]
        return Markup(
            f'<p class="plan-part" id="{block.anchor}"><span class="plan-part-label">{escape_html(block.label)}</span> {block.title_html}</p>'
            + "".join(f"<p>{p}</p>" for p in rest if p)
        )
    out = [str(block.kind_note)] if block.kind_note else []
    if block.lead:
        out.append(f"<p>{block.lead}</p>")
    if block.points:  # each point has its own anchor: #item-7-2
        out.append("<ul>\n" + "\n".join(f'<li id="{block.anchor}-{k}">{p}</li>' for k, p in enumerate(block.points, 1)) + "\n</ul>")
    tables = sorted(block.tables, key=lambda t: t[0])
    for k in range(len(block.paragraphs) + 1):
        out.extend(str(html) for after, html in tables if after == k)
        if k < len(block.paragraphs):
            out.append(f"<p>{block.paragraphs[k]}</p>")
    if block.targets_note:
        out.append(str(block.targets_note))
    if block.links:
        out.append(str(block.links))
    if block.cite:
        out.append(
            f'<p class="plansite-cite-row"><button type="button" class="plansite-cite" data-cite="{escape_html(block.cite)}" '
            f'data-anchor="{block.anchor}">{escape_html(block.cite_label)}</button></p>'
        )
    return Markup("\n".join(out))


def outline_html(entries: list[dict[str, object]]) -> Markup:
    """The table of contents of the plan (nested by level) as a raw HTML list."""
    out: list[str] = []
    depth = 0
    for e in entries:
        level = int(e["level"])  # type: ignore[call-overload]
        if level > depth:
            out.extend("<ul>" for _ in range(level - depth))
        else:
            out.append("</li>")
            for _ in range(depth - level):
                out.append("</ul></li>")
        depth = level
        out.append(f'<li><a href="#{e["anchor"]}">{escape_html(str(e["text"]))}</a>')
    if depth:
        out.append("</li>")
        out.extend("</ul>" if k == depth - 1 else "</ul></li>" for k in range(depth))
    return Markup("\n".join(out))


def table_html(sid: str, s: Section, v: Voice) -> list[tuple[int, Markup]]:
    """A section's tables as HTML, the first row as the header; cells are shown in the page's
    language, and a table with a cell not yet translated says so in its caption."""
    out = []
    for k, t in enumerate(s.tables, 1):
        cells = [[(f"{sid}.table-{k}.r{r}c{c}", cell) for c, cell in enumerate(row, 1)] for r, row in enumerate(t.rows, 1)]
        pending = v.lang == "en" and any(ctx not in v.tr and any("\u4e00" <= ch <= "\u9fff" for ch in cell) for row in cells for ctx, cell in row)
        head, *rows = cells
        html = ['<div class="plansite-table"><table>']
        if pending:
            html.append(f'<caption><span class="plansite-pending" lang="en">{escape_html(v.t("pending"))}</span></caption>')
        html.append("<thead><tr>" + "".join(f'<th scope="col">{escape_html(v.plain(ctx, cell))}</th>' for ctx, cell in head) + "</tr></thead>")
        html.append(
            "<tbody>" + "".join("<tr>" + "".join(f"<td>{escape_html(v.plain(ctx, cell))}</td>" for ctx, cell in row) + "</tr>" for row in rows) + "</tbody>"
        )
        html.append("</table></div>")
        out.append((t.after, Markup("".join(html))))
    return out


def flatten(sections: tuple[Section, ...], v: Voice, path: tuple[int, ...] = (), level: int = 1, in_fragment: bool = False) -> list[Block]:
    blocks: list[Block] = []
    for n, s in enumerate(sections, 1):
        p = (*path, s.number or n)
        sid = section_id(p, s.kind)
        if not (s.title or s.label or s.out_of_order) and (s.paragraphs or s.tables):  # text without a heading
            paragraphs = [v.seg(f"{sid}.p{k}", para, html=True) for k, para in enumerate(s.paragraphs, 1)]
            blocks.append(Block("text", level, sid, paragraphs=paragraphs, tables=table_html(sid, s, v)))
        if s.title or s.label or (s.out_of_order and not in_fragment):
            paragraphs = [v.seg(f"{sid}.p{k}", para, html=True) for k, para in enumerate(s.paragraphs, 1)]
            # a part that could not be placed has no heading of its own: it is titled for what it is
            title, attrs = v.heading(f"{sid}.title", s.title, stop=False) if s.title else (Markup(escape_md(v.t("out_of_order"))), "")
            plain = v.plain(f"{sid}.title", s.title) if s.title else v.t("out_of_order")
            blocks.append(
                Block(
                    "section",
                    level,
                    sid,
                    label=v.label(s.label, s.number),
                    title=title,
                    attrs=attrs,
                    plain_title=plain,
                    paragraphs=paragraphs,
                    out_of_order=s.out_of_order,
                    tables=table_html(sid, s, v),
                )
            )
            inner = level + 1
        else:
            inner = level
        blocks.extend(item_block(it, inner, v) for it in s.items)
        blocks.extend(flatten(s.sections, v, p, inner, in_fragment or (s.out_of_order and not s.title)))
    return blocks


def target_rows(doc: Document, blocks: list[Block], numbers: dict[str, tuple[str, str]], v: Voice) -> list[tuple[Target, str, str]]:
    """The document's targets as rows of its targets table: (target, where it was read, link)."""
    sections = {b.anchor: f"{b.label}{' ' if v.lang == 'en' and b.label else ''}{b.plain_title}" for b in blocks if b.kind == "section"}
    rows = []
    for block_id, target in doc.targets:
        anchor = target_anchor(block_id)
        if anchor in numbers:
            where = numbers[anchor][1 if v.lang == "en" else 0]
        elif anchor == "plan":
            where = v.t("target_intro")
        else:
            where = sections.get(anchor, "") or v.t("target_intro")
        rows.append((target, where, f"#{anchor}"))
    return rows


def meta_rows(doc: Document, v: Voice) -> list[tuple[str, Markup | str]]:
    m = doc.meta
    t = v.t
    rows: list[tuple[str, Markup | str]] = [
        (t("title"), v.seg("meta.title", m.title)),
        (t("region"), doc.region_en if v.lang == "en" else m.region),
        (t("kind"), t(f"kind_{m.kind}")),
    ]
    for name in ("notice_title", "doc_number", "issuer", "recipients", "date", "printed_date", "index_number", "cc"):
        value = getattr(m, name)
        if not value:
            continue
        if name in SEGMENT_META:
            rows.append((t(name), v.seg(f"meta.{name}", value)))
        elif name.endswith("date"):
            rows.append((t(name), v.date(value)))
        else:
            rows.append((t(name), value))
    return rows


def notices(doc: Document, v: Voice) -> list[dict[str, object]]:
    t = v.t
    out: list[dict[str, object]] = []
    primary = doc.primary.clean
    if primary.altered:
        restored = sum(1 for c in primary.changes if c.rule.startswith("restore-") and c.rule != "restore-uncertain")
        text = t("altered_notice") + t("altered_summary").format(restored=restored, uncertain=len(primary.uncertain))
        out.append({"kind": "warning", "title": t("cleaning_log"), "text": text, "link": Markup("cleaning-log.md")})
    if primary.damaged and not doc.repairs:
        out.append({"kind": "warning", "title": t("cleaning_log"), "text": t("damaged_notice"), "link": Markup("cleaning-log.md")})
    for problem in doc.problems:
        if problem.message.startswith("conflicting copies"):
            out.append({"kind": "danger", "title": t("conflict_title"), "text": problem.message, "link": ""})
    if not doc.items():
        out.append({"kind": "info", "title": t("document"), "text": t("plain_notice"), "link": ""})
    elif not is_plan(doc):
        out.append({"kind": "info", "title": t(f"kind_{doc.meta.kind}"), "text": t("not_a_plan"), "link": ""})
    return out


def blocks_markdown(blocks: list[Block], v: Voice, frag: Fragments) -> Markup:
    """The plan's sections and items: each a Markdown heading (so the TOC and anchors are
    MkDocs') and its body as a fragment. Written here rather than as a template loop: a page
    has hundreds of blocks and this is the hottest part of rendering."""
    out: list[str] = []
    sep = " " if v.lang == "en" else ""
    for b in blocks:
        hashes = "#" * (b.level + 1)
        if b.kind in ("text", "part"):
            pass  # text before any heading, a part of a notice: its body alone
        elif b.kind == "section":
            out.append(f"{hashes} {escape_md(b.label)}{sep}{b.title} {{#{b.anchor}{b.attrs}}}\n\n")
            if b.out_of_order:
                out.append(f'!!! warning "{escape_md(v.t("out_of_order"))}"\n\n    {escape_md(v.t("out_of_order_note"))}\n\n')
        else:
            out.append(f"{hashes} {escape_md(b.label)} {b.title} {{#{b.anchor} .plan-item{b.attrs}}}\n\n")
        if b.body:
            out.append(f"{frag.add(b.body)}\n\n")
    return Markup("".join(out))


def render_document(
    doc: Document, lang: str = "zh", tr: dict[str, str] | None = None, coverage: tuple[int, int] | None = None, extra: dict[str, Markup] | None = None
) -> str:
    """The document page. ``extra`` maps item id → its theme chips and related links (HTML, ``themes.ItemLinks``)."""
    marks: dict[str, list[Target]] = {}
    for block_id, target in doc.targets:
        marks.setdefault(block_id, []).append(target)
    v = Voice(lang, tr or {}, marks)
    blocks = flatten(doc.sections, v)
    for b in blocks:
        if b.kind == "item" and extra and b.anchor in extra:
            b.links = extra[b.anchor]
    numbers = display_numbers(doc)
    for b in blocks:
        if b.kind == "item" and b.anchor in numbers:
            number = numbers[b.anchor]
            b.cite = citation(doc, number, "", v.tr.get("meta.title", "") if lang == "en" else "")["en" if lang == "en" else "zh"]
            b.cite_label = v.t("cite")
        if b.kind == "item" and lang == "en" and b.anchor in marks:
            b.targets_note = targets_note(marks[b.anchor], v)
        b.body = body_html(b)
    outline = [b for b in blocks if b.kind == "section" and b.title]
    title = v.seg("meta.title", doc.meta.title)
    if lang == "en" and "meta.title" not in v.tr:
        # An English page always has an English title; the Chinese one stays in the table.
        m = doc.meta
        years = f"{m.year}–{m.end_year}" if m.end_year and m.end_year != m.year else str(m.year or "")
        title = Markup(escape_md(f"{doc.region_en}: {v.t(f'kind_{m.kind}')} {years}".strip()))
    fragments = Fragments()
    blocks_md = blocks_markdown(blocks, v, fragments)
    targets = fragments.add(targets_table(target_rows(doc, blocks, numbers, v), v))
    return render(
        "document.md.j2",
        fragments,
        doc=doc,
        t=v.t,
        lang=lang,
        title=title,
        coverage=coverage,
        notices=notices(doc, v),
        meta_rows=meta_rows(doc, v),
        outline=outline_html(
            [{"level": b.level, "text": f"{b.label}{' ' if lang == 'en' and b.label else ''}" + b.plain_title, "anchor": b.anchor} for b in outline]
        ),
        preamble=[v.seg(f"preamble.{k}", line) for k, line in enumerate(doc.preamble, 1)],
        intro=[v.seg(f"intro.{k}", line) for k, line in enumerate(doc.intro, 1)],
        closing=[v.seg(f"closing.{k}", line) for k, line in enumerate(doc.closing, 1)],
        blocks=blocks_md,
        targets=targets,
        sources=[
            {
                "path": p.clean.source.path,
                "encoding": p.clean.source.encoding,
                "sha256": p.clean.source.sha256,
                "preferred": i == 0,
                "changes": len(p.clean.changes),
            }
            for i, p in enumerate(doc.sources)
        ],
    )
