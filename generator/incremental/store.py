"""The content-hash cache of parsed sources (incremental generation).

A source is cleaned and parsed again only when its bytes or the generator
changed: entries are keyed by the SHA-256 of the raw file and its path, under
a fingerprint of the generator's own code, templates and data tables, so
editing a rule table or a module invalidates everything it could affect.
Alongside each parsed source the cache keeps what the workers found for it
(its items' words for related items, their themes, its region, its
characters), so a build does not segment or classify the whole corpus again.
Entries are pickles written atomically; a damaged entry is a miss. The page
cache (``PageCache``) holds rendered pages, export records and spilled large
files, which reach ``docs/`` by reference (``writer.Cached``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import struct
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..assemble.regions import Region
from ..model import Change, ParsedDoc
from ..site.writer import Cached, edited_in_place, text_of
from ..source_stages import Indexed

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parents[1]
"""The generator package: every file in it counts towards the fingerprint."""


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of every file the generator's output depends on (code, templates, data)."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix not in {".pyc"} and "__pycache__" not in path.parts:
            h.update(path.relative_to(PACKAGE).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:20]


class _Store:
    """A folder ``root/<kind>/<fingerprint>/`` (``root=None``: no caching). Folders left by other
    generator versions are removed; files are written atomically; ``prune`` forgets what this run
    did not use, so a cache stays the size of the site."""

    kind = ""
    suffix = ""

    def __init__(self, root: Path | None) -> None:
        self.dir = root / self.kind / code_fingerprint() if root else None
        self.used: set[str] = set()
        self._listed: set[str] | None = None
        if self.dir is not None:
            self.dir.mkdir(parents=True, exist_ok=True)
            for stale in self.dir.parent.iterdir():  # entries made by other generator versions
                if stale != self.dir and stale.is_dir():
                    shutil.rmtree(stale, ignore_errors=True)

    def _file(self, key: str) -> Path:
        assert self.dir is not None
        path = self.dir / f"{key}{self.suffix}"
        self.used.add(path.name)
        return path

    def _named(self, name: str) -> bool:
        """Whether the folder's file ``name`` exists: the folder is listed once (a build asks about
        thousands of files; a stat each cost more than the listing), then files not listed are
        looked for (written since, e.g. by a worker process)."""
        assert self.dir is not None
        if self._listed is None:
            self._listed = set(os.listdir(self.dir))
        return name in self._listed or os.path.exists(os.path.join(self.dir, name))

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)

    def prune(self) -> None:
        if self.dir is not None:
            for path in self.dir.glob(f"*{self.suffix}"):
                if path.name not in self.used:
                    path.unlink(missing_ok=True)


class ParseCache(_Store):
    """Parsed sources by the SHA-256 of the file and its path (``root/parse/<fingerprint>/``).

    An entry file holds the entry twice over, in two pickles: first the entry with a *light*
    parsed source (``lighten``: no cleaned text, no recorded changes — what the whole-corpus
    stages need), then the cleaned text and the changes, read back only to render the
    document's own pages (``restore_parsed``). A corpus in memory is then a fraction of its
    sources' size."""

    kind, suffix = "parse", ".pickle"

    def _key(self, rel: str, sha256: str) -> str:
        return f"{sha256}-{hashlib.sha1(rel.encode()).hexdigest()[:12]}"

    def has(self, rel: str, sha256: str) -> bool:
        """Whether the source has an entry file (``get`` may still find it unreadable)."""
        return self.dir is not None and self._named(f"{self._key(rel, sha256)}{self.suffix}")

    def get(self, rel: str, sha256: str) -> Indexed | None:
        if self.dir is None:
            return None
        path = self._file(self._key(rel, sha256))
        try:
            with path.open("rb") as fh:
                (size,) = _HEADER.unpack(fh.read(_HEADER.size))
                entry = pickle.loads(fh.read(size))
            return entry if isinstance(entry, Indexed) else None
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or foreign entry is only a miss
            log.warning("ignoring unreadable cache entry %s", path)
            return None

    def regions(self) -> tuple[list[Region], dict[str, str]]:
        """The regions and slugs a previous build transliterated (``regions.known``)."""
        try:
            data = json.loads((self.dir / REGIONS).read_text(encoding="utf-8")) if self.dir is not None else {}
            return [Region(*r) for r in data.get("regions", [])], dict(data.get("slugs", {}))
        except (OSError, ValueError, TypeError):
            return [], {}

    def keep_regions(self, regions: list[Region], slugs: dict[str, str]) -> None:
        """Keep the regions and slugs transliterated so far for the next build."""
        if self.dir is None:
            return
        text = json.dumps({"regions": [[r.zh, r.slug, r.en] for r in regions], "slugs": slugs}, ensure_ascii=False, sort_keys=True)
        path = self.dir / REGIONS
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            self._write(path, text.encode("utf-8"))

    def path(self, rel: str, sha256: str) -> Path | None:
        """Where the entry for the source goes (a worker writes it there itself, ``store``)."""
        return self._file(self._key(rel, sha256)) if self.dir is not None else None


REGIONS = "regions.json"
"""In the parse cache folder: what ``regions.slugify_zh`` answered before (``ParseCache.regions``)."""
_HEADER = struct.Struct("<Q")
"""An entry file starts with the length of its first pickle (the light entry)."""


def dumps(entry: Indexed) -> bytes:
    return pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)


def lighten(parsed: ParsedDoc) -> ParsedDoc:
    """The parsed source without what only its own pages use: the cleaned text and the changes
    (``restore_parsed`` puts them back)."""
    return replace(parsed, clean=replace(parsed.clean, text="", changes=(), uncertain=()))


def store(path: Path, entry: Indexed) -> bytes:
    """Write an entry file atomically (see ``ParseCache``); returns the light entry's pickle
    (what ``ParseCache.get`` will read)."""
    light = dumps(replace(entry, parsed=lighten(entry.parsed)))
    c = entry.parsed.clean
    # changes as plain tuples: pickle handles those in C, named tuples one Python call each
    heavy = pickle.dumps((c.text, list(map(tuple, c.changes)), list(map(tuple, c.uncertain))), protocol=pickle.HIGHEST_PROTOCOL)
    _Store._write(path, _HEADER.pack(len(light)) + light + heavy)
    return light


def restore_parsed(light: ParsedDoc | None, path: Path) -> ParsedDoc:
    """The whole parsed source from its entry file, on top of its light copy (``None``: the light
    copy is read from the file too, so the result shares no object with the caller's corpus)."""
    with path.open("rb") as fh:
        (size,) = _HEADER.unpack(fh.read(_HEADER.size))
        head = fh.read(size)
        text, changes, uncertain = pickle.load(fh)
    if light is None:
        light = pickle.loads(head).parsed
    make = Change._make
    return replace(light, clean=replace(light.clean, text=text, changes=tuple(map(make, changes)), uncertain=tuple(map(make, uncertain))))


class PageCache(_Store):
    """Rendered pages (and export records) by the hash of everything they are made from
    (``root/pages/<fingerprint>/``)."""

    kind, suffix = "pages", ".md"

    @classmethod
    def for_docs(cls, root: Path | None, docs: Path) -> PageCache:
        """The page cache of a build into ``docs``, without the entries whose generated file was
        edited in place there (``forget_edited``)."""
        pages = cls(root)
        pages.forget_edited(docs)
        return pages

    def file(self, key: str, make: Callable[[], str]) -> str | Cached:
        """A whole generated file: a reference to the cached text (``writer.Cached``, read only if
        the writer needs it), or without a cache the text itself."""
        if self.dir is None:
            return make()
        path = self._file(key)
        if not self._named(path.name):
            self._write(path, make().encode("utf-8"))
        return Cached(key, path)

    def text(self, key: str, make: Callable[[], str]) -> str:
        """``file``'s text: the text just made, or the cached one read (not made and read back)."""
        made: list[str] = []
        value = self.file(key, lambda: made.append(make()) or made[0])  # type: ignore[func-returns-value]
        return made[0] if made else text_of(value)

    def spill(self, parts: Iterable[str | Cached]) -> str | Cached:
        """A large generated file, given in parts, moved out of memory: streamed into the cache
        and returned as a reference for the writer. Its key hashes what the parts are (a cached
        part by its key, a literal by its text), so a file made before from the same parts is
        neither read nor written again; cached parts are copied as bytes. Without a cache, the text."""
        if self.dir is None:
            return "".join(text_of(p) for p in parts)
        parts = list(parts)
        h = hashlib.sha256()
        for part in parts:
            h.update(b"\0c" + part.key.encode() if isinstance(part, Cached) else b"\0s" + part.encode("utf-8"))
        key = h.hexdigest()[:32] + "-spill"
        path = self._file(key)
        if not self._named(path.name):
            tmp = self.dir / f"spill.{os.getpid()}.tmp"
            with tmp.open("wb") as fh:
                for part in parts:
                    fh.write(part.path.read_bytes() if isinstance(part, Cached) else part.encode("utf-8"))
            tmp.replace(path)
        return Cached(key, path)

    def forget_edited(self, docs: Path) -> int:
        """Drop the entries whose file in ``docs`` (a hard link to it, ``writer._place``) was
        changed in place: their text is no longer what their key says, and the pages are made
        again. Returns how many."""
        if self.dir is None:
            return 0
        edited = edited_in_place(docs, self.dir, self.suffix)
        for path in edited:
            log.warning("%s was changed in place in %s; it is made again", path.name, docs)
            path.unlink(missing_ok=True)
            if self._listed is not None:
                self._listed.discard(path.name)
        return len(edited)

    def keep(self, key: str) -> None:
        """Keep the entry (if any) through ``prune``, though this run did not read it."""
        if self.dir is not None:
            self.used.add(f"{key}{self.suffix}")

    def has(self, keys: list[str]) -> bool:
        """Whether every key is cached (a cached page is only read)."""
        return self.dir is not None and all(self._named(f"{key}{self.suffix}") for key in keys)


class MemoFile:
    """Small results by key, all in one JSON file of the page cache: one read and at most one
    write per build, instead of a file per document. Keeps only what this build asked for."""

    def __init__(self, pages: PageCache | None, name: str) -> None:
        self.path = pages.dir / name if pages is not None and pages.dir is not None else None
        self.old: dict[str, object] = {}
        self.new: dict[str, object] = {}
        if self.path is not None:
            try:
                self.old = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.old = {}

    def get(self, key: str, make: Callable[[], object]) -> object:
        value = self.old[key] if key in self.old else make()
        self.new[key] = value
        return value

    def save(self) -> None:
        if self.path is not None and self.new != self.old:
            _Store._write(self.path, json.dumps(self.new, ensure_ascii=False, sort_keys=True).encode("utf-8"))
