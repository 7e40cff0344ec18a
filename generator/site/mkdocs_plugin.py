"""The MkDocs plugin ``plansite``: puts the pages' raw-HTML fragments back (see ``render.fragments``).

Configured in ``mkdocs.yml`` as ``plugins: [plansite]``; registered through the
``mkdocs.plugins`` entry point in ``pyproject.toml``.
"""

from __future__ import annotations

from mkdocs.plugins import BasePlugin

from ..render.html_fragments import join, split


class PlansitePlugin(BasePlugin):  # type: ignore[type-arg]
    def __init__(self) -> None:
        self._parts: dict[str, list[str]] = {}

    def on_page_markdown(self, markdown: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
        text, parts = split(markdown)
        if parts:
            self._parts[page.file.src_uri] = parts
        return text

    def on_page_content(self, html: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
        parts = self._parts.pop(page.file.src_uri, None)
        return join(html, parts) if parts else html
