"""Heavy raw-HTML parts of a generated page, kept out of MkDocs' Markdown parser.

A document page holds hundreds of item bodies and links, a cleaning log
thousands of table cells, a theme page thousands of list entries. Written as
Markdown (or even as raw HTML inside Markdown) MkDocs parses every piece of
them, which dominated the time of building a large site. The renderer instead
puts each such part, already escaped HTML, in a ``Fragments`` list and leaves a
marker comment in its place; the list is appended to the page as one HTML
comment. The MkDocs plugin ``plansite`` (``generator.mkdocs_plugin``) takes the
list out before Markdown conversion and puts every part back at its marker in
the converted HTML. Headings stay Markdown, so the table of contents and
MkDocs' anchor checks see them.

The page file stays self-contained and deterministic. Fragments never contain
``-->``: source text in them is escaped (``>`` is ``&gt;``).
"""

from __future__ import annotations

import json
import re
from json.encoder import encode_basestring  # the C encoder ``json.dumps(ensure_ascii=False)`` uses

from markupsafe import Markup

OPEN = "<!--plansite:fragments"
CLOSE = "-->"
MARKER = re.compile(r"<!--plansite:fragment (\d+)-->")


class Encoded(str):
    """A fragment already encoded as a JSON string, quotes included (``encode``): a theme page
    is made of thousands of documents' parts kept encoded in the page cache, which then are
    neither decoded nor encoded again."""


def encode(html: str) -> Encoded:
    return Encoded(encode_basestring(str(html)))


class Fragments:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.encoded = False

    def add(self, html: str) -> Markup:
        """Keep ``html`` (escaped HTML, or ``Encoded``) aside; return the marker to put in the page."""
        if not html:
            return Markup("")
        if isinstance(html, Encoded):
            self.encoded = True
            self.parts.append(html)
        else:
            self.parts.append(str(html))
        return Markup(f"<!--plansite:fragment {len(self.parts) - 1}-->")

    def block(self) -> str:
        """The list, as the page's last lines (empty when nothing was kept aside); the same text
        whether parts came ``Encoded`` or not."""
        if not self.parts:
            return ""
        if self.encoded:
            body = "[" + ",".join(p if isinstance(p, Encoded) else encode_basestring(p) for p in self.parts) + "]"
        else:
            body = json.dumps(self.parts, ensure_ascii=False, separators=(",", ":"))
        return f"\n{OPEN}\n{body}\n{CLOSE}\n"


def split(markdown: str) -> tuple[str, list[str]]:
    """A page's Markdown without its fragment list, and the list."""
    start = markdown.rfind(f"\n{OPEN}\n")
    if start < 0:
        return markdown, []
    end = markdown.find(f"\n{CLOSE}", start + len(OPEN) + 2)
    if end < 0:
        return markdown, []
    parts = json.loads(markdown[start + len(OPEN) + 2 : end])
    return markdown[:start] + markdown[end + len(CLOSE) + 1 :], parts


def join(html: str, parts: list[str]) -> str:
    """The converted page with every marker replaced by its part."""
    return MARKER.sub(lambda m: parts[int(m.group(1))], html)
