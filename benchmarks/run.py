"""Plansite benchmark: synthesise N documents, time every stage, build the site, measure sizes.

    python -m benchmarks.run [--sizes 10 100 250 1000] [--gen-only 10000] [--out benchmarks/results/latest.json]

Each size runs in a fresh child process (so peak memory is per size) in a scratch
project under a temporary folder (a copy of mkdocs.yml, mkdocs.en.yml,
overrides/ and the hand-written pages of docs/; the synthetic sources in its
source_texts/). Per size, in this order:

1. ``generate`` end to end in a child process, cold (empty cache, empty docs/),
   as ``plansite build`` runs it (with its cache and worker processes);
2. one source edited, ``generate`` again in a child process (the incremental case);
3. the stages one by one in this process, serially and without the cache:
   sources, clean, parse, assemble, themes, related, translate, render, write;
4. (not for ``--gen-only`` sizes) the two ``mkdocs build`` runs (Chinese, then
   English), the search index, the sizes of ``site/`` and of each language's
   search index, and — in Debian's chromium — the bytes a visitor downloads from
   opening the home page to the first search result, per language.

The results go to a JSON file and a table; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from generator.site.preview import serve

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "latest.json"
CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUERY = {"zh": "养老床位", "en": "养老床位"}
"""The query typed into the header search box. The synthetic documents have no English
catalog, so the English pages (and index) carry the Chinese text: the English run
searches Chinese too."""
TARGETS = {
    "generate_cold_s": (1000, 20.0, "cold generation ≤ 20 s (N=1,000)"),
    "generate_one_change_s": (1000, 3.0, "generation after one change ≤ 3 s (N=1,000)"),
    "site_build_s": (1000, 150.0, "site build ≤ 150 s (N=1,000)"),
    "site_per_doc_kb": (1000, 400.0, "site/ ≤ 400 KB per document (N=1,000)"),
    "peak_rss_mb": (1000, 2048.0, "peak memory ≤ 2 GB (N=1,000)"),
    "first_result_zh_kb": (1000, 3072.0, "bytes to first result ≤ 3 MB, zh (N=1,000)"),
    "first_result_en_kb": (1000, 3072.0, "bytes to first result ≤ 3 MB, en (N=1,000)"),
    "explorer_zh_kb": (1000, 3072.0, "explorer: bytes before the first table ≤ 3 MB, zh (N=1,000)"),
    "explorer_change_ms": (1000, 300.0, "explorer: a filter change ≤ 300 ms, slowest, zh (N=1,000)"),
}
GEN_ONLY_TARGETS = {
    "generate_cold_s": (10000, 200.0, "generation-only ≤ 200 s (N=10,000)"),
    "peak_rss_mb": (10000, 4096.0, "peak memory ≤ 4 GB (N=10,000)"),
    "explorer_zh_kb": (10000, 3072.0, "explorer: bytes before the first table ≤ 3 MB, zh (N=10,000)"),
    "explorer_change_ms": (10000, 300.0, "explorer: a filter change ≤ 300 ms, slowest, zh (N=10,000)"),
}
RATIO_TARGET = 4.6


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- processes and sizes


def _reset_peak() -> None:
    """Reset this process's VmHWM to its current RSS (Linux ≥ 4.0: ``5`` > ``/proc/self/clear_refs``)."""
    import gc

    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared between processes (a forked worker and its parent)
    counted once in total, split between them."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            pass
    return out


class MemoryWatch:
    """Peak memory of a process tree, sampled from /proc every ``interval`` seconds.

    ``getrusage``/``wait4`` cannot be used for children: Linux carries the parent's
    resident size at fork into the child's ``ru_maxrss``. ``VmHWM`` (the high-water
    mark of each process's own memory) is read instead, for the child and every
    worker it starts; ``tree`` is the largest sum of ``VmRSS`` over the tree seen.
    """

    PSS_EVERY = 5
    """PSS is read every this many samples: reading ``smaps_rollup`` walks a process's page tables,
    and every 0.1 s for three processes of a few hundred MB it took ~3 s of CPU from a 20 s run
    on two cores (``VmHWM`` is exact whenever read; only the tree sums are sampled)."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid, self.interval = pid, interval
        self.samples = 0
        self.hwm: dict[int, int] = {}
        self.tree = 0
        self.pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        total = pss = 0
        with_pss = self.samples % self.PSS_EVERY == 0
        self.samples += 1
        for p in _descendants(self.pid):
            hwm = _status_kb(p, "VmHWM")
            if hwm:
                self.hwm[p] = max(self.hwm.get(p, 0), hwm)
            total += _status_kb(p, "VmRSS")
            if with_pss:
                pss += _pss_kb(p)
        self.tree = max(self.tree, total)
        self.pss = max(self.pss, pss)

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        return {
            "peak_rss_mb": round(max(self.hwm.values(), default=0) / 1024, 1),
            "tree_peak_rss_mb": round(self.tree / 1024, 1),
            "tree_peak_pss_mb": round(self.pss / 1024, 1),
            "processes": len(self.hwm),
        }


def run_measured(cmd: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None, log_to: Path | None = None) -> dict[str, Any]:
    """Run a command; return its wall time, exit code and peak memory (largest process, and whole tree)."""
    out = open(log_to, "wb") if log_to else subprocess.DEVNULL
    start = time.perf_counter()
    try:
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        watch = MemoryWatch(p.pid)
        try:
            rc = p.wait(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            p.kill()
            rc = p.wait()
            timed_out = True
        mem = watch.stop()
    finally:
        if log_to:
            out.close()  # type: ignore[union-attr]
    return {"seconds": round(time.perf_counter() - start, 3), "returncode": rc, **mem, "timed_out": timed_out}


def tree_size(path: Path) -> tuple[int, int]:
    """(bytes, files) under ``path``."""
    total = files = 0
    if path.exists():
        for p in path.rglob("*"):
            if p.is_file():
                total += p.stat().st_size
                files += 1
    return total, files


def hand_written_pages() -> list[str]:
    """The pages of docs/ that are not generated (about.md, search.md, …), relative to docs/.

    Generated pages are listed in ``docs/.generated`` (the writer's manifest); a
    file under a folder the generator owns is generated too.
    """
    docs = ROOT / "docs"
    manifest = docs / ".generated"
    if not manifest.exists():  # no build yet: ask git, as tests/sitebuild.py does
        out = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        return [line.removeprefix("docs/") for line in out.splitlines() if line]
    generated = {ln for ln in manifest.read_text(encoding="utf-8").splitlines() if ln}
    owned_roots = set()
    for g in generated:
        parts = g.split("/")
        depth = 2 if parts[0] == "en" else 1
        if len(parts) > depth:
            owned_roots.add("/".join(parts[:depth]))
    out = []
    for p in sorted(docs.rglob("*")):
        rel = p.relative_to(docs).as_posix()
        if not p.is_file() or rel in generated or p.name.startswith(".") or p.name.endswith(".plansite-tmp"):
            continue
        if any(rel.startswith(root + "/") for root in owned_roots):
            continue
        out.append(rel)
    return out


def scratch_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for config in CONFIGS:
        shutil.copy(ROOT / config, dest / config)
    shutil.copytree(ROOT / "overrides", dest / "overrides", dirs_exist_ok=True)
    (dest / "docs" / "en").mkdir(parents=True, exist_ok=True)
    for rel in hand_written_pages():
        target = dest / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "docs" / rel, target)
    return dest


# --------------------------------------------------------------------------- generation


GENERATE_CHILD = r"""
import inspect, json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from generator.pipeline import generate
try:
    from generator.cli import CACHE_DIR
except ImportError:
    CACHE_DIR = Path(".plansite-cache")
kw = {"cache_dir": CACHE_DIR} if "cache_dir" in inspect.signature(generate).parameters else {}
marks = {}
def progress(stage, done, total):
    marks.setdefault(stage, [time.perf_counter(), 0.0])[1] = time.perf_counter()
t1 = time.perf_counter()
corpus, site_input, stats = generate(Path("source_texts"), Path("docs"), progress, **kw)
t2 = time.perf_counter()
# seconds from the start of generate() to each stage's last progress report
phases = {stage: round(last - t1, 3) for stage, (first, last) in marks.items()}
json.dump({"import_s": round(t1 - t0, 3), "generate_s": round(t2 - t1, 3), "documents": len(corpus.documents),
           "items": sum(len(d.items()) for d in corpus.documents), "errors": len(corpus.errors()), "warnings": len(corpus.warnings()),
           "phases": phases, "written": stats.written, "unchanged": stats.unchanged, "removed": stats.removed, "cache": bool(kw),
           "self_peak_rss_mb": round(int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM:")).split()[1]) / 1024, 1)}, open(sys.argv[1], "w"))
"""


def generate_child(project: Path, timeout: float, tag: str) -> dict[str, Any]:
    result_file = project.parent / f"generate-{tag}.json"
    r = run_measured([sys.executable, "-c", GENERATE_CHILD, str(result_file)], project, timeout, log_to=project.parent / f"generate-{tag}.log")
    if r["returncode"] != 0 or not result_file.exists():
        tail = (project.parent / f"generate-{tag}.log").read_text(encoding="utf-8", errors="replace")[-2000:]
        return {**r, "error": tail}
    return {**r, **json.loads(result_file.read_text(encoding="utf-8"))}


def time_stages(source_dir: Path, docs_dir: Path) -> tuple[dict[str, float], Any, Any, dict[str, int]]:
    """Stages 1–6 one by one, serially, without the cache: (seconds per stage, corpus, site input, counts)."""
    from generator.assemble import assemble
    from generator.assemble.doc_targets import attach_targets
    from generator.assemble.linking import link_corpus
    from generator.assemble.themes import attach_themes
    from generator.clean import clean
    from generator.incremental.pages import render_site
    from generator.parse import parse
    from generator.pipeline import Corpus
    from generator.render import SiteInput
    from generator.site.writer import write_tree
    from generator.sources import load_sources
    from generator.translate import catalog_path, coverage, load_catalog, translations

    t: dict[str, float] = {}
    clock = time.perf_counter

    start = clock()
    sources, problems = load_sources(source_dir)
    t["sources"] = clock() - start

    cleaned = []
    start = clock()
    for s in sources:
        cleaned.append(clean(s))
    t["clean"] = clock() - start

    parsed = []
    start = clock()
    for c in cleaned:
        parsed.append(parse(c))
    t["parse"] = clock() - start

    start = clock()
    assembled = assemble(parsed)
    t["assemble"] = clock() - start
    start = clock()
    documents = [attach_themes(d) for d in assembled]
    t["themes"] = clock() - start
    start = clock()
    documents = [attach_targets(d) for d in documents]
    t["targets"] = clock() - start
    problems = problems + [p for d in documents for p in d.problems]
    corpus = Corpus(documents, problems)

    start = clock()
    try:  # load jieba and the user dictionary once, outside the related-items timing
        from generator.assemble.words import cut

        cut("养老服务")
    except ImportError:
        pass
    t["segmenter_init"] = clock() - start

    start = clock()
    related = link_corpus(corpus.documents, corpus.bags)
    t["related"] = clock() - start

    start = clock()
    tr: dict[str, dict[str, str]] = {}
    cov: dict[str, tuple[int, int]] = {}
    for doc in documents:  # as incremental.translations.translate_corpus, without the page cache
        catalog = load_catalog(catalog_path(source_dir, doc.id))
        tr[doc.id] = translations(doc, catalog)
        c = coverage(doc, catalog)
        cov[doc.id] = (c.translated, c.total)
    site_input = SiteInput(translations=tr, coverage=cov, related=related)
    t["translate"] = clock() - start

    start = clock()
    files, _ = render_site(documents, site_input)
    t["render"] = clock() - start

    start = clock()
    write_tree(docs_dir, files)
    t["write"] = clock() - start

    t = {k: round(v, 3) for k, v in t.items()}
    t["total"] = round(sum(t.values()), 3)
    counts = {
        "sources": len(sources),
        "documents": len(documents),
        "items": sum(len(d.items()) for d in documents),
        "errors": sum(p.severity == "error" for p in problems),
        "warnings": sum(p.severity == "warning" for p in problems),
        "generated_files": len(files),
        "generated_bytes": sum(len(v.encode("utf-8")) for v in files.values()),
    }
    return t, corpus, site_input, counts


# --------------------------------------------------------------------------- site


def mkdocs_build(project: Path, config: str, timeout: float) -> dict[str, Any]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    logf = project.parent / f"mkdocs-{config}.log"
    r = run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config], project, timeout, env=env, log_to=logf)
    r["strict_ok"] = r["returncode"] == 0
    if r["returncode"] != 0 and not r["timed_out"]:
        r["error"] = logf.read_text(encoding="utf-8", errors="replace")[-2000:]
        retry = run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config], project, timeout, env=env, log_to=logf)
        r.update({k: retry[k] for k in ("seconds", "returncode", "peak_rss_mb", "tree_peak_rss_mb")})
    return r


def first_result_bytes(site: Path) -> dict[str, Any]:
    """Per language: bytes downloaded from opening the home page to the first search result (chromium)."""
    if not Path(CHROMIUM).exists():
        return {"error": f"{CHROMIUM} not found"}
    from benchmarks.explorer import responses

    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        return {"error": f"playwright not installed: {exc}"}
    out: dict[str, Any] = {}
    with serve(site) as origin, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for lang in ("zh", "en"):
                page = browser.new_page()
                seen = responses(page)
                try:
                    page.goto(f"{origin}/{'en/' if lang == 'en' else ''}")
                    page.wait_for_load_state("networkidle")
                    home = sum(n for _, n in seen)
                    page.fill(".plansite-header-search input", QUERY[lang])
                    start = time.perf_counter()
                    page.press(".plansite-header-search input", "Enter")
                    page.wait_for_function(
                        "q => { const l = document.getElementById('plansite-results'); return l && l.getAttribute('data-q') === q; }",
                        arg=QUERY[lang],
                        timeout=120_000,
                    )
                    ms = (time.perf_counter() - start) * 1000
                    page.wait_for_load_state("networkidle")
                    n_results = page.eval_on_selector_all("#plansite-results li", "els => els.length")
                    out[lang] = {
                        "bytes": sum(n for _, n in seen),
                        "home_bytes": home,
                        "index_bytes": sum(n for u, n in seen if "/search-index/" in u),
                        "responses": len(seen),
                        "first_result_ms": round(ms),
                        "results_shown": n_results,
                        "query": QUERY[lang],
                        "largest": sorted(({"url": u.replace(origin, ""), "bytes": n} for u, n in seen), key=lambda r: -r["bytes"])[:5],
                    }
                except Exception as exc:  # one language failing keeps the other's number
                    out[lang] = {"error": f"{type(exc).__name__}: {exc}"[:500]}
                finally:
                    page.close()
        finally:
            browser.close()
    return out


def measure_explorer(n: int, project: Path, corpus: Any, site_input: Any, gen_only: bool) -> dict[str, Any]:
    """The explorer's bytes before its first table and its filter changes' latency (chromium). A
    ``--gen-only`` size gets a site of the explorer's page, its data and the search index only."""
    from benchmarks.explorer import explorer_numbers, explorer_site

    site = project / "site"
    out: dict[str, Any] = {}
    try:
        if gen_only:
            log(f"N={n}: explorer-only site and search index")
            out["site"] = explorer_site(project, site)
            from generator.site.search_index import write_search_index

            write_search_index(corpus.documents, site_input, site)
        log(f"N={n}: explorer (chromium)")
        out.update(explorer_numbers(site))
    except Exception as exc:  # the other numbers stand
        out["error"] = f"{type(exc).__name__}: {exc}"[:500]
    return out


# --------------------------------------------------------------------------- one size


ONE_CHANGE_AT = (0.5, 0.25, 0.75)
"""Where in the corpus the documents changed one after another are (``synth.change_one``)."""
ONE_CHANGE_REPEAT_MAX_N = 1000
"""Larger corpora measure one change once (a generation there takes a minute)."""


def measure(n: int, gen_only: bool, seed: int, timeout: float, keep: Path | None, browser: bool, partial: Path | None = None) -> dict[str, Any]:
    from benchmarks.synth import change_one, make_corpus

    work = Path(tempfile.mkdtemp(prefix=f"plansite-bench-{n}-"))
    result: dict[str, Any] = {"n": n, "mode": "generation-only" if gen_only else "full", "seed": seed}

    def save() -> None:  # what is measured so far, for a run stopped by --size-timeout
        if partial is not None:
            partial.write_text(json.dumps({**result, "partial": True}, ensure_ascii=False, indent=1), encoding="utf-8")

    result["workdir"] = str(work)
    save()
    try:
        project = scratch_project(work / "project")
        src = project / "source_texts"
        log(f"N={n}: synthesising")
        start = time.perf_counter()
        synth = make_corpus(n, src, seed)
        src_bytes, _ = tree_size(src)
        result["synth"] = {
            "seconds": round(time.perf_counter() - start, 2),
            "source_bytes": src_bytes,
            "plan_chars": sum(d.chars for d in synth),
            "items": sum(d.n_items for d in synth),
            "html": sum(d.format == "html" for d in synth),
            "gb18030": sum(d.encoding == "gb18030" for d in synth),
            "noisy": sum(bool(d.noise) for d in synth),
        }

        log(f"N={n}: generate, cold (child process)")
        result["generate_cold"] = generate_child(project, timeout, "cold")
        save()
        # One change, measured ONE_CHANGE_RUNS times (a different document each time) and the
        # median run kept: a run of a few seconds on a shared machine varies by a third.
        runs = []
        for k, at in enumerate(ONE_CHANGE_AT if n <= ONE_CHANGE_REPEAT_MAX_N else ONE_CHANGE_AT[:1]):
            changed = change_one(src, synth, at)
            log(f"N={n}: generate after changing {changed} (child process)")
            run = generate_child(project, timeout, f"one-change-{k}")
            run["changed"] = changed
            runs.append(run)
        ok = [r for r in runs if "generate_s" in r]
        result["generate_one_change"] = {
            **(sorted(ok, key=lambda r: r["generate_s"])[len(ok) // 2] if ok else runs[-1]),
            "runs_s": [r.get("generate_s") for r in runs],
        }
        # generation's share of the memory target (the site's processes are added below)
        result["peak_rss_mb"] = max(result["generate_cold"].get("peak_rss_mb", 0), *(r.get("peak_rss_mb", 0) for r in runs))
        save()

        log(f"N={n}: stages one by one (this process, serial, no cache)")
        stages, corpus, site_input, counts = time_stages(src, work / "docs-stages")
        result["stages"] = stages
        result["counts"] = counts
        result["stages_peak_rss_mb"] = round(_status_kb(os.getpid(), "VmHWM") / 1024, 1)
        save()

        if not gen_only:
            site: dict[str, Any] = {}
            for lang, config in (("zh", CONFIGS[0]), ("en", CONFIGS[1])):
                log(f"N={n}: mkdocs build {config}")
                site[f"mkdocs_{lang}"] = mkdocs_build(project, config, timeout)
                result["site"] = site
                save()
            log(f"N={n}: search index")
            from generator.site.search_index import write_search_index

            result["stages_peak_rss_mb"] = round(_status_kb(os.getpid(), "VmHWM") / 1024, 1)
            _reset_peak()  # the search index's own peak: this process already holds the stages' outputs
            start = time.perf_counter()
            records = write_search_index(corpus.documents, site_input, project / "site")
            site["search_index_s"] = round(time.perf_counter() - start, 3)
            site["search_index_peak_rss_mb"] = round(_status_kb(os.getpid(), "VmHWM") / 1024, 1)
            site["search_records"] = records
            site["build_s"] = round(site["mkdocs_zh"]["seconds"] + site["mkdocs_en"]["seconds"], 3)
            total, files = tree_size(project / "site")
            en_bytes, en_files = tree_size(project / "site" / "en")
            site.update(
                {
                    "bytes": total,
                    "files": files,
                    "per_doc_bytes": round(total / max(1, n)),
                    "en_bytes": en_bytes,
                    "zh_bytes": total - en_bytes,
                    "docs_bytes": tree_size(project / "docs")[0],
                }
            )
            for lang in ("zh", "en"):
                b, f = tree_size(project / "site" / "search-index" / lang)
                site[f"search_index_{lang}_bytes"] = b
                site[f"search_index_{lang}_files"] = f
                meta = project / "site" / "search-index" / lang / "meta.json"
                if meta.exists():
                    site[f"search_index_{lang}_meta_bytes"] = meta.stat().st_size
            result["site"] = site
            save()
            if browser:
                log(f"N={n}: bytes to first search result (chromium)")
                try:
                    result["first_result"] = first_result_bytes(project / "site")
                except Exception as exc:  # no browser: the other numbers stand
                    result["first_result"] = {"error": f"{type(exc).__name__}: {exc}"[:500]}
        if browser:
            result["explorer"] = measure_explorer(n, project, corpus, site_input, gen_only)
            save()
        # The processes of a real `plansite build`: generation, the two MkDocs builds, the search index.
        # Not the stage-by-stage measurement, which holds every stage's output at once to time each.
        peaks = [result["generate_cold"].get("peak_rss_mb", 0), *(r.get("peak_rss_mb", 0) for r in runs)]
        if not gen_only:
            peaks += [result["site"]["mkdocs_zh"]["peak_rss_mb"], result["site"]["mkdocs_en"]["peak_rss_mb"], result["site"].get("search_index_peak_rss_mb", 0)]
        result["peak_rss_mb"] = max(peaks)
    finally:
        if keep:
            dest = keep / f"n{n}"
            shutil.rmtree(dest, ignore_errors=True)
            shutil.move(str(work), dest)
            result["kept"] = str(dest)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return result


# --------------------------------------------------------------------------- report


def speed_probe(n: int = 3_000_000) -> float:
    """Seconds for a fixed pure-Python loop, best of three: how fast this (shared, noisy) machine
    is right now. Measured before and after each size and printed with it, so that a slow
    number can be told from a slow machine (runs on the same machine varied by a third)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(n):
            total += i
        best = min(best, time.perf_counter() - start)
    return round(best, 3)


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
    from importlib.metadata import PackageNotFoundError, version

    for pkg in ("mkdocs", "mkdocs-material", "rjieba", "playwright"):
        with contextlib.suppress(PackageNotFoundError):
            info[pkg] = version(pkg)
    with contextlib.suppress(Exception):
        from generator.incremental.store import code_fingerprint

        info["generator_fingerprint"] = code_fingerprint()
    return info


def _get(run: dict[str, Any], path: str) -> Any:
    cur: Any = run
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _kb(v: Any) -> Any:
    return None if v is None else v / 1024


def derived(run: dict[str, Any]) -> dict[str, Any]:
    """The numbers the issue's targets speak of."""
    n = run["n"]
    return {
        "generate_cold_s": _get(run, "generate_cold.generate_s"),
        "generate_one_change_s": _get(run, "generate_one_change.generate_s"),
        "site_build_s": _get(run, "site.build_s"),
        "site_per_doc_kb": _kb(_get(run, "site.per_doc_bytes")),
        "peak_rss_mb": run.get("peak_rss_mb"),
        "first_result_zh_kb": _kb(_get(run, "first_result.zh.bytes")),
        "first_result_en_kb": _kb(_get(run, "first_result.en.bytes")),
        "explorer_zh_kb": _kb(_get(run, "explorer.zh.bytes_before_table")),
        "explorer_change_ms": _get(run, "explorer.zh.change_max_ms"),
        "n": n,
    }


ROWS: list[tuple[str, str, str]] = [
    ("machine speed probe, before (fixed Python loop; lower is faster)", "speed_probe_s", "s"),
    ("machine speed probe, after", "speed_probe_after_s", "s"),
    ("synthesise (not part of the pipeline)", "synth.seconds", "s"),
    ("source files, total", "synth.source_bytes", "MB"),
    ("items (commitments)", "counts.items", "n"),
    ("generate, cold, end to end", "generate_cold.generate_s", "s"),
    ("  python start + imports", "generate_cold.import_s", "s"),
    ("  peak RSS, largest process", "generate_cold.peak_rss_mb", "MBm"),
    ("  peak RSS, all its processes (shared pages counted per process)", "generate_cold.tree_peak_rss_mb", "MBm"),
    ("  peak PSS, all its processes (memory in use)", "generate_cold.tree_peak_pss_mb", "MBm"),
    ("generate after 1 changed source", "generate_one_change.generate_s", "s"),
    ("  each run (the median is shown)", "generate_one_change.runs_s", "list"),
    ("  files rewritten", "generate_one_change.written", "n"),
    ("  time to: parse done", "generate_one_change.phases.parse", "s"),
    ("  time to: translate done (+ assemble, themes, related)", "generate_one_change.phases.translate", "s"),
    ("  time to: render done", "generate_one_change.phases.render", "s"),
    ("stage: sources (load_sources)", "stages.sources", "s"),
    ("stage: clean", "stages.clean", "s"),
    ("stage: parse", "stages.parse", "s"),
    ("stage: assemble", "stages.assemble", "s"),
    ("stage: themes", "stages.themes", "s"),
    ("stage: targets", "stages.targets", "s"),
    ("stage: segmenter start-up", "stages.segmenter_init", "s"),
    ("stage: related (link_corpus)", "stages.related", "s"),
    ("stage: translate", "stages.translate", "s"),
    ("stage: render (incremental.pages.render_site)", "stages.render", "s"),
    ("stage: write (write_tree)", "stages.write", "s"),
    ("stages, total (serial, no cache)", "stages.total", "s"),
    ("  peak RSS of this process (holds every stage's output; not in the target)", "stages_peak_rss_mb", "MBm"),
    ("mkdocs build, zh", "site.mkdocs_zh.seconds", "s"),
    ("mkdocs build, en", "site.mkdocs_en.seconds", "s"),
    ("site build (both)", "site.build_s", "s"),
    ("  peak RSS mkdocs zh", "site.mkdocs_zh.peak_rss_mb", "MBm"),
    ("  peak RSS mkdocs en", "site.mkdocs_en.peak_rss_mb", "MBm"),
    ("search index (write_search_index)", "site.search_index_s", "s"),
    ("  peak RSS, search index (from the corpus in memory)", "site.search_index_peak_rss_mb", "MBm"),
    ("peak RSS, largest process of a build", "peak_rss_mb", "MBm"),
    ("site/ size", "site.bytes", "MB"),
    ("site/ per document (zh+en)", "site.per_doc_bytes", "KB"),
    ("site/ files", "site.files", "n"),
    ("search index zh", "site.search_index_zh_bytes", "MB"),
    ("search index en", "site.search_index_en_bytes", "MB"),
    ("  meta.json zh", "site.search_index_zh_meta_bytes", "KB"),
    ("first result, zh: downloaded", "first_result.zh.bytes", "KB"),
    ("  of which search index", "first_result.zh.index_bytes", "KB"),
    ("  time Enter → first result", "first_result.zh.first_result_ms", "ms"),
    ("first result, en: downloaded", "first_result.en.bytes", "KB"),
    ("  of which search index", "first_result.en.index_bytes", "KB"),
    ("explorer zh: downloaded before the first table", "explorer.zh.bytes_before_table", "KB"),
    ("  time to the first table", "explorer.zh.first_table_ms", "ms"),
    ("  filter change, median", "explorer.zh.change_median_ms", "ms"),
    ("  filter change, slowest", "explorer.zh.change_max_ms", "ms"),
    ("  text filter (search index shards fetched)", "explorer.zh.text_filter_ms", "ms"),
    ("explorer en: downloaded before the first table", "explorer.en.bytes_before_table", "KB"),
    ("  filter change, median", "explorer.en.change_median_ms", "ms"),
    ("  filter change, slowest", "explorer.en.change_max_ms", "ms"),
]


def _fmt(v: Any, unit: str) -> str:
    if v is None:
        return "–"
    if unit == "s":
        return f"{v:.2f} s" if v < 100 else f"{v:.0f} s"
    if unit == "MB":
        return f"{v / 1024 / 1024:.1f} MB"
    if unit == "MBm":
        return f"{v:.0f} MB"
    if unit == "KB":
        return f"{v / 1024:.0f} KB"
    if unit == "ms":
        return f"{v:.0f} ms"
    if unit == "list":
        return " / ".join("–" if x is None else f"{x:.2f}" for x in v)
    return f"{v:,}"


def report(data: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    runs = data["runs"]
    table = Table(title=f"Plansite benchmark ({data['machine']['cpu_count']} CPUs, Python {data['machine']['python']})")
    table.add_column("metric")
    for r in runs:
        table.add_column(f"N={r['n']:,}" + (" (gen)" if r["mode"] != "full" else ""), justify="right")
    for label, path, unit in ROWS:
        values = [_get(r, path) for r in runs]
        if all(v is None for v in values):
            continue
        table.add_row(label, *(_fmt(v, unit) for v in values))
    table.add_row("errors", *(str(r.get("error", "")[:40]) if r.get("error") else "" for r in runs))
    console.print(table)
    ratio = data.get("site_build_ratio_1000_250")
    if ratio is not None:
        console.print(f"site build time ratio N=1,000 / N=250: [bold]{ratio:.2f}[/] (target ≤ {RATIO_TARGET}; linear = 4.0)")
    checks = data.get("targets", [])
    if checks:
        t = Table(title="Targets (issue 8)")
        t.add_column("target")
        t.add_column("measured", justify="right")
        t.add_column("ok")
        for c in checks:
            t.add_row(c["target"], "–" if c["value"] is None else f"{c['value']:.2f}", "–" if c["ok"] is None else ("yes" if c["ok"] else "[red]no[/]"))
        console.print(t)


def check_targets(runs: list[dict[str, Any]], ratio: float | None) -> list[dict[str, Any]]:
    out = []
    for r in runs:
        d = derived(r)
        table = TARGETS if r["mode"] == "full" else GEN_ONLY_TARGETS
        for key, (n, limit, text) in table.items():
            if r["n"] == n:
                v = d.get(key)
                out.append({"target": text, "value": v, "limit": limit, "ok": None if v is None else v <= limit})
    if ratio is not None:
        out.append({"target": f"site build ratio N=1,000 / N=250 ≤ {RATIO_TARGET}", "value": ratio, "limit": RATIO_TARGET, "ok": ratio <= RATIO_TARGET})
    return out


# --------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description="Plansite benchmark: time each stage for synthetic corpora of N documents.")
    ap.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 250, 1000], help="corpus sizes with a full site build (default: 10 100 250 1000)")
    ap.add_argument("--gen-only", type=int, nargs="*", default=[], help="corpus sizes measured without the site build and search index (e.g. 10000)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON result file (default: benchmarks/results/latest.json)")
    ap.add_argument("--seed", type=int, default=0, help="synthesiser seed")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds allowed for each generate / mkdocs run")
    ap.add_argument("--size-timeout", type=float, default=None, help="stop one size's measurement after this many seconds (its partial results are kept)")
    ap.add_argument("--no-browser", action="store_true", help="skip the chromium measurement of bytes to the first search result")
    ap.add_argument("--keep", type=Path, default=None, help="keep each size's scratch project (sources, docs/, site/) under this folder")
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # internal: measure one size in this process
    ap.add_argument("--one-gen-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--one-json", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.one is not None:
        res = measure(args.one, args.one_gen_only, args.seed, args.timeout, args.keep, not args.no_browser, args.one_json.with_suffix(".partial.json"))
        args.one_json.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
        return

    plan = [(n, False) for n in args.sizes] + [(n, True) for n in args.gen_only]
    data: dict[str, Any] = {
        "machine": machine(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "command": " ".join(["python -m benchmarks.run", *sys.argv[1:]]),
        "runs": [],
    }
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    for n, gen_only in plan:
        with tempfile.TemporaryDirectory(prefix="plansite-bench-result-") as tmp:
            res_file = Path(tmp) / "result.json"
            cmd = [
                sys.executable,
                "-m",
                "benchmarks.run",
                "--one",
                str(n),
                "--one-json",
                str(res_file),
                "--seed",
                str(args.seed),
                "--timeout",
                str(args.timeout),
            ]
            cmd += ["--one-gen-only"] if gen_only else []
            cmd += ["--no-browser"] if args.no_browser else []
            cmd += ["--keep", str(args.keep.resolve())] if args.keep else []
            probe = speed_probe()
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True)
            try:
                rc = proc.wait(timeout=args.size_timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # the measurement and its mkdocs/chromium children
                rc = proc.wait()
                log(f"N={n}: stopped after --size-timeout {args.size_timeout:.0f} s")
            partial = res_file.with_suffix(".partial.json")
            if rc == 0 and res_file.exists():
                res = json.loads(res_file.read_text(encoding="utf-8"))
            elif partial.exists():
                res = {**json.loads(partial.read_text(encoding="utf-8")), "error": f"stopped (exit {rc}); partial results"}
                if not args.keep and res.get("workdir", "").startswith(tempfile.gettempdir()):
                    shutil.rmtree(res["workdir"], ignore_errors=True)
            else:
                res = {"n": n, "mode": "generation-only" if gen_only else "full", "error": f"measurement exited with {rc}"}
            res["wall_s"] = round(time.perf_counter() - start, 1)
            res["speed_probe_s"] = probe
            res["speed_probe_after_s"] = speed_probe()
        data["runs"].append(res)
        log(f"N={n} done in {res['wall_s']} s")
    full = {r["n"]: r for r in data["runs"] if r["mode"] == "full"}
    ratio = None
    if 1000 in full and 250 in full and _get(full[1000], "site.build_s") and _get(full[250], "site.build_s"):
        ratio = round(full[1000]["site"]["build_s"] / full[250]["site"]["build_s"], 3)
    data["site_build_ratio_1000_250"] = ratio
    data["targets"] = check_targets(data["runs"], ratio)
    data["derived"] = [derived(r) for r in data["runs"]]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    report(data)
    print(f"results written to {args.out}")


if __name__ == "__main__":
    main()
