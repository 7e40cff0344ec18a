"""Render, the theme pages of one language: a landing page per theme, a page per theme and
period (``theme_pages.period``) and the themes index, declared by what they are made from.

A theme page lists the items of many documents; it is made from each document's *part*
(``theme_pages.theme_blocks``, an output of its own). A page's inputs name its documents and
their parts (by the identity the caller gives a part: its cache key, or its text), so a page is
made again only when a document on it or its part changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..assemble.themes import taxonomy
from ..model import Document
from .html_fragments import Encoded
from .outputs import PREFIX, File, Output
from .site_pages import Site
from .theme_pages import read_blocks, render_theme_index, render_theme_landing, render_theme_page, theme_counts, theme_order, theme_periods


@dataclass
class ThemeSite:
    """The documents on each theme's pages, per period (the same for both languages)."""

    site: Site
    ordered: list[Document] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    by_theme: dict[str, dict[str, list[Document]]] = field(default_factory=dict)
    """theme id → period → the documents on that page, in ``theme_order``"""

    def __post_init__(self) -> None:
        self.ordered = theme_order(self.site.docs)
        self.counts = {d.id: theme_counts(d) for d in self.site.docs}
        self.by_theme = {theme.id: theme_periods(self.ordered, self.counts, theme.id) for theme in taxonomy()}

    def pages(self, lang: str, part_id: Callable[[str], str], part_text: Callable[[str], str]) -> dict[str, File]:
        """Every theme page of ``lang`` by path; ``part_id(doc id)``: what identifies a document's
        part (its cache key, or its text), ``part_text(doc id)``: the part's text, read when a page
        is made."""
        blocks: dict[str, dict[str, tuple[int, Encoded]]] = {lang: {}}  # parts read so far (a document is on many pages)
        files: dict[str, File] = {}
        for theme in taxonomy():
            by_period = self.by_theme[theme.id]
            periods = tuple(by_period)
            for slug, on_docs in by_period.items():
                on = [d.id for d in on_docs]
                files[f"{PREFIX[lang]}themes/{theme.id}/{slug}.md"] = Output(
                    "theme",
                    lambda theme=theme, slug=slug, periods=periods, on=on: [lang, theme.id, slug, periods, [(i, part_id(i)) for i in on]],
                    lambda theme=theme, slug=slug, periods=periods, on_docs=on_docs: self._page(theme, lang, slug, periods, on_docs, blocks, part_text),
                )
        for theme in taxonomy():
            files[f"{PREFIX[lang]}themes/{theme.id}.md"] = render_theme_landing(theme, self.by_theme[theme.id], self.counts, lang)
        files[f"{PREFIX[lang]}themes/index.md"] = render_theme_index(self.ordered, self.site.voices[lang].__getitem__, lang, self.counts)
        return files

    def _page(self, theme, lang: str, slug: str, periods: tuple[str, ...], on_docs: list[Document], blocks, part_text) -> str:  # type: ignore[no-untyped-def]
        read = blocks[lang]
        for d in on_docs:
            if d.id not in read:
                read[d.id] = read_blocks(part_text(d.id))
        return render_theme_page(theme, on_docs, self.site.voices[lang].__getitem__, lang, read, slug, periods)
