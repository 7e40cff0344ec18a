"""The typed values that flow through the pipeline.

Every dataclass is frozen: a stage never mutates what an earlier stage made, it
returns a new value. Each field's docstring says which stage fills it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Problem:
    """A warning or error about one source file (any stage)."""

    path: str
    """Source path relative to ``source_texts/``."""
    severity: str
    """``"error"`` (the file cannot be published) or ``"warning"``."""
    message: str
    """One line saying what is wrong, for a human."""


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded source file (stage: sources)."""

    path: str
    """Path relative to ``source_texts/``, with forward slashes."""
    sha256: str
    """Hash of the raw bytes as found."""
    encoding: str
    """The encoding the bytes were decoded with (``utf-8``, ``gb18030``, …)."""
    format: str
    """``"text"`` or ``"html"``."""
    text: str
    """The decoded text (for HTML: the main text, one block per line). Emptied once the source
    is cleaned and parsed: later stages use ``CleanText.text`` and the recorded changes."""
    meta: tuple[tuple[str, str], ...] = ()
    """Metadata read from the file's container (HTML ``<meta>`` tags, tables)."""


class Change(NamedTuple):
    """One edit made by a cleaning rule (stage: clean). A named tuple rather than a dataclass:
    a corpus holds hundreds of thousands of them (why: benchmarks/README.md, "Measured design
    choices")."""

    rule: str
    """Name of the rule that made the change."""
    before: str
    """The text that was there."""
    after: str
    """What replaced it (empty for a removal)."""
    where: int
    """Line number (1-based) in the rule's input where the change starts."""


@dataclass(frozen=True, slots=True)
class CleanText:
    """A source after the cleaning rules (stage: clean)."""

    source: Source
    text: str
    """Cleaned text: simplified Chinese, full-width punctuation, one block per line."""
    changes: tuple[Change, ...]
    """Every edit the rules made, in order."""
    meta: tuple[tuple[str, str], ...]
    """Metadata found in chrome lines (``date``, ``index_number``, ``doc_number`` …)."""
    damaged: int = 0
    """Number of lost-byte spans marked with 〓."""
    altered: bool = False
    """True when the text was detected as machine-altered (word substitution)."""
    uncertain: tuple[Change, ...] = ()
    """Ambiguous spots the restorer left as they are (rule = candidate rule)."""


@dataclass(frozen=True, slots=True)
class Item:
    """One numbered commitment (stage: parse)."""

    id: str
    """Anchor id without ``#``: ``item-7`` or ``item-4-1-2`` when numbering restarts."""
    number: int
    """The printed number as an integer (（三十二） → 32)."""
    label: str
    """The printed number as it appears (``7、``, ``（三十二）``, ``3.``)."""
    section_path: tuple[int, ...]
    """Numbers of the enclosing sections, outermost first."""
    title: str
    """The item's first sentence (up to and including the first 。)."""
    text: str
    """The full text of the item, title included, paragraphs joined by newlines."""
    points: tuple[str, ...] = ()
    """Inline sub-points (一是…, 二是…) when the item has two or more."""
    kind: str = "commitment"
    """``commitment``, ``achievement`` (a past result), ``context`` (framing) or ``part`` (of a
    notice that is not a plan; ``parse.item_kinds``)."""


class Target(NamedTuple):
    """One quantity a plan promises (stage: assemble, ``assemble.targets``)."""

    indicator: str
    """What is measured (新增养老床位, 护理型床位占比), read from the words around the number."""
    value: float
    unit: str
    """A unit of ``target_units.tsv``, with a rate when one is stated (元/人·月, 次/月)."""
    comparator: str
    """One of ``COMPARATORS``."""
    year: int | None
    """By when: a year the text names (到2025年, 2024年底前), else the plan's; None for a recurring target."""
    attribute: str | None
    """预期性 / 约束性 (indicator tables), else None."""
    text: str
    """The exact source span."""


class Table(NamedTuple):
    """A table in a section's text (stage: parse): rows of cells as printed, header row first."""

    after: int
    """How many of the section's paragraphs come before it."""
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered heading and what it contains (stage: parse)."""

    number: int
    label: str
    """The printed number (``一、``, ``（二）``, ``第三章``)."""
    title: str
    level: int
    """1 for top-level sections, 2 for subsections."""
    paragraphs: tuple[str, ...] = ()
    """Unnumbered text that follows the heading before any item or subsection."""
    sections: tuple[Section, ...] = ()
    items: tuple[Item, ...] = ()
    out_of_order: bool = False
    """True when the numbering says this part belongs elsewhere (restoration)."""
    kind: str = "section"
    """``section``, or ``annex`` for an attachment (附件) printed after the plan."""
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the notice says about itself (stage: parse)."""

    notice_title: str = ""
    title: str = ""
    doc_number: str = ""
    issuer: str = ""
    recipients: str = ""
    date: str = ""
    """成文日期, ISO ``YYYY-MM-DD``."""
    printed_date: str = ""
    """印发日期, ISO ``YYYY-MM-DD``."""
    index_number: str = ""
    region: str = ""
    """Region name in Chinese (松江区, 江苏省, 湖里区)."""
    year: int = 0
    """The (first) year the plan covers."""
    end_year: int = 0
    """Last year covered (five-year plans), else equal to ``year``."""
    kind: str = ""
    """A kind of ``notice_kinds.tsv``: a plan (``work-points``, ``five-year-plan``, ``work-plan``,
    ``implementation-plan``, ``measures``) or a notice that is not a plan (``meeting-notice``,
    ``letter``, ``notice``), which has no commitments; ``document`` when the title says neither."""
    cc: str = ""
    """抄送 line, when the source has one."""
    issuers: tuple[str, ...] = ()
    """Every issuing body (joint notices have several); ``issuer`` is the first."""
    published: str = ""
    """发布日期 (when the portal put it online), ISO; ``date`` is the date as signed."""


@dataclass(frozen=True, slots=True)
class ParsedDoc:
    """One source parsed (stage: parse)."""

    clean: CleanText
    meta: Metadata
    preamble: tuple[str, ...]
    """The notice text before the plan body (recipients, covering letter)."""
    intro: tuple[str, ...]
    """Unnumbered paragraphs at the start of the plan body."""
    sections: tuple[Section, ...]
    closing: tuple[str, ...] = ()
    """Lines after the last item (signature, dates)."""
    problems: tuple[Problem, ...] = ()

    def items(self) -> list[Item]:
        """All items in document order."""
        return items_of(self.sections)


DocTargets = tuple[tuple[str, Target], ...]
"""``Document.targets``: (block id of the export's ``body``, target), in reading order."""


@dataclass(frozen=True, slots=True)
class Document:
    """One published document, possibly assembled from several sources (stage: assemble)."""

    id: str
    """ASCII slug: ``songjiang-2023-work-points``."""
    meta: Metadata
    region_slug: str
    region_en: str
    sources: tuple[ParsedDoc, ...]
    """All copies, the preferred (cleanest) first."""
    preamble: tuple[str, ...]
    intro: tuple[str, ...]
    sections: tuple[Section, ...]
    closing: tuple[str, ...]
    repairs: tuple[Change, ...] = ()
    """Passages taken from another copy because the preferred copy was damaged."""
    problems: tuple[Problem, ...] = ()
    themes: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = field(default=())
    """Per item: (item id, theme ids, matched words) — filled by the themes stage."""
    targets: DocTargets = ()
    """Every target the plan sets, with the block it was read from (``assemble.doc_targets``)."""

    @property
    def primary(self) -> ParsedDoc:
        return self.sources[0]

    def source_key(self) -> str:
        """What the document is made from, as a digest: its id and its sources' paths and bytes
        (an assembled document is a function of those and of the generator)."""
        h = hashlib.sha256(self.id.encode())
        for p in self.sources:
            h.update(f"\0{p.clean.source.path}\0{p.clean.source.sha256}".encode())
        return h.hexdigest()[:32]

    def items(self) -> list[Item]:
        """All items in document order."""
        return items_of(self.sections)

    def commitments(self) -> list[Item]:
        """The items that are commitments (not past results, framing or parts of a notice)."""
        return [it for it in items_of(self.sections) if it.kind == "commitment"]


def items_of(sections: tuple[Section, ...]) -> list[Item]:
    """The items of ``sections`` in document order: a section's items, then its subsections'."""
    out: list[Item] = []
    todo = list(reversed(sections))
    while todo:
        s = todo.pop()
        out.extend(s.items)
        if s.sections:
            todo.extend(reversed(s.sections))
    return out


def _reduce(self):  # type: ignore[no-untyped-def]
    """Pickle a frozen slotted dataclass as a constructor call: the ``__setstate__`` that
    ``dataclasses`` generates for these is slow Python, and the parse cache loads ~10⁵ of them."""
    cls = type(self)
    return (cls, tuple(getattr(self, name) for name in cls.__match_args__))


for _cls in (Problem, Source, CleanText, Item, Section, Metadata, ParsedDoc, Document):
    _cls.__reduce__ = _reduce  # type: ignore[method-assign]
