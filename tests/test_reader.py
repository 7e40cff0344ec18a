"""Issue 24 in a real browser: a phone screen, the item a permalink leads to, the reading modes
(large text, high contrast, read aloud) and print."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .browser import LANG_PREFIX, PAGE_TYPES, browser, serve

SHOTS = Path(__file__).parent / "output"
DOC = "/documents/songjiang-2023-work-points/"


def luminance(rgb: str) -> float:
    parts = [float(x) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    lin = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_no_page_scrolls_sideways_on_a_phone(built: Path) -> None:
    """At 390 px every page type of both trees is as wide as the screen, its language menu included."""
    SHOTS.mkdir(exist_ok=True)
    wide = []
    with serve(built / "site") as origin, browser() as b:
        page = b.new_page(viewport={"width": 390, "height": 844})
        for lang, prefix in LANG_PREFIX.items():
            for name, path in PAGE_TYPES.items():
                page.goto(f"{origin}{prefix}{path}")
                page.wait_for_load_state("networkidle")
                width = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]")
                if max(width[:2]) > width[2]:
                    wide.append(f"{lang} {name}: {width}")
                if name in ("home", "document", "regions"):
                    page.screenshot(path=str(SHOTS / f"phone-{lang}-{name}.png"))
    assert not wide, wide


def test_after_an_anchor_jump_the_header_is_whole_and_the_item_below_it(built: Path) -> None:
    with serve(built / "site") as origin, browser() as b:
        for width in (390, 1280):
            page = b.new_page(viewport={"width": width, "height": 844})
            page.goto(f"{origin}{DOC}#item-7")
            page.wait_for_load_state("networkidle")
            header = page.locator(".md-header").bounding_box()
            item = page.locator("#item-7").bounding_box()
            assert header is not None and item is not None
            assert header["y"] == 0 and header["x"] == 0 and page.evaluate("scrollX") == 0, header
            assert header["y"] + header["height"] <= item["y"] < 300, (header, item)
            page.close()


TARGET_STYLE = """id => { const e = document.getElementById(id); const next = e.nextElementSibling;
  const s = getComputedStyle(e), n = getComputedStyle(next), body = getComputedStyle(document.body);
  return {bg: s.backgroundColor, next: n.backgroundColor, shadow: s.boxShadow, page: body.backgroundColor}; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_item_a_permalink_leads_to_is_highlighted(built: Path, scheme: str) -> None:
    """The :target item (heading and text up to the next heading) has its own background and a
    bar at its edge, in the light and the dark scheme; the items around it have none."""
    with serve(built / "site") as origin, browser() as b:
        page = b.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme).new_page()
        page.goto(f"{origin}{DOC}#item-7")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
        on = page.evaluate(TARGET_STYLE, "item-7")
        off = page.evaluate(TARGET_STYLE, "item-8")
        assert on["bg"] not in ("rgba(0, 0, 0, 0)", on["page"]) and on["next"] == on["bg"], on
        assert "rgb" in on["shadow"], on
        assert off["bg"] == "rgba(0, 0, 0, 0)" and off["next"] == "rgba(0, 0, 0, 0)", off
        text = page.evaluate("getComputedStyle(document.querySelector('#item-7 + *')).color")
        assert contrast(text, on["bg"]) >= 7, (text, on["bg"])
        page.screenshot(path=str(SHOTS / f"target-{scheme}.png"))


BODY = """() => { const p = document.querySelector('article p:not([class])'); const s = getComputedStyle(p);
  return {size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight) / parseFloat(s.fontSize), color: s.color,
          bg: getComputedStyle(document.body).backgroundColor,
          cite: document.querySelector('button.plansite-cite') && document.querySelector('button.plansite-cite').getBoundingClientRect().height}; }"""


def test_large_text_and_high_contrast_are_remembered_across_pages_and_languages(built: Path) -> None:
    with serve(built / "site") as origin, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{origin}{DOC}")
        page.wait_for_load_state("networkidle")
        before = page.evaluate(BODY)
        assert before["size"] < 18
        assert page.get_attribute("#plansite-textsize", "aria-pressed") == "false"
        page.click("#plansite-textsize")
        large = page.evaluate(BODY)
        assert large["size"] >= 18 and large["line"] >= 1.5 and large["cite"] >= 44, large
        assert page.get_attribute("#plansite-textsize", "aria-pressed") == "true"
        page.click("#plansite-contrast")
        high = page.evaluate(BODY)
        assert contrast(high["color"], high["bg"]) >= 7, high
        page.screenshot(path=str(SHOTS / "document-large-contrast.png"))
        for path in ("/en/documents/huli-2021-work-points/", "/themes/elderly-care/2021-2025/", "/en/search/?q=care"):
            page.goto(f"{origin}{path}")
            page.wait_for_load_state("networkidle")
            kept = page.evaluate(BODY)
            assert kept["size"] >= 18 and contrast(kept["color"], kept["bg"]) >= 7, (path, kept)
            assert page.get_attribute("#plansite-textsize", "aria-pressed") == "true"
            assert page.get_attribute("#plansite-contrast", "aria-pressed") == "true"
        page.screenshot(path=str(SHOTS / "search-en-large-contrast.png"))
        page.click("#plansite-textsize")
        page.click("#plansite-contrast")
        page.goto(f"{origin}{DOC}")
        assert page.evaluate(BODY)["size"] == before["size"]
        assert page.evaluate("document.documentElement.hasAttribute('data-plansite-contrast')") is False


def test_the_metadata_table_is_body_size_and_its_labels_whole_on_a_phone(built: Path) -> None:
    with serve(built / "site") as origin, browser() as b:
        page = b.new_page(viewport={"width": 390, "height": 844})
        for prefix in LANG_PREFIX.values():
            page.goto(f"{origin}{prefix}{DOC}")
            cells = page.locator("article table").first.locator("td:first-child")
            for i in range(cells.count()):
                cell = cells.nth(i)
                size = cell.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
                lines = cell.evaluate("e => { const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects().length; }")
                assert size >= 16 and lines == 1, (prefix, cell.inner_text(), size, lines)


FAKE_VOICE = """
(() => {
  const spoken = [];
  window.__spoken = spoken;
  const synth = { speaking: false, getVoices: () => [{ name: 'test zh', lang: 'zh-CN' }, { name: 'test en', lang: 'en-US' }],
    speak: u => spoken.push(u.text), cancel: () => {}, addEventListener: () => {} };
  Object.defineProperty(window, 'speechSynthesis', { value: synth });
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


def test_read_aloud_reads_an_item_or_the_page_and_is_hidden_without_a_voice(built: Path) -> None:
    with serve(built / "site") as origin, browser() as b:
        quiet = b.new_page()
        quiet.add_init_script("Object.defineProperty(window, 'speechSynthesis', { value: { getVoices: () => [], addEventListener: () => {} } });")
        quiet.goto(f"{origin}{DOC}")
        assert quiet.locator("button.plansite-speak").count() == 1 and not quiet.locator("button.plansite-speak").is_visible()
        for prefix, word in (("", "朗读"), ("/en", "Read aloud")):
            context = b.new_context(viewport={"width": 1280, "height": 900})
            context.add_init_script(FAKE_VOICE)
            page = context.new_page()
            page.goto(f"{origin}{prefix}{DOC}#item-7")
            page.wait_for_load_state("networkidle")
            button = page.locator("#item-7 ~ * button.plansite-speak[data-speak=item]").first
            assert button.is_visible() and word in button.inner_text()
            button.click()
            spoken = "".join(page.evaluate("window.__spoken"))
            if not prefix:
                assert spoken.startswith("7、") and "持续推进养老服务设施建设" in spoken and "一是要按照" in spoken, spoken
                assert "八、" not in spoken and "提升养老服务质量水平" not in spoken and "引用" not in spoken, spoken
            assert button.get_attribute("aria-pressed") == "true"
            button.click()  # pressed again: stops
            assert button.get_attribute("aria-pressed") == "false"
            page.evaluate("window.__spoken.length = 0")
            page.click("button.plansite-speak[data-speak=page]")
            whole = "".join(page.evaluate("window.__spoken"))
            assert len(whole) > 2000 and "引用" not in whole and ("2023年松江民政工作要点" in whole if not prefix else "Songjiang" in whole), whole[:200]
            context.close()


def test_print_gives_an_a4_plan_with_numbers_and_permalinks(built: Path) -> None:
    """Print media: no header, search, navigation, chips, related items or buttons; the title,
    文号 and issuer at the top; each item's permalink after it; headings kept with their text.
    Then an A4 PDF from chromium, its first page turned into an image to look at."""
    SHOTS.mkdir(exist_ok=True)
    with serve(built / "site") as origin, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{origin}{DOC}")
        page.wait_for_load_state("networkidle")
        page.emulate_media(media="print")
        hidden = [".md-header", ".md-sidebar--primary", ".md-footer", ".plansite-chip", ".plansite-related", "button.plansite-cite", ".plansite-header-search"]
        for sel in hidden:
            loc = page.locator(sel)
            assert loc.count() > 0 and not any(loc.nth(i).is_visible() for i in range(min(loc.count(), 5))), sel
        top = page.evaluate("document.querySelector('article').innerText.slice(0, 400)")
        assert "2023年松江民政工作要点" in top and "沪松民〔2023〕12号" in top and "上海市松江区民政局" in top, top
        link = page.locator("#item-7 ~ .plansite-cite-row .plansite-print-link").first
        assert link.is_visible() and link.inner_text() == f"{origin}{DOC}#item-7"
        assert float(link.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) < 12
        assert page.evaluate("getComputedStyle(document.getElementById('item-7')).breakAfter") in ("avoid", "avoid-page")
        assert "7、" in page.locator("#item-7").inner_text()
        page.screenshot(path=str(SHOTS / "print-media.png"), full_page=False)
        pdf = page.pdf(format="A4", print_background=False)
    assert pdf[:5] == b"%PDF-" and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 3
    out = SHOTS / "document-a4.pdf"
    out.write_bytes(pdf)
    box = [float(x) for x in pdf.split(b"/MediaBox [")[1].split(b"]")[0].split()]
    assert abs(box[2] - 595.92) < 2 and abs(box[3] - 842.88) < 2, box  # A4 in points
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(out), str(SHOTS / "document-a4")], check=True)
