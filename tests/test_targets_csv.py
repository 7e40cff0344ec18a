"""``site/data/targets.csv``: one row per target of ``plans.json``, UTF-8 with a BOM, permalinks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from generator.render.targets_csv import COLUMNS, targets_file


def test_targets_csv_has_a_row_for_every_target_of_the_export(built: Path) -> None:
    raw = (built / "site" / "data" / "targets.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == COLUMNS
    plans = json.loads((built / "site" / "data" / "plans.json").read_text(encoding="utf-8"))
    expected = []
    for d in plans["documents"]:
        item_ids = {it["id"] for it in d["items"]}
        for t in d["targets"]:
            value = str(t["value"])
            year = "" if t["year"] is None else str(t["year"])
            item = t["block"] if t["block"] in item_ids else ""
            expected.append((d["id"], t["block"], item, t["indicator"], value, t["unit"], t["comparator"], year, t["attribute"] or "", t["text"]))
    assert len(expected) > 30
    assert [tuple(r[c] for c in COLUMNS[:-1]) for r in rows] == expected
    for r in rows:
        anchor = r["item_id"] or ("plan" if r["block"].startswith("intro") else r["block"].split(".")[0])
        assert r["url"] == f"/documents/{r['document_id']}/#{anchor}"
    assert any("万" in r["text"] or "张" in r["unit"] for r in rows)  # the Chinese as printed


def test_targets_csv_is_the_same_text_on_every_build(corpus) -> None:  # type: ignore[no-untyped-def]
    def text() -> str:
        return "".join(p if isinstance(p, str) else p.make() for p in targets_file(corpus.documents).parts)

    assert text() == text()
    assert text().count("\n") == 1 + sum(len(d.targets) for d in corpus.documents) + sum(t.text.count("\n") for d in corpus.documents for _, t in d.targets)
