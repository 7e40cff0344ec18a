"""The built site (``plansite build`` → ``mkdocs build --strict``) from the seeds, as a reader gets it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.render.cleaning_log import rule_name
from generator.render.env import cleaning_rules

from .sitebuild import plansite

CHROME = ("扫一扫", "浏览次数", "字号：【", "字号:【", "发布日期:", "发布日期：", "抄 送", "上传人", "点击查看更多")


def test_strict_build_writes_pages_and_export(built: Path) -> None:
    site = built / "site"
    for doc_id in ("songjiang-2023-work-points", "jiangsu-2023-work-points", "huli-2021-work-points"):
        assert (site / "documents" / doc_id / "index.html").exists()
        assert (site / "documents" / doc_id / "cleaning-log" / "index.html").exists()
    data = json.loads((site / "data" / "plans.json").read_text(encoding="utf-8"))
    docs = {d["id"]: d for d in data["documents"]}
    sj = docs["songjiang-2023-work-points"]
    for key in ("id", "title", "notice_title", "doc_number", "issuer", "date", "year", "kind", "region", "sources", "sections", "items", "cleaning"):
        assert key in sj
    assert [s["path"][:3] for s in sj["sources"]] == ["001", "000"]
    assert all(len(s["sha256"]) == 64 for s in sj["sources"])
    assert len(sj["items"]) == 33 and sj["items"][6]["id"] == "item-7"
    assert sj["sections"][0]["sections"][0]["items"] == ["item-1", "item-2", "item-3", "item-4"]
    assert {c["rule"] for c in sj["cleaning"]} >= {"pinyin", "simplify", "chrome", "lost-bytes"}


def test_documents_index_lists_every_document(built: Path) -> None:
    index = (built / "docs" / "documents" / "index.md").read_text(encoding="utf-8")
    assert (
        "| [2023年松江民政工作要点](songjiang-2023-work-points/index.md) | 沪松民〔2023〕12号 | 2023\\-02\\-23 | 松江区 | 2023 | 工作要点 | 上海市松江区民政局 | 33 |"
        in index
    )
    assert "| 江苏省民政厅 | 44 |" in index and "| 湖里区民政局 | 28 |" in index


def test_items_have_stable_anchors_not_ordinal_ids(built: Path) -> None:
    html = (built / "site" / "documents" / "songjiang-2023-work-points" / "index.html").read_text(encoding="utf-8")
    for n in range(1, 34):
        assert f'id="item-{n}"' in html
    assert not re.search(r'id="_\d+"', html)
    jiangsu = (built / "site" / "documents" / "jiangsu-2023-work-points" / "index.html").read_text(encoding="utf-8")
    assert 'id="item-32"' in jiangsu and "提升婚姻管理工作质量" in jiangsu


def test_no_chrome_or_pinyin_in_generated_pages(built: Path) -> None:
    for page in (built / "docs" / "documents").rglob("index.md"):
        text = page.read_text(encoding="utf-8")
        for chrome in CHROME:
            assert chrome not in text, (page, chrome)
        assert not re.search(r"\((?:qū|hào|men|guān|fā)\)", text), page


def test_no_off_site_resources(built: Path) -> None:
    for page in (built / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        for src in re.findall(r'<(?:script|link|img)(?![^>]*rel="canonical")[^>]+(?:src|href)="(https?://[^"]+)"', html):
            pytest.fail(f"{page} loads {src}")


def test_chinese_ui_and_search_index(built: Path) -> None:
    html = (built / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in html
    folder = built / "site" / "search-index" / "zh"
    rows = [r for chunk in folder.glob("records-*.json") for r in json.loads(chunk.read_text(encoding="utf-8"))]
    urls = {r["u"] for r in rows}
    assert "documents/songjiang-2023-work-points/#item-7" in urls  # every commitment is its own search entry


def test_rebuild_is_byte_identical(built: Path) -> None:
    before = {p: p.read_bytes() for p in (built / "docs").rglob("*") if p.is_file()}
    result = plansite(built, "build")
    assert result.returncode == 0
    assert "0 files written" in result.stdout
    after = {p: p.read_bytes() for p in (built / "docs").rglob("*") if p.is_file()}
    assert before == after


def test_every_internal_link_resolves(built: Path) -> None:
    """Links written as raw HTML (chips, related items, outlines, theme lists) are not checked by
    MkDocs: every link inside the content of every page must reach a page and, with #, an id on it."""
    from urllib.parse import unquote, urljoin

    from bs4 import BeautifulSoup

    site = built / "site"
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
            ids[page] = {el["id"] for el in soup.select("[id]")}
        return ids[page]

    broken = []
    checked = 0
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        url = "/" + page.relative_to(site).as_posix()
        for a in soup.select("article a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:", "mailto:")) or href.startswith("/search-index"):
                continue
            target = unquote(urljoin(url, href))
            path, _, anchor = target.partition("#")
            path = path.partition("?")[0]  # a query (the compare page's ?a=) selects within the page
            file = site / path.lstrip("/")
            if path.endswith("/") or file.is_dir():
                file = file / "index.html"
            checked += 1
            if not file.is_file():
                broken.append((url, href, "no page"))
            elif anchor and anchor not in ids_of(file):
                broken.append((url, href, "no anchor"))
    assert checked > 1000
    assert broken == []


def test_language_switch_links_reach_the_same_page_in_each_language(built: Path) -> None:
    """The header's language menu on every page, the 404 pages included (MkDocs gives those an
    absolute base URL), links to the page itself and to the same path in the other tree."""
    from urllib.parse import urljoin, urlsplit

    from bs4 import BeautifulSoup

    site = built / "site"
    seen = 0
    for page in sorted(site.rglob("*.html")):
        url = "/" + page.relative_to(site).as_posix()
        if (site / "search-index") in page.parents:
            continue
        links = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("a.plansite-lang")
        assert sorted(a["hreflang"] for a in links) == ["en", "zh"], url
        zh_path = url.removeprefix("/en")
        if zh_path.endswith("/404.html"):
            zh_path = "/"  # the 404 page's menu leads to each language's home page
        for a in links:
            target = urlsplit(urljoin(url, a["href"]))
            assert not target.netloc, (url, a["href"])
            path = target.path + ("index.html" if target.path.endswith("/") else "")
            assert (site / path.lstrip("/")).is_file(), (url, a["href"])
            expected = ("/en" if a["hreflang"] == "en" else "") + zh_path.removesuffix("index.html")
            assert target.path == expected, (url, a["href"], expected)
            seen += 1
    assert seen > 100


def test_fragments_are_put_back_and_markers_gone(built: Path) -> None:
    """Heavy HTML parts travel beside the Markdown (generator/render/fragments.py) and the
    plansite MkDocs plugin puts each back where its marker was."""
    from generator.render.html_fragments import MARKER, split

    page = (built / "docs" / "documents" / "songjiang-2023-work-points" / "index.md").read_text(encoding="utf-8")
    text, parts = split(page)
    assert len(parts) >= 33 and len(MARKER.findall(text)) == len(parts)
    assert "<!--plansite:fragments" not in text
    for html in (built / "site").rglob("*.html"):
        assert "plansite:fragment" not in html.read_text(encoding="utf-8"), html
    built_page = (built / "site" / "documents" / "songjiang-2023-work-points" / "index.html").read_text(encoding="utf-8")
    assert "推进“政策找人”" in built_page or "政策找人" in built_page


def test_cleaning_log_groups_identical_edits(built: Path) -> None:
    """One row per distinct edit, listing every line (with a count when a line has several):
    the 62 restorations of 开展 → 发展 in 003 are one row, not 62."""
    from bs4 import BeautifulSoup

    page = built / "site" / "documents" / "songjiang-2021-2025-five-year-plan" / "cleaning-log" / "index.html"
    rows = [[td.get_text() for td in tr.select("td")] for tr in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("tbody tr")]
    fazhan = [r for r in rows if r[0] == rule_name("restore-context", "zh") and r[2] == "开展" and r[3] == "发展"]
    assert len(fazhan) == 1
    counted = sum(int(part.split("×")[1]) if "×" in part else 1 for part in fazhan[0][1].split(", "))
    assert counted == 62


def test_cleaning_log_names_and_explains_its_rules_in_each_language(built: Path) -> None:
    """A reader of the log sees each rule by its name in the page's language, and the page ends
    with what each rule it uses does; every rule the cleaner can record has both."""
    from bs4 import BeautifulSoup

    from generator.clean import RULES

    outcomes = {"restore-safe", "restore-context", "restore-uncertain"}  # what the restore rule records (clean/restore.py)
    recorded = {r.name for r in RULES if r.name != "restore"} | outcomes
    assert set(cleaning_rules()) == recorded
    for rule, entry in cleaning_rules().items():
        assert all(entry[lang]["name"] and entry[lang]["text"] for lang in ("zh", "en")), rule
    pages = 0
    for page in sorted((built / "site").rglob("cleaning-log/index.html")):
        lang = "en" if (built / "site" / "en") in page.parents else "zh"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        used = {tr.td.get_text() for tr in soup.select("tbody tr") if len(tr.select("td")) == 4}  # not the repairs table
        legend = soup.select_one("#rules").find_next("ul").select("li")
        assert used == {li.strong.get_text() for li in legend}, page
        for li in legend:
            rule = li.code.get_text()
            assert li.strong.get_text() == rule_name(rule, lang)
            assert cleaning_rules()[rule][lang]["text"][:10] in li.get_text()
        pages += 1
    assert pages == 8
