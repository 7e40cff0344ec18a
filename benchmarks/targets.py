"""How well targets are read: precision and recall against the labelled samples (issue 21, part 3).

``python -m benchmarks.targets [-v]`` reads every labelled document through the real pipeline
(sources → clean → parse → assemble), extracts targets (``generator.assemble.targets``) and scores
them against two samples:

- ``seeds``: ``tests/fixtures/targets/seeds.yaml``, per seed file and item id the item's targets
  ([] for an item with none, so precision is measured).
- ``wild``: ``tests/fixtures/wild/*.expect.yaml``, per notice its document-level ``targets``.

What is scored is what the site publishes: ``Document.targets`` as the pipeline reads them
(``generator.assemble.doc_targets``: items that are not past results, paragraphs of parts that
are not reviews, indicator tables row by row; nothing in a notice that is not a plan), each with
the block of the text it came from.

Matching: a predicted target and a labelled one are paired when their spans overlap — the label's
text is found in the same item, paragraph or table row as the prediction's text and the two
ranges intersect (a label found nowhere pairs with a prediction whose text contains it or is
contained in it); each is paired at most once, preferring the candidate that agrees on value,
unit and comparator. A pair is a match when value, unit and comparator agree. Units are compared
normalised: the measure must be the same and a rate may be left out by one side (元 matches
元/人·月: the labels write the rate only sometimes). Precision = matches / predictions, recall =
matches / labels. Value, unit, comparator, year and indicator agreement are measured over the pairs;
the indicator is compared exactly and, more leniently, as one containing the other.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NamedTuple

import yaml

from generator.assemble import assemble
from generator.assemble.doc_targets import attach_targets
from generator.clean import clean
from generator.model import Document, Target
from generator.parse import parse
from generator.render.export_body import body_blocks
from generator.sources import read_source

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "targets" / "seeds.yaml"
WILD = ROOT / "tests" / "fixtures" / "wild"
HOLDOUT = ROOT / "tests" / "fixtures" / "holdout"


class Label(NamedTuple):
    text: str
    indicator: str
    value: float
    unit: str
    comparator: str
    year: int | None


class Unit(NamedTuple):
    """A piece of a document targets are read from: an item, a paragraph, a table row or cell."""

    where: str
    text: str
    targets: tuple[Target, ...]


class Case(NamedTuple):
    corpus: str
    name: str
    units: tuple[Unit, ...]
    labels: tuple[Label, ...]


def load(path: Path) -> Document:
    path = path.resolve()
    return assemble([parse(clean(read_source(path, path.parent)))])[0]


def _label(d: dict) -> Label:  # type: ignore[type-arg]
    return Label(d["text"], d.get("indicator", ""), float(d["value"]), d["unit"], d["comparator"], d.get("year"))


def document_units(doc: Document) -> tuple[Unit, ...]:
    """Every block of the document's text (the export's ``body``) with the targets the pipeline
    read from it (``Document.targets``, ``generator.assemble.doc_targets``)."""
    by_block: dict[str, list[Target]] = {}
    for block, t in attach_targets(doc).targets:
        by_block.setdefault(block, []).append(t)
    out = []
    for b in body_blocks(doc):
        text = "\n".join("\t".join(r) for r in b["rows"]) if b["type"] == "table" else b["text"]
        out.append(Unit(b["id"], text, tuple(by_block.get(b["id"], ()))))
    return tuple(out)


def seed_cases() -> list[Case]:
    cases = []
    for name, spec in yaml.safe_load(SEEDS.read_text(encoding="utf-8")).items():
        doc = load(ROOT / "source_texts" / name)
        assert (doc.meta.end_year or doc.meta.year) == spec["year"], name  # the by-when year the labels assume
        units = {u.where: u for u in document_units(doc)}
        for item_id, labels in spec["items"].items():
            units_of_item = (units[item_id],) if item_id in units else ()
            cases.append(Case("seeds", f"{name} {item_id}", units_of_item, tuple(_label(x) for x in labels)))
    return cases


def wild_cases(folder: Path = WILD, corpus: str = "wild") -> list[Case]:
    cases = []
    for f in sorted(folder.glob("*.expect.yaml")):
        expect = yaml.safe_load(f.read_text(encoding="utf-8"))
        if "targets" not in expect:
            continue
        doc = load(folder / expect["source"])
        cases.append(Case(corpus, f.name.removesuffix(".expect.yaml"), document_units(doc), tuple(_label(x) for x in expect["targets"] or [])))
    return cases


def holdout_cases() -> list[Case]:
    """The held-out notices (tests/fixtures/holdout/, kept apart from rule writing): measured only."""
    return wild_cases(HOLDOUT, "holdout")


def same_unit(a: str, b: str) -> bool:
    """Units agree: the same measure, and the same rate unless one side leaves the rate out."""
    a, b = a.replace(" ", ""), b.replace(" ", "")
    return a == b or (a.split("/")[0] == b.split("/")[0] and ("/" not in a or "/" not in b))


def agrees(t: Target, label: Label) -> bool:
    return abs(t.value - label.value) < 1e-9 and same_unit(t.unit, label.unit) and t.comparator == label.comparator


def _places(case: Case, text: str) -> list[tuple[int, int, int]]:
    out = []
    for k, u in enumerate(case.units):
        at = u.text.find(text)
        while at >= 0:
            out.append((k, at, at + len(text)))
            at = u.text.find(text, at + 1)
    return out


def pairs(case: Case) -> tuple[list[tuple[Label, Target | None]], list[Target]]:
    """(each label with the prediction paired with it or None, the predictions paired with none)."""
    predicted = [(k, u.text.find(t.text), t) for k, u in enumerate(case.units) for t in u.targets]
    free = list(range(len(predicted)))
    out: list[tuple[Label, Target | None]] = []
    for label in case.labels:
        places = _places(case, label.text)

        def overlap(i: int) -> int:
            k, at, t = predicted[i]
            if not places:
                return len(t.text) if (t.text in label.text or label.text in t.text) else 0
            return max((min(e, at + len(t.text)) - max(s, at) for u, s, e in places if u == k and at >= 0), default=0)

        ranked = sorted((i for i in free if overlap(i) > 0), key=lambda i: (not agrees(predicted[i][2], label), -overlap(i), i))
        if ranked:
            free.remove(ranked[0])
        out.append((label, predicted[ranked[0]][2] if ranked else None))
    return out, [predicted[i][2] for i in free]


def score(cases: list[Case]) -> dict[str, float]:
    n_pred = sum(len(u.targets) for c in cases for u in c.units)
    paired = [(lab, t) for c in cases for lab, t in pairs(c)[0] if t is not None]
    labels = sum(len(c.labels) for c in cases)
    hits = sum(agrees(t, lab) for lab, t in paired)
    share = lambda n: round(n / len(paired), 4) if paired else 1.0  # noqa: E731
    return {
        "labels": labels,
        "predicted": n_pred,
        "matched": hits,
        "precision": round(hits / n_pred, 4) if n_pred else 1.0,
        "recall": round(hits / labels, 4) if labels else 1.0,
        "value": share(sum(abs(t.value - lab.value) < 1e-9 for lab, t in paired)),
        "unit": share(sum(same_unit(t.unit, lab.unit) for lab, t in paired)),
        "comparator": share(sum(t.comparator == lab.comparator for lab, t in paired)),
        "year": share(sum(t.year == lab.year for lab, t in paired)),
        "indicator": share(sum(t.indicator == lab.indicator for lab, t in paired)),
        "indicator_overlap": share(sum(t.indicator in lab.indicator or lab.indicator in t.indicator for lab, t in paired)),
    }


def errors(cases: list[Case]) -> list[str]:
    """Every miss (a label with no matching prediction) and false hit (a prediction matching none)."""
    out = []
    for c in cases:
        paired, unpaired = pairs(c)
        for lab, t in paired:
            if t is None:
                out.append(f"  miss  {c.name}: {lab.text!r} {lab.value:g} {lab.unit} {lab.comparator}")
            elif not agrees(t, lab):
                out.append(f"  wrong {c.name}: {lab.text!r} labelled {lab.value:g} {lab.unit} {lab.comparator}, got {t.value:g} {t.unit} {t.comparator}")
        out += [f"  false {c.name}: {t.text!r} {t.value:g} {t.unit} {t.comparator}" for t in unpaired]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and false hit (seeds and wild)")
    ap.add_argument("--holdout-errors", action="store_true", help="with -v, list the held-out corpus's too (not while writing rules)")
    args = ap.parse_args()
    both: list[Case] = []
    for corpus, cases in (("seeds", seed_cases()), ("wild", wild_cases())):
        both += cases
        print(f"{corpus:7}", "  ".join(f"{k} {v}" for k, v in score(cases).items()))
        if args.verbose:
            print("\n".join(errors(cases)))
    print(f"{'all':7}", "  ".join(f"{k} {v}" for k, v in score(both).items()))
    held = holdout_cases()
    print(f"{'holdout':7}", "  ".join(f"{k} {v}" for k, v in score(held).items()))
    if args.verbose and args.holdout_errors:
        print("\n".join(errors(held)))


if __name__ == "__main__":
    main()
