"""The ``plansite`` command through click's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

from .conftest import SOURCES


def test_check_reports_each_document_and_writes_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--source-dir", str(SOURCES), "--docs-dir", str(tmp_path / "docs"), "check"])
    assert result.exit_code == 0, result.output
    assert "songjiang-2023-work-points: 6 sections, 33 items (001_4c4ac5c466ce0a39.txt, 000_9d9530291d3a7f47.txt)" in result.output
    assert "jiangsu-2023-work-points: 11 sections, 44 items" in result.output
    assert "4 documents, 0 errors" in result.output
    assert not (tmp_path / "docs").exists()


def test_check_exits_non_zero_on_errors(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SOURCES / "004_91bd534388a23d4e.txt", src)
    (src / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["--source-dir", str(src), "check"])
    assert result.exit_code == 1
    assert "error: empty.txt: file is empty" in result.output
    assert "huli-2021-work-points: 7 sections, 28 items" in result.output


def test_inspect_stages() -> None:
    runner = CliRunner()
    base = ["--source-dir", str(SOURCES), "inspect"]
    clean = runner.invoke(main, [*base, "clean", "000_9d9530291d3a7f47.txt"])
    assert clean.exit_code == 0 and "上海市松江区民政局" in clean.output and "(qū)" not in clean.output
    changes = runner.invoke(main, [*base, "changes", "000_9d9530291d3a7f47.txt"])
    assert "lost-bytes" in changes.output and "pinyin" in changes.output
    parsed = runner.invoke(main, [*base, "parse", "004_91bd534388a23d4e.txt"])
    assert json.loads(parsed.output)["meta"]["doc_number"] == "厦湖民〔2021〕11号"
    doc = runner.invoke(main, [*base, "document", "002_853cb2a5b29c949f.txt"])
    assert len(json.loads(doc.output)["items"]) == 44
    md = runner.invoke(main, [*base, "markdown", "001_4c4ac5c466ce0a39.txt"])
    assert "{#item-33 .plan-item}" in md.output
    missing = runner.invoke(main, [*base, "clean", "nope.txt"])
    assert missing.exit_code != 0 and "nope.txt" in missing.output
