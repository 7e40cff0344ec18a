"""The cleaning rules on notices they were not written from (issue 20, part 2 "Text").

Real inputs only: the wild corpus (tests/fixtures/wild/: each source with its truth text and
labels) and the seeds. Each rule removes what it should on a notice of that shape, and no rule
changes clean text: the whole clean stage run over every ``<stem>.truth.txt`` as if it were a
source changes nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from generator.clean import clean
from generator.clean.chrome import strip_chrome
from generator.clean.chrome_lines import _marks, _ui
from generator.clean.script import traditional_only
from generator.model import CleanText, Source
from generator.sources import read_source

from .conftest import SOURCES

WILD = Path(__file__).parent / "fixtures" / "wild"
SHARED_SEEDS = Path("/work/shared/seeds")
STEMS = sorted(p.name.removesuffix(".expect.yaml") for p in WILD.glob("*.expect.yaml"))
SEEDS = sorted({p.name: p for d in (SOURCES, SHARED_SEEDS) if d.is_dir() for p in d.glob("*.txt")}.values())


@lru_cache(maxsize=None)
def expect(stem: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((WILD / f"{stem}.expect.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def cleaned(stem: str) -> CleanText:
    return clean(read_source((WILD / expect(stem)["source"]).resolve(), WILD.resolve()))


def truth(stem: str) -> list[str]:
    return (WILD / f"{stem}.truth.txt").read_text(encoding="utf-8").splitlines()


def lines_of(c: CleanText) -> list[str]:
    return [ln for ln in c.text.split("\n") if ln.strip()]


def as_source(text: str, name: str = "t.txt") -> Source:
    return Source(path=name, sha256="", encoding="utf-8", format="text", text=text)


def changes(c: CleanText, rule: str) -> list[str]:
    return [ch.before for ch in c.changes if ch.rule == rule]


# --- clean text is never altered ---------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_clean_text_is_never_altered(stem: str) -> None:
    """Every rule, run (as the clean stage runs them) over a truth text, changes nothing."""
    out = clean(as_source("\n".join(truth(stem)) + "\n", f"{stem}.truth.txt"))
    assert [(c.rule, c.before[:40], c.after[:40]) for c in out.changes] == []
    assert out.text.splitlines() == truth(stem)


# --- simplify: only on traditional text ----------------------------------------------------


def _simplify_count(c: CleanText) -> int:
    return sum(1 for ch in c.changes if ch.rule == "simplify")


@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_simplified_seeds_pass_simplify_unchanged(path: Path) -> None:
    c = clean(read_source(path, path.parent))
    if path.name.startswith("000"):  # the traditional copy with pinyin readings
        assert _simplify_count(c) > 100
        assert not set(c.text) & traditional_only()
    else:
        assert _simplify_count(c) == 0


@pytest.mark.parametrize("stem", [s for s in STEMS if "traditional" not in expect(s)["shapes"]])
def test_simplified_wild_notices_pass_simplify_unchanged(stem: str) -> None:
    assert _simplify_count(cleaned(stem)) == 0


def test_traditional_mirror_is_simplified() -> None:
    c = cleaned("b07-huzhou-traditional-2023")
    assert _simplify_count(c) > 100
    assert not set(c.text) & traditional_only()
    assert "关于印发" in c.text and "顯著" not in c.text


def test_simplify_keeps_zhu_in_simplified_text() -> None:
    """显著 is simplified text: tw2s would make it 显着; a stray traditional character elsewhere in
    the line is replaced on its own."""
    out = clean(as_source("各项工作取得显著成效，於是继续推进。\n"))
    assert "显著" in out.text and "于是" in out.text


# --- chrome ----------------------------------------------------------------------------


def test_wechat_article_chrome_goes_and_its_date_is_kept() -> None:
    c = cleaned("b02-xiangyang-wechat-yanglao")
    text = c.text
    for chrome in ("原创", "微信号", "功能介绍", "阅读原文", "预览时标签不可点", "往期回顾", "编辑：", "图片", "END"):
        assert chrome not in text, chrome
    assert "聚焦“一老”" not in text  # the article's headline, above the byline
    assert ("published", "2025年03月18日") in c.meta


@pytest.mark.parametrize(
    "stem,published",
    [
        ("b06-qixing-subitems-2020", "2020-04-09"),
        ("c05-qilin-2025-elderly-care-implementation-plan", "2025-04-08"),
        ("d06-yueyang-2022-yiyang-joint", "2022-08-19"),
    ],
)
def test_portal_chrome_goes_and_publication_date_is_published(stem: str, published: str) -> None:
    c = cleaned(stem)
    assert ("published", published) in c.meta
    assert not any(k == "date" and v == published for k, v in c.meta)
    for chrome in ("发布时间", "当前位置", "【打印本页】", "上一篇", "下一篇", "主办单位", "ICP备", "网站标识码", "字体"):
        assert chrome not in c.text, chrome
    assert set(truth(stem)) <= set(lines_of(c))


def test_document_sharing_chrome_goes() -> None:
    for stem in ("d01-yunyang-2024-workpoints", "d02-mudanjiang-14th-fyp", "d03-jianxi-2023-workplan"):
        text = cleaned(stem).text
        for chrome in ("上传人", "ICP备", "网站地图", "侵权", "温馨提示", "相关文档", "最新文档", "相关搜索", "收藏", "道客巴巴", "原创力文档", "人人文库"):
            assert chrome not in text, (stem, chrome)


def test_page_title_above_the_notice_is_kept_as_metadata() -> None:
    c = cleaned("d06-yueyang-2022-yiyang-joint")
    titles = [v for k, v in c.meta if k == "page_title"]
    assert titles and titles[0].endswith("的通知") and "岳阳市医疗保障局" in titles[0]
    assert lines_of(c)[0] == "岳民通〔2022〕18号"


def test_sentences_holding_chrome_words_survive() -> None:
    """A truth line that holds an interface word or a footer word is the notice's own sentence:
    the chrome rule keeps it."""
    held = [ln for s in STEMS for ln in truth(s) if _ui().search(ln) or any(m in ln for m in _marks())]
    assert len(held) >= 10
    out = strip_chrome("\n".join(held))
    assert out.changes == ()
    assert strip_chrome("通过微信公众号发布申请指南，群众可扫一扫二维码在线办理。").changes == ()


# --- table of contents -------------------------------------------------------------------


@pytest.mark.parametrize("stem", ["c02-mianyang-2021-2025-five-year-plan", "c03-yinzhou-2021-2025-five-year-plan"])
def test_table_of_contents_goes_and_chapters_appear_once(stem: str) -> None:
    c = cleaned(stem)
    removed = changes(c, "toc")
    assert len(removed) >= 8 and re.sub(r"\s", "", removed[0]) == "目录"
    chapters = [ln for ln in lines_of(c) if re.match(r"^第[一二三四五六七八九十]+章", ln)]
    assert chapters and len(chapters) == len(set(chapters))
    assert chapters == [ln for ln in truth(stem) if re.match(r"^第[一二三四五六七八九十]+章", ln)]


# --- PDF extracts ------------------------------------------------------------------------

_FOOTER = re.compile(r"^[-—–]\s*\d+\s*[-—–]$|^\d{1,3}$")


@pytest.mark.parametrize(
    "stem,header",
    [
        ("c01-zhuzhou-2024-work-points", "株民发〔2024〕2号"),
        ("c06-daoli-2022-work-plan", "道里区民政局2022年工作计划"),
        ("c02-mianyang-2021-2025-five-year-plan", None),
    ],
)
def test_page_furniture_goes(stem: str, header: str | None) -> None:
    c = cleaned(stem)
    assert changes(c, "page-furniture")
    assert "\f" not in c.text
    assert not [ln for ln in lines_of(c) if _FOOTER.match(ln.strip())]
    if header:
        assert lines_of(c).count(header) == 1


@pytest.mark.parametrize(
    "stem,share",
    [
        ("c01-zhuzhou-2024-work-points", 0.9),  # fixed-width wraps and page breaks mid-sentence
        ("c06-daoli-2022-work-plan", 0.95),
        ("d08-zhaoyang-2019-workpoints-wrapped", 1.0),  # short wraps under indented paragraphs
        ("b03-lianchi-word-plan-2022", 1.0),  # soft line breaks of a Word paste
        ("b04-xinfeng-gbk-2021", 1.0),  # a centred title cut in two
        ("c08-zigui-2021-2025-five-year-plan", 1.0),
    ],
)
def test_wrapped_lines_are_rejoined_as_the_truth_has_them(stem: str, share: float) -> None:
    got = set(lines_of(cleaned(stem)))
    want = truth(stem)
    assert sum(1 for ln in want if ln in got) >= share * len(want), [ln[:30] for ln in want if ln not in got]


@pytest.mark.parametrize("stem", STEMS)
def test_title_doc_number_and_recipients_stay_on_their_own_lines(stem: str) -> None:
    meta = expect(stem)["meta"]
    got = set(lines_of(cleaned(stem)))
    for key in ("doc_number",):
        value = meta.get(key)
        if value and value in truth(stem) and "doc-sharing" not in expect(stem)["shapes"]:
            assert value in got, (key, value)
    recipients = meta.get("recipients")
    if recipients and f"{recipients}：" in truth(stem) and "doc-sharing" not in expect(stem)["shapes"]:
        assert f"{recipients}：" in got


# --- punctuation, tables, invisible characters --------------------------------------------


@pytest.mark.parametrize("stem", [s for s in STEMS if "doubled-punct" in expect(s)["shapes"]])
def test_doubled_punctuation_is_collapsed(stem: str) -> None:
    c = cleaned(stem)
    assert not re.search(r"[，。；：、]{2}", c.text)


def test_doubled_punctuation_is_logged() -> None:
    assert changes(cleaned("b05-weifang-md-2026"), "doubled-punctuation")


@pytest.mark.parametrize("stem", ["b08-qinzhou-arrangement-2024", "c05-qilin-2025-elderly-care-implementation-plan", "d06-yueyang-2022-yiyang-joint"])
def test_table_rows_are_cells_separated_by_one_tab(stem: str) -> None:
    got = lines_of(cleaned(stem))
    rows = [ln for ln in truth(stem) if "\t" in ln]
    assert rows and all(r in got for r in rows)
    assert not [ln for ln in got if "\t" in ln and ln not in rows]


@pytest.mark.parametrize("stem", STEMS)
def test_a_tab_is_only_a_cell_separator(stem: str) -> None:
    """After cleaning, a line holding a TAB is a row of a table: two or more such lines in a run
    (blank lines aside), cells without edge spaces."""
    runs: list[list[str]] = [[]]
    for ln in lines_of(cleaned(stem)):
        if "\t" in ln:
            runs[-1].append(ln)
        elif runs[-1]:
            runs.append([])
    for run in (r for r in runs if r):
        assert len(run) >= 2, run
        assert all(c == c.strip() for r in run for c in r.split("\t")), run


def test_tab_after_a_heading_number_goes() -> None:
    c = cleaned("c08-zigui-2021-2025-five-year-plan")
    assert "第一部分\u3000发展基础和面临形势" in lines_of(c)
    assert changes(c, "table-cells")


def test_invisible_characters_and_pdf_radicals_go() -> None:
    assert "\u200b" not in cleaned("a07-yubei-2022-work-points").text
    c06 = cleaned("c06-daoli-2022-work-plan")
    assert not re.search("[\u2f00-\u2fd5]", c06.text) and changes(c06, "radicals")


def test_crlf_and_fullwidth_indents_go() -> None:
    c = cleaned("b04-xinfeng-gbk-2021")
    assert "\r" not in c.text
    assert not [ln for ln in lines_of(c) if ln[:1] in " \u3000\t" or ln[-1:] in " \u3000\t"]
