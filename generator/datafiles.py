"""The one reader of ``generator/data/``: rule tables and vocabularies as data files.

Every file starts with comment lines (``#``) saying what it is, its format and its source.
A table (``.tsv``) then has a header line naming its columns; ``table`` checks it against the
columns the caller expects, so a reordered or renamed column is an error naming the file, not
rules read from the wrong fields. A word list (``.txt``) has one entry per line. YAML files are
read by libyaml when PyYAML has it (every process of a build reads the theme and label tables;
benchmarks/README.md, "Measured design choices").
"""

from __future__ import annotations

import re
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
_GROUP = re.compile(r"^# --- (.+?) ---\s*$")


class DataFileError(ValueError):
    """A data file whose header is not what its reader expects."""


def data_path(name: str) -> Path:
    return DATA_DIR / name


def table(name: str, columns: tuple[str, ...], groups: bool = False) -> list[tuple[str, ...]]:
    """The rows of a tab-separated table, each padded to ``columns`` (comments and blank lines
    skipped). ``groups``: each row starts with the name of its group, set by a comment line
    ``# --- name ---`` above it (the glossary's sections)."""
    rows: list[tuple[str, ...]] = []
    group, header = "", None
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        m = _GROUP.match(line) if groups else None
        if m:
            group = m.group(1)
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = tuple(cells)
            if header != columns:
                raise DataFileError(f"{data_path(name)}: columns {header!r}, expected {columns!r}")
            continue
        cells += [""] * (len(columns) - len(cells))
        rows.append((group, *cells) if groups else tuple(cells))
    return rows


def words(name: str) -> list[str]:
    """The entries of a word list: one per line, stripped (comments and blank lines skipped)."""
    return [ln.strip() for ln in data_path(name).read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def read_yaml(path: Path) -> object:
    """A YAML file (libyaml's safe loader when PyYAML has it)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)


def data_yaml(name: str) -> object:
    return read_yaml(data_path(name))
