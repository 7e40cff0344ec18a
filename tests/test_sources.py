"""Stage sources: encodings, HTML, and unreadable files that do not stop the others."""

from __future__ import annotations

import codecs
from pathlib import Path

from generator.sources import load_sources, read_source

TEXT = "关于印发《2023年松江民政工作要点》的通知\n1、推进“政策找人”工作。一是要深化。\n"


def _write(root: Path, name: str, data: bytes) -> Path:
    path = root / name
    path.write_bytes(data)
    return path


def test_encodings(tmp_path: Path) -> None:
    cases = {
        "utf8.txt": (TEXT.encode("utf-8"), "utf-8"),
        "bom.txt": (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        "gbk.txt": (TEXT.encode("gbk"), "gb18030"),
        "utf16.txt": (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    }
    for name, (data, enc) in cases.items():
        src = read_source(_write(tmp_path, name, data), tmp_path)
        assert src.text.lstrip("\ufeff") == TEXT, name
        assert src.encoding == enc


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    html = """<html><head><title>站点标题</title><meta name="ArticleTitle" content="关于印发工作要点的通知">
    <meta name="PubDate" content="2023-02-10"><script>var x = "脚本内容";</script><style>.a{}</style></head>
    <body><nav>首页 导航栏目</nav><table><tr><td>索引号：</td><td>XM-1</td><td>发文字号：</td><td>厦湖民〔2021〕11号</td></tr></table>
    <div id="zoom"><p>一、总体要求</p><p>1.加强救助。内容。</p></div><footer>网站页脚 版权所有</footer></body></html>"""
    src = read_source(_write(tmp_path, "page.html", html.encode("utf-8")), tmp_path)
    assert src.format == "html"
    assert "一、总体要求" in src.text and "1.加强救助。内容。" in src.text
    for chrome in ("脚本内容", "导航栏目", "网站页脚"):
        assert chrome not in src.text
    meta = dict(src.meta)
    assert meta["title"] == "关于印发工作要点的通知"
    assert meta["published"] == "2023-02-10"  # PubDate: when the portal published it, not the date signed
    assert "date" not in meta
    assert meta["index_number"] == "XM-1"
    assert meta["doc_number"] == "厦湖民〔2021〕11号"


def test_bad_files_are_reported_and_others_go_on(tmp_path: Path) -> None:
    _write(tmp_path, "good.txt", TEXT.encode("utf-8"))
    _write(tmp_path, "empty.txt", b"")
    _write(tmp_path, "binary.txt", bytes(range(256)) * 20)
    _write(tmp_path, "picture.png", b"\x89PNG\r\n")
    sources, problems = load_sources(tmp_path)
    assert [s.path for s in sources] == ["good.txt"]
    reasons = {p.path: p.message for p in problems}
    assert set(reasons) == {"empty.txt", "binary.txt", "picture.png"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "unsupported file type" in reasons["picture.png"]
    assert all(p.severity == "error" for p in problems)


def test_translation_catalogs_are_not_sources(tmp_path: Path) -> None:
    _write(tmp_path, "good.txt", TEXT.encode("utf-8"))
    (tmp_path / "en").mkdir()
    _write(tmp_path / "en", "doc.po", b'msgid ""\n')
    sources, problems = load_sources(tmp_path)
    assert [s.path for s in sources] == ["good.txt"] and not problems


EDGE_PAGES = (
    "",
    "<html></html>",
    "\ufeff<html><body><p>BOM</p></body></html>",
    "plain text, no element",
    "<html><head><title> 标题 <!--c--> 二 </title><meta name='ArticleTitle' content=' 文章 '><meta name='pubdate' content='2024-01-02'></head>"
    "<body><div id='zoom'>  </div><div class='x TRS_Editor y'>正文<!-- hidden --><b>粗</b>\n\n  <span>一</span> <span>二</span>\f<span>三</span>"
    "<br>四<ruby>區<rt>qū</rt><rp>(</rp></ruby>尾<script>var x=1;</script>后<pre>  a \n  b  </pre><textarea>   </textarea></div></body></html>",
    "<html><body><aside><div id='content'>侧栏</div></aside><article><p>文</p><header>头</header>尾巴</article></body></html>",
    "<html><body><table><tr><td>索引号：</td><td> 123<!--x--> 456 <script>s</script></td><td>发文字号</td><td><table><tr><td>内</td></tr></table></td></tr>"
    "<tr><th>标题</th><td><rt>r</rt>真标题</td></tr></table><div class='content'><form><p>表单</p></form>内容<svg><title>svg标题</title></svg></div></body></html>",
    "<html><head><title></title></head><body><main>  <nav>n</nav> </main><div class='article_con'>AC</div></body></html>",
    "<div>no html element <template><p>t</p></template> tail</div>\r\n<p>x\r\ny</p>",
    "<html><body><p>a&nbsp;b&amp;c &lt;d&gt; &unknown; &#12354;</p><select><option>o</option></select><button>b</button>after</body></html>",
    "<html><body><div class='pages_content'><section><h1>H</h1><blockquote>Q</blockquote><dl><dt>T</dt><dd>D</dd></dl><ul><li>L1<li>L2</ul></section></div></body></html>",
    "<html><body><noscript><div id='UCAP-CONTENT'>ns</div></noscript><div id='UCAP-CONTENT'>real</div></body></html>",
    "<html><body>\u3000\u3000全角空格\u3000行 \t tab<iframe>if</iframe><object>ob</object>x<footer>f</footer></body></html>",
    "<html><head><meta property='article:published_time' content='2024-05-06'></head><body><div id='zoom'>甲<table><tr><td></td><td>2020年</td><td> 2025年 </td></tr>"
    "<tr><td>低保<br>标准</td><td><p>620</p></td><td>≥750<span style='display: none'>隐</span></td></tr></table>乙<table><tr><td>索引号：</td><td>A-1</td></tr>"
    "<tr><td>发文字号</td><td>B号</td></tr></table><table><tr><td>左</td></tr><tr><td>右</td></tr></table><p hidden>藏</p></div>"
    "<em id='publish_time'>2024年5月6日</em></body></html>",
)


def test_html_text_is_what_beautiful_soup_reads(tmp_path: Path) -> None:
    """``html_text`` walks lxml's tree itself (7 times faster than Beautiful Soup did); on the
    synthetic corpus's HTML pages (gov-site chrome, metadata tables, GB18030), the hostile page of
    the bad-input tests and pages made to hit each rule (comments, ruby, whitespace runs, ``pre``,
    content selectors inside dropped parts, nested tables), its text and metadata are those of the
    Beautiful Soup reader it replaced (``tests/html_reference.py``)."""
    from benchmarks.synth import make_corpus
    from generator.sources import decode
    from generator.sources.html_text import html_to_text

    from .badinput import HOSTILE_HTML
    from .html_reference import html_to_text as reference

    make_corpus(60, tmp_path, 0)
    pages = [decode(p.read_bytes())[0] for p in sorted(tmp_path.rglob("*.html"))]
    assert len(pages) >= 5
    for page in (*pages, HOSTILE_HTML, *EDGE_PAGES):
        assert html_to_text(page) == reference(page), page[:200]
    # whitespace between elements: a line break when it has a newline, else a space; ruby readings
    # and scripts are not text; <br> and <pre> are blocks
    assert html_to_text(EDGE_PAGES[4]) == (
        "正文粗\n一 二 三\n四區尾后\na\nb",
        (("published", "2024-01-02"), ("title", "文章")),
    )
    # rows of a data table in the main content are TAB lines (an empty cell kept), a metadata table
    # there gives label：value lines, a layout table's cells are blocks; hidden elements are not text
    assert html_to_text(EDGE_PAGES[13])[0] == "甲\n\t2020年\t2025年\n低保 标准\t620\t≥750\n乙\n索引号：A-1\n发文字号：B号\n左\n右"
