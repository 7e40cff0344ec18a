"""Bad, hostile and broken sources (issue 7): clear one-line reasons, the rest published, nothing injected.

The corpus is written by ``tests/badinput.py``. Fast tests run ``plansite check``
and the pipeline; the site tests build the real site (``plansite build``) from
the seeds plus the corpus in a scratch project and read the generated HTML.
"""

from __future__ import annotations

import codecs
import html
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import source_stages
from generator.cli import main, problem_line
from generator.model import Problem
from generator.parallel import LIMITS
from generator.pipeline import load_corpus
from generator.render.document import render_document
from generator.render.env import labels
from generator.sources import decode

from .badinput import BAD_INPUTS, CONFLICT_NUMBER, SNIPPET_FILE, SNIPPET_MARKER, write_bad_inputs
from .conftest import SOURCES
from .sitebuild import plansite, scratch_project

ERRORS = [b for b in BAD_INPUTS if b.severity == "error"]
PUBLISHED = [b for b in BAD_INPUTS if b.severity != "error"]


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """The seeds plus the bad-input corpus, as one ``source_texts/``."""
    src = tmp_path_factory.mktemp("bad") / "source_texts"
    shutil.copytree(SOURCES, src)
    write_bad_inputs(src)
    return src


@pytest.fixture(scope="module")
def bad_corpus(bad_dir: Path):  # type: ignore[no-untyped-def]
    return load_corpus(bad_dir)


def _doc_of(corpus, name: str):  # type: ignore[no-untyped-def]
    return next((d for d in corpus.documents if name in [p.clean.source.path for p in d.sources]), None)


# --- plansite check ---------------------------------------------------------


def test_check_names_every_bad_file_and_reason_in_one_line(bad_dir: Path) -> None:
    result = CliRunner().invoke(main, ["--source-dir", str(bad_dir), "check"])
    assert result.exit_code == 1, result.output  # there are errors
    lines = result.output.splitlines()
    for bad in BAD_INPUTS:
        if bad.severity is None:
            continue
        prefix = f"{bad.severity}: {bad.name}: "
        hits = [ln for ln in lines if ln.startswith(prefix)]
        assert hits, f"no line for {bad.name!r}:\n{result.output}"
        assert any(bad.reason in ln for ln in hits), (bad.name, hits)
    for bad in PUBLISHED:  # every readable file is in one document's line
        assert any(bad.name in ln and " items (" in ln for ln in lines), bad.name
    assert all(len(ln) < 700 for ln in lines)
    assert re.search(r"^\d+ documents, 4 errors, \d+ warnings$", lines[-1])


def test_check_exit_code_warnings_only_and_strict(tmp_path: Path) -> None:
    src = tmp_path / "source_texts"
    shutil.copytree(SOURCES, src)
    write_bad_inputs(tmp_path / "all")
    for bad in PUBLISHED:
        if bad.severity == "warning":
            target = src / bad.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(tmp_path / "all" / bad.name, target)
    ok = CliRunner().invoke(main, ["--source-dir", str(src), "check"])
    assert ok.exit_code == 0, ok.output
    assert ", 0 errors, " in ok.output
    strict = CliRunner().invoke(main, ["--source-dir", str(src), "check", "--strict"])
    assert strict.exit_code == 1


def test_problem_lines_stay_one_line() -> None:
    line = problem_line(Problem("a\nb.txt", "warning", "numbers " + ", ".join(["1"] * 5000) + "\nnext"))
    assert "\n" not in line and len(line) <= 430 and line.endswith("…")
    assert line.startswith("warning: a\\nb.txt: numbers 1, 1")


# --- what is published -------------------------------------------------------


def test_errors_are_skipped_and_everything_else_published(bad_corpus) -> None:  # type: ignore[no-untyped-def]
    published = {p.clean.source.path for d in bad_corpus.documents for p in d.sources}
    for bad in ERRORS:
        assert bad.name not in published
        assert any(p.path == bad.name and p.severity == "error" for p in bad_corpus.problems)
    for bad in PUBLISHED:
        assert bad.name in published, bad.name
    seeds = sorted(p.name for p in SOURCES.glob("*.txt"))
    assert all(s in published for s in seeds)


def test_odd_documents_are_published_as_plain_text_with_a_notice(bad_corpus) -> None:  # type: ignore[no-untyped-def]
    notice = labels()["plain_notice"]["zh"]
    for bad in (b for b in BAD_INPUTS if b.plain):
        doc = _doc_of(bad_corpus, bad.name)
        assert doc is not None and not doc.items()
        page = render_document(doc)
        assert notice in page, bad.name
        text = bad.data.decode("utf-8")
        for line in text.splitlines():  # every paragraph is on the page
            assert line.strip() in page.replace("\\", ""), (bad.name, line)


def test_readable_oddities(bad_corpus) -> None:  # type: ignore[no-untyped-def]
    utf16 = _doc_of(bad_corpus, "嘉定区 2023 工作要点 (UTF-16).txt")
    assert utf16.primary.clean.source.encoding == "utf-16" and len(utf16.items()) == 9
    cut = _doc_of(bad_corpus, "金山 gbk 截断.txt")
    assert cut.primary.clean.source.encoding == "gb18030 (truncated)" and len(cut.items()) == 9
    page = _doc_of(bad_corpus, "闵行 saved page.txt")
    assert page.primary.clean.source.format == "html" and len(page.items()) == 9
    trad = _doc_of(bad_corpus, "翔安 繁体.txt")
    assert trad.meta.title == "2021年翔安区民政工作要点" and len(trad.items()) == 4
    assert "临时救助" in trad.items()[0].text and "臨" not in trad.items()[0].text
    assert any(c.rule == "simplify" for c in trad.primary.clean.changes)


def test_decoding_a_file_cut_mid_character() -> None:
    text = "关于印发《2023年松江民政工作要点》的通知\n1、推进“政策找人”工作。"
    cases = {
        "utf-8 (truncated)": text.encode("utf-8")[:-1],
        "gb18030 (truncated)": text.encode("gbk")[:-1],
        "utf-16 (truncated)": codecs.BOM_UTF16_LE + text.encode("utf-16-le")[:-1],
        "utf-8-sig (truncated)": codecs.BOM_UTF8 + text.encode("utf-8")[:-2],
    }
    for enc, data in cases.items():
        decoded, used = decode(data)
        assert used == enc and decoded == text[:-1], enc
    assert decode(text.encode("gbk")) == (text, "gb18030")


def test_html_source_keeps_text_drops_code(bad_corpus) -> None:  # type: ignore[no-untyped-def]
    doc = _doc_of(bad_corpus, "同安 hostile.html")
    text = doc.primary.clean.text
    for code in ("alert('", "document.write", "脚本写入的内容", "按钮文字", "矢量图文字", "javascript"):
        assert code not in text, code
    for visible in ("点击下载附件", "查看原文", '<script>alert（"实体"）</script>'):
        assert visible in text, visible
    assert len(doc.items()) == 3


def test_conflicting_copies_warn_naming_both_files(bad_corpus) -> None:  # type: ignore[no-untyped-def]
    doc = _doc_of(bad_corpus, "思明 副本/思明区 工作要点 A.txt")
    assert [p.clean.source.path for p in doc.sources] == ["思明 副本/思明区 工作要点 A.txt", "思明 副本/思明区 工作要点 B.txt"]
    warnings = [p.message for p in bad_corpus.problems if "conflicting copies" in p.message]
    assert len(warnings) == 1
    msg = warnings[0]
    assert CONFLICT_NUMBER in msg and "思明 副本/思明区 工作要点 A.txt" in msg and "思明 副本/思明区 工作要点 B.txt" in msg
    assert "item-4: 300 ≠ 500" in msg and "item-7: different text" in msg
    assert "disagree in 3 of 9 items" in msg


def test_copies_that_agree_do_not_conflict(bad_corpus, corpus) -> None:  # type: ignore[no-untyped-def]
    for c in (corpus, bad_corpus):
        assert not [p for p in c.problems if "conflict" in p.message and p.path[:3] in {"000", "001"}]
        sj = next(d for d in c.documents if d.id == "songjiang-2023-work-points")
        assert len(sj.sources) == 2


# --- the site built from the seeds plus the corpus -----------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:  # type: ignore[no-untyped-def]
    project = scratch_project(tmp_path_factory.mktemp("hostile"))
    write_bad_inputs(project / "source_texts")
    (project / SNIPPET_FILE).write_text(f"{SNIPPET_MARKER}\n", encoding="utf-8")  # what --8<-- would include
    result = plansite(project, "build")
    return project, result


def test_build_publishes_the_others_and_lists_what_it_skipped(hostile_site) -> None:  # type: ignore[no-untyped-def]
    project, result = hostile_site
    assert result.returncode == 0, result.stdout + result.stderr
    assert "site built in site/" in result.stdout
    assert f"skipped {len(ERRORS)} source(s), not published:" in result.stderr
    lines = result.stderr.splitlines()
    for bad in ERRORS:
        assert any(ln.startswith(f"error: {bad.name}: ") and bad.reason in ln for ln in lines), bad.name
    data = json.loads((project / "site" / "data" / "plans.json").read_text(encoding="utf-8"))
    by_source = {s["path"]: d["id"] for d in data["documents"] for s in d["sources"]}
    for bad in PUBLISHED:
        doc_id = by_source[bad.name]
        assert (project / "site" / "documents" / doc_id / "index.html").exists()
        assert (project / "site" / "en" / "documents" / doc_id / "index.html").exists()
    assert not any(bad.name in by_source for bad in ERRORS)


class _Tags(HTMLParser):
    """Every start tag's attributes and every script's text."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[tuple[str, str, str]] = []
        self.scripts: list[tuple[str | None, str]] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.extend((tag, k, v or "") for k, v in attrs)
        if tag == "script":
            self._script = []
            self.scripts.append((dict(attrs).get("src"), ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            src, _ = self.scripts[-1]
            self.scripts[-1] = (src, "".join(self._script))
            self._script = None


THEME_HANDLERS = {("form", "onsubmit", "return false")}
"""Event-handler attributes the site's own templates use (overrides/plansite-search.html)."""


def test_nothing_from_a_source_becomes_markup_or_code(hostile_site) -> None:  # type: ignore[no-untyped-def]
    project, result = hostile_site
    assert result.returncode == 0
    pages = sorted((project / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        source = page.read_text(encoding="utf-8")
        parser = _Tags()
        parser.feed(source)
        for tag, name, value in parser.attrs:
            if name.startswith("on"):
                assert (tag, name, value) in THEME_HANDLERS, (page, tag, name, value)
            squeezed = re.sub(r"[\s\x00-\x1f]", "", html.unescape(value)).lower()
            assert not squeezed.startswith(("javascript:", "vbscript:", "data:text/html")), (page, tag, name, value)
            assert "evil.example" not in value, (page, tag, name, value)
        for src, code in parser.scripts:
            assert "alert" not in code and "document.write" not in code, page
            assert src is None or not re.match(r"(?i)\s*(https?:)?//", src), (page, src)
        for tag in ("<iframe", "<svg onload", "<b onmouseover", '<img src="x', "<img src=x"):
            assert tag not in source.lower(), (page, tag)
        assert SNIPPET_MARKER not in source, page  # --8<-- included nothing


def _visible_text(page: Path) -> str:
    source = page.read_text(encoding="utf-8")
    article = source[source.find("<article") : source.find("</article>")]
    article = re.sub(r"<script\b.*?</script>", "", article, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", article))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_hostile_text_is_shown_as_text(hostile_site) -> None:  # type: ignore[no-untyped-def]
    project, _ = hostile_site
    data = json.loads((project / "site" / "data" / "plans.json").read_text(encoding="utf-8"))
    by_source = {s["path"]: d for d in data["documents"] for s in d["sources"]}
    markup = by_source["海沧 <b onmouseover=alert(1)>markup</b> [x](javascript:alert(2)).txt"]
    visible = _visible_text(project / "site" / "documents" / markup["id"] / "index.html")
    for literal in (
        "{{ config.site_name }}",
        '{% include "secret-snippet.md" %}',
        "{{ 7*7 }}",
        "<script>alert('raw')</script>",
        "<img src=x onerror=alert('img')>",
        '!!! note "注意：这不是提示框"',
        '--8<-- "secret-snippet.md"',
        "{#injected .evil onclick=alert(1)}",
        "| 表 | 格 |",
        "<a href=\"javascript:alert('a')\">点我</a>",
        "海沧 <b onmouseover=alert(1)>markup</b> [x](javascript:alert(2)).txt",  # the file name, in the sources list
    ):
        assert literal in visible, literal
    # Two Markdown links make the text a Markdown scrape: the ``markdown`` rule keeps a link's text
    # and removes an image; the cleaning log (a page of its own) shows each as it was.
    log = _visible_text(project / "site" / "documents" / markup["id"] / "cleaning-log" / "index.html")
    for link, kept in (("[救助政策](javascript:alert('md'))", "救助政策"), ("![示意图](http://evil.example/x.png)", "和，")):
        assert kept in visible and link[1:] not in visible, link
        assert link in log, link
    tongan = by_source["同安 hostile.html"]
    visible_html = _visible_text(project / "site" / "documents" / tongan["id"] / "index.html")
    assert '<script>alert（"实体"）</script>' in visible_html
    # every item of the hostile documents is on its page, word for word
    for record, text in ((markup, visible), (tongan, visible_html)):
        squeezed = _squeeze(text)
        for item in record["items"]:  # the title is the heading (without 。), the rest follows it
            rest = item["text"][len(item["title"]) :]
            for part in (item["title"].rstrip("。"), *rest.split("\n")):
                assert _squeeze(part) in squeezed, part


def test_seed_documents_unchanged_by_bad_files(hostile_site, built: Path) -> None:  # type: ignore[no-untyped-def]
    project, _ = hostile_site

    def records(root: Path) -> dict[str, dict]:  # type: ignore[type-arg]
        data = json.loads((root / "site" / "data" / "plans.json").read_text(encoding="utf-8"))
        out = {}
        for d in data["documents"]:
            for it in d["items"]:
                it.pop("related")  # may point at the new documents
            out[d["id"]] = d
        return out

    seeds, mixed = records(built), records(project)
    assert len(seeds) == 4
    for doc_id, record in seeds.items():
        assert mixed[doc_id] == record, doc_id


def test_rebuild_gives_identical_docs_and_data(hostile_site) -> None:  # type: ignore[no-untyped-def]
    project, _ = hostile_site

    def snapshot() -> dict[str, bytes]:
        files = [p for p in (project / "docs").rglob("*") if p.is_file()]
        files += [p for p in (project / "site" / "data").rglob("*") if p.is_file()]
        return {p.relative_to(project).as_posix(): p.read_bytes() for p in files}

    before = snapshot()
    env = {**os.environ, "PYTHONHASHSEED": "12345"}  # a different set/dict order must not matter
    again = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, capture_output=True, text=True, env=env)
    assert again.returncode == 0, again.stderr
    assert "(0 files written," in again.stdout
    after = snapshot()
    assert before.keys() == after.keys()
    assert [k for k in before if before[k] != after[k]] == []
    assert any(k.startswith("site/data/") for k in after)


def test_strict_build_fails_on_warnings(hostile_site) -> None:  # type: ignore[no-untyped-def]
    project, _ = hostile_site
    result = plansite(project, "build", "--strict")
    assert result.returncode != 0
    assert "--strict:" in result.stderr and "problem(s) in the sources" in result.stderr


def test_generation_killed_mid_write_leaves_previous_docs(tmp_path: Path) -> None:
    """A real generation (seeds + bad corpus over a seeds-only docs/) killed while writing changes nothing."""
    project = tmp_path
    shutil.copytree(SOURCES, project / "source_texts")
    first = subprocess.run(
        [sys.executable, "-c", "from pathlib import Path; from generator.pipeline import generate; generate(Path('source_texts'), Path('docs'))"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert first.returncode == 0, first.stderr
    before = {p.relative_to(project).as_posix(): p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    write_bad_inputs(project / "source_texts")
    script = textwrap.dedent("""
        import os, signal
        from pathlib import Path
        import generator.site.writer as w
        from generator.pipeline import generate
        real_open, count = open, 0
        def killing_open(path, mode="r", *a, **k):
            global count
            if str(path).endswith(w.TMP_SUFFIX):
                count += 1
                if count == 40:
                    os.kill(os.getpid(), signal.SIGKILL)
            return real_open(path, mode, *a, **k)
        w.open = killing_open
        generate(Path("source_texts"), Path("docs"))
    """)
    killed = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    )
    assert killed.returncode == -9, killed.stderr
    after = {p.relative_to(project).as_posix(): p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file() and not p.name.endswith(".plansite-tmp")}
    assert after == before


def test_conflicting_copies_without_items_are_compared_as_a_whole() -> None:
    from generator.assemble import assemble
    from generator.clean import clean
    from generator.model import Source
    from generator.parse import parse

    def copy(path: str, body: str):  # type: ignore[no-untyped-def]
        text = f"奉贤区民政局\n沪奉民〔2022〕3号\n{body}\n"
        return parse(clean(Source(path=path, sha256="", encoding="utf-8", format="text", text=text)))

    same = "今年以来，区民政局坚持以人民为中心的发展思想，持续加强社会救助、养老服务和基层治理工作。"
    other = "下一步，区民政局将继续抓好殡葬改革和婚姻登记工作，为全区经济社会发展作出新的贡献。"
    agree = assemble([copy("a.txt", same), copy("b.txt", same + "各项工作取得新成效。")])
    assert len(agree) == 1 and not [p for p in agree[0].problems if "conflicting" in p.message]
    differ = assemble([copy("a.txt", same), copy("b.txt", other)])
    assert len(differ) == 1
    msg = next(p.message for p in differ[0].problems if "conflicting" in p.message)
    assert "a.txt and b.txt have different texts" in msg and "沪奉民〔2022〕3号" in msg


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("stage, said", [("parse", "cannot parse"), ("segments", "cannot index its items")])
def test_an_unexpected_failure_on_one_source_leaves_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str, said: str, workers: int) -> None:
    """A bug that one source trips (in parsing, or in indexing its items in the parse worker) is
    that source's error: the other sources are published, in-process and in forked workers."""
    src = tmp_path / "src"
    shutil.copytree(SOURCES, src, ignore=shutil.ignore_patterns("en"))
    broken = "004_91bd534388a23d4e.txt"
    intact = load_corpus(src)
    real = getattr(source_stages, stage)

    def failing(value):  # type: ignore[no-untyped-def]
        clean = value if stage == "parse" else value.clean
        if clean.source.path == broken:
            raise RuntimeError("a bug this source trips")
        return real(value)

    monkeypatch.setattr(source_stages, stage, failing)
    monkeypatch.setattr(LIMITS, "parse_min", 1)  # five sources: in forked workers too
    corpus = load_corpus(src, workers=workers)
    assert [problem_line(p) for p in corpus.errors()] == [f"error: {broken}: {said}: RuntimeError: a bug this source trips"]
    kept = [d.id for d in intact.documents if broken not in {p.clean.source.path for p in d.sources}]
    assert [d.id for d in corpus.documents] == kept and len(kept) == len(intact.documents) - 1
