"""Chrome that a line's place shows, not the line alone (used by the ``chrome`` rule).

Given which lines are chrome by their own features, four more kinds are found:

- a *link list*: a heading such as 往期推荐 / 相关文档 (``block`` words) and the short title
  lines listed under it, up to the first line that is not a short title;
- a *short line among chrome*: a line of at most ``SHORT`` characters, not a sentence, not
  numbered and not a date, whose nearest non-empty neighbours are both chrome: an account name between WeChat buttons, a site name
  between a file name and its breadcrumb, a province under a time stamp;
- a *headline*: the lines above a WeChat byline (原创 …) near the top are the article's
  headline, not the notice's;
- a *lead*: a paragraph above the notice that announces it by its title, with a news word
  (``news`` words: 近日, 一起来看 …), the title itself following below (b02: …近日，市民政局、
  市财政局联合印发《T》。一起来看↓↓↓ / T);
- a *page title*: a first line that the notice's title repeats (or ends) below it, with
  chrome between them, is the portal's page title (d06: the issuers and the title, then
  发布时间…, then the notice's own 关于印发…的通知).
"""

from __future__ import annotations

import re

from .base import DATE_LINE, line_marker
from .chrome_lines import block_head, news_words

SHORT = 10
BLOCK_ITEM = 40
BLOCK_ITEMS = 12
HEAD_LINES = 6
TITLE_LOOKAHEAD = 12
_NOT_SHORT = re.compile(r"[。，；：:、！？]")
_ITEM_END = tuple("。；？")


def _texts(probes: list[str]) -> list[int]:
    return [i for i, p in enumerate(probes) if p]


def link_lists(probes: list[str], chrome: dict[int, str]) -> None:
    """Mark link-list headings and their items (``chrome``: line index → kind, updated)."""
    texts = _texts(probes)
    k = 0
    while k < len(texts):
        i = texts[k]
        if i in chrome or not block_head(probes[i]):
            k += 1
            continue
        chrome[i] = "link-list"
        k += 1
        items = 0
        while k < len(texts) and items < BLOCK_ITEMS:
            p = probes[texts[k]]
            if texts[k] in chrome:
                k += 1
                continue
            if len(p) > BLOCK_ITEM or p.endswith(_ITEM_END) or line_marker(p) or block_head(p):
                break
            chrome[texts[k]] = "link-list"
            items += 1
            k += 1


def _short(probe: str) -> bool:
    return (
        len(probe.replace(" ", "")) <= SHORT
        and not _NOT_SHORT.search(probe)
        and line_marker(probe) is None
        and not DATE_LINE.match(probe.replace(" ", ""))
        and not probe.startswith("附件")
    )


def _value_of(label_line: str, probe: str) -> bool:
    """``probe`` is the value of a label that ends the chrome line above (关 键 词： / 2024 郧阳区 民政)."""
    return label_line.endswith(("：", ":")) and len(probe) <= BLOCK_ITEM and not _NOT_SHORT.search(probe) and line_marker(probe) is None


def short_lines(probes: list[str], chrome: dict[int, str]) -> None:
    """Mark short lines whose neighbours are chrome, until none is added."""
    texts = _texts(probes)
    changed = True
    while changed:
        changed = False
        for k, i in enumerate(texts):
            if i in chrome:
                continue
            between = 0 < k < len(texts) - 1 and texts[k - 1] in chrome and texts[k + 1] in chrome
            if between and (_short(probes[i]) or _value_of(probes[texts[k - 1]], probes[i])):
                chrome[i] = "short-among-chrome"
                changed = True


def headline(probes: list[str], chrome: dict[int, str]) -> None:
    """Mark the lines above a WeChat byline near the top."""
    texts = _texts(probes)[:HEAD_LINES]
    for k, i in enumerate(texts):
        if chrome.get(i) == "wechat-byline":
            for j in texts[:k]:
                chrome.setdefault(j, "headline")
            return


def lead(probes: list[str], chrome: dict[int, str]) -> None:
    """Mark a news lead above the notice's title (see the module docstring)."""
    rest = [i for i in _texts(probes) if i not in chrome][:HEAD_LINES]
    for k, i in enumerate(rest):
        p = probes[i]
        if not any(w in p for w in news_words()):
            continue
        for j in rest[k + 1 :]:
            title = probes[j].replace(" ", "")
            if len(title) >= 8 and f"《{title}》" in p.replace(" ", ""):
                chrome[i] = "lead"
                return


def page_title(probes: list[str], chrome: dict[int, str]) -> int | None:
    """Mark a first line repeated below by the notice's title; return its index."""
    rest = [i for i in _texts(probes) if i not in chrome]
    if len(rest) < 2:
        return None
    first = rest[0]
    head = probes[first].replace(" ", "")
    between = False
    for j in rest[1 : TITLE_LOOKAHEAD + 1]:
        between = between or any(k in chrome for k in range(first + 1, j))
        title = probes[j].replace(" ", "")
        if between and len(title) >= 8 and head.endswith(title):
            chrome[first] = "page-title"
            return first
    return None
