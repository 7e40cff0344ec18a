"""Stage 6, render: documents (with their translations, coverage and related items) → the
generated files of both language trees, each declared by what it is made from.

Pure: nothing here reads or writes files, keeps a cache or starts a process. Both language
trees come from the same Jinja2 templates (``templates/``): Chinese at the root, English under
``en/``, with the same page paths and item anchors. A file is given as its text or as an
``outputs.Output`` (its inputs and how to make it); ``incremental.pages`` makes what is not
cached and ``site.writer`` puts the files on disk.

- ``site_pages``: a document's page, cleaning log, theme-page part and export record;
- ``theme_outputs`` / ``theme_pages``: theme pages, item links (chips, related commitments);
- ``index_pages``: documents index, regions, glossary, home;
- ``document``, ``cleaning_log``, ``export``: the page and record of one document;
- ``env``, ``escape``, ``html_fragments``, ``voice``: templates, escaping, raw HTML parts, labels.
"""

from .outputs import LANGS, PREFIX, File, Joined, Output, SiteInput

__all__ = ["LANGS", "PREFIX", "File", "Joined", "Output", "SiteInput"]
