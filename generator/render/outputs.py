"""What render hands on: generated files, each either its text or a declaration of how to make it.

A declared file (``Output``) names what it is made from (``inputs``: plain values — a
document's source key, a language, its translations, the links it shows) and how to make it
(``make``). Render never decides whether to make it: the incremental layer
(``incremental.outputs``) keys the inputs, reads what is cached and makes only the misses.
Without a cache, every ``make`` is called; the files are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Union

from ..assemble.related import Related

LANGS = ("zh", "en")
PREFIX = {"zh": "", "en": "en/"}
"""Where each language tree starts under ``docs/``."""


@dataclass(frozen=True)
class Output:
    """A file (or a part of one) declared by what it is made from."""

    kind: str
    """What it is (``page``, ``log``, ``themes``, ``record``, ``theme``, ``index`` …): the suffix of its key."""
    inputs: Callable[[], object]
    """What it is made from besides the generator: JSON values (``bytes`` for inputs already
    encoded). Called only when its key is needed."""
    make: Callable[..., str]
    """Makes the text (given ``base``'s text when there is a base)."""
    base: Output | None = None
    """An output this one is made from (e.g. an export record from its body without related
    items): cached on its own, so a change in what only this one reads does not make it again."""


@dataclass(frozen=True)
class Joined:
    """A large file made of parts in order (the export): parts are texts or outputs."""

    parts: list[str | Output]


File = Union[str, Output, Joined]
"""A generated file as render gives it."""


@dataclass(frozen=True)
class SiteInput:
    """Everything the renderer needs besides the documents (made by the stages before it)."""

    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    """doc id → segment id → English."""
    coverage: dict[str, tuple[int, int]] = field(default_factory=dict)
    """doc id → (translated segments, all segments)."""
    related: Related = field(default_factory=dict)
    """(doc id, item id) → related (doc id, item id, score)."""
    chars: frozenset[str] | None = None
    """Every character of the corpus's cleaned texts, when known (else read from the documents)."""
    problems: list = field(default_factory=list)  # type: ignore[type-arg]
    """What the stages after parsing found wrong with a file (a translation catalog that cannot be
    read, or that no document uses); reported with the corpus's problems, not rendered."""
