"""Floors under the fidelity scorer's totals (benchmarks/fidelity.py) on the wild corpus
(tests/fixtures/wild/), and the export's whole text for the seeds. A change that reads the
unseen notices worse fails here; raise a floor when the scorer's totals rise."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.fidelity import score_corpus, source_recall, totals

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "source_texts").glob("*.txt"))

FLOORS = {"meta": 0.69, "counts": 0.82, "recall": 0.98, "precision": 0.91}
CEILINGS = {"errors": 0, "chrome": 135, "false_edits": 34}


@pytest.fixture(scope="module")
def wild() -> dict[str, float]:
    return totals(score_corpus())


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
