"""Comparing plans (issue 21, part 5): the compare page puts two plans side by side by theme —
their commitments and targets — checked against the export on the seed site as built, in a real
browser (Debian's chromium)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .browser import browser, serve

FIVE_YEAR, ANNUAL, OTHER = "songjiang-2021-2025-five-year-plan", "songjiang-2023-work-points", "huli-2021-work-points"


@pytest.fixture(scope="module")
def data(built: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((built / "site" / "data" / "plans.json").read_text(encoding="utf-8"))


def _by_theme(record: dict) -> dict[str, set[str]]:  # type: ignore[type-arg]
    out: dict[str, set[str]] = {}
    for it in record["items"]:
        if it["kind"] == "commitment":
            for tid in it["themes"] or [""]:
                out.setdefault(tid, set()).add(it["id"])
    return out


def test_each_documents_compare_data_is_its_commitments_by_theme_with_their_targets(built: Path, data: dict) -> None:  # type: ignore[type-arg]
    for lang_root in (built / "site", built / "site" / "en"):
        index = json.loads((lang_root / "data" / "compare" / "index.json").read_text(encoding="utf-8"))
        assert sorted(row[0] for row in index["docs"]) == sorted(d["id"] for d in data["documents"])
        for record in data["documents"]:
            mine = json.loads((lang_root / "data" / "compare" / f"{record['id']}.json").read_text(encoding="utf-8"))
            assert {tid: {r[0] for r in rows} for tid, rows in mine["themes"].items()} == _by_theme(record)
            targets = {it["id"]: len(it["targets"]) for it in record["items"]}
            for rows in mine["themes"].values():
                for item_id, _number, _title, summaries in rows:
                    assert len(summaries) == targets[item_id]


def test_compare_page_pairs_a_five_year_plan_with_its_annual_work_points_theme_by_theme(built: Path, data: dict) -> None:  # type: ignore[type-arg]
    records = {d["id"]: d for d in data["documents"]}
    with serve(built / "site") as origin, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        # from the document page's link: the first plan chosen, the second the same region's plan of a year in its span
        page.goto(f"{origin}/documents/{FIVE_YEAR}/")
        page.locator(".plansite-compare-link a").click()
        page.wait_for_selector(".plansite-compare-out[data-ready]")
        assert f"a={FIVE_YEAR}" in page.url and f"b={ANNUAL}" in page.url  # the pair is in the address
        assert page.locator("#plansite-compare-b").input_value() == ANNUAL
        sections = page.locator(".plansite-compare-theme")
        expected = {tid for tid in (*_by_theme(records[FIVE_YEAR]), *_by_theme(records[ANNUAL]))}
        assert sections.count() == len(expected)
        elderly = sections.filter(has=page.locator("h2", has_text=re.compile(r"^养老服务 \("))).first
        cols = elderly.locator(".plansite-compare-col")
        hrefs = [cols.nth(k).locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))") for k in (0, 1)]
        for doc_id, links in zip((FIVE_YEAR, ANNUAL), hrefs, strict=True):
            assert {h.split("#")[1] for h in links} == _by_theme(records[doc_id])["elderly-care"]
        # a target of the five-year plan is shown under its commitment
        assert cols.nth(0).locator(".plansite-compare-targets li").count() > 0
        # another pair; the browser's back button restores the first
        page.select_option("#plansite-compare-b", OTHER)
        page.wait_for_function(f"location.search.includes('b={OTHER}')")
        page.go_back()
        page.wait_for_function(f"location.search.includes('b={ANNUAL}')")
        assert page.locator("#plansite-compare-b").input_value() == ANNUAL
        # a link lands on the commitment
        first = cols.nth(1).locator("a").first
        anchor = first.get_attribute("href").split("#")[1]
        first.click()
        page.wait_for_url(f"**/documents/{ANNUAL}/#{anchor}")
        assert page.locator(f"#{anchor}").count() == 1
        page.close()


def test_compare_page_in_english_on_a_phone(built: Path) -> None:
    with serve(built / "site") as origin, browser() as b:
        page = b.new_page(viewport={"width": 390, "height": 900})
        page.goto(f"{origin}/en/compare/?a={ANNUAL}&b={OTHER}")
        page.wait_for_selector(".plansite-compare-out[data-ready]")
        assert page.locator("h2", has_text=re.compile(r"^Elderly care \(")).count() == 1
        heads = page.locator(".plansite-compare-colhead")
        assert heads.first.is_visible()  # stacked columns say which plan they are
        assert "Songjiang" in heads.first.inner_text()
        page.close()
