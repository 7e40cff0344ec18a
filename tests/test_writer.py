"""``writer.write_tree``: unchanged files untouched, stale files removed, interrupted runs harmless."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from generator.site.writer import JOURNAL, TMP_SUFFIX, recover, write_tree


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    assert write_tree(docs, {"a.md": "A", "sub/b.md": "B"}).written == 2
    stamp = (docs / "a.md").stat().st_mtime_ns
    time.sleep(0.01)
    stats = write_tree(docs, {"a.md": "A", "sub/b.md": "B2"})
    assert (stats.written, stats.unchanged) == (1, 1)
    assert (docs / "a.md").stat().st_mtime_ns == stamp
    assert (docs / "sub/b.md").read_text() == "B2"


def test_stale_generated_files_go_hand_written_stay(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text("hand-written")
    write_tree(docs, {"documents/x/index.md": "X", "documents/y/index.md": "Y"})
    stats = write_tree(docs, {"documents/y/index.md": "Y"})
    assert stats.removed == 1
    assert not (docs / "documents" / "x").exists()
    assert (docs / "about.md").read_text() == "hand-written"


def test_paths_cannot_escape_docs(tmp_path: Path) -> None:
    try:
        write_tree(tmp_path / "docs", {"../evil.md": "x"})
    except ValueError as exc:
        assert "escapes" in str(exc)
    else:
        raise AssertionError("a path outside docs/ was accepted")
    assert not (tmp_path / "evil.md").exists()


def test_roll_forward_from_journal(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_tree(docs, {"a.md": "old"})
    (docs / ("a.md" + TMP_SUFFIX)).write_text("new")
    (docs / JOURNAL).write_text(json.dumps({"write": ["a.md"], "remove": [], "manifest": "a.md\n"}))
    recover(docs)
    assert (docs / "a.md").read_text() == "new" and not (docs / JOURNAL).exists()


def test_killed_generation_leaves_previous_docs_intact(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_tree(docs, {f"p{i}.md": "old" for i in range(50)})
    before = {p.name: p.read_bytes() for p in docs.iterdir()}
    script = textwrap.dedent(f"""
        import os, signal
        import generator.site.writer as w
        real_open = open
        count = 0
        def slow_open(path, mode="r", *a, **k):
            global count
            if str(path).endswith(w.TMP_SUFFIX):
                count += 1
                if count == 25:
                    os.kill(os.getpid(), signal.SIGKILL)  # killed mid-write
            return real_open(path, mode, *a, **k)
        w.open = slow_open
        w.write_tree(__import__("pathlib").Path({str(docs)!r}), {{f"p{{i}}.md": "new" for i in range(50)}})
    """)
    proc = subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)})
    assert proc.returncode == -9
    assert any(p.name.endswith(TMP_SUFFIX) for p in docs.iterdir())  # it really died mid-write
    after = {p.name: p.read_bytes() for p in docs.iterdir() if not p.name.endswith(TMP_SUFFIX)}
    assert after == before
    write_tree(docs, {f"p{i}.md": "new" for i in range(50)})  # the next run cleans up and succeeds
    assert not any(p.name.endswith(TMP_SUFFIX) for p in docs.iterdir())
    assert all((docs / f"p{i}.md").read_text() == "new" for i in range(50))


def test_cached_files_are_read_only_when_docs_may_differ(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    from generator.site import writer
    from generator.site.writer import Cached

    reads: list[str] = []  # cache files the writer opened to compare
    placed: list[str] = []  # cache files put into docs/ (linked)
    real_cmp, real_place = writer.filecmp.cmp, writer._place
    monkeypatch.setattr(writer.filecmp, "cmp", lambda a, b, shallow=True: reads.append(Path(a).stem) or real_cmp(a, b, shallow=shallow))
    monkeypatch.setattr(writer, "_place", lambda a, b: placed.append(Path(a).stem) or real_place(a, b))
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    cache.mkdir()
    (cache / "k1.md").write_text("page one", encoding="utf-8")
    (cache / "k2.md").write_text("page two", encoding="utf-8")
    assert write_tree(docs, {"p.md": Cached("k1", cache / "k1.md"), "q.md": "plain"}).written == 2
    assert reads == [] and placed == ["k1"] and (docs / "p.md").read_text(encoding="utf-8") == "page one"
    # a hard link to the cache file: nothing was copied
    assert os.path.samefile(docs / "p.md", cache / "k1.md")
    placed.clear()
    # same cache entry, file untouched: not read, not written
    stats = write_tree(docs, {"p.md": Cached("k1", cache / "k1.md"), "q.md": "plain"})
    assert reads == [] and placed == [] and stats.written == 0
    # a file replaced by hand (as editors save: a new file) is put back, even from the same cache entry
    (docs / "p.edit").write_text("edited by hand!", encoding="utf-8")
    os.replace(docs / "p.edit", docs / "p.md")
    assert write_tree(docs, {"p.md": Cached("k1", cache / "k1.md"), "q.md": "plain"}).written == 1
    assert reads == ["k1"] and placed == ["k1"] and (docs / "p.md").read_text(encoding="utf-8") == "page one"
    assert (cache / "k1.md").read_text(encoding="utf-8") == "page one"
    reads.clear()
    placed.clear()
    # another cache entry: compared, written because the text differs
    assert write_tree(docs, {"p.md": Cached("k2", cache / "k2.md"), "q.md": "plain"}).written == 1
    assert reads == ["k2"] and placed == ["k2"] and (docs / "p.md").read_text(encoding="utf-8") == "page two"


def test_file_edited_in_place_is_made_again(tmp_path: Path) -> None:
    """A generated file is a hard link to its page-cache file, so writing into it in place changes
    the cache entry too: the next build notices (size and time differ from its stamp, yet it is
    the cache file), drops the entry, renders the page again and puts it back."""
    from generator.pipeline import generate

    from .conftest import SOURCES

    cache, docs = tmp_path / "cache", tmp_path / "docs"
    generate(SOURCES, docs, cache_dir=cache)
    page = docs / "documents" / "huli-2021-work-points" / "index.md"
    original = page.read_text(encoding="utf-8")
    with page.open("a", encoding="utf-8") as fh:  # in place: same file, same inode
        fh.write("\nedited in place\n")
    _, _, stats = generate(SOURCES, docs, cache_dir=cache)
    assert page.read_text(encoding="utf-8") == original and stats.written == 1
    _, _, stats = generate(SOURCES, docs, cache_dir=cache)  # and the cache entry is sound again
    assert page.read_text(encoding="utf-8") == original and stats.written == 0


def test_same_key_from_another_generator_version_is_written(tmp_path: Path) -> None:
    """A page-cache key names a text within one cache folder only (the folder is the generator's
    fingerprint; the key hashes the page's inputs): after a generator change the same key may hold
    another text, and the file must be written again even though it is untouched in ``docs/``."""
    from generator.site.writer import Cached

    old, new, docs = tmp_path / "cache" / "v1", tmp_path / "cache" / "v2", tmp_path / "docs"
    old.mkdir(parents=True)
    new.mkdir(parents=True)
    (old / "k1.md").write_text("按年份: 2023", encoding="utf-8")
    (new / "k1.md").write_text("按年份：2023", encoding="utf-8")
    write_tree(docs, {"p.md": Cached("k1", old / "k1.md")})
    assert write_tree(docs, {"p.md": Cached("k1", new / "k1.md")}).written == 1
    assert (docs / "p.md").read_text(encoding="utf-8") == "按年份：2023"
