"""Nothing lost (issue 7): every Han character of a source is published or logged.

For every file in ``source_texts/`` the chain is replayed stage by stage:

1. each cleaning rule, in ``RULES`` order: the Han characters it removes are
   exactly those in the ``before`` of the changes it logs (and the ones it adds
   are in their ``after``), so the cleaning log accounts for every edit;
2. parsing: every Han character of the cleaned text is in the parsed document
   (notice, intro, headings, items, closing), none dropped between lines;
3. assembling: the document's text is the preferred copy's, except for the
   passages repaired from another copy, which are logged as repairs.

Characters are compared as multisets (``Counter``), so a character that is
dropped in one place and duplicated in another does not hide the loss.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.clean import RULES, clean
from generator.clean.base import Rule, RuleOutput, is_han
from generator.model import Change, Document, ParsedDoc, Section
from generator.parse import parse
from generator.sources import read_source

from .badinput import write_bad_inputs
from .conftest import SOURCES

SEEDS = sorted(p for p in SOURCES.iterdir() if p.is_file() and p.suffix in {".txt", ".html", ".htm"})


def han(text: str) -> Counter[str]:
    return Counter(c for c in text if is_han(c))


def _show(c: Counter[str]) -> str:
    return "".join(sorted(c.elements()))[:200]


def _section_text(sections: tuple[Section, ...]) -> list[str]:
    out: list[str] = []
    for s in sections:
        out += [s.label, s.title, *s.paragraphs]
        out += [part for it in s.items for part in (it.label, it.text)]
        out += _section_text(s.sections)
    return out


def parsed_text(doc: ParsedDoc | Document) -> str:
    """Everything of a parsed document a reader sees, in one string (metadata aside: it repeats lines)."""
    return "\n".join([*doc.preamble, *doc.intro, *_section_text(doc.sections), *doc.closing])


def unlogged(rule: Rule, text: str) -> tuple[str, str | None]:
    """Apply ``rule``; return (new text, what is wrong with its log or None)."""
    out = rule.apply(text)
    removed = han("".join(c.before for c in out.changes))
    added = han("".join(c.after for c in out.changes))
    lost = han(text) - han(out.text) - removed
    if lost:
        return out.text, f"rule {rule.name} removed Han text it did not log: {_show(lost)}"
    expected = han(text)  # signed: a rule may edit its own output again (a second pass)
    expected.subtract(removed)
    expected.update(added)
    if +expected != han(out.text) or min(expected.values(), default=0) < 0:
        return out.text, f"rule {rule.name}: the log does not account for +{_show(han(out.text) - expected)} / -{_show(expected - han(out.text))}"
    return out.text, None


def check_chain(path: Path, root: Path) -> None:
    source = read_source(path, root)
    text = source.text.lstrip("\ufeff")
    for rule in RULES:
        text, problem = unlogged(rule, text)
        assert problem is None, f"{path.name}: {problem}"
    cleaned = clean(source)
    assert cleaned.text.strip() == text.strip()
    missing = han(cleaned.text) - han(parsed_text(parse(cleaned)))
    assert not missing, f"{path.name}: parsed document lacks {sum(missing.values())} Han characters of the cleaned text: {_show(missing)}"


@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_every_han_character_of_a_seed_is_published_or_logged(path: Path) -> None:
    check_chain(path, SOURCES)


def test_every_han_character_of_a_readable_bad_input_is_published_or_logged(tmp_path: Path) -> None:
    for bad in write_bad_inputs(tmp_path):
        if bad.severity != "error":
            check_chain(tmp_path / bad.name, tmp_path)


def test_the_check_catches_a_silent_loss() -> None:
    silent = Rule("silent", lambda t: RuleOutput(t.replace("养老", "养"), ()))
    assert unlogged(silent, "持续推进养老服务。")[1] is not None
    half = Rule("half", lambda t: RuleOutput(t.replace("养老", ""), (Change("half", "养", "", 1),)))
    assert "did not log: 老" in (unlogged(half, "持续推进养老服务。")[1] or "")
    lying = Rule("lying", lambda t: RuleOutput(t.replace("养老", "敬老"), (Change("lying", "养", "", 1),)))
    assert "does not account" in (unlogged(lying, "持续推进养老服务。")[1] or "")


def test_documents_keep_the_preferred_copy_except_logged_repairs(corpus) -> None:  # type: ignore[no-untyped-def]
    for doc in corpus.documents:
        published = han(parsed_text(doc))
        primary = han(parsed_text(doc.primary))
        for r in doc.repairs:
            primary = primary - han(r.before) + han(r.after)
        assert published == primary, doc.id


def test_seeds_are_all_checked() -> None:
    assert len(SEEDS) >= 5
