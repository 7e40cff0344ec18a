"""Stages 1–3 for one source file, as a parse worker runs them: read → clean → parse → index.

``process_file`` reads and decodes the file (``sources``), cleans it (``clean``), parses it
(``parse``) and indexes what the whole-corpus stages will need of it — its items' words (for
related items), their themes and targets, its region, its characters, its number of translatable segments —
so that an unchanged source is never read, cleaned, segmented or classified again
(``incremental.corpus`` caches the result). A failure at any step is this source's ``Problem``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from .assemble.doc_targets import document_targets
from .assemble.regions import Region, find_region
from .assemble.related import WordBags, word_bags
from .assemble.themes import ItemThemes, item_themes
from .clean import clean
from .model import DocTargets, ParsedDoc, Problem, Source
from .parse import parse
from .parse.item_kinds import is_plan_kind
from .sources import SourceError, read_source, source_warnings
from .translate.segments import segments

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Indexed:
    """A parsed source and what was found in it for the whole-corpus stages (the parse cache's entry)."""

    parsed: ParsedDoc
    bags: WordBags | None = None
    """The words of the parsed source's items, in document order (``related.word_bags``)."""
    region: Region | None = None
    """``regions.find_region`` of the source's region name (the assembler looks names up here
    instead of transliterating them again)."""
    chars: str = ""
    """Every distinct character of the cleaned text, sorted (for the search's folding table)."""
    themes: ItemThemes = ()
    """The themes of the parsed source's items, as ``Document.themes`` (used while the assembled
    document's items are the parsed ones, i.e. nothing was repaired from another copy)."""
    segments: int = -1
    """How many translatable segments the parsed source has (``segments.segments``; -1: not counted).
    A document of this copy alone has as many: its coverage without a catalog needs no counting."""
    targets: DocTargets = ()
    """The targets of the parsed source, as ``Document.targets`` (used like ``themes``)."""


def parse_source(source: Source) -> ParsedDoc | Problem:
    """Clean and parse one source; an unexpected failure is that source's error only."""
    try:
        return parse(clean(source))
    except Exception as exc:  # one bad document must not take the others down
        log.exception("failed on %s", source.path)
        return Problem(source.path, "error", f"cannot parse: {type(exc).__name__}: {exc}")


def process_file(path: Path, root: Path) -> tuple[Indexed | None, Problem | None]:
    """Stages 1–3 for one file, and its index (see the module's docstring)."""
    try:
        source = read_source(path, root)
    except SourceError as exc:
        return None, Problem(path.relative_to(root).as_posix(), "error", str(exc))
    except OSError as exc:
        return None, Problem(path.relative_to(root).as_posix(), "error", f"cannot read: {exc.strerror or exc}")
    result = parse_source(source)
    if isinstance(result, Problem):
        return None, result
    try:
        return index(result, source, path), None
    except Exception as exc:  # as in ``parse_source``: this source's error only
        log.exception("failed on %s", source.path)
        return None, Problem(source.path, "error", f"cannot index its items: {type(exc).__name__}: {exc}")


def index(result: ParsedDoc, source: Source, path: Path) -> Indexed:
    """A parsed source with its items' words, themes and segments, and its region."""
    # The decoded text is not needed once cleaned (the cleaned text and every change are kept);
    # dropping it keeps the cache and the corpus in memory a third smaller.
    cleaned = replace(result.clean, source=replace(result.clean.source, text=""))
    result = replace(result, clean=cleaned, problems=(*source_warnings(source, path), *result.problems))
    items = result.items()
    region = find_region(result.meta.region) if result.meta.region else None
    themes = item_themes(result.sections) if is_plan_kind(result.meta.kind) else ()  # a notice that is not a plan has no commitments
    targets = document_targets(result.meta, result.intro, result.sections)
    return Indexed(result, word_bags([it.text for it in items]), region, distinct_characters(cleaned.text), themes, len(segments(result)), targets)


def distinct_characters(text: str) -> str:
    """The characters of ``text``, each once, in code point order (``"".join(sorted(set(text)))``,
    counted as code points: a set of 10⁴ one-character strings costs more than the rest of this)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return np.flatnonzero(np.bincount(codes)).astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
