"""Plansite: scraped Chinese plan notices → a searchable bilingual MkDocs site."""

from pathlib import Path

__version__ = "0.1.0"

DATA_DIR = Path(__file__).resolve().parent / "data"
"""Rule tables and vocabularies (each file has a header saying what it is)."""


def data_path(name: str) -> Path:
    return DATA_DIR / name
