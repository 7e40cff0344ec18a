"""Main-content extraction of HTML notices (issue 20, HTML): the portal and WeChat pages of the wild
corpus against their truth files, table rows as TAB lines, the metadata keys, pages of a CMS shape
no fixture has, and the seeds (text sources: wrapped in a page, their lines come out unchanged)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from benchmarks.fidelity import grams, strings_of_truth
from generator.sources import decode, looks_like_html
from generator.sources.html_text import _edge_chrome, html_to_text

from .conftest import SOURCES

WILD = Path(__file__).resolve().parent / "fixtures" / "wild"
PAGES = sorted(WILD.glob("*.html"))
LEFT_FOR_THE_CLEANER = {"c03-yinzhou-2021-2025-five-year-plan": ["目 录"]}
"""Lines of a notice's own body that are not in its truth (a plan's table of contents): the
cleaner's to remove, not the extractor's."""


def _truth(stem: str) -> list[str]:
    return (WILD / f"{stem}.truth.txt").read_text(encoding="utf-8").splitlines()


def _extract(page: Path) -> tuple[str, dict[str, str]]:
    text, meta = html_to_text(decode(page.read_bytes())[0])
    if "traditional" in yaml.safe_load((WILD / f"{page.stem}.expect.yaml").read_text(encoding="utf-8"))["shapes"]:
        from generator.clean.script import simplify  # the truth is simplified: compare like with like

        text = simplify(text).text
    return text, dict(meta)


def _scores(text: str, truth: list[str]) -> tuple[float, float, list[str]]:
    """4-gram recall and precision of ``text`` against ``truth`` (multisets, cell by cell, as the
    fidelity scorer counts them) and the lines none of whose 4-grams is in the truth."""
    t = Counter(g for s in strings_of_truth(truth) for g in grams(s))
    e = Counter(g for s in strings_of_truth(text.splitlines()) for g in grams(s))
    common = sum((t & e).values())
    alien = [ln for ln in text.splitlines() if re.search(r"[\u4e00-\u9fff]", ln) and not any(g in t for g in grams(ln))]
    return common / sum(t.values()), common / max(1, sum(e.values())), alien


@pytest.mark.parametrize("page", PAGES, ids=[p.stem[:3] for p in PAGES])
def test_wild_page_is_its_notice(page: Path) -> None:
    """Measured on the 16 pages when this was built, the traditional b07 not simplified: mean
    4-gram recall 0.940 → 0.947, precision 0.912 → 0.944, chrome lines 44 → 1 (the old selectors
    → this extractor); trafilatura 0.935 / 0.897 / 14, readability-lxml 0.933 / 0.941 / 5."""
    text, _ = _extract(page)
    recall, precision, alien = _scores(text, _truth(page.stem))
    assert sum("\t" in ln for ln in text.splitlines()) == sum("\t" in ln for ln in _truth(page.stem))  # TABs: table rows only
    assert recall >= 0.98, (page.stem, recall)
    assert precision >= 0.95, (page.stem, precision)
    assert alien == LEFT_FOR_THE_CLEANER.get(page.stem, []), page.stem


@pytest.mark.parametrize("stem", ["a08-zunyi-2023-dibao-standard", "c03-yinzhou-2021-2025-five-year-plan", "c07-gansu-2025-work-points"])
def test_table_rows_are_tab_lines(stem: str) -> None:
    """An annex or indicator <table> in the main content: one line a row, cells TAB-separated and
    equal to the truth's; no other line holds a TAB; the metadata table outside is not text."""
    text, _ = _extract(WILD / f"{stem}.html")
    rows = [ln for ln in text.splitlines() if "\t" in ln]
    want = [ln for ln in _truth(stem) if "\t" in ln]
    assert [[" ".join(c.split()) for c in r.split("\t")] for r in rows] == [[" ".join(c.split()) for c in r.split("\t")] for r in want]
    assert "索引号" not in text and "主题分类" not in text


def _day(value: str) -> str:
    m = re.search(r"(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})", value)
    return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}" if m else value


@pytest.mark.parametrize("page", PAGES, ids=[p.stem[:3] for p in PAGES])
def test_published_and_signed_dates_are_apart(page: Path) -> None:
    """The portal's publication time (PubDate, article:published_time, 发布日期, WeChat's publish
    time) is ``published``; only 成文日期 / 公文生成日期 is ``date``, the date as signed."""
    _, meta = _extract(page)
    expect = yaml.safe_load((WILD / f"{page.stem}.expect.yaml").read_text(encoding="utf-8"))["meta"]
    assert _day(meta["published"]) == expect["published"]
    if "date" in meta:
        assert _day(meta["date"]) == expect["date"]
    assert meta["title"]  # a fallback the parser uses only when the text has no 《…》


def test_metadata_table_and_meta_keys() -> None:
    _, meta = _extract(WILD / "d04-songyang-2024-homecare-plan.html")
    assert meta["date"] == "2024-04-08" and meta["published"].startswith("2024-04-10")  # 成文日期 vs PubDate
    assert meta["doc_number"] == "松民发〔2024〕9号" and meta["index_number"] == "002660195/2024-061317"
    assert meta["issuer"] == "松阳县民政局"  # 发布机构
    _, meta = _extract(WILD / "c04-wuhu-2022-dibao-measures.html")
    assert meta["index_number"] == "11340200MB1568473X/202206-00017" and _day(meta["published"]) == "2022-06-23"  # 信息索引号, 生成日期
    _, meta = _extract(WILD / "d05-baoji-2025-workpoints.html")
    assert "issuer" not in meta  # ContentSource (办公室) is the column's source, not the issuer
    assert meta["title"] == "宝鸡市民政局关于印发2025年全市民政工作要点的通知"  # ArticleTitle, not ColumnName


def test_wechat_chrome_is_not_text() -> None:
    text, meta = _extract(WILD / "b01-shunqing-wechat-2024.html")
    lines = text.splitlines()
    truth = _truth("b01-shunqing-wechat-2024")
    assert lines[0] == truth[0] and lines[-1] == truth[-1]  # 点击蓝字关注我们 … 长按识别二维码关注 / 顺庆民政 left out
    for chrome in ("原创", "顺庆民政", "阅读原文", "在看", "点赞", "写留言", "往期推荐", "二维码", "编辑：", "审核：", "微信扫一扫"):
        assert not any(ln == chrome or ln.startswith(chrome) or chrome in ln and len(ln) < 20 for ln in lines), chrome
    assert _day(meta["published"]) == "2024-02-28"


ARTICLE = [
    "关于做好2024年冬春救助工作的通知",
    "某应急〔2024〕15号",
    "各乡镇人民政府，县直有关单位：",
    "为切实保障困难群众冬春期间基本生活，现就做好冬春救助工作通知如下：",
    "一、摸清底数",
    "各地要全面排查受灾群众和困难群众冬春生活困难情况，建立工作台账，做到精准救助。",
    "二、加强资金保障",
    "县财政安排冬春救助资金200万元，于12月底前下拨到位。",
    "某某县应急管理局",
    "2024年11月20日",
]
SIDEBAR = (
    '<div class="col-md-4 widget-area"><h4>热点新闻</h4><ul>'
    + "".join(f'<li><a href="/n/{i}.html">县领导调研冬季安全生产工作情况（{i}）</a></li>' for i in range(8))
    + '</ul><div class="about"><p>本站是某某县人民政府的官方网站，发布政务信息，提供在线服务，欢迎广大群众监督。</p></div></div>'
)
FOOTER = (
    '<div class="site-info"><p><a href="/map">网站地图</a> | <a href="/lx">联系我们</a></p>'
    "<p>主办：某某县人民政府办公室　承办：某某县融媒体中心</p><p>地址：某某县人民路1号，邮编：123456，电话：0000-1234567。建议使用1280×800分辨率浏览本站。</p></div>"
)


TEASERS = (
    '<div class="related"><h3>相关新闻</h3>'
    + "".join(
        f'<div class="item"><a href="/x{i}.html">县民政局召开第{i}次工作会议</a><p>会议指出，要进一步提高认识，压实责任，扎实推进各项工作落地见效。</p></div>'
        for i in range(4)
    )
    + "</div>"
)


def _page(body: str, title: str = "关于做好2024年冬春救助工作的通知-某某县人民政府") -> str:
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body><div class="topbar"><a href="/">首页</a> <a href="/jg">机构设置</a> <a href="/zw">政务公开</a></div>{body}{FOOTER}</body></html>'


def test_unknown_cms_layouts_yield_the_article() -> None:
    """CMS shapes no fixture has and no content selector names: a Bootstrap grid with the article,
    a sidebar (a list of links and a paragraph of prose) and a footer with sentences; the sidebar
    first; lines separated by <br> only; a table-layout page; the article split from its annex table."""
    ps = "".join(f"<p>{x}</p>" for x in ARTICLE)
    nav = '<div class="post-nav"><a href="/p/1.html">上一篇：县召开安全生产工作会议</a><br><a href="/p/2.html">下一篇：冬季森林防火工作部署</a></div>'
    meta = '<div class="post-meta">时间：2024-11-22　来源：县应急管理局　点击：233</div>'
    annex = '<div class="annex"><p>附件</p><table><tr><th>乡镇</th><th>户数</th></tr><tr><td>城关镇</td><td>120</td></tr><tr><td>新城 镇</td><td>95</td></tr></table></div>'
    shapes = {
        "grid": f'<div class="container"><div class="row"><div class="col-md-8"><h2 class="post-heading">{ARTICLE[0]}</h2>{meta}<div class="post-body">{ps}</div>{nav}</div>{SIDEBAR}</div></div>',
        "sidebar first": f'<div id="wrap">{SIDEBAR}<div class="mainbox"><div class="txt">{ps}</div></div></div>',
        "br lines": f'<div class="box">{SIDEBAR}<div class="wz">{"<br>".join(ARTICLE)}</div></div>',
        "table layout": f'<table width="1000"><tr><td><table><tr><td width="200">{SIDEBAR}</td><td>{ps}</td></tr></table></td></tr></table>',
        "annex apart": f'<div class="c1">{SIDEBAR}</div><div class="article-wrap"><div class="part">{ps}</div>{annex}</div>',
        "teasers below": f'<div class="bd"><div class="wen">{ps}</div>{TEASERS}</div>',
    }
    for name, body in shapes.items():
        text, _ = html_to_text(_page(body))
        want = ARTICLE + (["附件", "乡镇\t户数", "城关镇\t120", "新城 镇\t95"] if name == "annex apart" else [])
        assert text.splitlines() == want, name


def test_short_notice_beside_prose_furniture() -> None:
    """A notice of two sentences is not outweighed by a site footer written in sentences nor by a
    list of news teasers (link + summary) next to it."""
    short = [
        "关于暂停办理婚姻登记业务的通知",
        "因系统升级，我局婚姻登记处于2024年5月1日暂停办理婚姻登记业务，恢复时间另行通知。",
        "特此通知。",
        "某某县民政局",
        "2024年4月28日",
    ]
    ps = "".join(f"<p>{x}</p>" for x in short)
    site = "<div class='ft'><p>本网站由某某县人民政府主办，某某县大数据中心承办。未经授权，禁止复制或建立镜像。</p><p>建议使用谷歌浏览器，分辨率1920×1080，以获得最佳浏览效果。</p></div>"
    for body in (f'<div class="bd"><div class="wen">{ps}</div></div>{site}', f'<div class="bd"><div class="wen">{ps}</div>{TEASERS}</div>{site}'):
        assert html_to_text(_page(body))[0].splitlines() == short


def test_page_heading_leads_when_the_body_lacks_it() -> None:
    """The notice's title in the page's heading (an <h1> the <title> declares) is the first line
    when the body starts without it, and is not repeated when the body has it."""
    body = ARTICLE[1:]
    page = _page(f'<div class="main"><h1>{ARTICLE[0]}</h1><div class="txt">{"".join(f"<p>{x}</p>" for x in body)}</div></div>')
    assert html_to_text(page)[0].splitlines() == ARTICLE
    page = _page(f'<div class="main"><h1>{ARTICLE[0]}</h1><div class="txt">{"".join(f"<p>{x}</p>" for x in ARTICLE)}</div></div>')
    assert html_to_text(page)[0].splitlines() == ARTICLE


def _seed_lines(path: Path) -> list[str]:
    return [" ".join(ln.split()) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


@pytest.mark.parametrize("seed", sorted(SOURCES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_in_a_page_comes_out_unchanged(seed: Path) -> None:
    """The seeds are text files (not read as HTML); put in an unknown CMS page one <p> a line, they
    come out as a run of their own lines, unchanged, only furniture at its edges left out."""
    assert not looks_like_html(seed.read_text(encoding="utf-8"))
    lines = _seed_lines(seed)
    body = "".join(f"<p>{ln.replace('&', '&amp;').replace('<', '&lt;')}</p>" for ln in lines)
    text, _ = html_to_text(
        _page(f'<div class="layout"><div class="left-col">{SIDEBAR}</div><div class="right-col"><div class="wz">{body}</div></div></div>', "某某")
    )
    got = text.splitlines()
    start = lines.index(got[0])
    assert got == lines[start : start + len(got)]
    left_out = lines[:start] + lines[start + len(got) :]
    assert all(_edge_chrome((ln, 0.0, False), set()) for ln in left_out), left_out


def test_no_clean_line_is_edge_furniture() -> None:
    """Not one line of the 32 truth files is what the edge rules call furniture."""
    for truth in sorted(WILD.glob("*.truth.txt")):
        for line in truth.read_text(encoding="utf-8").splitlines():
            assert not _edge_chrome((line, 0.0, False), set()), (truth.name, line)
