"""How a page speaks its language: labels, segment text, numbers, dates.

A ``Voice`` turns Chinese source values into what a page in one language shows.
On the Chinese site that is the (escaped) source text. On the English site it is
the catalog's translation when there is one that may be shown, otherwise the
Chinese text with a visible "translation pending" label — never an invented
translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from ..model import Target
from ..parse.metadata import iso_date
from ..parse.numbering import CIRCLED
from .env import translator
from .escape import escape_html, escape_md
from .targets import mark_spans

LABEL_WORDS = (
    (re.compile(r"^附\s*件"), "label_annex"),
    (re.compile(r"^第.+章$"), "label_chapter"),
    (re.compile(r"^第.+节$"), "label_section"),
    (re.compile(r"^第.+条$"), "label_article"),
    (re.compile(r"^第.+(?:部分|篇)$"), "label_part"),
)
"""Numberings that are words (附件2, 第三章) and their English label in ``labels.yaml``."""
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


@dataclass
class Voice:
    lang: str
    tr: dict[str, str] = field(default_factory=dict)
    """Segment id → English (only translations that may be shown)."""
    marks: dict[str, list[Target]] = field(default_factory=dict)
    """Block id (``item-7``, ``section-2.p1``) → the targets read from it, whose spans the Chinese
    text marks (``targets.mark_spans``) in raw HTML fragments."""

    def __post_init__(self) -> None:
        self.t = translator(self.lang)

    def seg(self, ctx: str, zh: str, html: bool = False) -> Markup:
        """The segment for a Markdown page (``html``: for a raw HTML fragment)."""
        esc = escape_html if html else escape_md
        if self.lang == "zh":
            marks = self.marks.get(ctx) or self.marks.get(ctx.split(".", 1)[0]) if html and self.marks else None
            return mark_spans(zh, marks, self) if marks else Markup(esc(zh))
        en = self.tr.get(ctx)
        if en:
            return Markup(esc(en))
        return Markup(f'{esc(zh)} <span class="plansite-pending" lang="en">{self.t("pending")}</span>')

    def heading(self, ctx: str, zh: str, stop: bool = True) -> tuple[Markup, str]:
        """A segment used as a Markdown heading, without its final full stop (``stop``), and the heading's
        extra attributes (``attr_list``; with a leading space, or empty). A heading still in
        Chinese on the English site is marked by attributes (class ``plansite-pending-heading``,
        ``lang``, the label in ``data-pending``, shown by the style sheet), not by inline HTML:
        MkDocs' table of contents lists the heading's text alone, and a page of a hundred headings
        is not a hundred inline-HTML parses."""
        if stop and zh.endswith("。"):
            zh = zh[:-1]
        if self.lang == "zh":
            return Markup(escape_md(zh)), ""
        en = self.tr.get(ctx)
        if en:
            return Markup(escape_md(en.rstrip().rstrip(".") if stop else en)), ""
        return Markup(escape_md(zh)), f' .plansite-pending-heading lang="zh" data-pending="{self.t("pending")}"'

    def paragraphs(self, ctx: str, zh: str, html: bool = False) -> list[Markup]:
        """A multi-paragraph segment, one Markup per paragraph (``html``: for a raw HTML fragment)."""
        esc = escape_html if html else escape_md
        text = self.tr.get(ctx) if self.lang == "en" and self.tr.get(ctx) else None
        if text is not None:
            return [Markup(esc(p)) for p in text.split("\n") if p.strip()]
        paras = [p for p in zh.split("\n") if p.strip()]
        return [self.seg(ctx, p, html) if self.lang == "zh" or i == len(paras) - 1 else Markup(esc(p)) for i, p in enumerate(paras)]

    def plain(self, ctx: str, zh: str) -> str:
        """The segment as plain text (link texts, table cells): translation or Chinese."""
        return self.tr.get(ctx, zh) if self.lang == "en" else zh

    def label(self, label: str, number: int) -> str:
        """A printed number in this language (``（三十二）`` → ``(32)``, ``一、`` → ``1.``)."""
        if self.lang == "zh" or not label:
            return label
        word = next((key for pattern, key in LABEL_WORDS if pattern.match(label.strip())), None)
        if word:
            return self.t(word).format(n=number)
        return f"({number})" if label.startswith(("（", "(")) or label[0] in CIRCLED else f"{number}."

    def date(self, iso: str) -> str:
        if self.lang == "zh" or not iso:
            return iso
        y, m, d = (int(x) for x in iso.split("-"))
        return f"{d} {MONTHS[m - 1]} {y}"

    def date_text(self, text: str) -> str:
        """A Chinese date line (``2023年2月23日``) rendered in this language."""
        iso = iso_date(text)
        return self.date(iso) if iso and self.lang == "en" else text
