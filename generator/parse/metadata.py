"""Parse, part 1: the notice's metadata from its cleaned lines (``CleanText -> Metadata``).

Sources disagree on where facts sit: 004 carries 索引号/文号/发布机构 in a chrome
list (kept by the chrome rule as metadata), 002 names its issuer on the line
before the date, 001 opens with the issuer and the 发文字号. Each field is
taken from the first place that has it; metadata from chrome wins over guesses
from the text.
"""

from __future__ import annotations

import re

from ..assemble.regions import find_region
from ..datafiles import table
from ..model import CleanText, Metadata

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}〔\d{4}〕\d{1,4}号")
DATE_CN = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
NOTICE = re.compile(r"关于印发.*通知$")
PRINTED_TITLE = re.compile(r"关于印发(.{4,80}?)的通知")
QUOTED_TITLE = re.compile(r"《([^《》]{4,80})》")
ISSUER = re.compile(r"^[\u4e00-\u9fff]{2,30}(?:民政局|民政厅|民政部|人民政府|办公室|委员会)$")
RECIPIENTS = re.compile(r"^各.{2,200}[：:]$")
YEAR = re.compile(r"(\d{4})年")
FIVE_YEAR = {name: (int(start), int(end)) for name, start, end in table("plan_periods.tsv", ("name", "start", "end"))}
KINDS = table("notice_kinds.tsv", ("keyword", "kind"))
HEAD_LINES = 20
"""How many lines at the top of a notice can hold its header fields."""


def iso_date(text: str) -> str:
    """First date in ``text`` as YYYY-MM-DD, or ''."""
    m = DATE_CN.search(text) or DATE_ISO.search(text)
    if not m:
        return ""
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


def notice_title(lines: list[str]) -> str:
    """The 关于印发…的通知 line; a title broken over two lines (004) is re-joined."""
    for i, line in enumerate(lines[:HEAD_LINES]):
        if "关于印发" in line:
            joined = line
            for nxt in lines[i + 1 : i + 3]:
                if NOTICE.search(joined):
                    break
                joined += nxt
            if NOTICE.search(joined):
                return joined
    return ""


def kind_of(title: str) -> str:
    return next((kind for keyword, kind in KINDS if keyword in title), "document")


def years_of(title: str) -> tuple[int, int]:
    for key, span in FIVE_YEAR.items():
        if key in title:
            return span
    m = YEAR.search(title)
    if m:
        y = int(m.group(1))
        return y, y
    return 0, 0


def parse_metadata(clean: CleanText, lines: list[str]) -> Metadata:
    found = dict(reversed(clean.meta))  # first occurrence wins
    head = lines[:HEAD_LINES]
    notice = notice_title(lines)
    m = QUOTED_TITLE.search(notice)
    title = m.group(1) if m else ""
    if not title and (m := PRINTED_TITLE.search(notice)):
        title = m.group(1)
    if not title:
        title = found.get("title") or found.get("file_title") or ""
    if not title:
        title = next((ln for ln in head if ("要点" in ln or "规划" in ln or "计划" in ln) and len(ln) < 60), lines[0] if lines else "")
    doc_number = found.get("doc_number", "")
    if not doc_number:
        m = next((DOC_NUMBER.search(ln) for ln in head if DOC_NUMBER.search(ln)), None)
        doc_number = m.group(0) if m else ""
    issuer = found.get("issuer", "")
    date = iso_date(found.get("date", ""))
    for i, ln in enumerate(head):
        if DATE_LINE.match(ln):
            date = date or iso_date(ln)
            if not issuer and i and ISSUER.match(head[i - 1]):
                issuer = head[i - 1]
            break
    if not issuer:
        issuer = next((ln for ln in head[:3] if ISSUER.match(ln)), "")
    if not issuer and notice.find("关于") > 0:
        issuer = notice[: notice.find("关于")]
    printed = found.get("printed", "")
    recipients = next((ln.rstrip("：:") for ln in head if RECIPIENTS.match(ln)), "")
    year, end_year = years_of(title)
    region = find_region(issuer, title, notice)
    return Metadata(
        notice_title=notice,
        title=title,
        doc_number=doc_number,
        issuer=issuer,
        recipients=recipients,
        date=date or iso_date(printed) or iso_date(found.get("published", "")),
        printed_date=iso_date(printed),
        index_number=found.get("index_number", ""),
        region=region.zh if region else "",
        year=year,
        end_year=end_year,
        kind=kind_of(title),
        cc=found.get("cc", "").replace(";", "；"),
    )
