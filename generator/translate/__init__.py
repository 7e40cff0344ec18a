"""Stage 5, translate: pair every Chinese segment with its English translation.

Catalogs are gettext PO files, one per document: ``source_texts/en/<doc-id>.po``,
one entry per segment (``segments.segments``) with the segment id as
``msgctxt``. Babel reads and writes them.

``extract`` updates a catalog from the current sources. Entries are matched by
context (the segment id), not by fuzzy text similarity: a segment whose Chinese
changed keeps its old translation, marked fuzzy, with the old Chinese as
``#| msgid``; a new segment gets an empty entry; a segment that disappeared is
kept as an obsolete entry. (Babel's own ``Catalog.update`` matches changed
entries by text similarity across the whole catalog, which can attach another
segment's translation; contexts here are stable ids, so matching on them is
exact.)

``translations`` gives only what may be shown: entries that are translated,
not fuzzy, and whose ``msgid`` is the current Chinese text. Nothing is invented.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from ..model import Document, Problem
from .segments import segments

CATALOG_DIR = "en"


@dataclass(frozen=True)
class Coverage:
    doc_id: str
    total: int
    translated: int
    fuzzy: int
    missing: int

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def catalog_path(source_dir: Path, doc_id: str) -> Path:
    return source_dir / CATALOG_DIR / f"{doc_id}.po"


class CatalogError(ValueError):
    """A catalog that cannot be read (``load_catalog``): the message says where in it and why."""


def load_catalog(path: Path) -> Catalog | None:
    """The catalog at ``path`` (None: there is none). A damaged one raises ``CatalogError``: read
    leniently, Babel would skip the lines it cannot parse and print a warning to stdout, so a
    translation could go missing without a word in the build's report."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CatalogError(f"cannot read it: {exc.strerror or exc}") from exc
    try:
        return read_po(io.BytesIO(raw), locale="en", abort_invalid=True)
    except PoFileError as exc:
        reason = str(exc.args[0]).rsplit(" on ", 1)[0] if exc.args else "not a PO file"
        raise CatalogError(f"line {exc.lineno + 1}: {reason}: {exc.line[:60]!r}") from exc
    except UnicodeDecodeError as exc:
        line = next((n for n, ln in enumerate(raw.split(b"\n"), 1) if not _decodes(ln, exc.encoding)), 0)
        raise CatalogError(f"line {line}: not {exc.encoding} text (byte {exc.object[exc.start : exc.start + 1].hex()})") from exc
    except (ValueError, LookupError) as exc:  # e.g. a header naming an unknown charset
        raise CatalogError(f"{type(exc).__name__}: {exc}") from exc


def read_catalog(source_dir: Path, doc_id: str) -> tuple[Catalog | None, Problem | None]:
    """The document's catalog (``load_catalog``), or the problem that it cannot be read."""
    try:
        return load_catalog(catalog_path(source_dir, doc_id)), None
    except CatalogError as exc:
        return None, catalog_problem(source_dir, doc_id, exc)


def orphan_catalogs(source_dir: Path, doc_ids: set[str]) -> list[Problem]:
    """A warning for each catalog that no document uses (its document is gone, or its id changed,
    e.g. after its region or year was read differently): its translations are not shown."""
    folder = source_dir / CATALOG_DIR
    if not folder.is_dir():
        return []
    return [
        Problem(
            path.relative_to(source_dir).as_posix(),
            "warning",
            f"translation catalog of no document (no document has the id {path.stem}); its translations are not used",
        )
        for path in sorted(folder.glob("*.po"))
        if path.stem not in doc_ids
    ]


def _decodes(line: bytes, encoding: str) -> bool:
    try:
        line.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def catalog_problem(source_dir: Path, doc_id: str, error: CatalogError) -> Problem:
    """How a damaged catalog is reported: an error naming the file (relative to ``source_dir``,
    like a source's) and the reason. The document is still published: its English pages show
    the Chinese text, marked as awaiting translation, as if it had no catalog."""
    rel = catalog_path(source_dir, doc_id).relative_to(source_dir).as_posix()
    return Problem(rel, "error", f"translation catalog not read ({error}); the English pages of {doc_id} show the Chinese text until it is fixed")


def _new_catalog(doc: Document) -> Catalog:
    return Catalog(
        locale="en",
        domain=doc.id,
        project="Plansite",
        version=doc.id,
        header_comment=f"# English translation of {doc.meta.title} ({doc.id}).\n# One entry per segment; msgctxt is the segment id.",
        fuzzy=False,
    )


def update_catalog(doc: Document, old: Catalog | None) -> Catalog:
    """A catalog for the document's current segments, keeping what ``old`` had."""
    new = _new_catalog(doc)
    previous = {m.context: m for m in old if m.id and m.context} if old is not None else {}
    current = segments(doc)
    for ctx, zh in current:
        was = previous.pop(ctx, None)
        if was is None:
            new.add(zh, "", context=ctx)
        elif was.id == zh:
            new.add(zh, was.string, context=ctx, flags=was.flags, previous_id=was.previous_id if "fuzzy" in was.flags else ())
        else:
            flags = set(was.flags) | {"fuzzy"} if was.string else set(was.flags)
            new.add(zh, was.string, context=ctx, flags=flags, previous_id=[was.id] if was.string else ())
    if old is not None:
        for ctx, m in previous.items():
            if m.string:
                new.obsolete[(m.id, ctx)] = m
        for key, m in old.obsolete.items():
            new.obsolete.setdefault(key, m)
    return new


def dump_catalog(catalog: Catalog) -> str:
    buf = io.BytesIO()
    write_po(buf, catalog, width=0, omit_header=False, include_previous=True, sort_output=False)
    text = buf.getvalue().decode("utf-8")
    # Catalogs must be reproducible: the header's dates would make every run differ, and the
    # Babel version it names would rewrite every catalog on a machine with another release.
    return "\n".join(ln for ln in text.split("\n") if not ln.startswith(_UNSTABLE_HEADERS))


_UNSTABLE_HEADERS = ('"POT-Creation-Date:', '"PO-Revision-Date:', '"Generated-By:')


def extract(doc: Document, source_dir: Path) -> tuple[Path, bool]:
    """Create or update the document's catalog; return (path, whether it changed). A damaged
    catalog is left as it is (``CatalogError``): writing a new one would lose its translations."""
    path = catalog_path(source_dir, doc.id)
    catalog = update_catalog(doc, load_catalog(path))
    if path.exists() and path.read_text(encoding="utf-8") == dump_catalog(catalog):
        return path, False
    write_catalog(path, catalog)
    return path, True


def translations(doc: Document, catalog: Catalog | None) -> dict[str, str]:
    """Segment id → English, for the translations that may be shown."""
    if catalog is None:
        return {}
    current = dict(segments(doc))
    out = {}
    for m in catalog:
        if m.id and m.context and m.string and not m.fuzzy and current.get(m.context) == m.id:
            out[m.context] = m.string
    return out


def coverage(doc: Document, catalog: Catalog | None) -> Coverage:
    current = segments(doc)
    shown = translations(doc, catalog)
    entries = {m.context: m for m in catalog if m.id and m.context} if catalog is not None else {}
    fuzzy = sum(1 for ctx, zh in current if ctx not in shown and ctx in entries and entries[ctx].string)
    translated = len(shown)
    return Coverage(doc.id, len(current), translated, fuzzy, len(current) - translated - fuzzy)


def import_segments(doc: Document, catalog: Catalog | None, rows: list[dict[str, str]]) -> tuple[Catalog, int, int]:
    """Merge translations delivered as ``[{id, zh, en}]`` into the document's catalog.

    A row whose Chinese is the segment's current text becomes a translation; a
    row whose Chinese differs is kept but marked fuzzy (it was made for other
    text). Returns (catalog, translated, fuzzy).
    """
    updated = update_catalog(doc, catalog)
    by_ctx = {m.context: m for m in updated if m.id and m.context}
    translated = fuzzy = 0
    for row in rows:
        m = by_ctx.get(row.get("id", ""))
        en = (row.get("en") or "").strip()
        if m is None or not en:
            continue
        m.string = en
        if row.get("zh") == m.id:
            m.flags.discard("fuzzy")
            m.previous_id = []
            translated += 1
        else:
            m.flags.add("fuzzy")
            m.previous_id = [row.get("zh", "")]
            fuzzy += 1
    return updated, translated, fuzzy


def write_catalog(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".po.tmp")
    tmp.write_text(dump_catalog(catalog), encoding="utf-8")
    tmp.replace(path)
