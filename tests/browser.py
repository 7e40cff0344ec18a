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
