"""Parse, part 1: the notice's metadata from its cleaned lines (``CleanText -> Metadata``).

A notice prints its facts in a few places, in any order: the header (发文字号; the title
关于印发《…》的通知, maybe broken over lines or after its issuers; the 主送 line), the signature
(bodies one a line or several on one line, then the date: last, before the plan, or first), the
印发 line and the portal's stamps (发布时间). Text beats the source's metadata (``clean.meta``: a
page title or ContentSource is often short or wrong), which fills what the text lacks."""

from __future__ import annotations

import re

from ..assemble.regions import find_region
from ..datafiles import data_yaml, table, words
from ..model import CleanText, Metadata

_P: dict = data_yaml("meta_patterns.yaml")  # type: ignore[assignment]
SUFFIXES = sorted(words("meta_org_suffixes.txt"), key=len, reverse=True)
NUMERALS = {ch: int(v) for ch, v in table("meta_numerals.tsv", ("char", "value"))}
_KIND_ROWS = table("notice_kinds.tsv", ("pattern", "kind", "plan", "targets"))
KINDS = [(re.compile(p), kind, plan == "yes") for p, kind, plan, _ in _KIND_ROWS]
NO_TARGET_KINDS = frozenset(kind for _, kind, _, targets in _KIND_ROWS if targets != "yes")
"""Kinds of notice whose numbers are arrangements, never targets (column ``targets``)."""
PLAN_KINDS = {kind for _, kind, plan in KINDS if plan}
PERIODS = [(name, int(a), int(b)) for name, a, b in table("plan_periods.tsv", ("name", "start", "end"))]
HEAD_LINES = 30
"""How many lines at the top of a notice can hold its header fields (portal chrome included)."""

_WIDE = str.maketrans("０１２３４５６７８９", "0123456789")
_DIGITS = "".join(ch for ch, v in NUMERALS.items() if v < 10)
_HAN = f"[{_DIGITS}十]"
DATE = re.compile(
    rf"(?<!\d)(\d{{4}})\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日|(?<!\d)(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}})(?!\d)"
    rf"|([{_DIGITS}]{{4}})\s*年\s*({_HAN}{{1,2}})\s*月\s*({_HAN}{{1,3}})\s*日"
)
CLOCK = re.compile(r"^\s*\d{1,2}:\d{2}")
HAN_YEAR = re.compile(rf"[一二][{_DIGITS}]{{3}}(?=\s*(?:年|[—–\-－~～至到]))")
YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
RANGE = re.compile(r"(?<!\d)(\d{4})\s*年?\s*[—–\-－~～至到]+\s*(\d{4})\s*年")
DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12})\s*[〔\[【﹝［(（]\s*(\d{4})\s*[〕\]】﹞］)）]\s*第?\s*(\d{1,4})\s*号")
_VERBS = "|".join(_P["publish_verbs"])
NOTICE = re.compile(rf"关于(?:{_VERBS})(《[^《》]{{2,120}}》|[^《》。；：:]{{2,120}}?)的通知")
SELF = re.compile(rf"^(.*?)(关于[^。；]{{2,120}}(?:{'|'.join(_P['self_endings'])}))$")
_SEP = re.compile(r"[\s\u3000、，,]+")
_TRAILING = re.compile(r"[\u4e00-\u9fff（）()][\u4e00-\u9fff（）()\s\u3000、]*$")  # names right before 关于
_ORG_CHARS = re.compile(r"^[\u4e00-\u9fff（）()]+$")
_ORG_END = re.compile("(?:" + "|".join(map(re.escape, SUFFIXES)) + ")$")
_NOT_ORG = tuple(_P["not_org_start"])
_DATE_LABELS = "|".join(_P["date_labels"])
DATED = re.compile(rf"(?:{_DATE_LABELS})\s*[：:]\s*")
PUBLISHED = re.compile(rf"(?:{_DATE_LABELS}|({'|'.join(_P['published_labels'])}))\s*[：:]\s*")
"""A date label is matched too so that 日期 inside 成文日期 is not read as a publication label."""
_RECIPIENTS_LABEL = re.compile(rf"^(?:{'|'.join(_P['recipients_labels'])})\s*[：:]\s*")
RECIPIENTS_AT = re.compile(r"(?:^|〕\s*\d{1,4}\s*号|的通知)\s*(各[^。：:；！？]{1,200}?)[：:]")
_LABELLED = re.compile(r"[\u4e00-\u9fff]{2,4}[：:]")
_SENTENCE = re.compile(r"[。，；：:！？]")
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|第[一二三四五六七八九十百]+[章节条部分])")


def _han_number(s: str) -> int:  # 二十六 → 26, 二〇二四 → 2024
    if "十" in s:
        tens, _, units = s.partition("十")
        return (NUMERALS[tens] if tens else 1) * 10 + (NUMERALS[units] if units else 0)
    return int("".join(str(NUMERALS[c]) for c in s))


def _iso(m: re.Match[str]) -> str:
    g = m.groups()
    y, mo, d = (int(x) for x in (g[0:3] if g[0] else g[3:6])) if (g[0] or g[3]) else (_han_number(x) for x in g[6:9])
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else ""


def iso_date(text: str) -> str:
    """First date in ``text`` (2024年3月8日, 2024-03-08, 二〇二四年三月八日, full-width digits) as
    YYYY-MM-DD, or ''."""
    m = DATE.search(text.translate(_WIDE))
    return _iso(m) if m else ""


def _date_line(line: str) -> str:
    """The date of a line that is only a date (（2023年6月26日） too), else ''."""
    s = line.translate(_WIDE).strip(" \u3000（()）")
    m = DATE.fullmatch(s)
    return _iso(m) if m else ""


def _stamp(line: str) -> str:
    """The date of a portal's stamp: a labelled publication date (发布时间：…) or a line opening
    with a date and a clock time (WeChat: 2024年2月28日 18:05)."""
    s = line.translate(_WIDE)
    for m in PUBLISHED.finditer(s):
        if m.group(1) and (d := DATE.match(s, m.end())):
            return _iso(d)
    d = DATE.match(s.strip())
    return _iso(d) if d and CLOCK.match(s.strip()[d.end() :]) else ""


def is_org(name: str) -> bool:
    """A body's name as printed: ends in an organisation ending with two or more characters before it."""
    if not 3 <= len(name) <= 40 or not _ORG_CHARS.match(name) or name.startswith(_NOT_ORG):
        return False
    m = _ORG_END.search(name)
    return bool(m) and m.start() >= 2


def _inside_suffix(text: str, i: int) -> bool:
    return any(text.startswith(s, j) and j + len(s) > i for s in SUFFIXES for j in range(max(0, i - len(s) + 1), i))


def _split_run(text: str) -> list[str] | None:
    """``text`` as names run together (柳州市民政局柳州市残疾人联合会), shortest first name first."""
    if len(text) > 160 or not _ORG_CHARS.match(text):
        return None
    for i in range(3, len(text) + 1):
        if _inside_suffix(text, i) or not is_org(text[:i]):
            continue
        if i == len(text):
            return [text]
        if rest := _split_run(text[i:]):
            return [text[:i], *rest]
    return None


def split_orgs(text: str) -> list[str]:
    """The issuing bodies ``text`` consists of (separated by spaces or 、, or run together), or []."""
    runs = [_split_run(p) for p in _SEP.split(text.strip()) if p]
    return [name for run in runs for name in run] if runs and all(runs) else []  # type: ignore[union-attr]


def signature(lines: list[str], title: str = "") -> tuple[list[str], str]:
    """(issuers, date) of the first signature block: a date line under one or more lines of
    issuing bodies, or bodies and date on one line; in text run together (document-sharing
    copies), bodies between a sentence end (or the plan's title) and a date; else ([], the first
    date line at the top or the bottom of the notice)."""
    for i, line in enumerate(lines):
        if date := _date_line(line):
            if orgs := _orgs_above(lines, i):
                return orgs, date
        elif (m := DATE.search(s := line.translate(_WIDE).strip())) and m.end() == len(s) and (orgs := split_orgs(s[: m.start()])):
            return orgs, _iso(m)
    if run_on := _run_on_signature(lines, title):
        return run_on
    ends = lines[:HEAD_LINES] + lines[-8:]
    return [], next((d for ln in ends if (d := _date_line(ln))), "")


def _run_on_signature(lines: list[str], title: str) -> tuple[list[str], str] | None:
    after = "[。；！]" + (f"|{re.escape(title)}" if title else "")
    pat = re.compile(rf"(?:{after})([\u4e00-\u9fff]{{3,60}}?)(?=\d{{4}}\s*年|[{_DIGITS}]{{4}}年)")
    for line in lines[:HEAD_LINES]:
        for m in pat.finditer(line.translate(_WIDE)):
            d = DATE.match(line.translate(_WIDE), m.end())
            if d and (orgs := split_orgs(m.group(1))):
                return orgs, _iso(d)
    return None


def _opening(text: str) -> tuple[list[str], str]:
    """(issuers, rest) of a title that opens with its issuers (XX民政局 XX财政局关于…)."""
    at = text.find("关于")
    orgs = split_orgs(text[:at]) if at > 0 else []
    return orgs, (text[at:] if orgs else text)


def _lead_issuers(lines: list[str], title: str) -> list[str]:
    """X、Y联合印发《title》 in a news lead: X and Y, an abbreviation (市民政局) completed with the
    place of that level the title names (襄阳市…方案 → 襄阳市民政局)."""
    verbs = "|".join(_P["lead_verbs"])
    pat = re.compile(rf"([^，。；：！？“”]{{4,60}}?)(?:{verbs})了?《{re.escape(title)}》")
    for line in lines:
        if not (m := pat.search(line)):
            continue
        out = []
        for part in re.split(r"[、和与及]", m.group(1)):
            if part[:1] in _P["place_levels"] and (place := re.match(rf"[\u4e00-\u9fff]{{1,6}}?{part[0]}", title)):
                part = place.group(0) + part[1:]
            if not is_org(part):
                return []
            out.append(part)
        return out
    return []


def issuers_of(lines: list[str], signed: list[str], titles: list[str], found: dict[str, str], removed: list[str]) -> list[str]:
    """Every issuing body in order: the signature, else a title's opening, the red header
    (XX民政局 / XX民政局文件), a plan title opening with its issuer (XX局2020年…), the source's
    metadata, a news lead (kept, or removed by the cleaner as an editor's lead)."""
    if signed:
        return signed
    for t in titles:
        if orgs := _opening(t)[0]:
            return orgs
    for line in lines[:3]:
        if orgs := split_orgs(line.removesuffix("文件")):
            return orgs
    for t in titles:
        m = re.match(r"([\u4e00-\u9fff]{3,40}?)(?=\d{4}\s*年)", t)
        if m and not _inside_suffix(t, m.end()) and is_org(m.group(1)):
            return [m.group(1)]
    if orgs := split_orgs(found.get("issuer", "")):
        return orgs
    return _lead_issuers([*lines[:HEAD_LINES], *removed], titles[-1]) if titles else []


def _recipients(lines: list[str]) -> tuple[str, int]:
    """The 主送 line (各…：, wrapped over two lines, or run into the header's line) and its line;
    else a short line ending in a colon right under the 文号 (李××代表：). Never in the body."""
    for i, raw in enumerate(lines[:HEAD_LINES]):
        if _MARKER.match(line := _RECIPIENTS_LABEL.sub("", raw)):
            break
        if line != raw:
            return line.rstrip("：:"), i
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.startswith("各") and not re.search(r"[。：:]", line) and re.fullmatch(r"[^。]{1,120}[：:]", nxt):
            return line + nxt[:-1], i
        if m := RECIPIENTS_AT.search(line):
            return m.group(1), i
        if i and DOC_NUMBER.fullmatch(lines[i - 1]) and re.fullmatch(r"[^。，；\s]{2,40}[：:]", line) and not _MARKER.match(line):
            return line[:-1], i
    return "", len(lines)


def _notice_candidates(lines: list[str]) -> list[tuple[int, str]]:
    """(line, notice title) for each 关于印发…的通知 in the header: a title broken over up to three
    lines re-joined, its issuers (on its line or the line above) put before it, space-separated."""
    out = []
    for i, line in enumerate(lines[:HEAD_LINES]):
        if "关于" not in line:
            continue
        joined, k = line, i
        while not NOTICE.search(joined) and k < i + 2 and k + 1 < len(lines):
            k += 1
            joined += lines[k]
        for m in NOTICE.finditer(joined):
            if m.start() >= len(line) or not _ends_title(joined[m.end() :]):
                continue
            run = _TRAILING.search(joined[: m.start()])
            orgs = split_orgs(run.group(0)) if run else ([] if m.start() else _orgs_above(lines, i))
            out.append((i, " ".join(orgs) + m.group(0)))
    return out


def _orgs_above(lines: list[str], i: int) -> list[str]:
    """The issuing bodies printed on the lines right above line ``i``, one or more a line."""
    orgs: list[str] = []
    for j in range(i - 1, max(i - 5, -1), -1):
        if not (names := split_orgs(lines[j])):
            break
        orgs = names + orgs
    return orgs


def _ends_title(rest: str) -> bool:
    """What follows a title run into other text: nothing, markup or a space, the 文号, the 主送
    line, or a portal's label (发布时间：); not the rest of a sentence citing it (…的通知》要求)."""
    return not re.match(r"[\u4e00-\u9fff》]", rest) or rest[0] == "各" or bool(DOC_NUMBER.match(rest) or _LABELLED.match(rest))


def _self_title(text: str) -> str:
    """A line that is a notice being its own document (关于召开…会议的通知, …的函), issuers first."""
    m = SELF.match(text)
    if not m or NOTICE.search(text) or (m.group(1) and not split_orgs(m.group(1))):
        return ""
    return " ".join(split_orgs(m.group(1))) + m.group(2)


def _plan_line(line: str) -> bool:
    """A short line naming a plan (…工作要点, …实施方案（2025—2026年）), not a sentence, heading or headline."""
    return (
        4 <= len(line) <= 60
        and not _SENTENCE.search(line)
        and not _MARKER.match(line)
        and not re.search(r"[A-Za-z]{2}", line)
        and not any(c in line for c in _P["headline_marks"])
        and kind_of(line) in PLAN_KINDS
    )


def _meta_title(text: str) -> str:
    """A page title without the site's name after it (… - 柳州市民政局); '' for a headline (重磅｜…)."""
    text = re.split(r"\s+[-–—_|]\s+", text.strip())[0]
    return "" if any(c in text for c in _P["headline_marks"]) else text


def titles_of(lines: list[str], found: dict[str, str]) -> tuple[str, str]:
    """(notice title, title). The notice title is the 关于印发…的通知 nearest above the 主送 line
    (a page title repeated over the header comes first), else the source's title when it is one;
    the title is what it publishes. A notice that is itself the document (会议通知, 函) has that
    line as title and no notice title; a plan printed alone has its title line."""
    _, at = _recipients(lines)
    cands = _notice_candidates(lines)
    before = [t for i, t in cands if i <= at]
    metas = [t for k in ("title", "file_title") if (t := _meta_title(found.get(k, "")))]
    notice = (before[-1] if before else cands[0][1]) if cands else ""
    if not notice:
        notice = next((" ".join(_opening(t)[0]) + m.group(0) for t in metas if (m := NOTICE.search(t))), "")
    if m := NOTICE.search(notice):  # what it publishes: the 《…》 part, else the words before 的通知
        return notice, m.group(1).strip("《》")
    head = lines[: min(8, at + 1)]
    for text in [*head, *metas]:
        if title := _self_title(text):
            return "", title
    if title := next((ln for ln in lines[:HEAD_LINES] if _plan_line(ln)), ""):
        return "", title
    for line in lines[:HEAD_LINES]:
        for m in re.finditer(r"《([^《》]{4,100})》", line):
            if _P["printed_mark"] in line and kind_of(m.group(1)) in PLAN_KINDS:
                return "", m.group(1)
    return "", metas[0] if metas else ""


def kind_of(title: str) -> str:
    """The genre the title ends with (notice_kinds.tsv: the pattern matching last), else ``document``."""
    best, kind = -1, "document"
    for pattern, k, _ in KINDS:
        ends = [m.end() for m in pattern.finditer(title)]
        if ends and max(ends) > best:
            best, kind = max(ends), k
    return kind


def _arabic_years(text: str) -> str:
    """二〇二一—二〇二五年 → 2021—2025年."""
    return HAN_YEAR.sub(lambda m: "".join(str(NUMERALS[c]) for c in m.group(0)), text.translate(_WIDE))


def years_of(title: str) -> tuple[int, int]:
    """(first, last) year a title covers: a range (2025—2026年, 二〇二一—二〇二五年), a plan
    period (“十四五”, 第十四个五年), a year (2024年…); (0, 0) when it names none."""
    text = _arabic_years(title)
    if m := RANGE.search(text):
        return int(m.group(1)), int(m.group(2))
    for name, start, end in PERIODS:
        if name in text:
            return start, end
    if m := YEAR.search(text):
        return int(m.group(1)), int(m.group(1))
    return 0, 0


def doc_number(lines: list[str], found: dict[str, str]) -> str:
    """The 发文字号 in the standard form 柳民发〔2021〕38号 (any bracket, full-width digits): the
    source's, else a line that is one, else the first in the header."""
    for text in [found.get("doc_number", ""), *lines[:HEAD_LINES]]:
        s = text.translate(_WIDE).strip()
        if m := DOC_NUMBER.fullmatch(s):
            break
    else:
        m = next((m for ln in lines[:HEAD_LINES] if (m := DOC_NUMBER.search(ln.translate(_WIDE)))), None)
    if not m:
        return ""
    prefix = re.split(r"通知|关于|的|》|号", m.group(1))[-1]
    return f"{prefix}〔{m.group(2)}〕{int(m.group(3))}号" if prefix else ""


def dates_of(lines: list[str], found: dict[str, str], signed: str) -> tuple[str, str, str]:
    """(date as signed, printed date, published date). A date with a clock time is a portal's
    publication stamp, never a signing date."""
    meta_date = found.get("date", "")
    timed = bool(re.search(r"\d{1,2}:\d{2}", meta_date))
    labelled = next((iso_date(ln[m.end() :]) for ln in lines[:HEAD_LINES] if (m := DATED.search(ln))), "")
    date = signed or labelled or ("" if timed else iso_date(meta_date))
    printed_lines = (d for ln in lines if ln.endswith(_P["printed_mark"]) and (d := iso_date(ln)))
    printed = iso_date(found.get("printed", "")) or next(printed_lines, "")
    published = iso_date(found.get("published", "")) or (iso_date(meta_date) if timed else "")
    published = published or next((d for ln in lines[:HEAD_LINES] if (d := _stamp(ln))), "")
    return date, printed, published


def parse_metadata(clean: CleanText, lines: list[str]) -> Metadata:
    found = dict(reversed(clean.meta))  # first occurrence wins
    notice, title = titles_of(lines, found)
    signed_by, signed = signature(lines, title)
    removed = [c.before for c in clean.changes if not c.after]
    issuers = issuers_of(lines, signed_by, [t for t in (notice, title) if t], found, removed)
    recipients, _ = _recipients(lines)
    date, printed, published = dates_of(lines, found, signed)
    year, end_year = years_of(title)
    if not year:
        year = end_year = int((date or printed or published or "0")[:4])
    issuer = issuers[0] if issuers else ""
    region = find_region(issuer, title, notice)
    return Metadata(
        notice_title=notice,
        title=title,
        doc_number=doc_number(lines, found),
        issuer=issuer,
        recipients=recipients,
        date=date or printed,  # a notice printed without a signed date is dated by its 印发 line
        printed_date=printed,
        index_number=found.get("index_number", ""),
        region=region.zh if region else "",
        year=year,
        end_year=end_year,
        kind=kind_of(title),
        cc=found.get("cc", "").replace(";", "；"),
        issuers=tuple(issuers),
        published=published,
    )
