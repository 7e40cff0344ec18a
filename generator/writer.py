"""Write generated files into ``docs/`` as one transaction.

Phase 1 writes every changed file next to its target as ``*.plansite-tmp``;
phase 2 records the renames in a journal, renames, deletes generated files that
are no longer produced, and removes the journal. A run killed in phase 1 leaves
the previous ``docs/`` untouched (the next run deletes the temporaries); a run
killed in phase 2 is rolled forward from the journal by the next run. Files
whose content is unchanged are not rewritten, so MkDocs and CI see only real
changes. Hand-written pages are never touched: only paths listed in the
manifest of the previous run are ever deleted.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

TMP_SUFFIX = ".plansite-tmp"
JOURNAL = ".plansite-journal.json"
MANIFEST = ".generated"


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
    if root.exists():
        for tmp in root.rglob("*" + TMP_SUFFIX):
            tmp.unlink()


def previous_manifest(root: Path) -> set[str]:
    path = root / MANIFEST
    if not path.exists():
        return set()
    return {ln for ln in path.read_text(encoding="utf-8").splitlines() if ln}


def write_tree(root: Path, files: dict[str, str]) -> WriteStats:
    root.mkdir(parents=True, exist_ok=True)
    recover(root)
    changed: list[str] = []
    for rel in sorted(files):
        path = _safe(root, rel)
        data = files[rel].encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(str(path) + TMP_SUFFIX, "wb") as fh:
            fh.write(data)
        changed.append(rel)
    stale = sorted(previous_manifest(root) - set(files))
    manifest = "".join(f"{rel}\n" for rel in sorted(files))
    if not changed and not stale and (root / MANIFEST).exists() and (root / MANIFEST).read_text(encoding="utf-8") == manifest:
        return WriteStats(0, len(files), 0)
    journal = root / JOURNAL
    journal.write_text(json.dumps({"write": changed, "remove": stale, "manifest": manifest}, ensure_ascii=False), encoding="utf-8")
    recover(root)
    for rel in stale:
        parent = (root / rel).parent
        while parent != root and parent.exists() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return WriteStats(len(changed), len(files) - len(changed), len(stale))
