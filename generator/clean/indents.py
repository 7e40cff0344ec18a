"""Rule ``indent-wraps``: re-join lines by the indentation that marks paragraphs.

Word pastes, GBK text files and PDF layout extracts (b03, b04, d08, c02) start every
paragraph with an indent (two full-width spaces, or four spaces) and break long paragraphs
into lines that carry none: soft line breaks (``…2300余人次；`` / ``新建社区…``) or short
fixed wraps (d08 cuts at 20 characters, ``…每人每年4200`` / ``元，城市低保…``). In a text
where at least ``INDENTED_SHARE`` of the lines carry such an indent, a line without one
continues the paragraph above it — whatever that line ends with — unless it stands on its own
(``wraps.standalone``: a numbered line, a table row, 文号, a date, 附件 …) or a blank line
lies between them. Centred lines (a deep indent: the title, the 文号, the signature) are not
paragraphs; two consecutive centred lines are one title cut in two when the first is
unfinished (``open_ends`` in ``data/clean_wraps.yaml``: ``信丰县民政局关于印发`` /
``《2021年全县民政工作要点》的通知``) or the second starts the subject with 关于 (then it may
carry a paragraph indent: c02's issuers line over ``    关于印发…的通知``).

The rule runs before ``spacing``, which strips the indents it reads; its joins are logged as
``wraps``.
"""

from __future__ import annotations

from ..model import Change
from .base import RuleOutput
from .wraps import TERMINAL, is_title, shapes, standalone

INDENT_MIN, INDENT_MAX = 2, 8
"""A paragraph indent, in columns (a full-width space is two)."""
CENTRED = 10
INDENTED_SHARE = 0.3
INDENTED_MIN = 3


def indent(line: str) -> int:
    cols = 0
    for c in line:
        if c == "\u3000":
            cols += 2
        elif c in " \u00a0":
            cols += 1
        elif c == "\t":
            cols += 4
        else:
            break
    return cols


def _indented(lines: list[str]) -> bool:
    texts = [ln for ln in lines if ln.strip()]
    n = sum(1 for ln in texts if INDENT_MIN <= indent(ln) <= INDENT_MAX)
    return n >= INDENTED_MIN and n >= INDENTED_SHARE * len(texts)


def _unfinished_title(a: str, b: str) -> bool:
    a, b = a.strip(), b.strip()
    if a.endswith(TERMINAL) or "，" in a or "。" in a or (standalone(b) and not is_title(b)):
        return False
    return a.endswith(shapes()["open_ends"]) or a.count("《") > a.count("》") or b.startswith(("《", "的", "关于"))


def _title_goes_on(above: str, line: str) -> bool:
    """``line`` continues the centred title line ``above`` (a centred line, or the 关于… part of
    the title under a line of issuers: c02 ``绵阳市民政局  绵阳市发展和改革委员会`` / ``关于印发…``)."""
    if not line.strip() or indent(above) < CENTRED:
        return False
    return (indent(line) >= CENTRED or line.strip().startswith("关于")) and _unfinished_title(above, line)


def join_indented(text: str) -> RuleOutput:
    lines = text.split("\n")
    if not _indented(lines):
        return _titles(lines, text)
    out: list[str] = []
    changes: list[Change] = []
    para = False  # the last line out is (part of) an indented paragraph
    for n, line in enumerate(lines, 1):
        cols = indent(line)
        if para and line.strip() and cols == 0 and "\t" not in line and not standalone(line):
            changes.append(Change("wraps", "\n", "", n - 1))
            out[-1] = out[-1].rstrip() + line.strip()
            continue
        if out and _title_goes_on(out[-1], line):
            changes.append(Change("wraps", "\n" + line[: len(line) - len(line.lstrip())], "", n - 1))
            out[-1] = out[-1].rstrip() + line.strip()
            continue
        out.append(line)
        para = bool(line.strip()) and INDENT_MIN <= cols <= INDENT_MAX or (para and bool(line.strip()) and cols == 0)
    return RuleOutput("\n".join(out), tuple(changes)) if changes else RuleOutput(text)


def _titles(lines: list[str], text: str) -> RuleOutput:
    """Only the centred-title joins, in a text whose paragraphs are not indented."""
    out: list[str] = []
    changes: list[Change] = []
    for n, line in enumerate(lines, 1):
        if out and _title_goes_on(out[-1], line):
            changes.append(Change("wraps", "\n" + line[: len(line) - len(line.lstrip())], "", n - 1))
            out[-1] = out[-1].rstrip() + line.strip()
            continue
        out.append(line)
    return RuleOutput("\n".join(out), tuple(changes)) if changes else RuleOutput(text)
