"""The benchmark runs end to end on a small corpus and reports what the issue's targets read
(numbers only checked for plausibility: timing belongs in the benchmark, not in tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_generation_only_small_corpus(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--sizes", "--gen-only", "10", "--no-browser", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    run = json.loads(out.read_text(encoding="utf-8"))["runs"][0]
    assert run["n"] == 10 and run["mode"] == "generation-only"
    assert run["speed_probe_s"] > 0 and run["speed_probe_after_s"] > 0  # how fast the machine was
    cold, change = run["generate_cold"], run["generate_one_change"]
    assert cold["documents"] == run["counts"]["documents"] == 10 and cold["errors"] == 0
    assert cold["generate_s"] > 0 and cold["peak_rss_mb"] > 0 and cold["written"] > 0
    # three changes, a different source each time; the median run is the one reported
    assert len(change["runs_s"]) == 3 and all(s > 0 for s in change["runs_s"])
    assert change["generate_s"] == sorted(change["runs_s"])[1]
    # the cache works: after one change only that document's files (and the lists they are on) are written
    assert 0 < change["written"] < cold["written"] / 4
    assert set(run["stages"]) >= {"sources", "clean", "parse", "assemble", "related", "render", "write", "total"}
