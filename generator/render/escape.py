"""Make source text inert in Markdown: it is data, never markup or code.

HTML specials become entities (so ``<script>`` is shown, not run) and every
character Python-Markdown treats as syntax is backslash-escaped (links, images,
emphasis, ``{#id}`` attribute lists, ``!!!`` admonitions, tables). MkDocs does
not evaluate Jinja in pages, so ``{{ … }}`` and ``{% … %}`` only need their
braces escaped to stay text; ``--8<--`` is inert because the snippets
extension is not enabled and ``-`` is escaped.
"""

from __future__ import annotations

import re

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|~^=:$])")
"""Markdown syntax characters (Python-Markdown's escapes plus table/extension ones)."""
_SAFE_ESCAPES = set("\\`*_{}[]()>#+-.!|")


_ANY_SPECIAL = re.compile(r"[\\`*_{}\[\]()>#+\-.!|~^=:$&<\"\n]")


def escape_md(text: str) -> str:
    """Escape one line (or paragraph) of source text for a Markdown page."""
    if not _ANY_SPECIAL.search(text):  # most labels and titles: nothing to escape
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    text = text.replace("&gt;", "\x00")  # keep the entity, not a blockquote marker
    out = MD_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) in _SAFE_ESCAPES else _entity(m.group(1)), text)
    return out.replace("\x00", "&gt;").replace("\n", " ")


def _entity(c: str) -> str:
    return f"&#{ord(c)};"


def escape_attr(text: str) -> str:
    """Escape text for an HTML attribute value or a YAML front-matter string."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def escape_html(text: str) -> str:
    """Escape source text for a raw HTML block (MkDocs passes such blocks through unparsed)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("\n", " ")
