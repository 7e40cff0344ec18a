"""Declared outputs → what the writer gets: a cached output as a reference to its cache file, a
miss made (and cached), a text as it is.

``Maker.file`` keys an ``render.outputs.Output`` by its inputs (``keys.key``), looks it up in the
page cache and makes it only when it is not there. Without a page cache every output is made.
"""

from __future__ import annotations

from ..render.outputs import File, Joined, Output
from ..site.writer import Cached, text_of
from .keys import key
from .store import PageCache


class Maker:
    """Resolves declared outputs against one page cache (``PageCache(None)``: no cache)."""

    def __init__(self, pages: PageCache | None) -> None:
        self.pages = pages if pages is not None else PageCache(None)
        self._keys: dict[Output, str] = {}

    @property
    def caching(self) -> bool:
        return self.pages.dir is not None

    def key(self, out: Output) -> str:
        if out not in self._keys:
            self._keys[out] = key(out.kind, out.inputs())
        return self._keys[out]

    def has(self, outputs: list[Output]) -> bool:
        """Whether every output is cached (checked in order: the first miss ends it)."""
        return self.caching and all(self.pages.has([self.key(o)]) for o in outputs)

    def file(self, value: File | Cached) -> str | Cached:
        """A generated file for the writer: its text, or a reference to its cache file (given a
        file already made, that file)."""
        if isinstance(value, (str, Cached)):
            return value
        if isinstance(value, Joined):
            return self.pages.spill([p if isinstance(p, str) else self.file(p) for p in value.parts])
        if not self.caching:
            return value.make(self.text(value.base)) if value.base is not None else value.make()
        if value.base is None:
            return self.pages.file(self.key(value), value.make)
        base = value.base
        made = self.pages.file(self.key(value), lambda: value.make(self.text(base)))
        self.pages.keep(self.key(base))  # kept while the document is, for the next change in what only ``value`` reads
        return made

    def text(self, value: File) -> str:
        """An output's text: made (and cached), or read from the cache."""
        if isinstance(value, Output) and self.caching and value.base is None:
            return self.pages.text(self.key(value), value.make)
        return text_of(self.file(value))

    def files(self, values: dict[str, File]) -> dict[str, str | Cached]:
        return {path: self.file(v) for path, v in values.items()}
