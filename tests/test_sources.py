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
    assert meta["date"] == "2023-02-10"
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
