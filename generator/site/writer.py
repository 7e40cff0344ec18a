"""Write generated files into ``docs/`` as one transaction.

Phase 1 writes every changed file next to its target as ``*.plansite-tmp``;
phase 2 records the renames in a journal, renames, deletes generated files that
are no longer produced, and removes the journal. A run killed in phase 1 leaves
the previous ``docs/`` untouched (the next run deletes the temporaries); a run
killed in phase 2 is rolled forward from the journal by the next run. Files
whose content is unchanged are not rewritten, so MkDocs and CI see only real
changes. Hand-written pages are never touched: only paths listed in the
manifest of the previous run are ever deleted. A file given as ``Cached`` (its
text is in the page cache) is not even read when ``.plansite-stamps.json``
says it was written from the same cache entry and its size and modification
time have not changed since; it is put in place as a hard link to the cache
file (a copy across file systems), so its bytes are written once, not twice.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

TMP_SUFFIX = ".plansite-tmp"
JOURNAL = ".plansite-journal.json"
MANIFEST = ".generated"


STAMPS = ".plansite-stamps.json"
PENDING = ".pending" + TMP_SUFFIX
"""Exists while a run has temporary files in the tree (so a clean tree is not walked for them)."""


@dataclass(frozen=True)
class Cached:
    """A generated file whose text is in the page cache (``cache.PageCache.file``) under ``key``.
    The writer reads it only when the file in ``docs/`` may differ: not when the file was last
    written from the same key and still has the size and modification time it had then."""

    key: str
    path: Path

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def text_of(value: str | Cached) -> str:
    return value.text() if isinstance(value, Cached) else value


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def _safe(root: Path, rel: str) -> Path:
    """``root / rel``, refusing a path that could leave ``root`` (absolute, ``..``, empty parts)."""
    parts = rel.split("/")
    if not rel or rel.startswith("/") or "\\" in rel or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"generated path escapes {root}: {rel}")
    return root / rel


def recover(root: Path) -> None:
    """Finish or discard what an interrupted run left behind."""
    _apply_journal(root)
    if (root / PENDING).exists():  # a run died while writing temporary files: find them all
        for tmp in root.rglob("*" + TMP_SUFFIX):
            tmp.unlink()


def _apply_journal(root: Path) -> None:
    journal = root / JOURNAL
    if journal.exists():
        plan = json.loads(journal.read_text(encoding="utf-8"))
        for rel in plan["write"]:
            tmp = root / (rel + TMP_SUFFIX)
            if tmp.exists():
                os.replace(tmp, root / rel)
        for rel in plan["remove"]:
            (root / rel).unlink(missing_ok=True)
        (root / MANIFEST).write_text(plan["manifest"], encoding="utf-8")
        journal.unlink()


def previous_manifest(root: Path) -> set[str]:
    path = root / MANIFEST
    if not path.exists():
        return set()
    return {ln for ln in path.read_text(encoding="utf-8").splitlines() if ln}


def _stamps(root: Path) -> dict[str, list[object]]:
    try:
        data = json.loads((root / STAMPS).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _place(src: Path, tmp: str) -> None:
    """A page-cache file into ``docs/`` (at its temporary name): a hard link to the cache file
    when both are on one file system — no data is written again (at N=10,000 that is gigabytes,
    and the kernel throttles a process that dirties that much) — else a copy. A file changed in
    place through ``docs/`` would change its cache file too: ``edited_in_place`` finds those
    before a build renders anything."""
    if os.path.lexists(tmp):  # left by a run that died before it could mark it pending
        os.unlink(tmp)
    try:
        os.link(src, tmp)
    except OSError:  # another file system, or links not supported
        shutil.copyfile(src, tmp)


def edited_in_place(root: Path, cache_dir: Path, suffix: str) -> list[Path]:
    """The files of ``cache_dir`` (``<key><suffix>``) that were changed through a file of ``root`` linked to them
    (``_place``): the file in ``root`` no longer has the size and modification time it was written
    with, yet it is the cache file. Their cache entries are wrong from now on."""
    out = []
    for rel, stamp in _stamps(root).items():
        origin = str(stamp[0])
        folder, _, key = origin.partition("/")
        if folder != cache_dir.name:
            continue
        try:
            st = os.stat(root / rel)
        except OSError:
            continue
        if [st.st_size, st.st_mtime_ns] == stamp[1:]:
            continue
        cached = cache_dir / f"{key}{suffix}"
        try:
            if os.path.samestat(st, os.stat(cached)):
                out.append(cached)
        except OSError:
            continue
    return out


def _origin(value: Cached) -> str:
    """Which cached text a file was written from: its key within its cache folder. The folder is
    named by the generator's fingerprint, and a key names the same text only within one folder
    (keys hash a page's inputs, not the templates and code that made it)."""
    return f"{value.path.parent.name}/{value.key}"


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def write_tree(root: Path, files: dict[str, str | Cached]) -> WriteStats:
    root.mkdir(parents=True, exist_ok=True)
    recover(root)
    old_stamps = _stamps(root)
    stamps: dict[str, list[object]] = {}
    changed: list[str] = []
    pending = root / PENDING
    marked: list[bool] = []
    made_dirs: set[Path] = set()

    def tmp_for(path: Path) -> str:
        if not marked:  # before the first temporary file
            pending.touch()
            marked.append(True)
        if path.parent not in made_dirs:  # once per folder (a cold build writes thousands of files)
            path.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(path.parent)
        return str(path) + TMP_SUFFIX

    for rel in sorted(files):
        path = _safe(root, rel)
        value = files[rel]
        if isinstance(value, Cached):
            st = old_stamps.get(rel)
            if st is not None and st[0] == _origin(value) and path.exists() and list(_stamp(path)) == st[1:]:
                stamps[rel] = st  # written from this very text, untouched since
                continue
            # compared and copied as bytes, in chunks: the largest files (the export) stay out of memory
            if path.exists() and filecmp.cmp(value.path, path, shallow=False):
                stamps[rel] = [_origin(value), *_stamp(path)]
                continue
            _place(value.path, tmp_for(path))
            changed.append(rel)
            continue
        data = value.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            continue
        with open(tmp_for(path), "wb") as fh:
            fh.write(data)
        changed.append(rel)
    stale = sorted(previous_manifest(root) - set(files))
    manifest = "".join(f"{rel}\n" for rel in sorted(files))
    if not changed and not stale and (root / MANIFEST).exists() and (root / MANIFEST).read_text(encoding="utf-8") == manifest:
        _save_stamps(root, stamps, old_stamps)
        return WriteStats(0, len(files), 0)
    journal = root / JOURNAL
    journal.write_text(json.dumps({"write": changed, "remove": stale, "manifest": manifest}, ensure_ascii=False), encoding="utf-8")
    _apply_journal(root)
    pending.unlink(missing_ok=True)
    for rel in changed:
        value = files[rel]
        if isinstance(value, Cached):
            stamps[rel] = [_origin(value), *_stamp(root / rel)]
    for rel in stale:
        parent = (root / rel).parent
        while parent != root and parent.exists() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    _save_stamps(root, stamps, old_stamps)
    return WriteStats(len(changed), len(files) - len(changed), len(stale))


def _save_stamps(root: Path, stamps: dict[str, list[object]], old: dict[str, list[object]]) -> None:
    """Record, for each file written from the page cache, its key, size and modification time."""
    if stamps == old:
        return
    tmp = root / (STAMPS + TMP_SUFFIX)
    tmp.write_text(json.dumps(stamps, sort_keys=True), encoding="utf-8")
    os.replace(tmp, root / STAMPS)
