"""How faithfully Plansite reads notices it was not written from (issue 20).

``python -m benchmarks.fidelity [DIR] [-v] [--json OUT]`` runs the generator's stages 1–4 and
the export on every notice of a labelled corpus (default ``tests/fixtures/wild/``: each
``<stem>.expect.yaml`` names its source and holds the expected metadata and outline counts;
``<stem>.truth.txt`` is its clean text, one paragraph per line, table cells TAB-separated)
and prints per notice:

- ``meta``: metadata fields right, of those labelled;
- ``counts``: outline counts right (sections, items, points, annexes, tables);
- ``chrome``: strings on the reading page that are not in the notice (site chrome, page
  furniture, a table of contents, fused or garbled text): a page string none of whose
  4-grams (the whole string when shorter) occurs in a truth line;
- ``recall`` / ``precision``: 4-grams of the exported whole text (the record's ``body``)
  against the truth's, as multisets, each string's 4-grams counted on their own (never across
  two strings: two paragraphs or two table cells);
- ``false``: cleaning edits that change correct text: the traditional→simplified rule or a
  document-sharing restoration on a notice whose shapes are neither;

then the totals. ``tests/test_fidelity.py`` pins floors under the totals.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.assemble import assemble
from generator.clean import clean
from generator.datafiles import data_yaml
from generator.parse import parse
from generator.parse.runon import needs_split, split_runon
from generator.render.document import render_document
from generator.render.export import document_record
from generator.sources import read_source

WILD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "wild"
N = 4
META_FIELDS = ("title", "notice_title", "doc_number", "issuers", "recipients", "cc", "date", "published", "region", "year", "end_year", "kind")
COUNT_FIELDS = ("sections", "items", "points", "annexes", "tables")
ALTERING_SHAPES = {"traditional", "doc-sharing", "word-substitutions"}
"""Shapes of a notice whose text a cleaning rule is right to change word by word."""
ALTERING_RULES = ("simplify", "restore")
_TAGS = re.compile(r"<[^>]+>")
_LABEL_ONLY = re.compile(r"^(?:[（(]?[一二三四五六七八九十百\d]+[）)、．.]?|第.{1,4}[章节条]|附件\d*)$")
"""A numbering label on its own (a notice part's number is printed apart from its text)."""
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD = re.compile(r"^\s*(?:#{1,6}\s+|[-*]\s+|>\s*|\d+\.\s+)|\{[^}]*\}\s*$|\*\*|\\(?=[\\`*_{}\[\]()#+\-.!|<>~])")
_NOT_TEXT = re.compile(r"^[\W\d_a-zA-Z]*$")
"""A page string without a Han character (dates, numbers, markup left over) is not judged."""


def grams(text: str) -> list[str]:
    """The text's 4-grams (the whole text when it is shorter), spaces left out."""
    s = re.sub(r"\s+", "", text)
    if len(s) < N:
        return [s] if s else []
    return [s[i : i + N] for i in range(len(s) - N + 1)]


def strings_of_truth(lines: list[str]) -> list[str]:
    return [cell for line in lines for cell in line.split("\t") if cell.strip()]


def _block_strings(block: dict[str, Any]) -> list[str]:
    if block.get("rows"):
        return [c for row in block["rows"] for c in row if c.strip()]
    return [block["text"]] if block.get("text", "").strip() else []


def exported_strings(record: dict[str, Any]) -> list[str]:
    """The record's whole text in reading order (``body``); a record without one (export format
    2) is read from its titles, section titles and items."""
    if "body" in record:
        return [line for b in record["body"] for s in _block_strings(b) for line in s.split("\n")]
    out = [record["notice_title"], record["title"]]

    def walk(sections: list[dict[str, Any]]) -> None:
        for s in sections:
            out.append(s["label"] + s["title"])
            walk(s["sections"])

    walk(record["sections"])
    out += [it["label"] + it["text"] for it in record["items"]]
    return [s for s in out if s.strip()]


def page_strings(markdown: str, ui: set[str]) -> list[str]:
    """The text a reader sees on the page that comes from the notice: HTML tags and Markdown syntax
    removed, one string a line; the site's own labels (``ui``) and notices (admonitions) left out."""
    out = []
    in_note = False
    # the page's HTML fragments travel as a JSON list of strings (render.html_fragments)
    markdown = markdown.replace("\\n", "\n").replace('","', "\n").replace('\\"', '"')
    for line in markdown.splitlines():
        if line.startswith("!!!"):
            in_note = True
            continue
        if in_note and (line.startswith("    ") or not line.strip()):
            continue
        in_note = False
        text = _MD.sub("", _LINK.sub(r"\1", _TAGS.sub(" ", line)))
        for part in re.split(r"\s{2,}|\s*\|\s*", text):
            part = part.strip(' ：:·|[]"')
            if part and part not in ui and not _NOT_TEXT.match(part) and not _LABEL_ONLY.match(part) and "SHA-256" not in part:
                out.append(part)
    return out


def ui_strings() -> set[str]:
    """Every label the site's templates print, in both languages."""
    out: set[str] = set()

    def walk(v: object) -> None:
        if isinstance(v, str):
            out.update(s.strip(" ：:") for s in re.split(r"\{[^}]*\}", v) if s.strip())
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(data_yaml("labels.yaml"))
    return out


def _sections(sections: list[dict[str, Any]]) -> int:
    return sum(1 + _sections(s["sections"]) for s in sections if s.get("kind", "section") == "section" and (s["label"] or s["title"]))


def counts_of(record: dict[str, Any]) -> dict[str, int]:
    return {
        "sections": _sections(record["sections"]),
        "items": len(record["items"]),
        "points": sum(len(it["points"]) for it in record["items"]),
        "annexes": sum(1 for s in record["sections"] if s.get("kind") == "annex"),
        "tables": sum(1 for b in record.get("body", []) if b.get("type") == "table"),
    }


def meta_of(record: dict[str, Any]) -> dict[str, Any]:
    issuers = record.get("issuers")
    if issuers is None:
        issuers = [record["issuer"]] if record["issuer"] else []
    return {
        "title": record["title"],
        "notice_title": record["notice_title"],
        "doc_number": record["doc_number"],
        "issuers": issuers,
        "recipients": record["recipients"],
        "cc": record.get("cc", ""),
        "date": record["date"],
        "published": record.get("published", ""),
        "region": record["region"],
        "year": record["year"],
        "end_year": record["end_year"],
        "kind": record["kind"],
    }


def _same(want: object, got: object) -> bool:
    if want in (None, "") and got in (None, "", 0, []):
        return True
    if isinstance(want, list):
        return [_spaces(w) for w in want] == [_spaces(g) for g in got or []]
    return _spaces(want) == _spaces(got)


def _spaces(value: object) -> str:
    """A value with its runs of spaces (ASCII, full-width, no-break) as one space: how far apart
    two names on one line are printed is layout, not text."""
    return re.sub(r"[\s\u3000\u00a0]+", " ", str(value)).strip()


@dataclass
class Score:
    stem: str
    meta_right: int = 0
    meta_total: int = 0
    counts_right: int = 0
    counts_total: int = 0
    chrome: list[str] = field(default_factory=list)
    matched_truth: int = 0
    truth_grams: int = 0
    matched_export: int = 0
    export_grams: int = 0
    false_edits: int = 0
    wrong: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def recall(self) -> float:
        return self.matched_truth / self.truth_grams if self.truth_grams else 1.0

    @property
    def precision(self) -> float:
        return self.matched_export / self.export_grams if self.export_grams else 1.0


def _overlap(truth: list[str], exported: list[str], score: Score) -> None:
    t = Counter(g for s in truth for g in grams(s))
    e = Counter(g for s in exported for g in grams(s))
    common = sum((t & e).values())
    score.matched_truth, score.truth_grams = common, sum(t.values())
    score.matched_export, score.export_grams = common, sum(e.values())


def score_notice(expect_file: Path, ui: set[str]) -> Score:
    stem = expect_file.name.removesuffix(".expect.yaml")
    score = Score(stem)
    expect = yaml.safe_load(expect_file.read_text(encoding="utf-8"))
    root = expect_file.parent
    truth = (root / f"{stem}.truth.txt").read_text(encoding="utf-8").splitlines()
    try:
        parsed = parse(clean(read_source((root / expect["source"]).resolve(), root.resolve())))
        doc = assemble([parsed])[0]
        record = document_record(doc)
        page = render_document(doc)
    except Exception as exc:  # a notice the generator cannot read scores nothing
        score.error = f"{type(exc).__name__}: {exc}"
        return score
    got_meta = meta_of(record)
    for key in META_FIELDS:
        if key in expect.get("meta", {}):
            score.meta_total += 1
            if _same(expect["meta"][key], got_meta[key]):
                score.meta_right += 1
            else:
                score.wrong.append(f"{key}: want {expect['meta'][key]!r}, got {got_meta[key]!r}")
    got_counts = counts_of(record)
    for key in COUNT_FIELDS:
        if key in expect.get("outline", {}):
            score.counts_total += 1
            if expect["outline"][key] == got_counts[key]:
                score.counts_right += 1
            else:
                score.wrong.append(f"{key}: want {expect['outline'][key]}, got {got_counts[key]}")
    truth_strings = strings_of_truth(truth)
    _overlap(truth_strings, exported_strings(record), score)
    truth_grams = {g for s in truth_strings for g in grams(s)}
    # The page's metadata table names the region, and shows what was read from the notice's own
    # lines: a labelled field read right (issuer, 抄送 …) is the notice's, not chrome.
    derived = {record["region"], record["region_en"]}
    for key in META_FIELDS:
        if key in expect.get("meta", {}) and _same(expect["meta"][key], got_meta[key]):
            value = got_meta[key]
            derived.update(value if isinstance(value, list) else [str(value)])
    score.chrome = [s for s in page_strings(page, ui) if s not in derived and not any(g in truth_grams for g in grams(s))]
    if not ALTERING_SHAPES & set(expect.get("shapes", [])):
        score.false_edits = sum(1 for c in record["cleaning"] if c["rule"].startswith(ALTERING_RULES) for _ in c["lines"])
    return score


def score_corpus(root: Path = WILD) -> list[Score]:
    ui = ui_strings()
    return [score_notice(f, ui) for f in sorted(root.glob("*.expect.yaml"))]


def totals(scores: list[Score]) -> dict[str, float]:
    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 1.0

    return {
        "notices": len(scores),
        "errors": sum(1 for s in scores if s.error),
        "meta": ratio(sum(s.meta_right for s in scores), sum(s.meta_total for s in scores)),
        "counts": ratio(sum(s.counts_right for s in scores), sum(s.counts_total for s in scores)),
        "chrome": sum(len(s.chrome) for s in scores),
        "recall": ratio(sum(s.matched_truth for s in scores), sum(s.truth_grams for s in scores)),
        "precision": ratio(sum(s.matched_export for s in scores), sum(s.export_grams for s in scores)),
        "false_edits": sum(s.false_edits for s in scores),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", nargs="?", type=Path, default=WILD, help="labelled corpus (default tests/fixtures/wild)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list wrong fields and chrome strings")
    ap.add_argument("--json", type=Path, help="write per-notice scores and totals here")
    args = ap.parse_args()
    scores = score_corpus(args.root)
    print(f"{'notice':48} {'meta':>7} {'counts':>7} {'chrome':>6} {'recall':>7} {'prec':>7} {'false':>5}")
    for s in scores:
        if s.error:
            print(f"{s.stem:48} ERROR {s.error}")
            continue
        print(
            f"{s.stem:48} {s.meta_right:>3}/{s.meta_total:<3} {s.counts_right:>3}/{s.counts_total:<3} "
            f"{len(s.chrome):>6} {s.recall:>7.3f} {s.precision:>7.3f} {s.false_edits:>5}"
        )
        if args.verbose:
            for w in s.wrong:
                print(f"    {w}")
            for c in s.chrome[:12]:
                print(f"    chrome: {c[:80]}")
    t = totals(scores)
    print("totals: " + "  ".join(f"{k} {v}" for k, v in t.items()))
    if args.json:
        args.json.write_text(
            json.dumps({"totals": t, "notices": [s.__dict__ | {"recall": s.recall, "precision": s.precision} for s in scores]}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()


def source_recall(path: Path, root: Path) -> tuple[float, int]:
    """4-gram recall of a source's cleaned text (``plansite inspect clean``) in its document's
    record (``body``), and the number of cleaned lines none of whose 4-grams are in it."""
    cleaned = clean(read_source(path.resolve(), root.resolve()))
    parsed = parse(cleaned)
    record = document_record(assemble([parsed])[0])
    lines = [ln.strip() for ln in cleaned.text.split("\n") if ln.strip()]
    if needs_split(lines):  # a run-on copy is one line: compare it cut where its headings are, as parsing cuts it
        lines = split_runon(lines, parsed.meta.title)
    score = Score(path.name)
    exported = exported_strings(record)
    _overlap(strings_of_truth(lines), exported, score)
    have = {g for s in exported for g in grams(s)}
    missing = sum(1 for ln in strings_of_truth(lines) if not any(g in have for g in grams(ln)))
    return score.recall, missing
