"""Search quality in a real browser: type each query of tests/fixtures/search/queries.yaml into the
search page (Debian's chromium), read the results, and report recall@5 per language."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml

from .browser import browser, serve

QUERIES = yaml.safe_load((Path(__file__).parent / "fixtures" / "search" / "queries.yaml").read_text(encoding="utf-8"))
SHOTS = Path(__file__).parent / "output"
MIN_RECALL = 0.95


def _result_key(url: str) -> str:
    """'/en/documents/<doc>/#item-7' → '<doc>#item-7'."""
    parsed = urlparse(unquote(url))
    parts = [p for p in parsed.path.split("/") if p]
    doc = parts[parts.index("documents") + 1] if "documents" in parts else parsed.path
    return f"{doc}#{parsed.fragment}" if parsed.fragment else doc


def run_queries(site: Path, lang: str, queries: list[dict]) -> tuple[float, list[str], float]:  # type: ignore[type-arg]
    found = expected = 0
    misses: list[str] = []
    first_result_ms = 0.0
    with serve(site) as origin, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        off_origin: list[str] = []
        page.on(
            "request",
            lambda r: off_origin.append(r.url) if urlparse(r.url).netloc != urlparse(origin).netloc and not r.url.startswith(("data:", "blob:")) else None,
        )
        page.goto(f"{origin}/{'en/' if lang == 'en' else ''}search/")
        for n, case in enumerate(queries):
            start = time.perf_counter()
            page.fill("#plansite-q", case["q"])
            page.press("#plansite-q", "End")
            page.wait_for_function("q => document.getElementById('plansite-results').getAttribute('data-q') === q", arg=case["q"], timeout=20000)
            if n == 0:
                first_result_ms = (time.perf_counter() - start) * 1000
            urls = page.eval_on_selector_all("#plansite-results li", "els => els.slice(0, 5).map(e => e.getAttribute('data-url'))")
            top = [_result_key(u) for u in urls]
            for want in case["expect"]:
                expected += 1
                if want in top:
                    found += 1
                else:
                    misses.append(f"{case['q']!r}: {want} not in top 5 {top}")
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"search-{lang}.png"))
        assert off_origin == [], off_origin
    return found / expected, misses, first_result_ms


@pytest.mark.parametrize("lang,minimum", [("zh", 40), ("en", 20)])
def test_search_recall_at_5(built: Path, lang: str, minimum: int) -> None:
    recall, misses, first_ms = run_queries(built / "site", lang, QUERIES[lang])
    print(f"\n{lang}: {len(QUERIES[lang])} queries, recall@5 = {recall:.1%}, first query answered in {first_ms:.0f} ms")
    for m in misses:
        print("  miss", m)
    assert len(QUERIES[lang]) >= minimum
    assert recall >= MIN_RECALL


def test_each_language_has_its_own_index(built: Path) -> None:
    for lang, probe in (("zh", "婚姻登记"), ("en", "marriage")):
        folder = built / "site" / "search-index" / lang
        size = sum(p.stat().st_size for p in folder.iterdir())
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        rows = [r for chunk in sorted(folder.glob("records-*.json")) for r in json.loads(chunk.read_text(encoding="utf-8"))]
        print(f"\n{lang}: search index {size / 1024:.0f} KiB in {len(list(folder.iterdir()))} files, {meta['records']} records")
        assert all(r["u"].startswith("en/") == (lang == "en") for r in rows)
        assert any(probe in r["t"].lower() for r in rows)


def test_bytes_downloaded_before_first_result(built: Path) -> None:
    """What a visitor downloads from opening the home page to the first search result (DESIGN §9)."""
    with serve(built / "site") as origin, browser() as b:
        page = b.new_page()
        sizes: list[int] = []
        urls: list[str] = []
        page.on("request", lambda r: urls.append(r.url))
        page.on("response", lambda r: sizes.append(len(r.body())) if r.ok and r.request.method == "GET" else None)
        page.goto(f"{origin}/")
        page.wait_for_load_state("networkidle")
        page.fill(".plansite-header-search input", "养老床位")
        page.press(".plansite-header-search input", "Enter")
        page.wait_for_selector("#plansite-results li")
        page.wait_for_load_state("networkidle")
        total = sum(sizes)
    print(f"\nbytes downloaded from home page to first result: {total / 1024:.0f} KiB ({len(sizes)} responses)")
    assert total < 3 * 1024 * 1024
    # nothing whose size grows with the corpus besides the index shards of the query
    assert not [u for u in urls if u.endswith("sitemap.xml") or "/documents/" in u or "plans.json" in u]


def test_packed_postings_round_trip() -> None:
    """The packed postings (decoded by unpack() in search.js) keep every record of a term, with
    BM25 weights in tenths; records name their document only when it changes."""
    from generator.site.search_index import Record, base36, build_language, impact

    texts = ["养老服务", "养老床位养老", "婚姻登记", "养老"] + ["社区"] * 40
    recs = [Record(f"documents/d{k // 3}/#item-{k}", "zh", f"条目{k}", f"文件{k // 3}", t) for k, t in enumerate(texts)]
    files = build_language(recs)
    shards = {}
    for name, text in files.items():
        if name.startswith("terms-"):
            shards.update(json.loads(text))

    def unpack(packed: str) -> list[tuple[int, int]]:  # the loop of unpack() in search.js
        decoded, rec, gap = [], 0, ""
        for ch in packed:
            if "A" <= ch <= "Z":
                rec += int(gap, 36)
                decoded.append((rec, ord(ch) - 64))
                gap = ""
            else:
                gap += ch
        return decoded

    assert [r for r, _ in unpack(shards["养老"])] == [0, 1, 3]
    assert [r for r, _ in unpack(shards["社区"])] == list(range(4, 44))
    assert all(1 <= w <= 22 for _, w in unpack(shards["社区"]))
    # record 1 has 养老 twice in a text as short as record 3's: it weighs more
    weights = dict(unpack(shards["养老"]))
    assert weights[1] > weights[3]
    assert base36(1371 - 36) == "113"
    assert impact(1, 100, 100.0) == 10 and impact(50, 10, 100.0) == 22 and impact(1, 10_000, 10.0) == 1
    rows = json.loads(files["records-0.json"])
    assert [("d" in r) for r in rows[:7]] == [True, False, False, True, False, False, True]


@pytest.mark.parametrize("lang, query", [("zh", "低保"), ("en", "subsistence allowance")])
def test_results_mark_the_words_searched_for(built: Path, lang: str, query: str) -> None:
    """A reader sees why a result matched: the query's words, in every form searched for (an
    abbreviation finds the full name: generator/data/search_synonyms.tsv), are marked in the
    results' titles and excerpts, and only those."""
    rows = [
        ln.split("\t")[0].split("|")
        for ln in (Path(__file__).parents[1] / "generator" / "data" / "search_synonyms.tsv").read_text(encoding="utf-8").splitlines()
        if ln and not ln.startswith("#") and "\t" in ln
    ]
    forms = next(group for group in rows if query in group)
    words = {w.lower() for form in forms for w in form.split()}
    with serve(built / "site") as origin, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{origin}/{'en/' if lang == 'en' else ''}search/")
        page.fill("#plansite-q", query)
        page.press("#plansite-q", "End")
        page.wait_for_function("q => document.getElementById('plansite-results').getAttribute('data-q') === q", arg=query, timeout=20000)
        marks = page.eval_on_selector_all("#plansite-results mark", "els => els.map(e => e.textContent)")
        assert len(marks) >= 3, marks
        from generator.site.search_index import fold_word  # English is marked as the index matches it: plurals too

        fold = fold_word if lang == "en" else (lambda w: w)
        assert {fold(m.lower()) for m in marks} <= {fold(w) for w in words}, marks
        if lang == "zh":
            assert {"低保", "最低生活保障"} <= set(marks)  # the abbreviation found the full name too
        first = page.locator("#plansite-results li").first  # the best result shows why it matched
        assert first.locator("mark").count() > 0
        page.screenshot(path=str(SHOTS / f"search-marks-{lang}.png"))


def test_english_words_are_marked_as_the_index_matches_them(built: Path) -> None:
    """English is marked by whole words, folded as the index folds them: a search for "service"
    marks "services" too (both are in the results), and "care" is never marked inside a longer
    word."""
    import re

    with serve(built / "site") as origin, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{origin}/en/search/")
        for query, marks_ok in (("care", {"care"}), ("service", {"service", "services"})):
            page.fill("#plansite-q", query)
            page.press("#plansite-q", "End")
            page.wait_for_function("q => document.getElementById('plansite-results').getAttribute('data-q') === q", arg=query, timeout=20000)
            shown = " ".join(
                page.eval_on_selector_all(
                    "#plansite-results li", "els => els.map(e => e.querySelector('a').textContent + ' ' + e.querySelector('p').textContent)"
                )
            )
            around = page.eval_on_selector_all(
                "#plansite-results mark",
                "els => els.map(e => [e.textContent, (e.previousSibling || {}).textContent || '', (e.nextSibling || {}).textContent || ''])",
            )
            assert {m.lower() for m, _, _ in around} == {w for w in marks_ok if re.search(rf"\b{w}\b", shown, re.IGNORECASE)}, (query, around)
            assert all(not (before[-1:].isalnum() or after[:1].isalnum()) for _, before, after in around), around


def test_plurals_fold_to_their_singular() -> None:
    """An English word and its plural are one index term, so a query for one finds the other
    (the search page folds queries with the same rules)."""
    from generator.site.search_index import fold_word

    for singular, plural in (
        ("service", "services"),
        ("allowance", "allowances"),
        ("process", "processes"),
        ("facility", "facilities"),
        ("case", "cases"),
        ("need", "needs"),
        ("box", "boxes"),
    ):
        assert fold_word(plural) == fold_word(singular), (singular, plural)
    for word in ("status", "basis", "access", "bus"):  # not plurals
        assert fold_word(word) == word
    assert fold_word("career") != fold_word("care")
