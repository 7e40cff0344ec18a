"""Serve a built site on localhost and drive Debian's chromium with Playwright."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from generator.site.preview import serve  # noqa: F401  (re-exported for the tests)

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def browser() -> Iterator[object]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is not installed: run the tests with `bash tests/run.sh`"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


PAGE_TYPES = {
    "home": "/",
    "documents": "/documents/",
    "document": "/documents/songjiang-2021-2025-five-year-plan/",
    "cleaning-log": "/documents/songjiang-2021-2025-five-year-plan/cleaning-log/",
    "themes": "/themes/",
    "theme": "/themes/elderly-care/",
    "theme-period": "/themes/elderly-care/2021-2025/",
    "regions": "/regions/",
    "region": "/regions/s/",
    "glossary": "/glossary/",
    "search": "/search/?q=养老",
    "about": "/about/",
    "not-found": "/documents/no-such-plan/",
}
"""One page of each kind the site has (Chinese paths; the English tree has the same under /en/)."""

LANG_PREFIX = {"zh": "", "en": "/en"}

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core from npm (package.json; tests/run.sh installs it): injected into the page under test."""
