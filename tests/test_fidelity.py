"""Floors under the fidelity scorer's totals (benchmarks/fidelity.py) on the wild corpus
(tests/fixtures/wild/) and the held-out corpus (tests/fixtures/holdout/, written by someone who
had not seen the rules), and the export's whole text for the seeds. A change that reads the
unseen notices worse fails here; raise a floor when the scorer's totals rise."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.fidelity import score_corpus, source_recall, totals

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "source_texts").glob("*.txt"))

HOLDOUT = ROOT / "tests" / "fixtures" / "holdout"
# Measured 2026-12-03: wild meta 0.9972, counts 1.0, chrome 0, recall 0.9991, precision 0.9965,
# false_edits 0; holdout meta 0.9394, counts 1.0, chrome 2, recall 0.9983, precision 0.9839, 0.
FLOORS = {"meta": 0.99, "counts": 1.0, "recall": 0.995, "precision": 0.99}
CEILINGS = {"errors": 0, "chrome": 0, "false_edits": 0}
HOLDOUT_FLOORS = {"meta": 0.93, "counts": 1.0, "recall": 0.995, "precision": 0.98}
HOLDOUT_CEILINGS = {"errors": 0, "chrome": 2, "false_edits": 0}


@pytest.fixture(scope="module")
def wild() -> dict[str, float]:
    return totals(score_corpus())


@pytest.fixture(scope="module")
def holdout() -> dict[str, float]:
    return totals(score_corpus(HOLDOUT))


@pytest.mark.parametrize("name", sorted(HOLDOUT_FLOORS))
def test_holdout_total_is_at_least_its_floor(holdout: dict[str, float], name: str) -> None:
    assert holdout[name] >= HOLDOUT_FLOORS[name], f"{name}: {holdout[name]} < {HOLDOUT_FLOORS[name]} (python -m benchmarks.fidelity -v {HOLDOUT})"


@pytest.mark.parametrize("name", sorted(HOLDOUT_CEILINGS))
def test_holdout_count_is_at_most_its_ceiling(holdout: dict[str, float], name: str) -> None:
    assert holdout[name] <= HOLDOUT_CEILINGS[name], f"{name}: {holdout[name]} > {HOLDOUT_CEILINGS[name]} (python -m benchmarks.fidelity -v {HOLDOUT})"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_wild_corpus_total_is_at_least_its_floor(wild: dict[str, float], name: str) -> None:
    assert wild[name] >= FLOORS[name], f"{name}: {wild[name]} < floor {FLOORS[name]} (python -m benchmarks.fidelity -v)"


@pytest.mark.parametrize("name", sorted(CEILINGS))
def test_wild_corpus_count_is_at_most_its_ceiling(wild: dict[str, float], name: str) -> None:
    assert wild[name] <= CEILINGS[name], f"{name}: {wild[name]} > ceiling {CEILINGS[name]} (python -m benchmarks.fidelity -v)"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_export_holds_the_whole_cleaned_text_of_each_seed(path: Path) -> None:
    recall, missing = source_recall(path, path.parent)
    assert recall >= 0.99 and missing == 0, (recall, missing)
