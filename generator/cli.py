"""The ``plansite`` command: thin wrappers around ``generator.pipeline``.

``build`` generates ``docs/`` and runs ``mkdocs build``; ``serve`` generates and
starts MkDocs' live preview; ``check`` parses everything, reports per document
and writes nothing; ``inspect`` prints one stage's result for one source.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import click

from .model import Problem
from .pipeline import Corpus, StrictError, generate, load_corpus
from .pipeline import build as build_pipeline
from .render import SiteInput
from .site.mkdocs_build import SiteBuildError, english_config, mkdocs_env
from .site.writer import WriteStats

CACHE_DIR = Path(".plansite-cache")
"""Parsed sources by content hash (incremental builds); safe to delete."""
SITE_DIR = Path("site")
"""Where MkDocs writes the site (``site_dir`` of mkdocs.yml)."""
STAGES = ("sources", "clean", "changes", "parse", "document", "segments", "markdown")


MAX_MESSAGE = 400
"""A problem is reported on one line; a numbering warning can list thousands of numbers."""


def problem_line(p: Problem) -> str:
    """``severity: path: reason`` on one line (a file name can hold a newline too)."""
    msg = " ".join(p.message.split())
    if len(msg) > MAX_MESSAGE:
        msg = msg[: MAX_MESSAGE - 1] + "…"
    path = p.path.replace("\n", "\\n").replace("\r", "\\r")
    return f"{p.severity}: {path}: {msg}"


def _report_problems(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(problem_line(p), err=True)


def _progress_bar():  # type: ignore[no-untyped-def]
    """A rich progress callback on a terminal, a silent one otherwise."""
    if not sys.stderr.isatty():
        return None, lambda stage, done, total: None
    from rich.progress import Progress

    bar = Progress(transient=True)
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done)

    return bar, update


def _report(corpus: Corpus, site_input: SiteInput, stats: WriteStats, docs_dir: Path) -> None:
    click.echo(
        f"generated {len(corpus.documents)} documents into {docs_dir}/ ({stats.written} files written, {stats.unchanged} unchanged, {stats.removed} removed)"
    )
    skipped, warnings = corpus.errors(), corpus.warnings()
    if skipped:
        click.echo(f"skipped {len(skipped)} source(s), not published:", err=True)
        _report_problems(skipped)
    if warnings:
        click.echo(f"{len(warnings)} warning(s) in published sources:", err=True)
        _report_problems(warnings)
    if site_input.problems:
        click.echo(f"{len(site_input.problems)} problem(s) in the translation catalogs:", err=True)
        _report_problems(site_input.problems)


def _with_progress(run):  # type: ignore[no-untyped-def]
    """``run(progress)`` with a progress bar on a terminal."""
    bar, update = _progress_bar()
    if bar is None:
        return run(update)
    with bar:
        return run(update)


def _generate(source_dir: Path, docs_dir: Path) -> tuple[Corpus, SiteInput]:
    corpus, site_input, stats = _with_progress(lambda update: generate(source_dir, docs_dir, update, CACHE_DIR))
    _report(corpus, site_input, stats, docs_dir)
    return corpus, site_input


@click.group()
@click.option("--source-dir", type=click.Path(path_type=Path), default=Path("source_texts"), show_default=True)
@click.option("--docs-dir", type=click.Path(path_type=Path), default=Path("docs"), show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
@click.pass_context
def main(ctx: click.Context, source_dir: Path, docs_dir: Path, verbose: bool) -> None:
    """Plansite: scraped plan notices → a searchable MkDocs site."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = {"source_dir": source_dir, "docs_dir": docs_dir}


@main.command()
@click.option("--strict", is_flag=True, help="Fail on any warning or skipped source.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"), show_default=True)
@click.pass_obj
def build(obj: dict[str, Path], strict: bool, config_file: Path) -> None:
    """Generate docs/ from source_texts/ and build the site with MkDocs."""
    docs_dir = obj["docs_dir"]
    try:
        built = _with_progress(
            lambda update: build_pipeline(
                obj["source_dir"], docs_dir, SITE_DIR, config_file, CACHE_DIR, update, strict, generated=lambda c, s, w: _report(c, s, w, docs_dir)
            )
        )
    except (StrictError, SiteBuildError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"search index: {built.search_records} records in {SITE_DIR}/search-index/")
    click.echo("site built in site/ (Chinese) and site/en/ (English) — run `plansite preview` and open http://127.0.0.1:8000/")


@main.command()
@click.option("--config", "config_file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"), show_default=True)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Which language tree to preview live.")
@click.pass_obj
def serve(obj: dict[str, Path], config_file: Path, dev_addr: str, lang: str) -> None:
    """Generate docs/ and start MkDocs' live preview of one language tree.

    The preview has no search index (that is made by `plansite build`).
    """
    _generate(obj["source_dir"], obj["docs_dir"])
    config = english_config(config_file) if lang == "en" else config_file
    subprocess.run([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", dev_addr], env=mkdocs_env())


@main.command()
@click.option("--site-dir", type=click.Path(path_type=Path), default=Path("site"), show_default=True)
@click.option("-p", "--port", default=8000, show_default=True)
def preview(site_dir: Path, port: int) -> None:
    """Serve the built site (both languages, with search) at http://127.0.0.1:PORT/."""
    import time

    from .site.preview import serve as serve_site

    if not (site_dir / "index.html").exists():
        raise click.ClickException(f"{site_dir}/ has no built site; run `plansite build` first")
    with serve_site(site_dir, port) as origin:
        click.echo(f"serving {site_dir}/ at {origin}/ (English: {origin}/en/); Ctrl-C to stop")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


@main.command()
@click.option("--strict", is_flag=True, help="Exit non-zero on warnings too.")
@click.pass_obj
def check(obj: dict[str, Path], strict: bool) -> None:
    """Parse every source, read every translation catalog and report per document; writes nothing."""
    from .translate import orphan_catalogs, read_catalog

    corpus = load_corpus(obj["source_dir"])
    problems = list(corpus.problems)
    for doc in corpus.documents:
        paths = ", ".join(p.clean.source.path for p in doc.sources)
        click.echo(f"{doc.id}: {len(doc.sections)} sections, {len(doc.items())} items ({paths})")
        _, problem = read_catalog(obj["source_dir"], doc.id)
        if problem is not None:
            problems.append(problem)
    problems += orphan_catalogs(obj["source_dir"], {d.id for d in corpus.documents})
    _report_problems(problems)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    click.echo(f"{len(corpus.documents)} documents, {len(errors)} errors, {len(warnings)} warnings")
    if errors or (strict and warnings):
        sys.exit(1)


@main.command()
@click.argument("stage", type=click.Choice(STAGES))
@click.argument("source")
@click.pass_obj
def inspect(obj: dict[str, Path], stage: str, source: str) -> None:
    """Print the result of one STAGE for one SOURCE file (path relative to source_texts/ or a file name)."""
    from .assemble import assemble
    from .clean import clean
    from .parse import parse
    from .render.document import render_document
    from .sources import SourceError, read_source
    from .translate.segments import segments

    root: Path = obj["source_dir"]
    path = Path(source) if Path(source).exists() else root / source
    if not path.resolve().is_relative_to(root.resolve()):  # a file elsewhere: named relative to its folder
        root = path.resolve().parent
    try:
        src = read_source(path.resolve(), root.resolve())
    except (SourceError, OSError, ValueError) as exc:
        raise click.ClickException(f"{source}: {exc}") from None
    if stage == "sources":
        click.echo(json.dumps({k: v for k, v in asdict(src).items() if k != "text"}, ensure_ascii=False, indent=1))
        click.echo(src.text)
        return
    cleaned = clean(src)
    if stage == "clean":
        click.echo(cleaned.text, nl=False)
    elif stage == "changes":
        for c in cleaned.changes:
            click.echo(f"{c.rule}\t{c.where}\t{c.before!r}\t{c.after!r}")
    elif stage == "parse":
        parsed = parse(cleaned)
        click.echo(
            json.dumps(
                {
                    "meta": asdict(parsed.meta),
                    "intro": parsed.intro,
                    "sections": [asdict(s) for s in parsed.sections],
                    "closing": parsed.closing,
                    "problems": [asdict(p) for p in parsed.problems],
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        doc = assemble([parse(cleaned)])[0]
        if stage == "document":
            from .render.export import document_record

            click.echo(json.dumps(document_record(doc), ensure_ascii=False, indent=1))
        elif stage == "segments":
            for ctx, text in segments(doc):
                click.echo(f"{ctx}\t{text}")
        else:
            click.echo(render_document(doc), nl=False)


@main.group()
def translate() -> None:
    """Translation catalogs (source_texts/en/<doc-id>.po)."""


@translate.command("extract")
@click.pass_obj
def translate_extract(obj: dict[str, Path]) -> None:
    """Create or update every document's catalog from the current sources.

    An entry whose Chinese changed keeps its translation, marked fuzzy.
    """
    from .translate import CatalogError, catalog_problem, extract

    corpus = load_corpus(obj["source_dir"])
    damaged = []
    for doc in corpus.documents:
        try:
            path, changed = extract(doc, obj["source_dir"])
        except CatalogError as exc:  # left as it is; the other catalogs are still brought up to date
            damaged.append(catalog_problem(obj["source_dir"], doc.id, exc))
            continue
        click.echo(f"{'updated' if changed else 'unchanged'}: {path}")
    if damaged:
        _report_problems(damaged)
        raise click.ClickException(f"{len(damaged)} catalog(s) not read and left unchanged: fix or remove them, then extract again")


@translate.command("status")
@click.option("--fail-under", type=float, default=None, help="Exit 1 when any document is less translated than this percentage.")
@click.pass_obj
def translate_status(obj: dict[str, Path], fail_under: float | None) -> None:
    """Translation coverage per document: translated, fuzzy, missing."""
    from .translate import coverage, read_catalog

    corpus = load_corpus(obj["source_dir"])
    click.echo(f"{'document':45} {'segments':>8} {'translated':>10} {'fuzzy':>6} {'missing':>8} {'%':>6}")
    low = False
    damaged = []
    for doc in corpus.documents:
        catalog, problem = read_catalog(obj["source_dir"], doc.id)
        if problem is not None:
            damaged.append(problem)
            click.echo(f"{doc.id:45} {'catalog not read (see below)':>42}")
            continue
        c = coverage(doc, catalog)
        click.echo(f"{doc.id:45} {c.total:8} {c.translated:10} {c.fuzzy:6} {c.missing:8} {c.percent:6.1f}")
        low = low or (fail_under is not None and c.percent < fail_under)
    _report_problems(damaged)
    if low or damaged:
        sys.exit(1)


@translate.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def translate_import(obj: dict[str, Path], files: tuple[Path, ...]) -> None:
    """Merge translations from JSON files ([{"id", "zh", "en"}], file name = <doc-id>[.partN].json) into the catalogs.

    A translation made for Chinese text that has since changed is imported as fuzzy.
    """
    from .translate import CatalogError, catalog_path, import_segments, load_catalog, write_catalog

    corpus = load_corpus(obj["source_dir"])
    docs = {d.id: d for d in corpus.documents}
    for f in files:
        doc_id = f.name.split(".")[0]
        if doc_id not in docs:
            raise click.ClickException(f"{f}: no document {doc_id!r} (the file name must start with the document id)")
        path = catalog_path(obj["source_dir"], doc_id)
        rows = json.loads(f.read_text(encoding="utf-8"))
        try:
            old = load_catalog(path)
        except CatalogError as exc:
            raise click.ClickException(f"{path}: catalog not read ({exc}); nothing imported from {f} and later files") from exc
        catalog, translated, fuzzy = import_segments(docs[doc_id], old, rows)
        write_catalog(path, catalog)
        click.echo(f"{f}: {translated} translated, {fuzzy} fuzzy → {path}")
