"""Rule ``page-markers`` on the real seeds: 003's 48 running markers go, nothing else does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.clean import RULES, clean
from generator.clean.page_markers import strip_page_markers
from generator.sources import read_source

SOURCES = Path(__file__).resolve().parent.parent / "source_texts"
SHARED = "003_0519a0b35b7523cb.txt"
CLEAN_SEEDS = ("000_9d9530291d3a7f47.txt", "001_4c4ac5c466ce0a39.txt", "002_853cb2a5b29c949f.txt", "004_91bd534388a23d4e.txt")


def _before_rule(name: str) -> str:
    """The text as the rule ``page-markers`` receives it in ``clean``."""
    text = read_source(SOURCES / name, SOURCES).text.lstrip("\ufeff")
    for r in RULES:
        if r.name == "page-markers":
            return text
        text = r(text)
    raise AssertionError("no page-markers rule")


def test_003_all_48_markers_removed_in_order() -> None:
    out = strip_page_markers(_before_rule(SHARED))
    # The page-count lines of the header (页数:28, 第1页 / 共28页) go too, logged as chrome.
    markers = [c.before.lstrip("\n") for c in out.changes if c.rule == "page-markers"]
    assert markers[0] == "1、" and [m.rstrip() for m in markers] == [f"{n}、" for n in range(1, 49)]
    assert all(c.rule in ("page-markers", "chrome") and c.after == "" for c in out.changes)
    # The chunks are re-joined: 003 becomes one run of text.
    assert out.text.count("\n") < _before_rule(SHARED).count("\n") - 90
    assert "加强流浪乞讨人员救助管理工作的实施意见" in out.text  # chunk 1 / chunk 2
    assert "比例到达60%。简化医养结合机构" in out.text  # chunk 19 / chunk 20; %o was fixed by restore-glyphs


def test_003_real_list_numbers_stay() -> None:
    before = _before_rule(SHARED)
    text = clean(read_source(SOURCES / SHARED, SOURCES)).text
    assert text.startswith("松江区民政事业发展“十四五”规划为深入推进")
    assert "保障工作1、完善社会救助政策体系" in text
    assert "157.6万人次。2、创新社会救助机制方法" in text
    # Every N、 that is not a chunk start survives: the 42 item numbers of the body.
    inline = len(re.findall(r"(?<![\d.])\d{1,2}、", before)) - 48
    assert len(re.findall(r"(?<![\d.])\d{1,2}、", text)) == inline == 42


@pytest.mark.parametrize("name", CLEAN_SEEDS)
def test_other_seeds_untouched(name: str) -> None:
    assert strip_page_markers(_before_rule(name)).changes == ()
    assert not [c for c in clean(read_source(SOURCES / name, SOURCES)).changes if c.rule == "page-markers"]


def test_real_list_with_blank_lines_is_not_a_page_run() -> None:
    items = "\n\n".join(f"{n}、推进第{n}项工作。" for n in range(1, 9))
    assert strip_page_markers(items).text == items
