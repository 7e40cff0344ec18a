"""Stage 2, clean: ``Source -> CleanText``.

An ordered table of small pure rules (``RULES``); each returns its new text,
the changes it made and the metadata it found. ``clean`` runs them in order and
keeps every change, so the site can show a cleaning log and nothing is removed
silently. The order matters: pinyin goes before simplification (the readings
follow traditional characters), lost-byte marking before punctuation (which
would turn the ``?`` into ``？``), spacing before re-joining wrapped lines.
Page markers go right after chrome (the sharing-site header must be gone
before the running count is read, and ``wraps`` does not join a line that
starts with ``N、``); restoration runs last, on running text (see
``restore``). ``restore-uncertain`` records are not edits: ``clean`` moves
them to ``CleanText.uncertain``.
"""

from __future__ import annotations

from ..model import Change, CleanText, Source
from .base import Rule
from .chrome import strip_chrome
from .emphasis import strip_bold
from .lost_bytes import MARK, mark_lost_bytes
from .page_markers import strip_page_markers
from .pinyin import strip_pinyin
from .punctuation import fullwidth_punctuation
from .restore import ALTERED_KEY, restore, restore_glyphs
from .script import simplify
from .spacing import remove_cjk_spaces
from .wraps import join_wraps

RULES: tuple[Rule, ...] = (
    Rule("restore-glyphs", restore_glyphs, "Latin letters a sharing site put for a Chinese glyph (弓I → 引, %o → %。)"),
    Rule("pinyin", strip_pinyin, "inline pinyin readings such as 區(qū)"),
    Rule("simplify", simplify, "traditional → simplified characters (OpenCC tw2s)"),
    Rule("chrome", strip_chrome, "site chrome lines; their metadata is kept"),
    Rule("page-markers", strip_page_markers, "running page markers N、 of document-sharing sites; chunks re-joined"),
    Rule("lost-bytes", mark_lost_bytes, "spans of lost or misaligned bytes, marked 〓"),
    Rule("punctuation", fullwidth_punctuation, "ASCII punctuation in Chinese text → full-width"),
    Rule("emphasis", strip_bold, "Markdown **bold** markers leaking from the source"),
    Rule("spacing", remove_cjk_spaces, "spaces inside Chinese text"),
    Rule("wraps", join_wraps, "lines broken inside a sentence, re-joined"),
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
