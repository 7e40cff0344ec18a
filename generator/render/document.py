"""Render one document: ``Document -> {path: markdown}`` (the page and its cleaning log).

Builds the template context (metadata rows, outline, flattened blocks of
sections and items) and leaves all escaping to the environment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..model import Document, Item, Section
from ..segments import item_parts, section_id
from .env import render, translator

META_ROWS = ("notice_title", "doc_number", "issuer", "recipients", "date", "printed_date", "index_number", "cc")


@dataclass
class Block:
    kind: str
    level: int
    anchor: str
    label: str = ""
    title: str = ""
    heading: str = ""
    lead: str = ""
    points: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    out_of_order: bool = False


def heading_text(title: str) -> str:
    return title[:-1] if title.endswith("。") else title


def item_block(item: Item, level: int) -> Block:
    block = Block("item", level, item.id, label=item.label, heading=heading_text(item.title))
    for name, text in item_parts(item):
        if name == "lead":
            block.lead = text
        elif name.startswith("point-"):
            block.points.append(text)
        else:
            block.paragraphs.extend(p for p in text.split("\n") if p.strip())
    return block


def flatten(sections: tuple[Section, ...], path: tuple[int, ...] = (), level: int = 1) -> list[Block]:
    blocks: list[Block] = []
    for n, s in enumerate(sections, 1):
        p = (*path, s.number or n)
        if s.title or s.label:
            blocks.append(Block("section", level, section_id(p), label=s.label, title=s.title, paragraphs=list(s.paragraphs), out_of_order=s.out_of_order))
            inner = level + 1
        else:
            inner = level
        blocks.extend(item_block(it, inner) for it in s.items)
        blocks.extend(flatten(s.sections, p, inner))
    return blocks


def meta_rows(doc: Document, t) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = [(t("region"), doc.meta.region), (t("kind"), t(f"kind_{doc.meta.kind}"))]
    for name in META_ROWS:
        value = getattr(doc.meta, name)
        if value:
            rows.append((t(name), value))
    return rows


def notices(doc: Document, t) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    out = []
    primary = doc.primary.clean
    if primary.altered:
        restored = sum(1 for c in primary.changes if c.rule.startswith("restore-") and c.rule != "restore-uncertain")
        text = f"{t('altered_notice')} {restored} {t('changes')} {t('restored')}, {len(primary.uncertain)} {t('uncertain')}."
        out.append({"kind": "warning", "title": t("cleaning_log"), "text": text, "link": Markup("cleaning-log.md")})
    if primary.damaged and not doc.repairs:
        out.append({"kind": "warning", "title": t("cleaning_log"), "text": t("damaged_notice"), "link": Markup("cleaning-log.md")})
    if not doc.items():
        out.append({"kind": "info", "title": t("document"), "text": t("plain_notice"), "link": ""})
    return out


def render_document(doc: Document, lang: str = "zh") -> str:
    t = translator(lang)
    blocks = flatten(doc.sections)
    outline = [b for b in blocks if b.kind == "section" and b.title]
    return render(
        "document.md.j2",
        doc=doc,
        t=t,
        notices=notices(doc, t),
        meta_rows=meta_rows(doc, t),
        outline=[{"level": b.level, "text": f"{b.label}{b.title}", "anchor": b.anchor} for b in outline],
        blocks=blocks,
        sources=[
            {"path": p.clean.source.path, "encoding": p.clean.source.encoding, "sha256": p.clean.source.sha256, "preferred": i == 0, "changes": len(p.clean.changes)}
            for i, p in enumerate(doc.sources)
        ],
    )
