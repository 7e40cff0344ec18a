"""How an item is cited: a number unique in its document that says where it is, and a reference
in the pattern of GB/T 7714 for official documents (``display_numbers``, ``citation``).

A plan whose item numbers run on through the document (1、…42、 or 第一条…第二十条) cites an item
by its number: 第7项 / 第七条. A plan whose numbering restarts in every part cites the item by
its place: the labels of the parts above it and its own, 第四部分（二）3 (the top level printed
一、 is a 部分, a printed 第X章/第X部分 is kept as printed). In English: Part 4 (2) 3, item 7,
Article 7.
"""

from __future__ import annotations

import re

from ..model import Document, Item, Section, items_of
from ..parse.numbering import cn_to_int

_TRAILING = re.compile(r"[、．.，,\s]+$")
_WORD_LABEL = re.compile(r"^第(.+?)(章|节|条|部分|篇)$")
EN_WORDS = {"章": "Chapter", "节": "Section", "条": "Article", "部分": "Part", "篇": "Part"}


def _bare(label: str) -> str:
    return _TRAILING.sub("", label.strip())


def _zh_part(label: str, top: bool) -> str:
    bare = _bare(label)
    if top and bare and not _WORD_LABEL.match(bare) and not bare.startswith(("（", "(")):
        return f"第{bare}部分"
    return bare


def _en_part(label: str, number: int, top: bool) -> str:
    bare = _bare(label)
    m = _WORD_LABEL.match(bare)
    if m:
        return f"{EN_WORDS[m.group(2)]} {number}"
    if bare.startswith(("（", "(")):
        return f"({number})"
    return f"Part {number}" if top else str(number)


def _walk(sections: tuple[Section, ...], above: list[tuple[str, int]], out: dict[str, tuple[str, str]]) -> None:
    for s in sections:
        here = [*above, (s.label, s.number)] if s.label else above
        if s.out_of_order and not s.label:  # a fragment whose place is unknown: named by its id
            for it in s.items:
                where = it.id.removeprefix("item-")
                out[it.id] = (f"片段{where}", f"fragment {where}")
            _walk(s.sections, here, out)
            continue
        for it in s.items:
            parts = [*here, (it.label, it.number)]
            zh = "".join(_zh_part(lbl, k == 0 and len(parts) > 1) for k, (lbl, _) in enumerate(parts))
            en = " ".join(_en_part(lbl, n, k == 0 and len(parts) > 1) for k, (lbl, n) in enumerate(parts))
            out[it.id] = (zh, en)
        _walk(s.sections, here, out)


def display_numbers(doc: Document) -> dict[str, tuple[str, str]]:
    """item id → (Chinese, English) number unique in the document."""
    items = items_of(doc.sections)
    run_on = len({it.number for it in items}) == len(items)
    if run_on:
        return {it.id: _flat(it) for it in items}
    out: dict[str, tuple[str, str]] = {}
    _walk(doc.sections, [], out)
    return out


def _flat(it: Item) -> tuple[str, str]:
    m = _WORD_LABEL.match(_bare(it.label))
    if m:
        return _bare(it.label), f"{EN_WORDS[m.group(2)]} {cn_to_int(m.group(1))}"
    return f"第{it.number}项", f"item {it.number}"


def citation(doc: Document, number: tuple[str, str], url: str, title_en: str = "") -> dict[str, str]:
    """An item's reference, Chinese and English: issuer. title: 文号, item [A/OL]. (date). URL —
    the pattern of GB/T 7714 for an official document published online; parts the notice does
    not give (issuer, 文号, date) are left out."""
    m = doc.meta
    issuer = "，".join(m.issuers) if m.issuers else m.issuer
    zh = "".join(
        (
            f"{issuer}. " if issuer else "",
            m.title,
            f"：{m.doc_number}" if m.doc_number else "",
            f"，{number[0]}[A/OL]. ",
            f"({m.date}). " if m.date else "",
            url,
        )
    )
    en = "".join(
        (
            f"{issuer}. " if issuer else "",
            m.title,
            f" [{title_en}]" if title_en else "",
            f", {m.doc_number}" if m.doc_number else "",
            f", {number[1]} [A/OL]. ",
            f"({m.date}). " if m.date else "",
            url,
        )
    )
    return {"zh": zh, "en": en}
