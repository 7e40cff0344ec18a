"""Numbering patterns of Chinese plans (DESIGN §5), shared by clean and parse.

``line_marker`` says which numbering a line starts with; ``cn_to_int`` reads
Chinese numerals up to the hundreds (（四十四） → 44).
"""

from __future__ import annotations

import re

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN = "一二三四五六七八九十百〇零两"

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("volume", re.compile(rf"^第([{CN}\d]+)(?:部分|篇)[ 　]*")),
    ("chapter", re.compile(rf"^第([{CN}\d]+)章[ 　]*")),
    ("part", re.compile(rf"^第([{CN}\d]+)节[ 　]*")),
    ("article", re.compile(rf"^第([{CN}\d]+)条[ 　]*")),
    ("cn", re.compile(rf"^([{CN}]+)[、．.][ 　]*")),
    ("cn-paren", re.compile(rf"^[（(]([{CN}]+)[）)][ 　]*")),
    ("num", re.compile(r"^(\d{1,3})(?:[、．]|\.(?!\d))[ 　]*")),
    ("num-paren", re.compile(r"^[（(](\d{1,3})[）)][ 　]*")),
    ("num-close", re.compile(r"^(\d{1,2})[)）][ 　]*")),
    ("circled", re.compile(rf"^([{CIRCLED}])[ 　]*")),
)
"""(kind, pattern) in the order they are tried, outermost first; group 1 is the number."""


def cn_to_int(s: str) -> int:
    """Chinese or Arabic numeral → int (十 → 10, 二十三 → 23, 四十四 → 44)."""
    if len(s) == 1 and s in CIRCLED:
        return CIRCLED.index(s) + 1
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + CN_DIGITS[ch] if current else CN_DIGITS[ch]
    return total + current


def line_marker(line: str) -> tuple[str, int, str] | None:
    """(kind, number, label) of the numbering a line starts with, else None."""
    for kind, pat in MARKERS:
        m = pat.match(line)
        if m:
            try:
                return kind, cn_to_int(m.group(1)), m.group(0).strip()
            except KeyError:
                return None
    return None
