"""The forward substitution pass of document-sharing sites, as data (issue #3, DESIGN §4).

Used by the round-trip evaluation of the restorer (tests/test_restore.py): a
clean seed is altered the way seed 003 was, restored, and compared with the
original. ``substitute`` also returns, for every character of the altered
text, the span of the original it came from, so each restoration can be judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAIRS: tuple[tuple[str, str], ...] = (
    ("原则", "原那么"),
    ("细则", "细那么"),
    ("引", "弓I"),
    ("%。", "%o"),
    ("〇", "。"),
    ("发展", "开展"),
    ("安全", "平安"),
    ("项目", "工程"),
    ("成本", "本钱"),
    ("达到", "到达"),
    ("储备", "储藏"),
    ("比较", "比拟"),
    ("创建", "创立"),
    ("氛围", "气氛"),
    ("办法", "方法"),
    ("保留", "保存"),
    ("动员", "发动"),
    ("部分", "局部"),
)
"""(original, altered): the list of issue #3, applied everywhere at once."""

_PATTERN = re.compile("|".join(re.escape(a) for a, _ in sorted(PAIRS, key=lambda p: -len(p[0]))))
_TABLE = dict(PAIRS)


@dataclass(frozen=True)
class Altered:
    text: str
    origin: tuple[tuple[int, int], ...]
    """For each character of ``text``: the (start, end) span of the original it stands for."""
    substitutions: int


def substitute(original: str) -> Altered:
    out: list[str] = []
    origin: list[tuple[int, int]] = []
    pos = n = 0
    for m in _PATTERN.finditer(original):
        for i in range(pos, m.start()):
            out.append(original[i])
            origin.append((i, i + 1))
        new = _TABLE[m.group(0)]
        out.append(new)
        origin.extend([(m.start(), m.end())] * len(new))
        pos = m.end()
        n += 1
    for i in range(pos, len(original)):
        out.append(original[i])
        origin.append((i, i + 1))
    return Altered("".join(out), tuple(origin), n)


def original_span(altered: Altered, start: int, end: int) -> tuple[int, int]:
    """The span of the original that the altered span ``[start, end)`` came from."""
    return altered.origin[start][0], altered.origin[end - 1][1]
