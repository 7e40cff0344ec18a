"""Assemble, part 3: targets — what a plan promises, how much and by when (issue 21, part 3).

``targets_in(text, year) -> tuple[Target, ...]`` reads an item's prose (新建…100张, 达到60%,
不少于40块, 控制在…以内, 1.2万张, 三万户, …全覆盖); ``targets_in_table(rows, year)`` reads an
indicator table (专栏 / 附件 主要指标: indicator, unit, base-year and target-year values, 预期性 /
约束性). Both are pure: the rules are the data tables ``target_units.tsv`` (what makes a number a
quantity), ``target_comparators.tsv`` (不少于 → >=, 以内 → <=, 左右 → ~), ``target_rates.tsv``
(每人每月 → 元/人·月), ``target_never.yaml`` (names, ordinals, group thresholds, base values and
past results are never targets) and ``target_words.yaml`` (by-when years, indicator words, table
headers). Chinese numerals and 万/亿 multipliers are read by cn2an.

A target's ``text`` is the exact span of the source it was read from: a substring of the item's
text, or for a table the row's cells joined by TAB.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import cn2an

from ..datafiles import data_yaml, table
from ..model import Target

COMPARATORS = ("=", ">=", "<=", ">", "<", "~")
ATTRIBUTES = ("预期性", "约束性")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_AR = r"\d+(?:\.\d+)?"
_CN = r"[〇一二两三四五六七八九十][〇零一二两三四五六七八九十百千]*"
_SENTENCE = re.compile(r"[^。！？\n]+")
_CLAUSE = re.compile(r"[^，,：:；;。！？\n]+")
_COVERAGE = "全覆盖"
_SEPARATORS = ("、", "以及", "和", "及")
_OPEN, _CLOSE = "（(【[", "）)】]"


class _Rules(NamedTuple):
    quantity: re.Pattern[str]
    units: dict[str, str]
    before: tuple[tuple[str, str], ...]
    next: tuple[tuple[str, str], ...]
    after: tuple[tuple[str, str], ...]
    ranges: dict[str, str]
    rates: tuple[tuple[str, str, bool], ...]
    never: dict[str, tuple[re.Pattern[str], ...]]
    quotes: tuple[str, ...]
    year: re.Pattern[str]
    words: dict[str, tuple[re.Pattern[str], ...]]
    table: dict[str, re.Pattern[str]]
    distributive: str


class _Quantity(NamedTuple):
    start: int
    """Where the number starts."""
    unit_at: int
    end: int
    """After the unit and any comparator phrase that follows it."""
    value: float
    unit: str
    comparator: str | None
    """Read from the number itself (≥, 1-2, 以上), or None to read from the words before."""
    chinese: bool
    coverage: bool


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    units = dict(table("target_units.tsv", ("word", "unit")))
    comparators = table("target_comparators.tsv", ("phrase", "position", "comparator"))
    rates = tuple((p, r, rec == "yes") for p, r, rec in table("target_rates.tsv", ("phrase", "rate", "recurring")))
    by = {pos: tuple((p, c) for p, where, c in comparators if where == pos) for pos in ("before", "next", "after", "range")}
    never, words = data_yaml("target_never.yaml"), data_yaml("target_words.yaml")
    assert isinstance(never, dict) and isinstance(words, dict)
    rng, per = _alternation([p for p, _ in by["range"]]), _alternation([r for _, r, _ in rates])
    number = rf"(?:{_AR}|{_CN})"
    quantity = re.compile(
        rf"(?P<num>{number})(?:(?P<sep>{rng})(?P<hi>{number}))?(?P<mult>[万亿])?(?P<unit>{_alternation(list(units))})(?P<per>/(?:{per}))?"
        rf"(?P<after>{_alternation([p for p, _ in by['after']])})?"
    )
    lists = ("around", "group", "base_before", "base_after", "past", "past_clause", "future", "no_subject")
    return _Rules(
        quantity=quantity,
        units=units,
        before=by["before"],
        next=by["next"],
        after=by["after"],
        ranges=dict(by["range"]),
        rates=rates,
        never={k: tuple(re.compile(p) for p in never[k]) for k in lists},
        quotes=tuple(never["quotes"]),
        year=re.compile(words["year"]),
        words={k: tuple(re.compile(p) for p in (words[k] if isinstance(words[k], list) else [words[k]])) for k in ("lead", "verb", "tail")},
        table={k: re.compile(v) for k, v in words["table"].items() if isinstance(v, str)},
        distributive=words["distributive"],
    )


def _number(s: str) -> float | None:
    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _quantities(text: str, r: _Rules) -> list[_Quantity]:
    """Every number with a unit, and every 全覆盖, in document order."""
    out = []
    for m in r.quantity.finditer(text):
        value = _number(m["num"] + (m["mult"] or ""))
        unit = m["unit"]
        if m["mult"] and m["mult"] + unit in r.units:
            value, unit = _number(m["num"]), m["mult"] + unit
        if value is None:
            continue
        unit = r.units[unit] + (m["per"] or "")
        after = dict(r.after).get(m["after"] or "")
        comparator = after or (r.ranges.get(m["sep"]) if m["sep"] else None)
        out.append(_Quantity(m.start(), m.start("unit"), m.end(), value, unit, comparator, not m["num"][0].isdigit(), False))
    for m in re.finditer(_COVERAGE, text):
        out.append(_Quantity(m.start(), m.start(), m.end(), 100.0, "%", "=", False, True))
    return sorted(out)


def _depth_positions(text: str, start: int, end: int, words: tuple[str, ...]) -> list[int]:
    """Where ``words`` occur in text[start:end] outside brackets."""
    depth, out, i = 0, [], start
    while i < end:
        ch = text[i]
        depth += (ch in _OPEN) - (ch in _CLOSE)
        hit = next((w for w in words if text.startswith(w, i)), None) if depth <= 0 else None
        if hit:
            out.append(i)
            i += len(hit)
            continue
        i += 1
    return out


def _quoted(text: str, at: int, sentence: tuple[int, int], r: _Rules) -> bool:
    before = text[sentence[0] : at]
    return any(before.count(pair[0]) > before.count(pair[1]) for pair in r.quotes)


def _any(patterns: tuple[re.Pattern[str], ...], s: str) -> bool:
    return any(p.search(s) for p in patterns)


def _is_past(text: str, q: _Quantity, sentence: tuple[int, int], clause: tuple[int, int], r: _Rules) -> bool:
    """A result already reached: the sentence reports the past and promises nothing, or the
    clause does before the number."""
    future = r.never["future"]
    whole = text[sentence[0] : sentence[1]]
    if _any(r.never["past"], whole) and not _any(future, whole):
        return True
    return _any(r.never["past_clause"], text[clause[0] : q.start]) and not _any(future, text[clause[0] : clause[1]])


def _kept(text: str, q: _Quantity, sentence: tuple[int, int], clause: tuple[int, int], r: _Rules) -> bool:
    """Whether a quantity can be a target (``target_never.yaml``)."""
    if _quoted(text, q.start, sentence, r) or _is_past(text, q, sentence, clause, r):
        return False
    if q.coverage:
        return True
    before = text[clause[0] : q.start]
    window = text[max(0, q.start - 8) : q.start] + "#" + text[q.unit_at : q.unit_at + 16]
    if _any(r.never["around"], window) or _any(r.never["group"], window):
        return False
    if _any(r.never["base_before"], before) and _any(r.never["base_after"], text[q.end : clause[1]]):
        return False
    # a lone Chinese 一 is an article (一名领导干部, 一批), unless a comparator says it is a count (至少一家)
    return not (q.chinese and q.value == 1 and _comparator(before, q, r) == "=")


def _comparator(before: str, q: _Quantity, r: _Rules) -> str:
    if q.comparator:
        return q.comparator
    for phrase, comparator in sorted(r.next, key=lambda pc: -len(pc[0])):
        if before.rstrip().endswith(phrase):
            return comparator
    found = [(before.rfind(p) + len(p), len(p), c) for p, c in r.before if p in before and c != "="]
    return max(found)[2] if found else "="


def _rate(before: str, r: _Rules) -> tuple[str, bool]:
    found = [(before.rfind(p) + len(p), len(p), rate, rec) for p, rate, rec in r.rates if p in before]
    if not found:
        return "", False
    _, _, rate, recurring = max(found)
    return rate, recurring


def _year(text: str, sentence_start: int, at: int, default: int | None, r: _Rules) -> int | None:
    years = [int(m[1]) for m in r.year.finditer(text, sentence_start, at)]
    years = [y for y in years if default is None or default - 5 <= y <= default + 10]
    return years[-1] if years else default


def _strip(s: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    """``s`` without the words ``patterns`` match, applied until none does (each from the first)."""
    while True:
        for p in patterns:
            t = p.sub("", s, count=1).strip()
            if t != s:
                s = t
                break
        else:
            return s


@lru_cache(maxsize=1)
def _edges() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    """(words stripped from the end of an indicator, words stripped from its start)."""
    r = _rules()
    phrases = _alternation([p for p, _ in (*r.before, *r.next)] + [p for p, _, _ in r.rates])
    return (re.compile(f"(?:{phrases})$"), *r.words["tail"]), (re.compile(f"^(?:{phrases})"), *r.words["lead"])


def _indicator(before: str, after: str, q: _Quantity, r: _Rules) -> str:
    """What the target measures: the words before the number without the comparator, rate, time
    and action words; with the words after the unit when only an action stood before them."""
    tails, leads = _edges()
    lead_verb, tail_verb = r.words["verb"]
    pre = _strip(_strip(before, tails), leads)
    bare = _strip(pre, (lead_verb,))
    pre = bare if len(bare) >= 2 else pre
    if q.coverage:
        return pre + "覆盖率"
    post = re.sub(r"^[的之]", "", after).strip()
    if post and (len(pre) <= 4 or tail_verb.search(pre)):
        return _strip(pre, (tail_verb, *tails)) + post
    return pre or post


def _spans(text: str, clause: tuple[int, int], kept: list[_Quantity]) -> list[tuple[int, int]]:
    """Each kept quantity's span in its clause: from the clause start (or the separator after the
    previous quantity) to the clause end (or the separator before the next one)."""
    spans = []
    for k, q in enumerate(kept):
        start = clause[0]
        if k:
            seps = _depth_positions(text, kept[k - 1].end, q.start, _SEPARATORS)
            start = seps[0] + (2 if text.startswith("以及", seps[0]) else 1) if seps else kept[k - 1].end
        end = clause[1]
        if k + 1 < len(kept):
            seps = _depth_positions(text, q.end, kept[k + 1].start, _SEPARATORS)
            end = seps[0] if seps else q.end
        spans.append((start, max(end, q.end)))
    return spans


def _distribute(text: str, clause: tuple[int, int], kept: list[_Quantity], r: _Rules) -> list[_Quantity]:
    """分别…1050元和850元以上: the last number's comparator holds for the list after 分别."""
    at = text.find(r.distributive, *clause)
    if at < 0 or not kept or kept[-1].comparator is None:
        return kept
    return [q._replace(comparator=kept[-1].comparator) if q.start > at and q.comparator is None else q for q in kept]


def _coverage_names(before: str, r: _Rules) -> bool:
    return not _any(r.never["no_subject"], before)


def targets_in(text: str, year: int | None) -> tuple[Target, ...]:
    """The targets an item's prose states; ``year`` is the default "by when" (the plan's year, a
    five-year plan's end year), overridden by a year in the target's sentence."""
    r = _rules()
    norm = text.translate(_FULL_WIDTH)
    quantities = _quantities(norm, r)
    out: list[Target] = []
    if not quantities:  # most paragraphs: nothing to read (clauses are not walked)
        return ()
    for sm in _SENTENCE.finditer(norm):
        sentence = (sm.start(), sm.end())
        if not any(sentence[0] <= q.start < sentence[1] for q in quantities):
            continue
        for cm in _CLAUSE.finditer(norm, *sentence):
            clause = (cm.start(), cm.end())
            inside = [q for q in quantities if clause[0] <= q.start and q.end <= clause[1]]
            kept = _distribute(norm, clause, [q for q in inside if _kept(norm, q, sentence, clause, r)], r)
            for q, (start, end) in zip(kept, _spans(norm, clause, kept), strict=True):
                before, after = norm[start : q.start], norm[q.end : end]
                if q.coverage and not _coverage_names(before, r):
                    continue
                rate, recurring = _rate(before, r)
                unit = q.unit if "/" in q.unit or not rate else f"{q.unit}/{rate}"
                when = None if recurring else _year(norm, sentence[0], q.start, year, r)
                indicator = _indicator(before, after, q, r)
                out.append(Target(indicator, q.value, unit, _comparator(before, q, r), when, None, text[start:end].strip()))
    return tuple(out)


class _Columns(NamedTuple):
    indicator: int
    unit: int | None
    target: int
    year: int | None
    attribute: int | None


def _columns(header: tuple[str, ...], r: _Rules) -> _Columns | None:
    """Which columns of an indicator table hold what; None when it is not an indicator table."""
    cells = [re.sub(r"\s+", "", c) for c in header]
    t = r.table

    def first(key: str) -> int | None:
        return next((i for i, c in enumerate(cells) if t[key].search(c)), None)

    indicator = first("indicator")
    years = [(int(m[1]), i) for i, c in enumerate(cells) if (m := re.search(r"(\d{4})", c)) and not t["base"].search(c)]
    target = first("target")
    if target is None and years:
        target = max(years)[1]
    if indicator is None or target is None:
        return None
    m = re.search(r"(\d{4})", cells[target])
    attribute = first("attribute")
    return _Columns(indicator, first("unit"), target, int(m[1]) if m else None, attribute if attribute != indicator else None)


def _cell_value(cell: str, r: _Rules) -> tuple[float, str, str] | None:
    """(value, unit, comparator) of a table's target cell: ≥750, 100, 3000户, 60%以上, 全覆盖."""
    s = re.sub(r"\s+", "", cell.translate(_FULL_WIDTH))
    if s == _COVERAGE:
        return 100.0, "%", "="
    comparator = "="
    for phrase, c in sorted((*r.next, *r.before), key=lambda pc: -len(pc[0])):
        if s.startswith(phrase):
            comparator, s = c, s[len(phrase) :]
            break
    m = re.fullmatch(rf"({_AR})([万亿]?)(.*?)({_alternation([p for p, _ in r.after])})?", s)
    if not m or (m[3] and m[3] not in r.units):
        return None
    value = _number(m[1] + m[2])
    if value is None:
        return None
    return value, r.units.get(m[3], ""), dict(r.after).get(m[4] or "", comparator) if m[4] else comparator


def targets_in_table(rows: tuple[tuple[str, ...], ...], year: int | None) -> tuple[Target, ...]:
    """The targets of an indicator table (header row first): each row's target-year value, its
    unit (the unit column, the indicator's brackets or the value's own) and attribute. A table that
    is not an indicator table has none."""
    r = _rules()
    cols = _columns(rows[0], r) if rows else None
    if cols is None:
        return ()
    out = []
    for row in rows[1:]:
        cells = [*row, *[""] * (len(rows[0]) - len(row))]
        parsed = _cell_value(cells[cols.target], r)
        name = cells[cols.indicator].strip()
        if parsed is None or not name:
            continue
        value, unit, comparator = parsed
        m = re.search(r"[（(]([^（）()]+)[）)]$", name)
        bracket = m[1].strip() if m and r.quantity.fullmatch("1" + m[1].strip()) else ""
        if bracket:
            name = name[: m.start()].strip()
        given = cells[cols.unit].strip() if cols.unit is not None else ""
        attribute = cells[cols.attribute].strip() if cols.attribute is not None else ""
        out.append(Target(name, value, given or bracket or unit, comparator, cols.year or year, attribute if attribute in ATTRIBUTES else None, "\t".join(row)))
    return tuple(out)
