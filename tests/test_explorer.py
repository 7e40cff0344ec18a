"""The commitments explorer (/commitments/) on the seed site in chromium: what it lists, filters
and counts is what plans.json says; the address keeps the selection; the CSV is the selection."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.assemble.regions import ancestors

from .browser import browser, serve

SHOTS = Path(__file__).parent / "output"
READY = "#plansite-explorer[data-state=ready]"


@pytest.fixture(scope="module")
def plans(built: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((built / "site" / "data" / "plans.json").read_text(encoding="utf-8"))


def items(plans: dict, kind: str | None = "commitment") -> list[tuple[dict, dict]]:  # type: ignore[type-arg]
    return [(d, it) for d in plans["documents"] for it in d["items"] if kind is None or it["kind"] == kind]


def keys(pairs: list[tuple[dict, dict]]) -> set[str]:  # type: ignore[type-arg]
    return {f"{d['id']}#{it['id']}" for d, it in pairs}


def period(d: dict) -> str:  # type: ignore[type-arg]
    return f"{d['year']}-{d['end_year']}" if d["end_year"] and d["end_year"] != d["year"] else str(d["year"])


def wait(page, selection: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Until the table shows ``selection`` (the query string it was made for)."""
    page.wait_for_selector(READY)
    if selection is not None:
        page.wait_for_function("s => document.getElementById('plansite-explorer').getAttribute('data-selection') === s", arg=selection)
        page.wait_for_selector(READY)


def opened(b, url: str):  # type: ignore[no-untyped-def]
    """A desktop page showing the explorer at ``url``."""
    page = b.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    wait(page)
    return page


def count(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.get_attribute("#plansite-explorer", "data-count"))


def facet_counts(page, facet: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return page.evaluate(
        """f => Object.fromEntries([...document.querySelectorAll(`fieldset[data-facet=${f}] label`)].map(
             l => [l.querySelector('input').value, +l.querySelector('.plansite-explorer__count').textContent]))""",
        facet,
    )


def shown(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all("#plansite-explorer tbody tr", "rows => rows.map(r => r.getAttribute('data-item'))")


def all_rows(page) -> set[str]:  # type: ignore[no-untyped-def]
    """Every row of the selection, page after page (by the Next button)."""
    out = set(shown(page))
    while page.is_enabled(".plansite-explorer__pager button:last-child"):
        before = page.get_attribute("#plansite-explorer", "data-selection")
        page.click(".plansite-explorer__pager button:last-child")
        page.wait_for_function("s => document.getElementById('plansite-explorer').getAttribute('data-selection') !== s", arg=before)
        wait(page)
        out |= set(shown(page))
    return out


def test_lists_the_commitments_and_counts_every_facet_as_plans_json_does(built: Path, plans: dict) -> None:  # type: ignore[type-arg]
    commitments = items(plans)
    with serve(built / "site") as origin, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        off_origin: list[str] = []
        page.on("request", lambda r: off_origin.append(r.url) if urlparse(r.url).netloc != urlparse(origin).netloc else None)
        page.goto(f"{origin}/commitments/")
        wait(page)
        assert count(page) == len(commitments) > 50
        assert len(shown(page)) == 50  # a page of results
        assert all_rows(page) == keys(commitments)
        page.goto(f"{origin}/commitments/")
        wait(page)
        # each value's count: the items it gives with the other facets as they are (commitments)
        themes = Counter(t for _, it in commitments for t in it["themes"])
        assert facet_counts(page, "theme") == {t["id"]: themes[t["id"]] for t in plans["themes"]}
        kinds = Counter(it["kind"] for _, it in items(plans, None))
        assert facet_counts(page, "item") == {k: kinds[k] for k in ("commitment", "achievement", "context", "part")}
        years = Counter(period(d) for d, _ in commitments)
        assert facet_counts(page, "year") == dict(years)
        plan_kinds = Counter(d["kind"] for d, _ in commitments)
        assert facet_counts(page, "plan") == dict(plan_kinds)
        with_targets = [p for p in commitments if p[1]["targets"]]
        assert int(page.text_content(".plansite-explorer__target .plansite-explorer__count")) == len(with_targets)
        regions = Counter()
        for d, _ in commitments:
            regions.update([*(r.zh for r in ancestors(d["region"])), d["region"]])
        options = page.eval_on_selector_all("#plansite-explorer-region option", "os => os.slice(1).map(o => o.textContent.trim())")
        assert sorted(options) == sorted(f"{name} ({n})" for name, n in regions.items())
        assert off_origin == []


def test_theme_region_target_and_text_filters_narrow_to_what_plans_json_says(built: Path, plans: dict) -> None:  # type: ignore[type-arg]
    commitments = items(plans)
    with serve(built / "site") as origin, browser() as b:
        page = opened(b, f"{origin}/commitments/")
        page.check("fieldset[data-facet=theme] input[value=elderly-care]")
        wait(page, "?theme=elderly-care")
        elderly = [p for p in commitments if "elderly-care" in p[1]["themes"]]
        assert count(page) == len(elderly) and set(shown(page)) == keys(elderly)
        page.check(".plansite-explorer__target input")
        wait(page, "?theme=elderly-care&target=1")
        assert set(shown(page)) == keys([p for p in elderly if p[1]["targets"]])
        page.uncheck("fieldset[data-facet=theme] input[value=elderly-care]")
        wait(page, "?target=1")
        assert count(page) == len([p for p in commitments if p[1]["targets"]])
        page.uncheck(".plansite-explorer__target input")
        page.select_option("#plansite-explorer-region", "shanghai")
        wait(page, "?region=shanghai")
        assert count(page) == len([p for p in commitments if p[0]["region"] == "松江区"])
        page.select_option("#plansite-explorer-region", "")
        for query in ("养老", "養老"):  # traditional characters are folded to simplified
            page.fill("#plansite-explorer-q", query)
            wait(page, f"?q={'%E9%A4%8A' if query[0] == '養' else '%E5%85%BB'}%E8%80%81")
            expected = [p for p in commitments if "养老" in p[1]["title"] + "\n" + p[1]["text"]]
            assert count(page) == len(expected) and all_rows(page) == keys(expected)
            page.goto(f"{origin}/commitments/")
            wait(page)


def test_the_address_keeps_the_selection_and_back_restores_it(built: Path, plans: dict) -> None:  # type: ignore[type-arg]
    with serve(built / "site") as origin, browser() as b:
        page = opened(b, f"{origin}/commitments/")
        page.check("fieldset[data-facet=theme] input[value=social-assistance]")
        wait(page, "?theme=social-assistance")
        page.check("fieldset[data-facet=item] input[value=achievement]")
        wait(page, "?theme=social-assistance&item=commitment%2Cachievement")
        n = count(page)
        page.reload()
        wait(page, "?theme=social-assistance&item=commitment%2Cachievement")
        assert count(page) == n
        assert page.is_checked("fieldset[data-facet=theme] input[value=social-assistance]")
        assert page.is_checked("fieldset[data-facet=item] input[value=achievement]")
        page.go_back()
        wait(page, "?theme=social-assistance")
        assert not page.is_checked("fieldset[data-facet=item] input[value=achievement]")
        assert count(page) == len([p for p in items(plans) if "social-assistance" in p[1]["themes"]])
        page.goto(f"{origin}/commitments/?year=2023&page=2")  # a shared address, second page
        wait(page, "?year=2023&page=2")
        assert page.is_checked("fieldset[data-facet=year] input[value='2023']")
        assert "2" in page.text_content(".plansite-explorer__page")


def test_csv_download_is_the_selection_with_chinese_intact(built: Path, plans: dict) -> None:  # type: ignore[type-arg]
    selected = [p for p in items(plans) if "elderly-care" in p[1]["themes"]]
    with serve(built / "site") as origin, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page.goto(f"{origin}/commitments/?theme=elderly-care")
        wait(page, "?theme=elderly-care")
        with page.expect_download() as info:
            page.click(".plansite-explorer__csv")
        raw = Path(info.value.path()).read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == ["document_id", "item_id", "number", "title", "kind", "themes", "targets", "url"]
    assert {f"{r['document_id']}#{r['item_id']}" for r in rows} == keys(selected) and len(rows) == len(selected)
    by_key = {f"{d['id']}#{it['id']}": it for d, it in selected}
    for r in rows:
        it = by_key[f"{r['document_id']}#{r['item_id']}"]
        assert (r["title"], r["number"], r["kind"]) == (it["title"], it["display_number"], "commitment")
        assert set(r["themes"].split(";")) == set(it["themes"])  # in the taxonomy's order
        assert len(r["targets"].split("; ")) == len(it["targets"]) or not it["targets"]
        assert r["url"].endswith(f"/documents/{r['document_id']}/#{r['item_id']}")


def test_english_page_and_keyboard(built: Path, plans: dict) -> None:  # type: ignore[type-arg]
    SHOTS.mkdir(exist_ok=True)
    commitments = items(plans)
    with serve(built / "site") as origin, browser() as b:
        for width, name in ((1280, "desktop"), (390, "phone")):
            page = b.new_page(viewport={"width": width, "height": 900})
            page.goto(f"{origin}/en/commitments/")
            wait(page)
            assert page.evaluate("document.documentElement.lang") == "en"
            assert count(page) == len(commitments)
            assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing to scroll sideways
            page.screenshot(path=str(SHOTS / f"explorer-en-{name}.png"))
            page.close()
        page = b.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{origin}/en/commitments/")
        wait(page)
        assert "Elderly care" in page.text_content("fieldset[data-facet=theme]")
        link = page.locator("#plansite-explorer tbody tr td:nth-child(3) a").first
        assert link.get_attribute("href").startswith("../../en/documents/")  # relative: works under a sub-path
        link.click()
        page.wait_for_url("**/en/documents/**#item-*")
        page.go_back()
        wait(page)
        # every filter is a form control with a label, reached and used by keyboard
        assert page.evaluate("[...document.querySelectorAll('#plansite-explorer input, #plansite-explorer select')].every(e => e.labels && e.labels.length)")
        page.focus("fieldset[data-facet=theme] input[value=elderly-care]")
        page.keyboard.press("Space")
        wait(page, "?theme=elderly-care")
        assert count(page) == len([p for p in commitments if "elderly-care" in p[1]["themes"]])
        page.keyboard.press("Tab")  # the next theme
        page.keyboard.press("Space")
        wait(page, "?theme=elderly-care%2Cchild-welfare")
        assert count(page) == len([p for p in commitments if {"elderly-care", "child-welfare"} & set(p[1]["themes"])])


def test_index_has_one_code_per_item_that_says_its_themes_kind_and_targets(built: Path, plans: dict) -> None:  # type: ignore[type-arg]
    """``data/explorer.json`` decoded as explorer.js decodes it gives plans.json's items, and a
    document's rows file (each language) lists them in the same order."""
    from generator.render.explorer import CODES

    ix = json.loads((built / "site" / "data" / "explorer.json").read_text(encoding="utf-8"))
    by_id = {d["id"]: d for d in plans["documents"]}
    w, at = ix["width"], 0
    assert sorted(ix["docs"]["id"]) == sorted(by_id)
    for k, doc_id in enumerate(ix["docs"]["id"]):
        d = by_id[doc_id]
        assert ix["docs"]["items"][k] == len(d["items"])
        assert ix["periods"][ix["docs"]["period"][k]] == period(d)
        assert ix["regions"][ix["docs"]["region"][k]][1] == d["region"]
        rows = {
            lang: json.loads((built / "site" / prefix / "data" / "explorer" / f"{doc_id}.json").read_text(encoding="utf-8"))
            for lang, prefix in (("zh", ""), ("en", "en"))
        }
        for j, it in enumerate(d["items"]):
            code = 0
            for c in ix["items"][at * w : (at + 1) * w]:
                code = code * 64 + CODES.index(c)
            mask, kind, target = ix["combos"][code]
            assert {t[0] for b, t in enumerate(ix["themes"]) if mask >> b & 1} == set(it["themes"])
            assert (ix["item_kinds"][kind], target) == (it["kind"], int(bool(it["targets"])))
            assert rows["zh"]["items"][j][:3] == [it["id"], it["display_number"], it["title"]]
            assert rows["en"]["items"][j][0] == it["id"]
            at += 1
    assert at * w == len(ix["items"])
