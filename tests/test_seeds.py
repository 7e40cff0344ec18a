"""The seed notices end to end: the numbers issue #2 asks for, computed from the real sources."""

from __future__ import annotations

import difflib
import re

from generator.clean import clean
from generator.sources import read_source

from .conftest import SOURCES


def test_four_documents_from_five_sources(corpus) -> None:  # type: ignore[no-untyped-def]
    assert len(corpus.documents) == 4
    assert sum(len(d.sources) for d in corpus.documents) == 5
    assert not corpus.errors()


def test_songjiang_2023(docs_by_id) -> None:  # type: ignore[no-untyped-def]
    d = docs_by_id["songjiang-2023-work-points"]
    assert d.meta.doc_number == "沪松民〔2023〕12号"
    assert d.meta.issuer == "上海市松江区民政局"
    assert d.meta.date == "2023-02-23"  # only 000 carries the date: merged from the other copy
    assert len(d.sections) == 6
    assert [it.number for it in d.items()] == list(range(1, 34))
    assert [p.clean.source.path[:3] for p in d.sources] == ["001", "000"]  # the cleaner copy first
    assert d.meta.kind == "work-points" and d.meta.year == 2023 and d.meta.region == "松江区"
    item1 = d.items()[0]
    assert item1.title == "推进“政策找人”工作。" and len(item1.points) == 2


def test_jiangsu_2023(docs_by_id) -> None:  # type: ignore[no-untyped-def]
    d = docs_by_id["jiangsu-2023-work-points"]
    assert d.meta.issuer == "江苏省民政厅"
    assert d.meta.date == "2023-02-10"
    assert len(d.sections) == 11
    items = d.items()
    assert [it.number for it in items] == list(range(1, 45))
    assert items[0].label == "（一）" and items[-1].label == "（四十四）"
    assert items[31].id == "item-32"


def test_huli_2021(docs_by_id) -> None:  # type: ignore[no-untyped-def]
    d = docs_by_id["huli-2021-work-points"]
    assert d.meta.doc_number == "厦湖民〔2021〕11号"
    assert d.meta.date == "2021-05-10"
    assert d.meta.index_number == "XM02110-0200-2021-00018"
    assert len(d.sections) == 7
    assert len(d.items()) == 28
    assert d.closing == ("湖里区民政局", "2021年5月10日")


def test_five_year_plan_builds_with_its_title(docs_by_id) -> None:  # type: ignore[no-untyped-def]
    d = next(d for d in docs_by_id.values() if d.meta.kind == "five-year-plan")
    assert d.meta.title == "松江区民政事业发展“十四五”规划"
    assert (d.meta.year, d.meta.end_year) == (2021, 2025)


def _body(path: str) -> str:
    text = clean(read_source(SOURCES / path, SOURCES)).text
    start = text.index("2023年是全面贯彻")
    return re.sub(r"\s", "", text[start:])


def test_000_cleaned_alone_matches_001() -> None:
    a, b = _body("000_9d9530291d3a7f47.txt"), _body("001_4c4ac5c466ce0a39.txt")
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    print(f"\n000 vs 001 body similarity (whitespace ignored): {ratio:.4f}")
    assert ratio >= 0.99


def test_damaged_passages_are_marked_and_repaired(docs_by_id) -> None:  # type: ignore[no-untyped-def]
    copy_000 = next(p for p in docs_by_id["songjiang-2023-work-points"].sources if p.clean.source.path.startswith("000"))
    assert copy_000.clean.damaged == 6
    assert all("〓" not in it.text for it in docs_by_id["songjiang-2023-work-points"].items())


def test_no_pinyin_or_chrome_left(corpus) -> None:  # type: ignore[no-untyped-def]
    for d in corpus.documents:
        for p in d.sources:
            text = p.clean.text
            assert not re.search(r"\([a-zàáǎāèéěēìíǐīòóǒōùúǔū]+\)", text), p.clean.source.path
            for chrome in ("扫一扫", "浏览次数", "字号", "发布日期", "索 引 号", "上传人"):
                assert chrome not in text, (p.clean.source.path, chrome)
