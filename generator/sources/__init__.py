"""Stage 1, sources: ``source_texts/`` → ``Source`` values.

Finds the notices, decodes their bytes (strict UTF-8 with or without BOM, then
strict GB18030, then charset-normalizer) and turns HTML pages into text. A file
that cannot be read becomes a ``Problem`` naming the file and the reason; the
other files go on.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from pathlib import Path

from ..model import Problem, Source
from .html_text import html_to_text, looks_like_html

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ".htm", ".html", ".xhtml"}
"""Suffixes read as notices; anything else is reported and skipped."""
SKIP_DIRS = {"en"}
"""Sub-folders of ``source_texts/`` that hold other things (translation catalogs)."""
HTML_SUFFIXES = {".htm", ".html", ".xhtml"}
MAX_BYTES = 20 * 1024 * 1024
MAX_CHARS = 500_000
"""Longest text read as one notice. The seeds have 6,000–15,000 characters and a
provincial five-year plan some 50,000; more is several notices pasted into one
file, which would also make one unusable page and take the build minutes."""


class SourceError(Exception):
    """A source file that cannot be turned into text."""


def find_sources(root: Path) -> list[Path]:
    """All candidate files under ``root``, sorted by relative path (deterministic)."""
    found = []
    for p in root.rglob("*"):
        rel = p.relative_to(root)
        if not p.is_file() or rel.parts[0] in SKIP_DIRS or any(s.startswith(".") for s in rel.parts):
            continue
        found.append(p)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as text; return (text, encoding) or raise ``SourceError``.

    A file cut off in the middle of its last character (a truncated download
    or copy) is decoded without that character and its encoding is marked
    ``(truncated)``; ``load_sources`` reports it as a warning.
    """
    if not data.strip():
        raise SourceError("file is empty")
    for bom, enc, codec in (
        (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                text, used = _strict(data[len(bom) :], codec)
                return text, used.replace(codec, enc)
            except UnicodeDecodeError as exc:
                raise SourceError(f"starts with a {enc} byte-order mark but is not valid {enc}: {exc.reason} at byte {exc.start}") from None
    if b"\x00" in data[:4096]:
        raise SourceError("binary data (NUL bytes), not a text file")
    for enc in ("utf-8", "gb18030"):
        try:
            return _strict(data, enc)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise SourceError("cannot decode: not UTF-8, not GB18030 and no other encoding fits")
    return str(best), best.encoding


_INCOMPLETE = {"unexpected end of data", "incomplete multibyte sequence", "truncated data"}


def _strict(data: bytes, enc: str) -> tuple[str, str]:
    """Strict decoding; a stream cut in the middle of its last character loses that character only.

    charset-normalizer returns nothing (or a wrong guess) for such a stream.
    """
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError as exc:
        if exc.end != len(data) or exc.reason not in _INCOMPLETE:
            raise
        return data[: exc.start].decode(enc), f"{enc} (truncated)"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""Unicode category Cc (the C0 and C1 controls) except tab, newline, carriage return and form feed."""
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _check_text(text: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise SourceError(f"binary data ({controls} control characters), not a text file")
    if not _HAN.search(text):
        raise SourceError("no Chinese text in the file")


def read_source(path: Path, root: Path) -> Source:
    """Read one file; raise ``SourceError`` with the reason when it cannot be used."""
    rel = path.relative_to(root).as_posix()
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise SourceError(f"unsupported file type {path.suffix or '(no extension)'!r}; expected one of .txt, .html")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SourceError(f"file too large ({size} bytes > {MAX_BYTES})")
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    text, enc = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt, meta = "text", ()
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        text, meta = html_to_text(text)
        fmt = "html"
    if len(text) > MAX_CHARS:
        raise SourceError(
            f"text too long for one notice: {len(text):,} characters (limit {MAX_CHARS:,}); is it several notices in one file? Split it, one notice per file"
        )
    _check_text(text)
    return Source(path=rel, sha256=sha, encoding=enc, format=fmt, text=text, meta=meta)


def source_warnings(source: Source, path: Path) -> list[Problem]:
    """What is odd about a file that could be read (it is published, with these warnings)."""
    out = []
    if source.encoding.endswith("(truncated)"):
        out.append(
            Problem(
                source.path,
                "warning",
                "the file ends in the middle of a character (cut off?); the incomplete last character was dropped and the end of the notice may be missing",
            )
        )
    if source.format == "html" and path.suffix.lower() not in HTML_SUFFIXES:
        out.append(Problem(source.path, "warning", f"an HTML page saved as {path.suffix or '(no extension)'}; read as HTML (rename it to .html)"))
    return out


def load_sources(root: Path) -> tuple[list[Source], list[Problem]]:
    """Read every source under ``root``; unreadable files become problems."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in find_sources(root):
        rel = path.relative_to(root).as_posix()
        try:
            source = read_source(path, root)
            sources.append(source)
            problems.extend(source_warnings(source, path))
        except SourceError as exc:
            problems.append(Problem(rel, "error", str(exc)))
        except OSError as exc:
            problems.append(Problem(rel, "error", f"cannot read: {exc.strerror or exc}"))
    return sources, problems
