"""Plansite: scraped Chinese plan notices → a searchable bilingual MkDocs site."""

from pathlib import Path

__version__ = "0.1.0"

DATA_DIR = Path(__file__).resolve().parent / "data"
"""Rule tables and vocabularies (each file has a header saying what it is)."""


def data_path(name: str) -> Path:
    return DATA_DIR / name


def read_yaml(path: Path) -> object:
    """A YAML data file, parsed by libyaml when PyYAML has it (ten times faster than the pure
    Python loader; every process of a build reads the theme and label tables)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)
