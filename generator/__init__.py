"""Plansite: scraped Chinese plan notices → a searchable bilingual MkDocs site."""

from .datafiles import DATA_DIR, data_path, read_yaml

__version__ = "0.1.0"
__all__ = ["DATA_DIR", "data_path", "read_yaml"]
