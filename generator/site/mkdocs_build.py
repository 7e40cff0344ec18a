"""Stage 8: the two MkDocs builds (Chinese at the site root, English in ``site/en/``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


class SiteBuildError(RuntimeError):
    """``mkdocs build`` failed for a configuration."""


def english_config(config_file: Path) -> Path:
    """The English tree's config sits beside the Chinese one (mkdocs.yml → mkdocs.en.yml)."""
    return config_file.with_name(config_file.stem + ".en" + config_file.suffix)


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build_site(config_file: Path) -> None:
    """``mkdocs build --strict`` for both language trees. Chinese first: it cleans ``site/``, then
    the English tree is built into ``site/en/``."""
    for config in (config_file, english_config(config_file)):
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)], env=mkdocs_env())
        if result.returncode != 0:
            raise SiteBuildError(f"mkdocs build failed for {config}")
