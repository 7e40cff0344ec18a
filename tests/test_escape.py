"""Source text is data: nothing in it becomes HTML, a link, an attribute list or template syntax."""

from __future__ import annotations

import markdown
import pytest

from generator.render.escape import escape_md

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[点我](javascript:alert(1))",
    "![图](http://example.com/x.png)",
    "{{ config.site_name }} {% include 'x' %}",
    '!!! note "注意"',
    '--8<-- "README.md"',
    "标题 {#evil .cls}",
    "**粗体** _斜体_ `代码`",
    "# 不是标题",
    "| 表 | 格 |",
    "&lt;b&gt; &amp;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_text(text: str) -> None:
    md = markdown.Markdown(extensions=["attr_list", "tables", "admonition", "toc"])
    html = md.convert(escape_md(text))
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html[3:-4]
    assert "<" not in inner.replace("&lt;", "")
    for tag in ("<script", "<img", "<a ", "<strong", "<em", "<code", "<h1", "<table", "<div"):
        assert tag not in html
    # what the reader sees is the source text itself
    import html as html_lib

    assert html_lib.unescape(inner) == text
