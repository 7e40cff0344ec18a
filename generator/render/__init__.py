"""Stage 6, render: the corpus → ``{path under docs/: text}`` (pure, no I/O).

Pages are Markdown from Jinja2 templates; the open-data export is JSON.
``generator.writer`` puts them on disk.
"""

from __future__ import annotations

from ..model import Change, Document
from .document import render_document
from .env import render, translator
from .export import export_json

LOG_SUMMARY_ONLY = {"spacing", "wraps"}
"""Rules whose changes are only whitespace: the log page lists them too, last."""


def _display(text: str, t) -> str:  # type: ignore[no-untyped-def]
    if text == "":
        return t("removed")
    if not text.strip():
        return t("line_break")
    return text


def render_cleaning_log(doc: Document, lang: str = "zh") -> str:
    t = translator(lang)
    sources = []
    for p in doc.sources:
        changes: list[Change] = list(p.clean.changes) + list(p.clean.uncertain)
        counts: dict[str, int] = {}
        for c in changes:
            counts[c.rule] = counts.get(c.rule, 0) + 1
        summary = ", ".join(f"{rule}: {n}" for rule, n in counts.items())
        rows = [{"rule": c.rule, "where": c.where, "before": _display(c.before, t), "after": _display(c.after, t)} for c in changes]
        sources.append({"path": p.clean.source.path, "summary": summary, "changes": rows})
    repairs = [{"before": c.before, "after": c.after} for c in doc.repairs]
    return render("cleaning_log.md.j2", doc=doc, t=t, sources=sources, repairs=repairs)


def doc_row(doc: Document, t, prefix: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    m = doc.meta
    years = f"{m.year}–{m.end_year}" if m.end_year and m.end_year != m.year else str(m.year or "")
    return {
        "title": m.title,
        "link": f"{prefix}{doc.id}/index.md",
        "region": m.region,
        "years": years,
        "kind": t(f"kind_{m.kind}"),
        "issuer": m.issuer,
        "n_items": len(doc.items()),
    }


def render_site(docs: list[Document], lang: str = "zh") -> dict[str, str]:
    t = translator(lang)
    files: dict[str, str] = {}
    for doc in docs:
        files[f"documents/{doc.id}/index.md"] = render_document(doc, lang)
        files[f"documents/{doc.id}/cleaning-log.md"] = render_cleaning_log(doc, lang)
    ordered = sorted(docs, key=lambda d: (-d.meta.year, d.region_slug, d.id))
    files["documents/index.md"] = render("documents_index.md.j2", t=t, docs=[doc_row(d, t, "") for d in ordered])
    files["index.md"] = render(
        "home.md.j2",
        t=t,
        docs=[doc_row(d, t, "documents/") for d in ordered],
        n_docs=len(docs),
        n_items=sum(len(d.items()) for d in docs),
    )
    files["data/plans.json"] = export_json(docs)
    return files
