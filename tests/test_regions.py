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
