"""Chinese word segmentation (jieba) with the project's vocabulary.

One tokenizer for everything that segments Chinese (search index, related
items), with a user dictionary made of the glossary terms, the theme vocabulary
and ``data/search_terms.txt``, so plan phrases (政策找人, 社区云, 低保边缘 …)
stay whole.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from . import DATA_DIR
from .glossary import glossary
from .themes import taxonomy

USER_FREQ = 2000
"""Frequency given to user terms: high enough that jieba keeps them whole."""


def user_terms() -> list[str]:
    extra = [ln.strip() for ln in (DATA_DIR / "search_terms.txt").read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    terms = [t.zh for t in glossary()] + [w for th in taxonomy() for w in (*th.strong, *th.weak)] + extra
    return sorted({t for t in terms if t and " " not in t})


@lru_cache(maxsize=1)
def tokenizer():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "user.txt"
        path.write_text("".join(f"{t} {USER_FREQ}\n" for t in user_terms()), encoding="utf-8")
        tok.load_userdict(str(path))
    return tok


def cut(text: str) -> list[str]:
    return tokenizer().lcut(text)


def cut_for_search(text: str) -> list[str]:
    """Words and their sub-words (社会救助 → 社会, 救助, 社会救助), for an index."""
    return tokenizer().lcut_for_search(text)
