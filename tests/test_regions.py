"""Regions guessed from a title or issuer that the region table does not list."""

from __future__ import annotations

import pytest

from generator.assemble.regions import find_region


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("襄阳市社区居家养老服务能力提升行动实施方案", "襄阳市"),  # 社区 ends like a district but is none
        ("2025年全省民政工作要点", None),  # 全省 is no place
        ("城市社区建设三年行动", None),
        ("关于印发2024年宝山区民政工作要点的通知", "宝山区"),
    ],
)
def test_words_shaped_like_place_names_are_not_regions(text: str, want: str | None) -> None:
    region = find_region(text)
    assert (region.zh if region else None) == want


def test_a_district_whose_name_ends_like_a_common_word_is_still_a_region() -> None:
    region = find_region("绵阳市涪城区民政局")  # 涪城区 ends with 城区
    assert region is not None and region.zh in {"涪城区", "绵阳市"}
    guessed = find_region("涪城区民政局")
    assert guessed is not None and guessed.zh == "涪城区"
