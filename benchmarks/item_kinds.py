"""How well items are told apart: commitments, past results (achievements) and framing (context).

``python -m benchmarks.item_kinds`` classifies every item of the labelled sample
(``tests/fixtures/item_kinds/``: every item of the seeds and of the wild corpus's plans, labelled by
hand; see its README) and prints agreement, per-kind precision and recall and the items the
classifier gets wrong. An item is matched to its label by the first 24 characters of its text.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import yaml

from generator.assemble import assemble
from generator.clean import clean
from generator.parse import parse
from generator.sources import read_source

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "item_kinds"
KEY = 24


def _source(label_file: Path, label: dict) -> Path:  # type: ignore[type-arg]
    name = label["source"]
    if name.endswith(".truth.txt"):  # a wild notice: its source is named in its expect file
        stem = name.removesuffix(".truth.txt")
        wild = ROOT / "tests" / "fixtures" / "wild"
        return wild / yaml.safe_load((wild / f"{stem}.expect.yaml").read_text(encoding="utf-8"))["source"]
    return ROOT / "source_texts" / name


def classified(path: Path) -> dict[str, str]:
    """first 24 characters of each item's text → its kind."""
    doc = assemble([parse(clean(read_source(path.resolve(), path.parent.resolve())))])[0]
    return {it.text[:KEY]: it.kind for it in doc.items()}


def score() -> tuple[Counter[tuple[str, str]], list[str], int]:
    """(confusion counts (label, got), the disagreements, labelled items not found)."""
    confusion: Counter[tuple[str, str]] = Counter()
    wrong: list[str] = []
    missing = 0
    for f in sorted(SAMPLE.glob("*.yaml")):
        label = yaml.safe_load(f.read_text(encoding="utf-8"))
        got = classified(_source(f, label))
        for item in label["items"]:
            kind = next((k for text, k in got.items() if text.startswith(item["text"][:KEY]) or item["text"].startswith(text)), None)
            if kind is None:
                missing += 1
                continue
            confusion[(item["kind"], kind)] += 1
            if kind != item["kind"]:
                wrong.append(f"{f.stem}: {item['text'][:20]!r} labelled {item['kind']}, got {kind}")
    return confusion, wrong, missing


def report(confusion: Counter[tuple[str, str]]) -> dict[str, float]:
    total = sum(confusion.values())
    out = {"items": total, "agreement": round(sum(n for (a, b), n in confusion.items() if a == b) / total, 4) if total else 1.0}
    for kind in ("commitment", "achievement", "context"):
        got = sum(n for (_, b), n in confusion.items() if b == kind)
        want = sum(n for (a, _), n in confusion.items() if a == kind)
        hit = confusion[(kind, kind)]
        out[f"{kind}_precision"] = round(hit / got, 4) if got else 1.0
        out[f"{kind}_recall"] = round(hit / want, 4) if want else 1.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list the items classified differently from their label")
    args = ap.parse_args()
    confusion, wrong, missing = score()
    print("  ".join(f"{k} {v}" for k, v in report(confusion).items()), f" unmatched {missing}")
    if args.verbose:
        print("\n".join(wrong))


if __name__ == "__main__":
    main()
