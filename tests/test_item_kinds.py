"""Item kinds (commitment, achievement, context) against the hand-labelled sample
(tests/fixtures/item_kinds/, measured by benchmarks/item_kinds.py), and the rules on invented text."""

from __future__ import annotations

import pytest

from benchmarks.item_kinds import report, score
from generator.parse.item_kinds import frames, heading_role, reports_the_past

FLOORS = {
    "agreement": 0.99,
    "commitment_precision": 0.99,
    "commitment_recall": 0.99,
    "achievement_precision": 0.9,
    "achievement_recall": 0.9,
    "context_recall": 0.9,
}


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    confusion, _, missing = score()
    assert missing <= 60, f"{missing} labelled items not found in the parsed documents"
    return report(confusion)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_item_kinds_agree_with_the_labelled_sample(measured: dict[str, float], name: str) -> None:
    assert measured[name] >= FLOORS[name], f"{name}: {measured[name]} < {FLOORS[name]} (python -m benchmarks.item_kinds -v)"


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("“十三五”时期民政事业发展回顾", "achievement"),
        ("过去五年取得的主要成就", "achievement"),
        ("2024年工作总结", "achievement"),
        ("面临的机遇和挑战", "context"),
        ("指导思想", "context"),
        ("发展目标", "context"),
        ("夯实民政事业发展基础", None),  # a task, though it names the 发展基础
        ("加快发展养老服务", None),
        ("保障措施", None),
    ],
)
def test_a_headings_words_name_its_parts_role(heading: str, role: str | None) -> None:
    assert heading_role(heading) == role


def test_an_items_own_words_tell_a_result_from_a_task() -> None:
    assert reports_the_past("“十三五”期间，全区累计建成养老床位3200张，已实现街镇全覆盖。")
    assert not reports_the_past("到2025年，力争建成养老床位3200张，实现街镇全覆盖。")
    assert frames("本办法自2024年5月1日起施行。")
    assert frames("为规范临时救助工作，根据有关规定，结合本市实际，制定本办法。")
    assert not frames("县级民政部门应当自受理申请之日起10个工作日内完成审核。")
