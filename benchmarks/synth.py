"""Corpus synthesiser: N plausible civil-affairs plan notices for benchmarks.

``make_corpus(n, out_dir, seed=0)`` writes N source files into ``out_dir``, as a
scraper would have saved them: plain UTF-8 text, GB18030, UTF-8 with a BOM,
gov-site HTML pages with navigation chrome and a metadata table, text with
chrome lines (发布日期/浏览次数/扫一扫, a 索引号 list, an 印发 line, page
numbers), hard-wrapped text with page gaps, and traditional-script copies with
inline pinyin (seed 000's noise).

The text is recombined from the seed notices (``source_texts/000``–``004``): their
section headings, sub-section headings, item titles, the sentences of their
items and introductions are harvested once (cleaned and parsed with Plansite's
own ``clean``/``parse``, so the material is simplified, de-chromed text), with
the seeds' place names replaced by placeholders. Each synthetic notice gets a
region from ``regions.txt`` (real county-level names), a year (2018–2025) and a
kind (工作要点, 工作计划, “十四五”规划), a unique 发文字号, a title line, a covering
notice, 一、 sections and numbered items in one of three numbering styles:

- ``A`` (like 001): 一、 sections, （一） sub-sections, items 1、 numbered through;
- ``B`` (like 002): 一、 sections, items （一） numbered through;
- ``C`` (like 004): 一、 sections, items 1. numbered through.

Each document has 5,000–15,000 characters. Region, year and kind are drawn so
that no two documents get the same Plansite document id (as long as the region
list allows: 2,358 regions × 17 year/kind combinations). Deterministic: the
same ``n`` and ``seed`` give byte-identical files (for the same seeds and the
same cleaning and parsing code, which the material goes through), and a corpus
of ``n`` is the first ``n`` files of any larger corpus with the same seed.

Run ``python -m benchmarks.synth N OUT_DIR [--seed S]`` to write a corpus by hand.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "source_texts"
REGIONS_FILE = Path(__file__).resolve().parent / "regions.txt"

YEARS = tuple(range(2018, 2026))
KINDS = ("work-points", "work-plan", "five-year-plan")
STYLES = ("A", "B", "C")
CN_NUM = "零一二三四五六七八九"
LOST = "〓"
"""Plansite's lost-byte mark (seed 000 has damaged spans): such sentences are not reused."""

# Placeholders for the seeds' place names (replaced per document).
_PLACES = (
    ("上海市松江区", "⟨R⟩"),
    ("厦门市湖里区", "⟨R⟩"),
    ("松江区", "⟨R⟩"),
    ("湖里区", "⟨R⟩"),
    ("松江", "⟨r⟩"),
    ("湖里", "⟨r⟩"),
    ("江苏省", "⟨P⟩"),
    ("江苏", "⟨p⟩"),
    ("上海市", "⟨C⟩"),
    ("上海", "⟨c⟩"),
    ("厦门市", "⟨C⟩"),
    ("厦门", "⟨c⟩"),
    ("全省", "全⟨s⟩"),
    ("全区", "全⟨s⟩"),
)
_SENTENCE = re.compile(r"[^。！？]*[。！？]+[”’」]?")
_NUMBER = re.compile(r"(?<![\d.〔])\d+(?:\.\d+)?(?![\d〕年])")


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as plans number them)."""
    if n < 10:
        return CN_NUM[n]
    if n < 20:
        return "十" + (CN_NUM[n % 10] if n % 10 else "")
    if n < 100:
        return CN_NUM[n // 10] + "十" + (CN_NUM[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + CN_NUM[rest] if rest < 10 else cn_numeral(rest) if rest >= 20 else "一" + cn_numeral(rest))
    return CN_NUM[n // 100] + "百" + tail


# --------------------------------------------------------------------------- material


@dataclass(frozen=True)
class SeedItem:
    title: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Material:
    sections: tuple[str, ...]
    """Level-1 section titles (一、…)."""
    subsections: tuple[str, ...]
    """Level-2 section titles (（一）… without a 。)."""
    items: tuple[SeedItem, ...]
    sentences: tuple[str, ...]
    """Every body sentence of every item (for mixing)."""
    intro: tuple[str, ...]
    """Sentences of the seeds' introductions and section paragraphs."""


def _placeholders(text: str) -> str:
    for name, ph in _PLACES:
        text = text.replace(name, ph)
    return text


def _sentences(text: str) -> list[str]:
    flat = text.replace("\n", "")
    return [s.strip() for s in _SENTENCE.findall(flat) if len(s.strip()) >= 8 and LOST not in s]


def _has_items(section) -> bool:  # type: ignore[no-untyped-def]
    return bool(section.items) or any(_has_items(s) for s in section.sections)


@lru_cache(maxsize=4)
def material(seed_dir: Path = SEED_DIR) -> Material:
    """Harvest headings, items and sentences from the seed notices (cleaned and parsed by Plansite)."""
    from generator.clean import clean
    from generator.parse import parse
    from generator.sources import find_sources, read_source

    root = seed_dir.resolve()
    sections: dict[str, None] = {}
    subsections: dict[str, None] = {}
    items: dict[str, SeedItem] = {}
    sentences: dict[str, None] = {}
    intro: dict[str, None] = {}
    for path in find_sources(root):
        try:
            parsed = parse(clean(read_source(path, root)))
        except Exception:  # a seed that cannot be read adds nothing
            continue
        for para in parsed.intro:
            intro.update(dict.fromkeys(_placeholders(s) for s in _sentences(para)))

        def walk(secs) -> None:  # type: ignore[no-untyped-def]
            for s in secs:
                title = _placeholders(s.title.strip())
                # only headings of parts that hold commitments (not 003's 回顾/形势/指标 parts)
                if 4 <= len(title) <= 60 and "。" not in title and _has_items(s):
                    (sections if s.level == 1 else subsections)[title] = None
                for para in s.paragraphs:
                    intro.update(dict.fromkeys(_placeholders(x) for x in _sentences(para)))
                for it in s.items:
                    title = _placeholders(it.title.strip())
                    if LOST in title:
                        continue
                    body = _placeholders(it.text.strip()[len(it.title.strip()) :])
                    sents = tuple(_sentences(body))
                    if not title or len(title) > 80 or not sents:
                        continue
                    if not title.endswith(("。", "；", "！")):
                        title += "。"
                    items.setdefault(title, SeedItem(title, sents))
                    sentences.update(dict.fromkeys(sents))
                walk(s.sections)

        walk(parsed.sections)
    if not items or not sections:
        raise RuntimeError(f"no material found in {seed_dir}")
    # Headings that are about the seed itself (回顾/形势/指导思想 of a five-year plan) are fine as headings too.
    return Material(tuple(sections), tuple(subsections) or tuple(sections), tuple(items.values()), tuple(sentences), tuple(intro))


# --------------------------------------------------------------------------- regions


@dataclass(frozen=True)
class Place:
    name: str
    city: str
    province: str

    @property
    def short(self) -> str:
        base = self.name[:-1]
        return base if len(base) >= 2 else self.name

    @property
    def scope(self) -> str:
        return self.name[-1]


@lru_cache(maxsize=1)
def regions() -> tuple[Place, ...]:
    out = []
    for line in REGIONS_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("name\t"):
            continue
        name, city, province = line.split("\t")
        out.append(Place(name, city, province))
    return tuple(out)


# --------------------------------------------------------------------------- one document


@dataclass(frozen=True)
class SynthDoc:
    """What was written for one document (for checks and for the benchmark's one-change run)."""

    path: str
    doc_number: str
    title: str
    region: str
    year: int
    kind: str
    style: str
    encoding: str
    format: str
    noise: tuple[str, ...]
    n_items: int
    chars: int
    expected_id: str


def _fill(text: str, place: Place) -> str:
    city = place.city if place.city != place.province else place.province
    return (
        text.replace("⟨R⟩", place.name)
        .replace("⟨r⟩", place.short)
        .replace("⟨P⟩", place.province)
        .replace("⟨p⟩", place.province.rstrip("省市").replace("壮族自治区", "").replace("回族自治区", "").replace("维吾尔自治区", "").replace("自治区", ""))
        .replace("⟨C⟩", city)
        .replace("⟨c⟩", city.rstrip("市"))
        .replace("⟨s⟩", place.scope)
    )


def _perturb_numbers(rng: random.Random, text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        s = m.group(0)
        if rng.random() < 0.5 or (len(s) == 4 and s.startswith(("19", "20"))):
            return s
        if "." in s:
            whole, frac = s.split(".")
            return f"{max(1, int(whole) + rng.randint(-3, 3))}.{rng.randint(0, 10 ** len(frac) - 1):0{len(frac)}d}"
        v = int(s)
        lo, hi = max(1, v // 2), max(2, v * 2)
        return str(rng.randint(lo, hi))

    return _NUMBER.sub(repl, text)


def _title(rng: random.Random, place: Place, year: int, kind: str) -> tuple[str, int]:
    """(plan title, year the notice is issued)."""
    if kind == "five-year-plan":
        return rng.choice((f"{place.name}民政事业发展“十四五”规划", f"{place.name}“十四五”民政事业发展规划")), rng.choice((2021, 2021, 2022))
    name = rng.choice((place.name, place.short)) if kind == "work-points" else place.name
    if kind == "work-points":
        return rng.choice((f"{year}年{name}民政工作要点", f"{name}{year}年民政工作要点")), year
    return rng.choice((f"{year}年{name}民政工作计划", f"{place.name}民政局{year}年工作计划")), year


def _item_text(rng: random.Random, mat: Material, place: Place) -> tuple[str, str]:
    seed = rng.choice(mat.items)
    own = list(seed.sentences)
    if len(own) > 2 and rng.random() < 0.5:
        keep = sorted(rng.sample(range(len(own)), rng.randint(max(1, len(own) // 2), len(own))))
        own = [own[i] for i in keep]
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        own.insert(rng.randint(0, len(own)), rng.choice(mat.sentences))
    body = "".join(own)
    return _fill(seed.title, place), _perturb_numbers(rng, _fill(body, place))


def _label(style: str, n: int) -> str:
    return {"A": f"{n}、", "B": f"（{cn_numeral(n)}）", "C": f"{n}."}[style]


def _body(rng: random.Random, mat: Material, place: Place, style: str, target: int) -> tuple[list[str], int]:
    """The plan body lines (sections and items) of about ``target`` characters; returns (lines, item count)."""
    n_sections = rng.randint(4, min(10, len(mat.sections)))
    # about 230 characters per item in the seeds
    n_items = max(n_sections * (2 if style == "A" else 1), round(target / 230))
    per = [1 + (2 if style == "A" else 0)] * n_sections
    for _ in range(n_items - sum(per)):
        per[rng.randrange(n_sections)] += 1
    titles = rng.sample(mat.sections, n_sections)
    lines: list[str] = []
    number = 0
    for k, (title, count) in enumerate(zip(titles, per), 1):
        lines.append(f"{cn_numeral(k)}、{_fill(title, place)}")
        groups = [count]
        if style == "A":
            n_sub = rng.randint(1, min(3, count))
            groups = [1] * n_sub
            for _ in range(count - n_sub):
                groups[rng.randrange(n_sub)] += 1
        for g, size in enumerate(groups, 1):
            if style == "A":
                lines.append(f"（{cn_numeral(g)}）{_fill(rng.choice(mat.subsections), place)}")
            for _ in range(size):
                number += 1
                title, body = _item_text(rng, mat, place)
                lines.append(f"{_label(style, number)}{title}{body}")
    return lines, number


def _intro(rng: random.Random, mat: Material, place: Place, year: int) -> list[str]:
    paras = []
    for _ in range(rng.choice((1, 1, 2))):
        sents = rng.sample(mat.intro, min(len(mat.intro), rng.randint(2, 4)))
        text = "".join(_fill(s, place) for s in sents)
        text = re.sub(r"20\d\d年", f"{year}年", text, count=1)
        paras.append(text)
    return paras


RECIPIENTS = (
    "各街道（镇）民政办，局机关各科室、各直属单位：",
    "各街道办事处、各镇人民政府，局机关各科室：",
    "各乡镇人民政府、街道办事处，区直各有关单位：",
    "各县（市、区）民政局，局机关各处室、各直属单位：",
    "局机关各科室、各下属单位：",
)
SENDERS = (
    "现将《{t}》印发给你们，请结合实际认真贯彻落实。",
    "《{t}》已经局党组会议审议通过，现印发给你们，请遵照执行。",
    "经研究，现将《{t}》印发给你们，请结合本单位实际，抓好落实。",
)


@dataclass(frozen=True)
class _Notice:
    header: list[str]
    title: str
    body: list[str]
    closing: list[str]
    meta: dict[str, str]


def _notice(rng: random.Random, mat: Material, place: Place, year: int, kind: str, style: str, doc_number: str, target: int) -> tuple[_Notice, int]:
    title, issued = _title(rng, place, year, kind)
    issuer_long = f"{place.city}{place.name}民政局" if place.city != place.name and not place.city.endswith(("省", "自治区")) else f"{place.name}民政局"
    issuer = issuer_long if rng.random() < 0.5 and _region_ok(issuer_long, place) else f"{place.name}民政局"
    month, day = rng.randint(1, 4), rng.randint(1, 28)
    date_cn = f"{issued}年{month}月{day}日"
    header = [issuer, doc_number, f"关于印发《{title}》的通知", rng.choice(RECIPIENTS), rng.choice(SENDERS).format(t=title), f"附件：{title}", issuer, date_cn]
    if rng.random() < 0.3:
        header.append("（此件公开发布）")
    intro = _intro(rng, mat, place, year if kind != "five-year-plan" else issued)
    body, n_items = _body(rng, mat, place, style, target - sum(len(p) for p in intro))
    closing = []
    if rng.random() < 0.4:
        closing.append(f"{issuer}办公室{date_cn}印发")
    meta = {
        "issuer": issuer,
        "date": f"{issued}-{month:02d}-{day:02d}",
        "doc_number": doc_number,
        "index": f"{rng.randint(10000, 99999)}-{issued}-{rng.randint(1, 99999):05d}",
    }
    return _Notice(header, title, intro + body, closing, meta), n_items


@lru_cache(maxsize=100_000)
def _region_ok(issuer: str, place: Place) -> bool:
    from generator.assemble.regions import find_region

    r = find_region(issuer)
    return r is not None and r.zh == place.name


def expected_id(place: Place, year: int, kind: str) -> str:
    """The document id Plansite should give (``<slug>-<year>-<kind>``)."""
    from generator.assemble.regions import find_region

    r = find_region(f"{place.name}民政局")
    slug = r.slug if r else "unknown"
    return f"{slug}-2021-2025-five-year-plan" if kind == "five-year-plan" else f"{slug}-{year}-{kind}"


# --------------------------------------------------------------------------- noise and formats


def _hard_wrap(rng: random.Random, line: str) -> list[str]:
    """Break a prose line the way 001 is broken (mid-sentence, sometimes with a page gap) so ``wraps`` re-joins it."""
    from generator.parse.numbering import line_marker

    out: list[str] = []
    rest = line
    while len(rest) > 70:
        width = rng.randint(40, 60)
        cut = None
        for w in range(width, min(len(rest) - 10, width + 15)):
            frag, tail = rest[:w], rest[w:]
            marker = line_marker(frag)
            if frag.endswith(tuple("。！？；：…”’")) or line_marker(tail) is not None or tail[0] in "，、。；：）”":
                continue
            if marker and marker[0] in {"chapter", "part", "cn", "cn-paren"} and "。" not in frag:
                continue
            cut = w
            break
        if cut is None:
            break
        out.append(rest[:cut])
        if rng.random() < 0.2:
            out.append("")
        rest = rest[cut:]
    out.append(rest)
    return out


_ASCII_PUNCT = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";"})


def _traditional_pinyin(text: str) -> str:
    """Seed 000's noise: traditional script with a pinyin reading after each converted character."""
    trad = _s2tw().convert(text)
    if len(trad) != len(text):
        return trad.translate(_ASCII_PUNCT)
    out = []
    for s, t in zip(text, trad):
        out.append(t)
        if s != t and (r := _reading(s)):
            out.append(f"({r})")
    return "".join(out).translate(_ASCII_PUNCT)


@lru_cache(maxsize=None)
def _reading(ch: str) -> str:
    from pypinyin import Style, pinyin

    r = pinyin(ch, style=Style.TONE)[0][0]
    return r if r.isalpha() and r != ch else ""


@lru_cache(maxsize=1)
def _s2tw():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("s2tw")


@lru_cache(maxsize=1)
def _tw2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("tw2s")


def _as_text(rng: random.Random, n: _Notice, noise: list[str]) -> str:
    lines: list[str] = []
    chrome = rng.random() < 0.25
    if chrome:
        noise.append("chrome")
        if rng.random() < 0.5:
            lines.append(
                f"发布日期: {n.meta['date']} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}   来源:{n.meta['issuer']}办公室    浏览次数:{rng.randint(50, 5000)}    字号:【大 中 小】"
            )
        else:
            lines += [
                f"- 索 引 号:{n.meta['index']}",
                f"- 备注/文号:{n.meta['doc_number']}",
                f"- 发布机构:{n.meta['issuer']}",
                f"- 公文生成日期:{n.meta['date']}",
            ]
    lines += n.header
    lines.append(n.title)
    wrap = rng.random() < 0.15
    if wrap:
        noise.append("hard-wraps")
    for k, ln in enumerate(n.body):
        lines.extend(_hard_wrap(rng, ln) if wrap else [ln])
        if chrome and k and k % 25 == 0 and rng.random() < 0.5:
            lines.append(str(k // 25 + 1))  # a page number
    lines += n.closing
    lines += [n.meta["issuer"], n.header[-1] if not n.header[-1].startswith("（") else n.header[-2]]
    if chrome:
        lines.append("扫一扫在手机打开当前页")
    spacing = "\n\n" if rng.random() < 0.3 else "\n"
    text = spacing.join(lines) + "\n"
    if rng.random() < 0.07 and _tw2s().convert(_s2tw().convert(n.title + n.meta["issuer"])) == n.title + n.meta["issuer"]:
        noise.append("traditional-pinyin")
        text = _traditional_pinyin(text)
    return text


def _as_html(rng: random.Random, n: _Notice, charset: str) -> str:
    e = html.escape
    site = n.meta["issuer"].replace("民政局", "") + "人民政府"
    paras = [*n.header[2:], n.title, *n.body, *n.closing, n.meta["issuer"], n.header[7]]

    def p(line: str) -> str:
        if re.match(r"^[一二三四五六七八九十]+、", line):
            return f'<p style="text-indent:2em"><strong>{e(line)}</strong></p>'
        return f'<p style="text-indent:2em">{e(line)}</p>'

    body = "\n".join(p(x) for x in paras)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<title>{e(n.header[2])}_{e(site)}</title>
<meta name="ArticleTitle" content="{e(n.header[2])}">
<meta name="PubDate" content="{n.meta["date"]} 09:{rng.randint(0, 59):02d}">
<meta name="ContentSource" content="{e(n.meta["issuer"])}">
<link rel="stylesheet" href="/css/main.css">
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
<style>.nav li{{float:left}} .xxgk td{{border:1px solid #ccc}}</style>
</head>
<body>
<header><div class="logo">{e(site)}门户网站</div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></nav></header>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 通知公告</div>
<table class="xxgk">
<tr><td>索引号：</td><td>{n.meta["index"]}</td><td>发文字号：</td><td>{e(n.meta["doc_number"])}</td></tr>
<tr><td>发布机构：</td><td>{e(n.meta["issuer"])}</td><td>成文日期：</td><td>{n.meta["date"]}</td></tr>
</table>
<div class="article">
<h1 class="title">{e(n.header[2])}</h1>
<div id="zoom" class="TRS_Editor">
{body}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> 【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<aside><h3>相关链接</h3><ul><li><a href="/">民政部</a></li><li><a href="/">{e(site)}</a></li></ul></aside>
<footer><p>主办单位：{e(site)}办公室　网站标识码：{rng.randint(1000000000, 9999999999)}</p><p>ICP备{rng.randint(10000000, 99999999)}号</p></footer>
<script src="/js/common.js"></script>
</body>
</html>
"""


# --------------------------------------------------------------------------- the corpus


def _draws(rng: random.Random, n: int) -> list[tuple[Place, int, str]]:
    """n distinct (region, year, kind) with distinct document ids while the pool lasts."""
    places = regions()
    used: set[tuple[str, int, str]] = set()
    out = []
    for _ in range(n):
        for _attempt in range(50):
            place = rng.choice(places)
            kind = rng.choices(KINDS, weights=(5, 3, 2))[0]
            year = 2021 if kind == "five-year-plan" else rng.choice(YEARS)
            key = (place.name, year, kind)
            if key not in used:
                break
        used.add(key)
        out.append((place, year, kind))
    return out


def make_corpus(n: int, out_dir: Path | str, seed: int = 0) -> list[SynthDoc]:
    """Write ``n`` synthetic notices into ``out_dir`` (created); return what was written, in file order."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    mat = material()
    rng = random.Random(f"plansite-synth-{seed}")
    numbers: set[str] = set()
    docs: list[SynthDoc] = []
    for i, (place, year, kind) in enumerate(_draws(rng, n)):
        drng = random.Random(f"{seed}-{i}-{place.name}-{year}-{kind}")
        style = drng.choice(STYLES)
        target = drng.randint(5000, 15000)
        issued = 2021 if kind == "five-year-plan" else year
        prefix = place.short[0] + drng.choice(("民", "民发", "民政"))
        k = drng.randint(1, 60)
        while (doc_number := f"{prefix}〔{issued}〕{k}号") in numbers:
            k += 1
        numbers.add(doc_number)
        notice, n_items = _notice(drng, mat, place, year, kind, style, doc_number, target)
        noise: list[str] = []
        roll = drng.random()
        if roll < 0.15:
            fmt, encoding = "html", "gb18030" if drng.random() < 0.3 else "utf-8"
            text = _as_html(drng, notice, encoding)
            noise.append("html-chrome")
        else:
            fmt = "text"
            text = _as_text(drng, notice, noise)
            encoding = "gb18030" if roll > 0.82 else "utf-8-sig" if roll > 0.78 else "utf-8"
        data = text.encode(encoding)
        suffix = ".html" if fmt == "html" else ".txt"
        name = f"{i:05d}_{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
        (out / name).write_bytes(data)
        chars = sum(len(x) for x in notice.body)
        docs.append(
            SynthDoc(name, doc_number, notice.title, place.name, year, kind, style, encoding, fmt, tuple(noise), n_items, chars, expected_id(place, year, kind))
        )
    return docs


def change_one(out_dir: Path | str, docs: list[SynthDoc], at: float = 0.5) -> str:
    """Edit one document (a plain UTF-8 text source, ``at`` of the way through them; the middle by
    default): append a sentence to its longest line.

    Returns the path edited. Used by the benchmark's 'generation after changing one document'.
    """
    plain = [d for d in docs if d.format == "text" and d.encoding == "utf-8" and not d.noise] or [d for d in docs if d.encoding == "utf-8"] or docs
    doc = plain[min(len(plain) - 1, int(len(plain) * at))]
    path = Path(out_dir) / doc.path
    text = path.read_bytes().decode(doc.encoding)
    lines = text.split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += "同时，建立健全工作台账，按季度通报任务进展情况，确保各项举措落地见效。"
    path.write_bytes("\n".join(lines).encode(doc.encoding))
    return doc.path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    docs = make_corpus(args.n, args.out_dir, args.seed)
    chars = sum(d.chars for d in docs)
    print(f"wrote {len(docs)} notices ({chars:,} characters of plan text) into {args.out_dir}/")


if __name__ == "__main__":
    main()
