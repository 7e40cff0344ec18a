"""Targets where staff use them (issue 21, part 3): in the open data, marked in the text, tabled
on every document page and on the theme pages — checked on the seed site as built.

How well targets are read is measured elsewhere (tests/test_targets.py, benchmarks/targets.py);
here: every target the pipeline read reaches the export, the page and the tables, with its span
exactly as in the source and its value as parsed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.model import Target
from generator.render.targets import number_text, value_text


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="module")
def data(built: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((built / "site" / "data" / "plans.json").read_text(encoding="utf-8"))


def _as_target(t: dict) -> Target:  # type: ignore[type-arg]
    return Target(t["indicator"], float(t["value"]), t["unit"], t["comparator"], t["year"], t["attribute"], t["text"])


def test_export_has_each_documents_targets_with_their_blocks_and_on_their_items(data: dict) -> None:  # type: ignore[type-arg]
    assert data["format"] == 4
    total = 0
    for d in data["documents"]:
        blocks = {b["id"]: b for b in d["body"]}
        items = {it["id"]: it for it in d["items"]}
        for t in d["targets"]:
            total += 1
            block = blocks[t["block"]]  # a block of the document's text
            text = "\n".join("\t".join(r) for r in block["rows"]) if block["type"] == "table" else block["text"]
            assert t["text"] in text, t  # the span is the source's text, exactly
            assert t["comparator"] in ("=", ">=", "<=", ">", "<", "~") and isinstance(t["value"], (int, float))
            if t["block"] in items:
                assert items[t["block"]]["kind"] != "achievement"  # a past result sets no target
                assert {k: v for k, v in t.items() if k != "block"} in items[t["block"]]["targets"]
        on_items = sum(len(it["targets"]) for it in d["items"])
        assert on_items == sum(1 for t in d["targets"] if t["block"] in items)
    assert total >= 30  # the seeds set dozens of targets (1.2万 → 12000 and the like)


def test_values_are_numbers_from_the_text(data: dict) -> None:  # type: ignore[type-arg]
    by_text = {t["text"]: t for d in data["documents"] for t in d["targets"]}
    wan = [t for text, t in by_text.items() if "万" in text and t["unit"] != "元"]
    assert wan and all(t["value"] >= 10000 for t in wan), wan  # 3万户 is 30000 户


def test_each_items_targets_are_marked_in_the_chinese_text(built: Path, data: dict) -> None:  # type: ignore[type-arg]
    for d in data["documents"]:
        page = _soup(built / "site" / "documents" / d["id"] / "index.html")
        for it in d["items"]:
            if not it["targets"]:
                continue
            heading = page.find(id=it["id"])
            assert heading is not None, it["id"]
            marks = []
            for el in heading.find_all_next():
                if el.name in ("h2", "h3", "h4", "h5") and el.get("id") != it["id"]:
                    break
                if el.name == "mark" and "plansite-target" in el.get("class", []):
                    marks.append(el)
            spans = [m.get_text() for m in marks]
            for t in it["targets"]:
                assert t["text"] in spans, (d["id"], it["id"], t["text"], spans)
                mark = marks[spans.index(t["text"])]
                assert value_text(_as_target(t)) in mark["data-target"]  # hover / focus shows the value read
                assert mark.get("tabindex") == "0"  # reachable by keyboard and by tap


def test_document_page_tables_every_target_with_a_link_to_where_it_was_read(built: Path, data: dict) -> None:  # type: ignore[type-arg]
    for d in data["documents"]:
        for root in (built / "site", built / "site" / "en"):
            page = _soup(root / "documents" / d["id"] / "index.html")
            table = page.select_one(".plansite-targets-wrap table")
            if not d["targets"]:
                assert table is None
                continue
            rows = table.select("tbody tr")
            assert len(rows) == len(d["targets"]), d["id"]
            for row, t in zip(rows, d["targets"], strict=True):
                cells = [c.get_text() for c in row.find_all("td")]
                assert cells[0] == (t["indicator"] or "—")
                assert number_text(float(t["value"])) in cells[1] and t["unit"] in cells[1]
                anchor = row.find("a")["href"].lstrip("#")
                assert page.find(id=anchor) is not None, (d["id"], anchor)  # the link lands on the item or part


def test_english_items_state_their_targets(built: Path, data: dict) -> None:  # type: ignore[type-arg]
    d = next(d for d in data["documents"] if any(it["targets"] for it in d["items"]))
    page = _soup(built / "site" / "en" / "documents" / d["id"] / "index.html")
    notes = page.select(".plansite-item-targets")
    assert len(notes) == sum(1 for it in d["items"] if it["targets"])
    assert "Targets" in notes[0].get_text()


def test_theme_pages_table_the_targets_of_their_commitments(built: Path, data: dict) -> None:  # type: ignore[type-arg]
    expected: dict[str, int] = {}
    for d in data["documents"]:
        for it in d["items"]:
            if it["kind"] == "commitment":
                for theme in it["themes"]:
                    expected[theme] = expected.get(theme, 0) + len(it["targets"])
    assert expected.get("elderly-care", 0) > 0
    for theme, n in expected.items():
        found = 0
        for page in sorted((built / "site" / "themes" / theme).glob("*/index.html")):
            table = _soup(page).select_one(".plansite-targets-wrap table")
            if table is not None:
                for a in table.select("tbody a"):
                    path, _, anchor = a["href"].partition("#")
                    linked = _soup((page.parent / path / "index.html").resolve())
                    assert linked.find(id=anchor) is not None, a["href"]  # lands on the commitment
                found += len(table.select("tbody tr"))
        assert found == n, theme
