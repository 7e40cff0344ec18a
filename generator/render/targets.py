"""Targets on pages and in the export: a target as data, as words, as a marked span, as a table.

A target (``model.Target``) is shown three ways: in the export as an object (``target_json``);
in an item's Chinese text its source span is marked (``mark_spans``: a ``<mark>`` that shows the
parsed value when hovered, focused or tapped); and in a table of the document's or the theme's
targets (``targets_table``: indicator, value, by when, attribute, where — with a link to the
item or part it was read from). All source text is escaped here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model import Target
from .escape import escape_html

if TYPE_CHECKING:  # voice.py imports this module
    from .voice import Voice

SIGNS = {"=": "", ">=": "≥ ", "<=": "≤ ", ">": "> ", "<": "< ", "~": "≈ "}
"""How a comparator is written before the value (``=`` needs no sign)."""


def number_text(value: float) -> str:
    """12000.0 → ``12,000``; 1.3 → ``1.3`` (no float noise, thousands grouped)."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def target_json(t: Target, block: str | None = None) -> dict[str, object]:
    """The export's form: ``value`` an integer when it is one (12000, not 12000.0)."""
    out: dict[str, object] = {
        "indicator": t.indicator,
        "value": int(t.value) if t.value == int(t.value) else t.value,
        "unit": t.unit,
        "comparator": t.comparator,
        "year": t.year,
        "attribute": t.attribute,
        "text": t.text,
    }
    if block is not None:
        out = {"block": block, **out}
    return out


def target_anchor(block: str) -> str:
    """Where on the document's page the block a target was read from is: an item or section by its
    id (a paragraph or table by its section's), the opening text at ``#plan``."""
    anchor = block.split(".", 1)[0]
    return "plan" if anchor == "intro" else anchor


def value_text(t: Target) -> str:
    """``≥ 60 %``, ``12,000 张``, ``≈ 5 个`` (the unit as printed in the source)."""
    return f"{SIGNS.get(t.comparator, '')}{number_text(t.value)} {t.unit}".strip()


def by_when(t: Target, v: Voice) -> str:
    return v.t("target_by").format(year=t.year) if t.year else v.t("target_recurring")


def summary(t: Target, v: Voice) -> str:
    """One line for a tooltip: ``护理型床位占比：≥ 60 %（2025年）``."""
    return v.t("target_summary").format(indicator=t.indicator or "—", value=value_text(t), when=by_when(t, v))


def mark_spans(text: str, targets: list[Target], v: Voice) -> Markup:
    """``text`` escaped for a raw HTML fragment, each target's span in it wrapped in a focusable
    ``<mark>`` whose ``data-target`` the style sheet shows on hover, focus or tap. Overlapping or
    repeated spans: the first found wins; spans not in this text are skipped."""
    found: list[tuple[int, int, Target]] = []
    for t in targets:
        at = text.find(t.text) if t.text else -1
        while at >= 0 and any(s < at + len(t.text) and at < e for s, e, _ in found):
            at = text.find(t.text, at + 1)
        if at >= 0:
            found.append((at, at + len(t.text), t))
    if not found:
        return Markup(escape_html(text))
    out, pos = [], 0
    for s, e, t in sorted(found, key=lambda f: f[0]):
        tip = escape_html(summary(t, v))
        out.append(escape_html(text[pos:s]))
        out.append(f'<mark class="plansite-target" tabindex="0" data-target="{tip}" aria-label="{tip}">{escape_html(text[s:e])}</mark>')
        pos = e
    out.append(escape_html(text[pos:]))
    return Markup("".join(out))


def target_row(t: Target, where: str, link: str, v: Voice, attributes: bool = False) -> str:
    """One row of a targets table (HTML): indicator, value, by when, [attribute,] where (a link)."""
    cells = [t.indicator or "—", value_text(t), by_when(t, v)] + [v.t(f"target_attr_{t.attribute}") if t.attribute else ""] * attributes
    return "<tr>" + "".join(f"<td>{escape_html(c)}</td>" for c in cells) + f'<td><a href="{escape_html(link)}">{escape_html(where)}</a></td></tr>'


def table_html(rows: list[str], v: Voice, with_plan: bool = False, attributes: bool = False) -> Markup:
    """A targets table from its rows (``target_row``); ``with_plan``: the last column is the plan
    and item (theme pages), else the item or part (document pages)."""
    if not rows:
        return Markup("")
    head = [v.t("target_indicator"), v.t("target_value"), v.t("target_when")]
    head += [v.t("target_attribute")] * attributes + [v.t("target_plan" if with_plan else "target_where")]
    return Markup(
        '<div class="plansite-targets-wrap"><table>\n<thead><tr>'
        + "".join(f'<th scope="col">{escape_html(h)}</th>' for h in head)
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table></div>"
    )


def targets_table(rows: list[tuple[Target, str, str]], v: Voice) -> Markup:
    """A document's targets table: (target, where it was read, link) per row; the attribute column
    only when some target states one (indicator tables)."""
    attributes = any(t.attribute for t, _, _ in rows)  # the column only where a table states them
    return table_html([target_row(t, where, link, v, attributes) for t, where, link in rows], v, attributes=attributes)


def targets_note(targets: list[Target], v: Voice) -> Markup:
    """An item's targets in words, one line (the English page: its text is a translation, where
    the Chinese spans cannot be marked)."""
    parts = v.t("list_sep").join(escape_html(summary(t, v)) for t in targets)
    return Markup(f'<p class="plansite-item-targets"><span class="plansite-item-targets-label">{escape_html(v.t("targets"))}:</span> {parts}</p>')
