"""Rule ``toc``: remove a table of contents (目录), so the parser does not see chapters twice.

Five-year plans (c02, c03) open with a 目录: a line 目录 / 目 录, then the chapter and section
titles, with dot leaders and page numbers in a PDF (``第一章 发展基础……3``) or bare in a web
page. The block is recognised by its shape, not its text: after the heading, each line is an
entry when it has a dot leader, ends with a page number after a gap, or is a heading line that
recurs further down in the body (the entry without its leader and page number). The block ends
at the first line that is none of these, or where its first entry comes again (the body
starts). At least ``MIN_ENTRIES`` entries make a table of contents; every removed line is
logged.
"""

from __future__ import annotations

import re

from ..model import Change
from .base import RuleOutput

MIN_ENTRIES = 2
ENTRY_MAX = 60
_HEAD = re.compile(r"^目[ \u3000]*(?:录|次)[:：]?$")
_LEADER = re.compile(r"(?:[.·…．•‥⋯]{3,}|…{2,}|-{4,})[ \u3000]*(\d{1,3})?[ \u3000]*$")
_PAGE = re.compile(r"[ \u3000]{2,}\d{1,3}$")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_SENTENCE = re.compile(r"[。；]")


def _key(line: str) -> str:
    """An entry or heading without its leader, page number and spaces."""
    s = _LEADER.sub("", line.strip())
    s = _PAGE.sub("", s)
    return _SPACES.sub("", s)


def _entries(lines: list[str], head: int, later: set[str]) -> list[int]:
    """Indexes of the entry lines (and the blank lines among them) after the heading at ``head``."""
    found: list[int] = []
    first = ""
    for i in range(head + 1, len(lines)):
        line = lines[i].strip()
        if not line:
            found.append(i)
            continue
        key = _key(line)
        if not key or len(key) > ENTRY_MAX or _SENTENCE.search(key) or key == first:
            break
        shaped = bool(_LEADER.search(line) or _PAGE.search(lines[i].rstrip()))
        if not shaped and key not in later:
            break
        first = first or key
        found.append(i)
    while found and not lines[found[-1]].strip():
        found.pop()
    return found


def strip_toc(text: str) -> RuleOutput:
    if "目" not in text:
        return RuleOutput(text)
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if _HEAD.match(line.strip())]
    if not heads:
        return RuleOutput(text)
    drop: set[int] = set()
    for head in heads:
        later = {_key(ln) for ln in lines[head + 1 :] if ln.strip()}
        entries = _entries(lines, head, _recurring(lines, head, later))
        if sum(1 for i in entries if lines[i].strip()) >= MIN_ENTRIES:
            drop.add(head)
            drop.update(i for i in entries if lines[i].strip())
    if not drop:
        return RuleOutput(text)
    changes = [Change("toc", lines[i], "", i + 1) for i in sorted(drop)]
    kept = [line for i, line in enumerate(lines) if i not in drop]
    return RuleOutput("\n".join(kept), tuple(changes))


def _recurring(lines: list[str], head: int, later: set[str]) -> set[str]:
    """Keys of lines that occur at least twice after the heading: once as an entry, once in the body."""
    seen: dict[str, int] = {}
    for ln in lines[head + 1 :]:
        if ln.strip():
            k = _key(ln)
            seen[k] = seen.get(k, 0) + 1
    return {k for k in later if seen.get(k, 0) >= 2}
