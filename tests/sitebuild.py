"""Build the real site into a scratch project (copy of the config and hand-written pages) for tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, SOURCES

HAND_WRITTEN = ("about.md", "en/about.md")
CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")


def scratch_project(dest: Path, sources: Path = SOURCES) -> Path:
    """A project folder with mkdocs.yml, overrides/, hand-written docs and a copy of ``sources``."""
    dest.mkdir(parents=True, exist_ok=True)
    for config in CONFIGS:
        shutil.copy(ROOT / config, dest / config)
    shutil.copytree(ROOT / "overrides", dest / "overrides", dirs_exist_ok=True)
    (dest / "docs" / "en").mkdir(parents=True, exist_ok=True)
    for name in HAND_WRITTEN:
        src = ROOT / "docs" / name
        if src.is_dir():
            shutil.copytree(src, dest / "docs" / name, dirs_exist_ok=True)
        else:
            shutil.copy(src, dest / "docs" / name)
    shutil.copytree(sources, dest / "source_texts", dirs_exist_ok=True)
    return dest


def plansite(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True, env=None)
