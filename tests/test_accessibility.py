"""axe-core (from npm, ``package.json``) injected into chromium on every page type of both language
trees: no serious or critical violation; and what axe cannot see: a focus ring on every control,
a skip link, item headings never smaller than body text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .browser import AXE, LANG_PREFIX, PAGE_TYPES, browser, serve

SHOTS = Path(__file__).parent / "output"
RUN_AXE = "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))})))"


def axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def]
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


def test_no_serious_or_critical_axe_violation_on_any_page_type(built: Path) -> None:
    assert AXE.is_file(), "axe-core is not installed: run the tests with `bash tests/run.sh` (npm ci)"
    SHOTS.mkdir(exist_ok=True)
    summary: dict[str, dict[str, int]] = {}
    serious: list[str] = []
    with serve(built / "site") as origin, browser() as b:
        for width in (1280, 390):
            page = b.new_page(viewport={"width": width, "height": 900})
            for lang, prefix in LANG_PREFIX.items():
                for name, path in PAGE_TYPES.items():
                    page.goto(f"{origin}{prefix}{path}")
                    page.wait_for_load_state("networkidle")
                    found = axe_violations(page)
                    counts = summary.setdefault(f"{lang} {name} {width}", {})
                    for v in found:
                        counts[v["impact"]] = counts.get(v["impact"], 0) + len(v["nodes"])
                        if v["impact"] in ("serious", "critical"):
                            serious.append(f"{lang} {name} @{width}: {v['id']} ({v['impact']}) {v['nodes'][:3]}")
            page.close()
    (SHOTS / "axe-summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    assert len(summary) == 2 * 2 * len(PAGE_TYPES)
    assert not serious, "\n".join(serious)


@pytest.mark.parametrize("mode", ["dark", "large-contrast"])
def test_axe_in_the_dark_scheme_and_the_reading_modes(built: Path, mode: str) -> None:
    """The document page and the home page stay free of serious violations in the dark scheme and
    with large text and high contrast on."""
    with serve(built / "site") as origin, browser() as b:
        context = b.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark" if mode == "dark" else "light")
        if mode != "dark":
            context.add_init_script("localStorage.setItem('plansite-textsize', 'large'); localStorage.setItem('plansite-contrast', 'high')")
        page = context.new_page()
        bad = []
        for prefix in LANG_PREFIX.values():
            for name in ("home", "document", "theme-period"):
                page.goto(f"{origin}{prefix}{PAGE_TYPES[name]}")
                page.wait_for_load_state("networkidle")
                if mode == "dark":
                    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
                bad += [f"{prefix} {name}: {v['id']} {v['nodes'][:3]}" for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
        assert not bad, "\n".join(bad)


FOCUS_RING = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  return {tag: e.tagName, id: e.id, cls: e.className, style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""


def test_every_control_shows_focus_and_the_skip_link_comes_first(built: Path) -> None:
    """Tabbing through a document page: the first stop is the skip link (it leads to the article),
    and every control the keyboard reaches, the header search box included, shows a ring."""
    with serve(built / "site") as origin, browser() as b:
        for prefix in LANG_PREFIX.values():
            page = b.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{origin}{prefix}/documents/songjiang-2023-work-points/")
            page.wait_for_load_state("networkidle")
            page.keyboard.press("Tab")
            first = page.evaluate(FOCUS_RING)
            assert "plansite-skip" in first["cls"], first
            assert page.locator(".plansite-skip").bounding_box()["y"] >= 0  # shown when focused
            seen = []
            for _ in range(40):
                ring = page.evaluate(FOCUS_RING)
                assert ring["style"] != "none" and ring["width"] >= 2, ring
                seen.append(ring["tag"] + ("#" + ring["id"] if ring["id"] else "") + "." + str(ring["cls"]).split(" ")[0])
                page.keyboard.press("Tab")
            assert any("plansite-textsize" in s for s in seen) and any("plansite-contrast" in s for s in seen), seen
            for sel in (
                ".plansite-header-search input",
                "button.plansite-cite",
                "a.plansite-chip",
                ".plansite-related a",
                "a.headerlink",
                "#plansite-textsize",
            ):
                page.focus(sel)  # after keyboard use, chromium shows focus as it would when tabbing
                ring = page.evaluate(FOCUS_RING)
                assert ring["style"] != "none" and ring["width"] >= 2, (sel, ring)
            page.focus(".plansite-skip")
            page.keyboard.press("Enter")
            assert page.evaluate("document.activeElement.id") == "plansite-content"
            page.close()


def test_item_headings_are_one_size_and_never_smaller_than_body_text(built: Path) -> None:
    with serve(built / "site") as origin, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        sizes = set()
        for doc in ("songjiang-2023-work-points", "huli-2021-work-points", "jiangsu-2023-work-points", "songjiang-2021-2025-five-year-plan"):
            page.goto(f"{origin}/documents/{doc}/")
            body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
            found = page.evaluate(
                "[...new Set([...document.querySelectorAll('.plan-item')].map(e => getComputedStyle(e).fontSize + ' ' + getComputedStyle(e).fontWeight))]"
            )
            assert found, doc
            sizes.update(found)
            assert all(float(s.split("px")[0]) >= body for s in found), (doc, found, body)
        assert len(sizes) == 1, sizes
