"""The seed site in a real browser (Debian's chromium): permalinks land on the item, nothing leaves the origin."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from .browser import browser, serve

SHOTS = Path(__file__).parent / "output"


def test_item_permalink_lands_on_the_item_and_stays_on_origin(built: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    with serve(built / "site") as origin, browser() as b:
        off_origin: list[str] = []
        for width, name in ((1280, "desktop"), (390, "phone")):
            page = b.new_page(viewport={"width": width, "height": 900})
            page.on(
                "request", lambda r: off_origin.append(r.url) if urlparse(r.url).netloc != urlparse(origin).netloc and not r.url.startswith("data:") else None
            )
            page.goto(f"{origin}/documents/songjiang-2023-work-points/#item-7")
            page.wait_for_load_state("networkidle")
            heading = page.locator("#item-7")
            assert "持续推进养老服务设施建设" in heading.inner_text()
            box = heading.bounding_box()
            assert box is not None and 0 <= box["y"] < 300, box  # scrolled to the item
            page.screenshot(path=str(SHOTS / f"document-{name}.png"))
            page.close()
        assert off_origin == []


def test_language_switcher_keeps_page_and_anchor(built: Path) -> None:
    with serve(built / "site") as origin, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{origin}/documents/huli-2021-work-points/#item-21")
        page.wait_for_load_state("networkidle")
        page.hover(".md-header__option .md-select")
        page.click("a.plansite-lang[hreflang=en]")
        page.wait_for_url("**/en/documents/huli-2021-work-points/#item-21")
        assert page.evaluate("document.documentElement.lang") == "en"
        assert "marriage" in page.locator("#item-21").inner_text().lower()
        page.screenshot(path=str(SHOTS / "document-en.png"))
        page.hover(".md-header__option .md-select")
        page.click("a.plansite-lang[hreflang=zh]")
        page.wait_for_url("**/documents/huli-2021-work-points/#item-21")
        assert "/en/" not in page.url
        assert "加强婚姻管理规范化建设" in page.locator("#item-21").inner_text()
        page.goto(f"{origin}/en/themes/marriage-adoption/")
        page.screenshot(path=str(SHOTS / "theme-en.png"), full_page=True)
        page.click("article a[href='2021/']")  # the theme's landing page → its 2021 page
        page.wait_for_url("**/en/themes/marriage-adoption/2021/")
        assert page.locator("article a[href='../../../documents/huli-2021-work-points/#item-21']").count() == 1
        page.screenshot(path=str(SHOTS / "theme-period-en.png"), full_page=True)


def test_a_missing_page_shows_the_site_404_with_a_working_language_menu(built: Path) -> None:
    """``plansite preview`` answers a path the site does not have with the site's own 404 page
    (status 404), as a static host does: in the tree's language, with links back in, the header
    search box, and a language menu that leads to each language's home page."""
    with serve(built / "site") as origin, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        response = page.goto(f"{origin}/documents/no-such-plan/")
        assert response is not None and response.status == 404
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.lang") == "zh"
        assert page.locator("article h1").inner_text().strip() == "找不到这个页面"
        links = page.locator("article ul.plansite-not-found a")
        assert [links.nth(i).get_attribute("href") for i in range(links.count())] == ["/", "/documents/", "/search/"]
        page.screenshot(path=str(SHOTS / "not-found.png"))
        page.fill(".plansite-header-search input", "养老床位")
        page.press(".plansite-header-search input", "Enter")
        page.wait_for_url("**/search/?q=*")
        page.wait_for_selector("#plansite-results li")
        assert page.locator("#plansite-results li").count() > 0
        page.goto(f"{origin}/documents/no-such-plan/")
        page.hover(".md-header__option .md-select")
        page.click("a.plansite-lang[hreflang=en]")
        page.wait_for_url(f"{origin}/en/")
        assert page.evaluate("document.documentElement.lang") == "en"
        response = page.goto(f"{origin}/en/documents/no-such-plan/")
        assert response is not None and response.status == 404
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("article h1").inner_text().strip() == "Page not found"
        page.hover(".md-header__option .md-select")
        page.click("a.plansite-lang[hreflang=zh]")
        page.wait_for_url(f"{origin}/")
        assert page.evaluate("document.documentElement.lang") == "zh"


def test_wide_tables_read_as_cards_on_a_phone(built: Path) -> None:
    """The themes index (four columns) on a phone: a card per theme, each cell as wide as the
    page under its column's heading, nothing to scroll sideways; on a desktop it stays a table."""
    with serve(built / "site") as origin, browser() as b:
        phone = b.new_page(viewport={"width": 390, "height": 844})
        phone.goto(f"{origin}/themes/")
        phone.wait_for_load_state("networkidle")
        table = phone.locator("article table")
        assert table.get_attribute("data-plansite-cards") == ""
        article = phone.locator("article").bounding_box()
        description = phone.locator("article table tbody tr:first-child td:nth-child(2)")
        box = description.bounding_box()
        assert article is not None and box is not None and box["width"] > 0.8 * article["width"], (box, article)
        assert phone.evaluate("getComputedStyle(document.querySelector('article table tbody td:nth-child(2)'), '::before').content") == '"说明："'
        assert phone.evaluate("[...document.querySelectorAll('article table, article .md-typeset__scrollwrap')].every(e => e.scrollWidth <= e.clientWidth + 1)")
        phone.screenshot(path=str(SHOTS / "themes-phone.png"))
        phone.goto(f"{origin}/en/themes/")
        assert phone.evaluate("getComputedStyle(document.querySelector('article table tbody td:nth-child(2)'), '::before').content") == '"Description: "'
        phone.goto(f"{origin}/en/glossary/")  # a term without variants or note: no empty headings
        empty = phone.locator("article table[data-plansite-cards] td:empty")
        assert empty.count() > 0 and all(not empty.nth(i).is_visible() for i in range(empty.count()))
        desktop = b.new_page(viewport={"width": 1280, "height": 900})
        desktop.goto(f"{origin}/themes/")
        assert desktop.evaluate("getComputedStyle(document.querySelector('article table thead')).display") == "table-header-group"
        assert desktop.evaluate("getComputedStyle(document.querySelector('article table tbody td:nth-child(2)'), '::before').content") == "none"


def test_cite_copies_the_items_reference_with_its_permalink(built: Path) -> None:
    with serve(built / "site") as origin, browser() as b:
        for lang, prefix, issuer in (("zh", "", "上海市松江区民政局"), ("en", "/en", "上海市松江区民政局")):
            context = b.new_context(viewport={"width": 1280, "height": 900})
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
            page = context.new_page()
            page.goto(f"{origin}{prefix}/documents/songjiang-2023-work-points/#item-7")
            button = page.locator("#item-7 ~ * button.plansite-cite").first
            button.focus()
            page.keyboard.press("Enter")  # a keyboard user can cite too
            page.wait_for_function("document.querySelector('button.plansite-cite[data-copied]') !== null")
            copied = button.get_attribute("data-copied")
            assert copied is not None
            assert issuer in copied and "沪松民〔2023〕12号" in copied, copied
            assert copied.endswith(f"{origin}{prefix}/documents/songjiang-2023-work-points/#item-7"), copied
            assert ("第7项" in copied) if lang == "zh" else ("item 7" in copied), copied
            clip = page.evaluate("navigator.clipboard.readText()")
            assert clip == copied
            context.close()
