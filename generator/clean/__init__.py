"""Stage 2, clean: ``Source -> CleanText``.

An ordered table of small pure rules (``RULES``); each returns its new text,
the changes it made and the metadata it found. ``clean`` runs them in order and
keeps every change, so the site can show a cleaning log and nothing is removed
silently. The order matters:

- invisible characters and PDF radicals go first, so every later pattern sees
  real characters; pinyin goes before simplification (the readings follow
  traditional characters), and simplification before chrome (the chrome
  vocabulary is simplified);
- page furniture (footers, running headers, form feeds) goes before chrome
  (chrome would take a bare page number alone and leave its running header),
  and the Markdown syntax of a Markdown scrape before chrome (a footer line is
  short once its URLs are gone);
- page markers go right after chrome (the sharing-site header must be gone
  before the running count is read, and ``wraps`` does not join a line that
  starts with ``N、``); the table of contents after chrome and page furniture
  (a PDF's contents page has its footer);
- lost-byte marking before punctuation (which would turn the ``?`` into ``？``);
- ``table-cells`` before ``indent-wraps`` and ``spacing``: it reads the runs of
  spaces that align columns, and after it every TAB is a cell separator, which
  the later rules leave alone; ``indent-wraps`` before ``spacing``, which strips
  the paragraph indents it reads; spacing before re-joining wrapped lines;
- doubled punctuation after ``wraps`` (a join can bring two marks together);
- restoration runs last, on running text (see ``restore``).

``restore-uncertain`` records are not edits: ``clean`` moves them to
``CleanText.uncertain``.
"""

from __future__ import annotations

from ..model import Change, CleanText, Source
from .base import Rule
from .chrome import strip_chrome
from .emphasis import strip_bold, strip_markdown
from .glyphs import map_radicals, strip_invisible
from .indents import join_indented
from .lost_bytes import MARK, mark_lost_bytes
from .page_markers import strip_page_markers
from .pages import strip_page_furniture
from .pinyin import strip_pinyin
from .punctuation import doubled_punctuation, fullwidth_punctuation
from .restore import ALTERED_KEY, restore, restore_glyphs
from .script import simplify
from .spacing import remove_cjk_spaces
from .tables import normalise_tables
from .toc import strip_toc
from .wraps import join_wraps

RULES: tuple[Rule, ...] = (
    Rule("invisible", strip_invisible, "zero-width and other invisible characters, stray carriage returns"),
    Rule("radicals", map_radicals, "radical code points of PDF fonts → the characters they depict (⼯ → 工)"),
    Rule("restore-glyphs", restore_glyphs, "Latin letters a sharing site put for a Chinese glyph (弓I → 引, %o → %。)"),
    Rule("pinyin", strip_pinyin, "inline pinyin readings such as 區(qū)"),
    Rule("simplify", simplify, "traditional → simplified characters (OpenCC tw2s)"),
    Rule("page-furniture", strip_page_furniture, "PDF page footers, running headers and form feeds"),
    Rule("markdown", strip_markdown, "Markdown syntax of a Markdown scrape: links, images, heading marks, bullets"),
    Rule("chrome", strip_chrome, "site chrome lines; their metadata is kept"),
    Rule("page-markers", strip_page_markers, "running page markers N、 of document-sharing sites; chunks re-joined"),
    Rule("toc", strip_toc, "a table of contents (目录) before the body"),
    Rule("lost-bytes", mark_lost_bytes, "spans of lost or misaligned bytes, marked 〓"),
    Rule("punctuation", fullwidth_punctuation, "ASCII punctuation in Chinese text → full-width"),
    Rule("emphasis", strip_bold, "Markdown **bold** markers leaking from the source"),
    Rule("table-cells", normalise_tables, "table rows: cells separated by one TAB; a TAB that separates no cells goes"),
    Rule("indent-wraps", join_indented, "lines without the paragraph indent of their text, re-joined to the paragraph"),
    Rule("spacing", remove_cjk_spaces, "spaces inside Chinese text"),
    Rule("wraps", join_wraps, "lines broken inside a sentence, re-joined"),
    Rule("doubled-punctuation", doubled_punctuation, "punctuation marks the source doubled (，， 。。), one kept"),
    Rule("restore", restore, "word substitution of sharing sites undone (safe forms; context rules when altered)"),
)
"""The cleaning rules, in the order they run."""

RULE_NAMES = tuple(r.name for r in RULES)


def rule(name: str) -> Rule:
    return next(r for r in RULES if r.name == name)


def clean(source: Source) -> CleanText:
    text = source.text.lstrip("\ufeff")
    changes: list[Change] = []
    meta: list[tuple[str, str]] = list(source.meta)
    for r in RULES:
        out = r.apply(text)
        text = out.text
        changes.extend(out.changes)
        meta.extend(out.meta)
    damaged = sum(1 for c in changes if c.rule == "lost-bytes")
    altered = any(key == ALTERED_KEY for key, _ in meta)
    uncertain = tuple(c for c in changes if c.rule == "restore-uncertain")
    return CleanText(
        source=source,
        text=text.strip("\n") + "\n",
        changes=tuple(c for c in changes if c.rule != "restore-uncertain"),
        meta=tuple(m for m in meta if m[0] != ALTERED_KEY),
        damaged=damaged,
        altered=altered,
        uncertain=uncertain,
    )


__all__ = ["RULES", "RULE_NAMES", "MARK", "Rule", "clean", "rule"]
