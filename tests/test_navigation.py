"""Issue 24, the smaller navigation items, in the built site: regions by level, the documents
index's 文号 and date columns, the latest documents by date, glossary headings in the page's
language, the search page without JavaScript, the 404 page's title."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup


def page(built: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((built / "site" / path).read_text(encoding="utf-8"), "lxml")


def test_regions_index_is_grouped_province_city_county(built: Path) -> None:
    for path, (province, city, county, other) in {
        "regions/index.html": ("福建省", "厦门市", "湖里区", "江苏省"),
        "en/regions/index.html": ("Fujian Province", "Xiamen", "Huli District, Xiamen", "Jiangsu Province"),
    }.items():
        top = page(built, path).select_one("article > ul")
        assert top is not None
        fujian = next(li for li in top.find_all("li", recursive=False) if li.get_text().strip().startswith(province))
        xiamen = fujian.find("ul").find("li")
        assert xiamen.get_text().strip().startswith(city)
        huli = xiamen.find("ul").find("li")
        assert huli.a.get_text() == county and huli.a["href"].endswith("h/#huli")
        shanghai = next(li for li in top.find_all("li", recursive=False) if li.get_text().strip().startswith(("上海市", "Shanghai")))
        assert [a.get_text() for a in shanghai.find("ul").find_all("a")][0].startswith(("松江区", "Songjiang"))
        assert other in [a.get_text() for a in top.find_all("a", recursive=True)]
        assert all(a.get_text() != other for a in shanghai.find_all("a"))  # 江苏省 is not beside 松江区


def test_documents_index_has_doc_number_and_date_columns(built: Path) -> None:
    table = page(built, "documents/index.html").select_one("article table")
    heads = [th.get_text() for th in table.select("thead th")]
    assert heads[:3] == ["文件", "发文字号", "日期"], heads
    row = next(tr for tr in table.select("tbody tr") if "松江民政工作要点" in tr.get_text())
    assert [td.get_text() for td in row.select("td")][1:3] == ["沪松民〔2023〕12号", "2023-02-23"]
    assert [th.get_text() for th in page(built, "en/documents/index.html").select("article table thead th")][1:3] == ["Document number", "Date"]


def test_latest_documents_are_in_date_order(built: Path) -> None:
    soup = page(built, "index.html")
    latest = soup.find(id="documents").find_next("ul")
    titles = [a.get_text() for a in latest.find_all("a")]
    assert titles.index("2023年松江民政工作要点") < titles.index("2023年全省民政工作要点") < titles.index("2021年湖里区民政工作要点"), titles


def test_glossary_headings_are_in_the_pages_language(built: Path) -> None:
    zh = [h.get_text().rstrip("¶") for h in page(built, "glossary/index.html").select("article h2")]
    en = [h.get_text().rstrip("¶") for h in page(built, "en/glossary/index.html").select("article h2")]
    assert zh and all(re.search(r"[\u4e00-\u9fff]", h) and not re.search(r"[A-Za-z]", h) for h in zh), zh
    assert en and all(not re.search(r"[\u4e00-\u9fff]", h) for h in en) and en[0].startswith("General"), en


def test_search_page_says_what_to_do_without_javascript(built: Path) -> None:
    for path, words in (("search/index.html", "JavaScript"), ("en/search/index.html", "JavaScript")):
        noscript = page(built, path).select_one("article noscript")
        assert noscript is not None and words in noscript.get_text()


def test_the_404_pages_title_says_not_found(built: Path) -> None:
    assert page(built, "404.html").title.get_text().startswith("找不到这个页面")
    assert page(built, "en/404.html").title.get_text().startswith("Page not found")
