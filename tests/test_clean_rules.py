"""Every cleaning rule against its fixture file of before/after cases (tests/fixtures/clean/<rule>.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.clean import RULES

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


def _cases():  # type: ignore[no-untyped-def]
    for rule in RULES:
        path = FIXTURES / f"{rule.name}.yaml"
        if not path.exists():
            yield pytest.param(rule, None, id=f"{rule.name}-missing")
            continue
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(rule, case, id=f"{rule.name}-{case['name']}")


@pytest.mark.parametrize("rule,case", list(_cases()))
def test_rule_fixture(rule, case) -> None:  # type: ignore[no-untyped-def]
    assert case is not None, f"rule {rule.name} has no fixture file tests/fixtures/clean/{rule.name}.yaml"
    out = rule.apply(case["before"])
    assert out.text == case["after"]
    if case["before"] != case["after"]:
        assert out.changes, "a rule that changes text must record the change"
    else:
        assert not out.changes
    for key, value in (case.get("meta") or {}).items():
        assert (key, value) in out.meta


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_is_idempotent_on_its_fixtures(rule) -> None:  # type: ignore[no-untyped-def]
    path = FIXTURES / f"{rule.name}.yaml"
    for case in yaml.safe_load(path.read_text(encoding="utf-8")):
        once = rule(case["before"])
        assert rule(once) == once, case["name"]
