"""The outline of seed 003 (restored sharing-site copy): headings split out of run-on text,
out-of-order page fragments put back by their numbering; the clean seeds parse as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.clean import clean
from generator.model import ParsedDoc, Section
from generator.parse import body_start, parse
from generator.parse.out_of_order import build_tree_restored
from generator.parse.outline import build_tree, split_closing, tokenise
from generator.parse.runon import needs_split, title_end
from generator.sources import read_source

SOURCES = Path(__file__).resolve().parent.parent / "source_texts"
SHARED = "003_0519a0b35b7523cb.txt"


def _parse(name: str) -> ParsedDoc:
    return parse(clean(read_source(SOURCES / name, SOURCES)))


def _items(sections: tuple[Section, ...]) -> list:  # type: ignore[type-arg]
    return [it for s in sections for it in (*s.items, *_items(s.sections))]


@pytest.fixture(scope="module")
def doc() -> ParsedDoc:
    return _parse(SHARED)


def test_five_chapters(doc: ParsedDoc) -> None:
    chapters = [s for s in doc.sections if not s.out_of_order]
    assert [s.label for s in chapters] == ["一、", "二、", "三、", "四、", "五、"]
    assert chapters[0].title == "“十三五”松江区民政事业发展回顾"
    assert chapters[3].title == "“十四五”松江区民政事业发展的主要任务及举措"
    assert doc.intro[0].startswith("为深入推进松江区现代民政事业改革与发展")
    assert doc.intro[0].endswith("制定本规划。")


def test_chapter_4_subsections_and_items(doc: ParsedDoc) -> None:
    four = doc.sections[3]
    assert [s.label for s in four.sections] == [f"（{n}）" for n in "一二三四五六七"]
    assert [len(s.items) for s in four.sections] == [4, 5, 4, 4, 4, 5, 3]
    assert sum(len(s.items) for s in four.sections) == 29
    assert all([it.number for it in s.items] == list(range(1, len(s.items) + 1)) for s in four.sections)
    first = four.sections[0].items[0]
    assert (first.id, first.label, first.title) == ("item-4-1-1", "1、", "拓展社会救助工作内涵")
    assert first.text.startswith("拓展社会救助工作内涵\n深入贯彻落实上海市社会救助条例")
    titles = [it.title for it in four.sections[1].items]
    assert titles == ["加大养老服务设施供给", "完善养老服务照护体系", "持续推进", "促进养老服务市场加快发展", "加强养老服务事中事后监管"]


def test_chapter_5_subsections(doc: ParsedDoc) -> None:
    five = doc.sections[4]
    assert [(s.label, s.title) for s in five.sections] == [
        ("（一）", "工作机制保障"),
        ("（二）", "资金财务保障"),
        ("（三）", "队伍建设保障"),
        ("（四）", "项目运行保障"),
    ]
    assert not any(s.out_of_order for s in five.sections)


def test_review_fragments_back_under_chapter_1(doc: ParsedDoc) -> None:
    one = doc.sections[0]
    assert [(s.label, s.out_of_order) for s in one.sections] == [("（一）", False), ("（二）", True), ("（三）", True), ("（四）", True)]
    assert [len(s.items) for s in one.sections] == [3, 4, 3, 1]
    # 3、4、 of （二）养老服务供给日趋健全 surface after chapter 五's （四）; their numbering puts them back.
    assert [it.id for it in one.sections[1].items] == ["item-1-2-1", "item-1-2-2", "item-1-2-3", "item-1-2-4"]
    assert any("moved under 一、" in p.message for p in doc.problems)


def test_unplaceable_fragment_kept_and_flagged(doc: ParsedDoc) -> None:
    part = doc.sections[-1]
    assert part.out_of_order and part.number == 0
    items = _items((part,))
    assert [(it.label, it.title) for it in items] == [("3、", "规范社会救助服务"), ("4、", "提升综合减灾能力")]
    assert len({it.id for it in _items(doc.sections)}) == len(_items(doc.sections))


def test_no_text_dropped(doc: ParsedDoc) -> None:
    def texts(sections: tuple[Section, ...]) -> list[str]:
        out: list[str] = []
        for s in sections:
            out += [s.label + s.title, *s.paragraphs, *(it.label + it.text for it in s.items), *texts(s.sections)]
        return out

    kept = "".join([*doc.preamble, *doc.intro, *texts(doc.sections), *doc.closing]).replace("\n", "")
    body = doc.clean.text.replace("\n", "")
    assert sorted(kept) == sorted(body)


@pytest.mark.parametrize(
    "name,sections,items",
    [("001_4c4ac5c466ce0a39.txt", 6, 33), ("002_853cb2a5b29c949f.txt", 11, 44), ("004_91bd534388a23d4e.txt", 7, 28)],
)
def test_clean_seeds_parse_as_before(name: str, sections: int, items: int) -> None:
    d = _parse(name)
    assert not needs_split([ln for ln in d.clean.text.split("\n") if ln.strip()])
    assert len(d.sections) == sections and len(_items(d.sections)) == items
    assert not any(s.out_of_order for s in d.sections)


@pytest.mark.parametrize("name", ["001_4c4ac5c466ce0a39.txt", "002_853cb2a5b29c949f.txt", "004_91bd534388a23d4e.txt"])
def test_fragment_builder_agrees_on_in_order_documents(name: str) -> None:
    """Run-on numbering (001 1、…33、, 002 （一）…（四十四）) and restarts (004) are not taken for fragments."""
    d = _parse(name)
    lines = [ln.strip() for ln in d.clean.text.split("\n") if ln.strip()]
    tokens, _ = split_closing(tokenise(lines[body_start(lines, d.meta.title) :]))
    assert build_tree_restored(tokens) == build_tree(tokens)


@pytest.mark.parametrize(
    "segment,title",
    [
        ("完善社会救助政策体系出台关于进一步加强本区社会救助工作的意见等文件，", "完善社会救助政策体系"),
        ("促进养老服务市场加快发展大力推进护理员队伍建设，", "促进养老服务市场加快发展"),
        ("拓展婚姻家庭工作形成文明新风充分发挥并积极拓展婚姻服务品牌效应，", "拓展婚姻家庭工作形成文明新风"),
        ("不断增强养老服务供给“十三五”期间，新建养老机构6家", "不断增强养老服务供给"),
        ("进一步织密打牢兜底保障网", "进一步织密打牢兜底保障网"),
        ("基本原则——坚持和加强党的领导。", "基本原则"),
    ],
)
def test_title_heuristic(segment: str, title: str) -> None:
    end = title_end(segment)
    assert end is not None and segment[:end] == title
