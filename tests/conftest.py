"""Shared fixtures: the seed corpus (parsed once per session) and golden-file support."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from generator.pipeline import Corpus, load_corpus

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "source_texts"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from the current output (review the diff like code).")


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(SOURCES)


@pytest.fixture(scope="session")
def docs_by_id(corpus: Corpus):  # type: ignore[no-untyped-def]
    return {d.id: d for d in corpus.documents}


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-golden and review it"
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), f"golden/{name}", "actual", n=2))
            pytest.fail(f"output differs from golden/{name} (run pytest --update-golden if intended):\n{diff[:6000]}")

    return check


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """A scratch project with the seed site built by ``plansite build``."""
    from .sitebuild import plansite, scratch_project

    project = scratch_project(tmp_path_factory.mktemp("site"))
    result = plansite(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "site built in site/" in result.stdout
    return project
