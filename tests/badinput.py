"""The bad-input corpus (issue 7): broken, odd and hostile sources, made by the tests.

``write_bad_inputs(dest)`` writes every file into ``dest`` and returns what a
user must see for each (``BAD_INPUTS``): whether ``plansite check`` reports it
as an error (skipped) or a warning, a fragment of the reason, and the id of the
document it becomes when it is published. The readable ones are plausible
civil-affairs notices built from sentences of the seed notices, each for a
region and year no seed has, so they never merge with a seed document.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

SNIPPET_FILE = "secret-snippet.md"
"""A file the hostile source tries to include with ``--8<--``; the tests put it in the project."""
SNIPPET_MARKER = "SNIPPET-CONTENT-MUST-NOT-APPEAR-7f3a"

SECTIONS = (
    (
        "加快推进社会救助体系建设",
        (
            "推进“政策找人”工作。一是要按照“做实线下、用好线上”的思路，深化“铁脚板+大数据”的找人路径，持续探索深化“政策找人”工作机制。二是要打牢做实“社区救助顾问”机制，努力实现困难群众早发现、早介入、早救助。",
            "加强低收入人口动态监测。将低保、低保边缘、特困供养、支出型贫困及其他特殊困难家庭或人员纳入动态监测范围，加强实时跟踪管理，提供常态化救助帮扶。",
            "加强困难群众临时救助工作。进一步完善临时救助制度，不断增强临时救助工作时效性，畅通急难社会救助申请和急难情况及时报告、主动发现渠道。",
        ),
    ),
    (
        "全面推进养老事业高质量发展",
        (
            "持续推进养老服务设施建设。持续扩大养老供给，新增养老床位300张，加快建成一批社区嵌入式养老服务设施。",
            "提升养老机构监管效能。加强消防安全、食品安全、资金使用、运营秩序等重点领域监管，开展养老服务机构服务质量监测。",
            "聚焦养老服务能级提升。加强养老服务队伍建设，落实养老护理员入职补贴政策，居家适老化改造试点计划完成100户。",
        ),
    ),
    (
        "推进基层政权建设和社区建设",
        (
            "加强基层政权建设。依法有序完成新一届社区居委会换届选举，指导督促各街道落实好换届选举各项工作。",
            "完善社区服务体系。围绕人员下沉、工作下沉、力量下沉三大主线，推动街道扩权赋能，让社区回归小区治理和服务居民的主责主业。",
            "加强儿童关爱和保护工作。全面落实孤儿、事实无人抚养儿童基本生活保障，及时足额发放基本生活费。",
        ),
    ),
)
CN_NUM = "一二三四五六七八九十"


def plan_body(title: str, sections=SECTIONS, label: str = "{n}、") -> str:  # type: ignore[no-untyped-def]
    """A work-points plan: title line, an intro, numbered sections and items (items run on)."""
    year = title[:4]
    lines = [title, f"{year}年，全区民政系统要坚持以习近平新时代中国特色社会主义思想为指导，坚持以人民为中心，健全多层次社会保障体系，加强和创新社会治理。"]
    n = 0
    for k, (heading, items) in enumerate(sections):
        lines.append(f"{CN_NUM[k]}、{heading}")
        for text in items:
            n += 1
            lines.append(label.format(n=n) + text)
    return "\n".join(lines) + "\n"


def notice(issuer: str, number: str, title: str, date: str, body: str | None = None) -> str:
    """A covering notice 关于印发《title》的通知 followed by the plan."""
    head = [
        issuer,
        number,
        f"关于印发《{title}》的通知",
        "各街道、各有关单位：",
        f"现将《{title}》印发给你们，请结合实际认真抓好贯彻落实。",
        f"附件：{title}",
        issuer,
        date,
    ]
    return "\n".join(head) + "\n" + (body if body is not None else plan_body(title))


@dataclass(frozen=True)
class BadInput:
    name: str
    """Path under ``source_texts/`` (spaces and Chinese characters on purpose)."""
    data: bytes
    severity: str | None
    """``"error"`` (skipped), ``"warning"`` (published with a warning) or ``None`` (published, no problem)."""
    reason: str
    """A fragment of the one-line reason ``plansite check`` prints for the file."""
    doc_id: str = ""
    """The id of the published document (empty when the file is skipped)."""
    plain: bool = False
    """Published as plain text (no numbered items), with a notice on the page."""


def _huge() -> bytes:
    """5 MB of plan text: one notice's items repeated, as when many pages are pasted into one file."""
    body = plan_body("2023年普陀区民政工作要点")
    text = notice("普陀区民政局", "普民〔2023〕2号", "2023年普陀区民政工作要点", "2023年2月1日", "")
    chunk = body.split("\n", 2)[2]
    out = [text]
    size = len(text.encode("utf-8"))
    while size < 5 * 1024 * 1024:
        out.append(chunk)
        size += len(chunk.encode("utf-8"))
    return "".join(out).encode("utf-8")


def _gbk_cut() -> bytes:
    data = notice("金山区民政局", "金民〔2023〕5号", "2023年金山民政工作要点", "2023年2月20日").encode("gbk")
    return data + "养老".encode("gbk")[:1]  # the file ends in the middle of 养


HOSTILE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>同安区民政局关于印发2022年同安区民政工作要点的通知</title>
<meta name="ArticleTitle" content="关于印发《2022年同安区民政工作要点》的通知">
<script>document.write('脚本写入的内容');alert('head')</script>
<style>body{background:url(javascript:alert('css'))}</style>
</head><body onload="alert('onload')">
<nav><a href="/">首页</a> &gt; 政务公开</nav>
<div id="zoom" onmouseover="alert('zoom')">
<p onclick="alert('click')">同安区民政局</p>
<p>厦同民〔2022〕9号</p>
<p>关于印发《2022年同安区民政工作要点》的通知</p>
<p>各镇（街）、各有关单位：</p>
<p>现将《2022年同安区民政工作要点》印发给你们，<a href="javascript:alert('link')">点击下载附件</a>，请认真贯彻执行。</p>
<p>同安区民政局</p>
<p>2022年3月15日</p>
<p><img src="x.png" onerror="alert('img')" alt="图片说明">2022年同安区民政工作要点</p>
<p>2022年，全区民政系统要坚持以人民为中心，示例代码&lt;script&gt;alert("实体")&lt;/script&gt;只是文字。</p>
<p>一、加快推进社会救助体系建设</p>
<p>1、推进“政策找人”工作。深化“铁脚板+大数据”的找人路径，<a href="JaVaScRiPt:alert('mixed')" onmouseover="alert('over')">查看原文</a>。</p>
<script>alert('body')</script>
<p>2、加强低收入人口动态监测。将低保边缘家庭纳入动态监测范围，加强实时跟踪管理。</p>
<iframe src="javascript:alert('iframe')"></iframe>
<svg onload="alert('svg')"><text>矢量图文字</text></svg>
<p>二、全面推进养老事业高质量发展</p>
<p>3、持续推进养老服务设施建设。新增养老床位200张。<button onclick="alert('button')">按钮文字</button></p>
<form action="javascript:alert('form')"><input value="表单"></form>
</div>
<footer>版权所有 同安区民政局</footer>
</body></html>
"""

MARKUP_TEXT = """海沧区民政局
厦海民〔2022〕4号
关于印发《2022年海沧区民政工作要点》的通知
各街道、各有关单位：
现将《2022年海沧区民政工作要点》印发给你们，请认真贯彻执行。
海沧区民政局
2022年3月1日
2022年海沧区民政工作要点
2022年，全区民政系统要坚持以人民为中心，健全多层次社会保障体系。
一、加快推进社会救助体系建设
1、加强困难群众临时救助工作。详见[救助政策](javascript:alert('md'))和![示意图](http://evil.example/x.png)，还有<script>alert('raw')</script>与<img src=x onerror=alert('img')>。
2、完善社区服务体系。模板语法{{ config.site_name }}和{% include "secret-snippet.md" %}都不应被执行。
3、加强儿童关爱和保护工作。下一行是伪造的片段引用和提示框。
--8<-- "secret-snippet.md"
!!! note "注意：这不是提示框"
标题属性 {#injected .evil onclick=alert(1)}
二、全面推进养老事业高质量发展
4、持续推进养老服务设施建设。<a href="javascript:alert('a')">点我</a>，**加粗**，<b onmouseover="alert('b')">粗体</b>，| 表 | 格 |。
5、提升养老机构监管效能。&lt;不是实体&gt; &amp; 『引号』 {{ 7*7 }}。
"""

NO_STRUCTURE = """奉贤区民政局2022年工作情况
今年以来，区民政局坚持以人民为中心的发展思想，持续加强社会救助、养老服务和基层治理工作，各项工作取得新成效。
在社会救助方面，进一步完善临时救助制度，不断增强临时救助工作时效性，畅通急难社会救助申请和急难情况及时报告、主动发现渠道。
在养老服务方面，持续扩大养老供给，加快建成一批社区嵌入式养老服务设施，加强养老机构消防安全和食品安全监管。
在基层治理方面，依法有序完成社区居委会换届选举，推动街道扩权赋能，让社区回归小区治理和服务居民的主责主业。
下一步，区民政局将继续抓好各项工作落实，为全区经济社会发展作出新的贡献。
"""

TRADITIONAL = """翔安區民政局
廈翔民〔2021〕6號
關於印發《2021年翔安區民政工作要點》的通知
各街道、各有關單位：
現將《2021年翔安區民政工作要點》印發給你們，請結合實際認真抓好貫徹落實。
翔安區民政局
2021年4月2日
2021年翔安區民政工作要點
2021年，全區民政系統要堅持以習近平新時代中國特色社會主義思想為指導，堅持以人民為中心，健全多層次社會保障體系。
一、加快推進社會救助體系建設
1.加強困難群眾臨時救助工作。進一步完善臨時救助制度，不斷增強臨時救助工作時效性，暢通急難社會救助申請渠道。
2.加強低收入人口動態監測。將低保、低保邊緣、特困供養家庭納入動態監測範圍，加強實時跟蹤管理。
二、全面推進養老事業高質量發展
3.持續推進養老服務設施建設。持續擴大養老供給，新增養老床位150張，加快建成一批社區嵌入式養老服務設施。
4.提升養老機構監管效能。加強消防安全、食品安全、資金使用等重點領域監管，開展養老服務機構服務質量監測。
"""

CONFLICT_NUMBER = "厦思民〔2022〕7号"
CONFLICT_TITLE = "2022年思明区民政工作要点"


def _conflicting_copy() -> str:
    """The same 发文字号 as copy A, but other targets and one commitment replaced: the copies disagree."""
    (h1, items1), (h2, items2), (h3, items3) = SECTIONS
    items2 = (items2[0].replace("300张", "500张"), items2[1], "推进医养结合。推动医疗卫生资源进入养老机构，支持养老机构开展医疗服务，全年建成护理型床位80张。")
    items3 = ("开展殡葬领域专项整治。严厉打击违规建设经营性公墓，规范殡葬服务收费，推进节地生态安葬。", items3[1], items3[2])
    body = plan_body(CONFLICT_TITLE, ((h1, items1), (h2, items2), (h3, items3)))
    return notice("思明区民政局", CONFLICT_NUMBER, CONFLICT_TITLE, "2022年2月28日", body)


def bad_inputs() -> list[BadInput]:
    utf16_text = notice("嘉定区民政局", "嘉民〔2023〕3号", "2023年嘉定民政工作要点", "2023年2月15日")
    html_as_txt = (
        "<html><head><meta charset='utf-8'><title>闵行区民政局</title></head><body><div class='article-content'>"
        + "".join(f"<p>{line}</p>" for line in notice("闵行区民政局", "闵民〔2023〕6号", "2023年闵行民政工作要点", "2023年3月3日").splitlines())
        + "</div></body></html>"
    )
    return [
        BadInput("empty.txt", b"", "error", "file is empty"),
        BadInput("scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16, "error", "binary data"),
        BadInput("嘉定区 2023 工作要点 (UTF-16).txt", codecs.BOM_UTF16_LE + utf16_text.encode("utf-16-le"), None, "", "jiading-2023-work-points"),
        BadInput("金山 gbk 截断.txt", _gbk_cut(), "warning", "ends in the middle of a character", "jinshan-2023-work-points"),
        BadInput("工作要点.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n", "error", "unsupported file type '.pdf'"),
        BadInput("闵行 saved page.txt", html_as_txt.encode("utf-8"), "warning", "HTML page saved as .txt", "minhang-2023-work-points"),
        BadInput("huge paste.txt", _huge(), "error", "too long for one notice"),
        BadInput(
            "奉贤 工作情况.txt",
            NO_STRUCTURE.encode("utf-8"),
            "warning",
            "no numbered items found; published as plain text",
            "fengxian-undated-document",
            plain=True,
        ),
        BadInput(
            "title only.txt",
            "关于印发《2024年宝山区民政工作要点》的通知\n".encode("utf-8"),
            "warning",
            "no numbered items found; published as plain text",
            "baoshan-2024-work-points",
            plain=True,
        ),
        # The preferred copy: the warning is filed under the other copy and names both files.
        BadInput(
            "思明 副本/思明区 工作要点 A.txt",
            notice("思明区民政局", CONFLICT_NUMBER, CONFLICT_TITLE, "2022年2月28日").encode("utf-8"),
            None,
            "",
            "siming-2022-work-points",
        ),
        BadInput(
            "思明 副本/思明区 工作要点 B.txt",
            _conflicting_copy().encode("gb18030"),
            "warning",
            "conflicting copies of 发文字号 厦思民〔2022〕7号: 思明 副本/思明区 工作要点 A.txt and 思明 副本/思明区 工作要点 B.txt disagree",
            "siming-2022-work-points",
        ),
        BadInput("同安 hostile.html", HOSTILE_HTML.encode("utf-8"), None, "", "tongan-2022-work-points"),
        BadInput("海沧 <b onmouseover=alert(1)>markup</b> [x](javascript:alert(2)).txt", MARKUP_TEXT.encode("utf-8"), None, "", "haicang-2022-work-points"),
        BadInput("翔安 繁体.txt", TRADITIONAL.encode("utf-8"), None, "", "xiangan-2021-work-points"),
    ]


BAD_INPUTS = bad_inputs()


def write_bad_inputs(dest: Path) -> list[BadInput]:
    """Write the corpus into ``dest`` (created if needed); return what is expected of each file."""
    for bad in BAD_INPUTS:
        path = dest / bad.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bad.data)
    return BAD_INPUTS
