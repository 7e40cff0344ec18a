"""What makes one line site chrome, by its features (used by the ``chrome`` rule).

A chrome line is short or made mostly of chrome tokens and separators; a sentence of the
notice that merely holds one of the words must survive. The features, each a function of
one line (spaces collapsed, ends stripped — the *probe*):

- ``fields``: a line made only of ``label：value`` pairs whose labels are chrome labels
  (``data/chrome_labels.tsv``: 发布时间, 来源, 浏览次数, 索引号 …) and whose values are short;
  the pairs that name metadata give their value (a portal's publication date → ``published``,
  成文日期 → ``date``);
- ``interface``: a line that, once its interface words (``ui`` in ``data/chrome_words.tsv``:
  share targets, 打印/关闭, 字号 大 中 小, navigation, WeChat buttons), counters (阅读 1874,
  浏览量：1042) and separators are taken out, keeps at most ``UI_REST`` of its Han text;
- ``footer``: a line that holds a site-footer mark (ICP备, 公网安备, 版权所有, © …) or three
  different document-sharing hints (本站, 上传, 侵权, 积分 …), and is not a long paragraph;
- ``menu``: three or more short segments separated by ``|`` or ``>`` (a navigation bar, a
  breadcrumb without its label: ``人人文库 > 行业资料 > 公共管理``).

Numbered lines (一、 （一） 1. 第X条 …) are the notice's own and never chrome by these features.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import table
from .base import is_han, line_marker

UI_REST = 0.15
"""At most this share of a line's Han characters may be left once its interface words are out."""
FOOTER_MAX = 200
"""A footer mark in a longer line is quoted in a paragraph, not a footer."""
HINTS_MIN = 3
MENU_SEGMENT = 8
_COUNTER = re.compile(r"(?:阅读|浏览|访问|点击|查看|下载|评论|点赞|在看)(?:次数|量|数|人次)? ?[:：]? ?\d+(?:\.\d+)? ?[万千wW]?\+? ?次?")
_DATE = re.compile(r"\d{4}(?:年\d{1,2}月\d{1,2}日|[-/.]\d{1,2}[-/.]\d{1,2})")
_LEAD = re.compile(r"^[-•·*【\[(（ ]+")
_EDGE = " 【】[]()（）|｜:：,，;；"
_MENU_SPLIT = re.compile(r" ?[|｜│>＞»›] ?")
_SENTENCE = re.compile(r"[。！？]")


def _words(kind: str) -> list[str]:
    return [w for w, k in table("chrome_words.tsv", ("word", "kind")) if k == kind]


@lru_cache(maxsize=1)
def _ui() -> re.Pattern[str]:
    """All interface words as one pattern, longest first; a one-character word only where no
    other Han character touches it."""
    words = sorted(_words("ui"), key=len, reverse=True)
    parts = [re.escape(w) if len(w) > 1 else rf"(?<![\u4e00-\u9fff]){re.escape(w)}(?![\u4e00-\u9fff])" for w in words]
    return re.compile("|".join(parts))


@lru_cache(maxsize=1)
def _marks() -> tuple[str, ...]:
    return tuple(_words("mark"))


@lru_cache(maxsize=1)
def _hints() -> tuple[str, ...]:
    return tuple(_words("hint"))


@lru_cache(maxsize=1)
def block_words() -> frozenset[str]:
    return frozenset(_words("block"))


@lru_cache(maxsize=1)
def _labels() -> tuple[re.Pattern[str], dict[str, tuple[str, int, bool]]]:
    """(pattern of any label followed by a colon, label → (meta, max value length, weak))."""
    rows = table("chrome_labels.tsv", ("label", "meta", "max", "strength"))
    info = {label: (meta, int(n), strength == "weak") for label, meta, n, strength in rows}
    alts = sorted(info, key=len, reverse=True)
    spaced = "|".join(f"(?:{' ?'.join(re.escape(c) for c in label)})" for label in alts)
    return re.compile(rf"(?P<label>{spaced}) ?[:：]"), info


def _han(text: str) -> int:
    return sum(1 for c in text if is_han(c))


def numbered(probe: str) -> bool:
    return line_marker(probe) is not None


def fields(probe: str) -> list[tuple[str, str]] | None:
    """The (meta, value) pairs of a line made only of chrome fields, else None (``[]``: chrome
    fields none of which names metadata)."""
    pattern, info = _labels()
    body = _LEAD.sub("", probe)
    found = list(pattern.finditer(body))
    if not found or found[0].start() != 0:
        return None
    pairs: list[tuple[str, str]] = []
    weak = 0
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(body)
        label = m.group("label").replace(" ", "")
        meta, longest, is_weak = info[label]
        value = body[m.end() : end].strip(_EDGE)
        if len(value.replace(" ", "")) > longest or _SENTENCE.search(value):
            return None
        weak += is_weak
        if meta != "-" and value:
            pairs.append((meta, _field_value(meta, value)))
    if weak == len(found) and len(found) < 2:
        return None
    return pairs


def _field_value(meta: str, value: str) -> str:
    if meta in ("published", "date"):
        m = _DATE.search(value.replace(" ", ""))
        return m.group(0) if m else value
    return value


def interface(probe: str) -> bool:
    if numbered(probe):
        return False
    han = _han(probe)
    rest = _ui().sub(" ", _COUNTER.sub(" ", probe))
    if rest == probe:
        return False
    return _han(rest) <= UI_REST * han


def footer(probe: str) -> bool:
    if len(probe) > FOOTER_MAX or numbered(probe):
        return False
    if any(m in probe for m in _marks()):
        return True
    return sum(1 for h in _hints() if h in probe) >= HINTS_MIN


def menu(probe: str) -> bool:
    if probe.startswith(("|", "｜")):  # a Markdown table row
        return False
    parts = [p for p in _MENU_SPLIT.split(probe) if p]
    return len(parts) >= 3 and all(len(p) <= MENU_SEGMENT and not _SENTENCE.search(p) and "，" not in p for p in parts)


@lru_cache(maxsize=1)
def news_words() -> tuple[str, ...]:
    return tuple(_words("news"))


def block_head(probe: str) -> bool:
    """A heading of a list of links (往期推荐, 相关文档 …), alone on its line."""
    return probe.rstrip(":：").strip() in block_words()
