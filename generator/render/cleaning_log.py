"""A document's cleaning log: every change the cleaning rules made to each of its sources.

Identical edits are one row listing every line they were made on; rules come most consequential
first (``log_rank`` in ``data/cleaning_rules.yaml``). The language-neutral part (``log_body``:
escaped table rows with placeholders for the labels) is made once for both languages.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from ..model import Change, Document
from .env import cleaning_rules, render, translator
from .escape import escape_md
from .voice import Voice


def _log_rank(rule: str) -> int:
    """Where a rule's rows come in a log (``log_rank`` in ``data/cleaning_rules.yaml``): most
    consequential first; rules without a rank after the others, in order of first use."""
    return log_ranks().get(rule, len(log_ranks()))


@lru_cache(maxsize=1)
def log_ranks() -> dict[str, int]:
    return {rule: entry["log_rank"] for rule, entry in cleaning_rules().items() if "log_rank" in entry}


def _cell(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


_REMOVED, _LINE_BREAK = "\x00removed\x00", "\x00line_break\x00"
"""Placeholders for the two labels a log cell can hold, filled in per language (a cell's rule is
``\\x00rule:<rule>\\x00``, filled in with the rule's name)."""


def rule_name(rule: str, lang: str) -> str:
    """A cleaning rule's name in the language (``data/cleaning_rules.yaml``; its id if it has none)."""
    entry = cleaning_rules().get(rule)
    return entry[lang]["name"] if entry else rule


def _display(text: str) -> str:
    if text == "":
        return _REMOVED
    if not text.strip():
        return _LINE_BREAK
    return _cell(text)


def log_table(headers: list[str], body: str) -> Markup:
    """A table as a raw HTML block: MkDocs passes it through instead of parsing thousands of cells
    as Markdown (the cleaning log is the largest page of a document)."""
    head = "".join(f"<th>{_cell(h)}</th>" for h in headers)
    return Markup(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>")


def _rows(rows: list[list[str]]) -> str:
    """Table rows from cells already escaped."""
    return "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)


def grouped_changes(changes: list[Change]) -> list[tuple[str, str, str, list[str]]]:
    """Identical edits (same rule, same before and after) as one row listing every place
    it was made, most consequential rules first, then in order of first occurrence."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for c in changes:
        groups.setdefault(c[:3], []).append(str(c.where))  # c[:3]: (rule, before, after)
    ordered = sorted(groups.items(), key=lambda kv: _log_rank(kv[0][0]))
    return [(rule, before, after, wheres) for (rule, before, after), wheres in ordered]


def _lines(wheres: list[str]) -> str:
    """Line numbers of a grouped edit, a line with several such edits once with its count: ``4 ×62, 9``."""
    out: list[str] = []
    counts: dict[str, int] = {}
    for w in wheres:
        if w not in counts:
            out.append(w)
        counts[w] = counts.get(w, 0) + 1
    return ", ".join(f"{w} ×{counts[w]}" if counts[w] > 1 else w for w in out)


@dataclass(frozen=True)
class LogBody:
    """The language-neutral part of a document's cleaning log (made once for both languages)."""

    sources: list[tuple[str, list[tuple[str, int]], str]]
    """(source path, (rule, changes) most consequential first, table rows HTML with label placeholders)"""
    repairs: str


def log_body(doc: Document) -> LogBody:
    sources = []
    for p in doc.sources:
        changes: list[Change] = [*p.clean.changes, *p.clean.uncertain]
        counts = Counter(c.rule for c in changes)  # rules in order of first use, then by rank
        rows = [[f"\x00rule:{rule}\x00", _lines(wheres), _display(before), _display(after)] for rule, before, after, wheres in grouped_changes(changes)]
        sources.append((p.clean.source.path, [(rule, counts[rule]) for rule in sorted(counts, key=_log_rank)], _rows(rows)))
    return LogBody(sources, _rows([[_cell(c.before), _cell(c.after)] for c in doc.repairs]) if doc.repairs else "")


def render_cleaning_log(doc: Document, v: Voice, body: LogBody | None = None) -> str:
    t = v.t
    body = body or log_body(doc)

    used = sorted({rule for _, counts, _ in body.sources for rule, _ in counts}, key=lambda r: (_log_rank(r), r))

    def labelled(rows: str) -> str:
        rows = rows.replace(_REMOVED, _cell(t("removed"))).replace(_LINE_BREAK, _cell(t("line_break")))
        for rule in used:  # a few rules, thousands of rows: one replace each
            rows = rows.replace(f"\x00rule:{rule}\x00", _cell(rule_name(rule, v.lang)))
        return rows

    header = [t("rule"), t("line"), t("before"), t("after")]
    sources = [
        {
            "path": path,
            "summary": t("rule_sep").join(t("rule_count").format(name=rule_name(rule, v.lang), n=n) for rule, n in counts),
            "table": log_table(header, labelled(rows)) if rows else Markup(""),
        }
        for path, counts, rows in body.sources
    ]
    rules = Markup("").join(_rule_legend(rule, v.lang) for rule in used if rule in cleaning_rules())
    repairs = log_table([t("before"), t("after")], body.repairs) if body.repairs else Markup("")
    return render("cleaning_log.md.j2", doc=doc, t=t, title=v.seg("meta.title", doc.meta.title), sources=sources, repairs=repairs, rules=rules)


@lru_cache(maxsize=None)
def _rule_legend(rule: str, lang: str) -> Markup:
    """A rule's line in a cleaning log's legend (Markdown): its name, its id, what it does."""
    entry = cleaning_rules()[rule][lang]
    return Markup(f"- **{escape_md(entry['name'])}**{translator(lang)('rule_legend_id').format(id=rule)}{escape_md(entry['text'])}\n")
