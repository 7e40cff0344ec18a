"""Build the real site into a scratch project (copy of the config and hand-written pages) for tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, SOURCES

CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")


def hand_written_pages() -> list[str]:
    """The pages in docs/ that are kept in git (everything else there is generated)."""
    out = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if line]


def scratch_project(dest: Path, sources: Path = SOURCES) -> Path:
    """A project folder with mkdocs.yml, overrides/, hand-written docs and a copy of ``sources``."""
    dest.mkdir(parents=True, exist_ok=True)
    for config in CONFIGS:
        shutil.copy(ROOT / config, dest / config)
    shutil.copytree(ROOT / "overrides", dest / "overrides", dirs_exist_ok=True)
    (dest / "docs" / "en").mkdir(parents=True, exist_ok=True)
    for rel in hand_written_pages():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, target)
    shutil.copytree(sources, dest / "source_texts", dirs_exist_ok=True)
    return dest


def plansite(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True, env=None)
