"""The commitments explorer in chromium: bytes downloaded before the first results table, and how
long a filter change takes to answer (issue 21: ≤ 3 MB and ≤ 300 ms at N = 10,000).

``explorer_numbers(site)`` opens ``/commitments/`` (and ``/en/commitments/``) in a fresh page,
counts every response body until the table is shown (``data-state=ready``), then makes filter
changes one after another — a theme, the has-target box, a year, a region, a kind of item, a
theme off — timing each from the click to the new table (counts, rows and the rows' files
fetched), and a text filter (``养老``, which fetches the search index's shards).

``explorer_site(project, site)`` builds a site with only the explorer's page and its data (for
``--gen-only`` sizes, where the whole site is not built): MkDocs on a folder holding
``commitments.md`` and ``data/`` of each language tree.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from generator.site.preview import serve

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
READY = "s => { const b = document.getElementById('plansite-explorer'); return b && b.getAttribute('data-state') === 'ready' && (s === null || b.getAttribute('data-selection') === s); }"
CHANGES = (
    ("theme elderly-care", "check", "fieldset[data-facet=theme] input[value=elderly-care]"),
    ("has target", "check", ".plansite-explorer__target input"),
    ("year (first)", "check", "fieldset[data-facet=year] label:first-of-type input"),
    ("theme off", "uncheck", "fieldset[data-facet=theme] input[value=elderly-care]"),
    ("item kind achievement", "check", "fieldset[data-facet=item] input[value=achievement]"),
    ("region (first)", "region", "#plansite-explorer-region"),
    ("has target off", "uncheck", ".plansite-explorer__target input"),
)


def explorer_site(project: Path, site: Path, timeout: float = 1800) -> dict[str, Any]:
    """A site of the explorer alone from ``project/docs`` (generated) into ``site``."""
    start = time.perf_counter()
    docs = project / "docs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for lang, src, config in (("zh", docs, "mkdocs.yml"), ("en", docs / "en", "mkdocs.en.yml")):
        tmp = project / f"explorer-docs-{lang}"
        shutil.rmtree(tmp, ignore_errors=True)
        (tmp / "data").mkdir(parents=True)
        shutil.copy(src / "commitments.md", tmp / "commitments.md")
        for p in (src / "data").iterdir():
            if p.name != "plans.json":  # not read by the explorer, and large
                (shutil.copytree if p.is_dir() else shutil.copy)(p, tmp / "data" / p.name)
        out = site if lang == "zh" else site / "en"
        cfg = project / f"explorer-{config}"
        cfg.write_text(
            f"INHERIT: {config}\ndocs_dir: {tmp.name}\nsite_dir: {out.relative_to(project) if out.is_relative_to(project) else out}\n"
            "strict: false\nexclude_docs: ''\nnav:\n  - commitments.md\n",
            encoding="utf-8",
        )
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg)], cwd=project, env=env, timeout=timeout, check=True, capture_output=True)
    return {"seconds": round(time.perf_counter() - start, 1)}


def responses(page) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """(url, body bytes) of every successful GET the page receives from now on, filled as they come."""
    seen: list[tuple[str, int]] = []

    def on_response(r) -> None:  # type: ignore[no-untyped-def]
        if r.ok and r.request.method == "GET":
            try:
                seen.append((r.url, len(r.body())))
            except Exception:
                pass

    page.on("response", on_response)
    return seen


def _change(page, how: str, selector: str) -> float:  # type: ignore[no-untyped-def]
    before = page.get_attribute("#plansite-explorer", "data-selection")
    start = time.perf_counter()
    if how == "check":
        page.check(selector)
    elif how == "uncheck":
        page.uncheck(selector)
    else:
        value = page.eval_on_selector(selector, "s => s.options[1].value")
        page.select_option(selector, value)
    page.wait_for_function(
        "b => { const e = document.getElementById('plansite-explorer'); return e.getAttribute('data-state') === 'ready' && e.getAttribute('data-selection') !== b; }",
        arg=before,
        timeout=60_000,
    )
    return round((time.perf_counter() - start) * 1000)


def _one_language(browser, origin: str, lang: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = responses(page)
    try:
        start = time.perf_counter()
        page.goto(f"{origin}/{'en/' if lang == 'en' else ''}commitments/")
        page.wait_for_function(READY, arg=None, timeout=120_000)
        table_ms = round((time.perf_counter() - start) * 1000)
        before = list(seen)
        rows = int(page.get_attribute("#plansite-explorer", "data-count") or 0)
        changes = [{"change": name, "ms": _change(page, how, sel)} for name, how, sel in CHANGES]
        page.fill("#plansite-explorer-q", "养老")
        start = time.perf_counter()
        page.wait_for_function(
            "() => { const e = document.getElementById('plansite-explorer'); return e.getAttribute('data-state') === 'ready' && (e.getAttribute('data-selection') || '').includes('q='); }",
            timeout=120_000,
        )
        text_ms = round((time.perf_counter() - start) * 1000) - 200  # less the typing pause (explorer.js)
        ms = [c["ms"] for c in changes]
        return {
            "bytes_before_table": sum(n for _, n in before),
            "responses_before_table": len(before),
            "largest": sorted(({"url": u.replace(origin, ""), "bytes": n} for u, n in before), key=lambda r: -r["bytes"])[:4],
            "first_table_ms": table_ms,
            "items_listed": rows,
            "changes": changes,
            "change_median_ms": statistics.median(ms),
            "change_max_ms": max(ms),
            "text_filter_ms": text_ms,
        }
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"[:500]}
    finally:
        page.close()


def explorer_numbers(site: Path) -> dict[str, Any]:
    """Per language: bytes before the first table, and each filter change's latency (chromium)."""
    if not Path(CHROMIUM).exists():
        return {"error": f"{CHROMIUM} not found"}
    from playwright.sync_api import sync_playwright

    with serve(site) as origin, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            return {lang: _one_language(browser, origin, lang) for lang in ("zh", "en")}
        finally:
            browser.close()


if __name__ == "__main__":  # python -m benchmarks.explorer SITE_DIR: the numbers of a built site
    import json

    print(json.dumps(explorer_numbers(Path(sys.argv[1])), ensure_ascii=False, indent=1))
