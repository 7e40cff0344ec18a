"""The MkDocs plugin ``plansite``: puts the pages' raw-HTML fragments back (see ``render.fragments``)
and hands the site chrome its interface labels.

Configured in ``mkdocs.yml`` as ``plugins: [plansite]``; registered through the
``mkdocs.plugins`` entry point in ``pyproject.toml``.
"""

from __future__ import annotations

from mkdocs.plugins import BasePlugin

from ..render.env import labels
from ..render.html_fragments import join, split

UI_PREFIX = "ui_"
"""Labels (``data/labels.yaml``) of the chrome in ``overrides/`` (reading aids, skip link): the
templates read them as ``config.extra.ui.<key without prefix>``, in the tree's language."""


def ui_labels(lang: str) -> dict[str, str]:
    return {key[len(UI_PREFIX) :]: value[lang] for key, value in labels().items() if key.startswith(UI_PREFIX)}


class PlansitePlugin(BasePlugin):  # type: ignore[type-arg]
    def __init__(self) -> None:
        self._parts: dict[str, list[str]] = {}

    def on_config(self, config):  # type: ignore[no-untyped-def]
        config.extra["ui"] = ui_labels("en" if config.theme.get("language") == "en" else "zh")
        return config

    def on_page_markdown(self, markdown: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
        text, parts = split(markdown)
        if parts:
            self._parts[page.file.src_uri] = parts
        return text

    def on_page_content(self, html: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
        parts = self._parts.pop(page.file.src_uri, None)
        return join(html, parts) if parts else html
