"""Chinese word segmentation with the project's vocabulary (used for related items).

One tokenizer, with a user dictionary made of the glossary terms, the theme
vocabulary and ``data/search_terms.txt``, so plan phrases (政策找人, 社区云,
低保边缘 …) stay whole.

The segmenter is jieba's algorithm and dictionary as implemented in Rust by
jieba-rs (Python binding ``rjieba``), chosen over the Python ``jieba``
package for speed (benchmarks/README.md). It segments exactly as ``jieba`` 0.42 with the
same user dictionary loaded by ``load_userdict``, with one correction: Python
jieba adds a user word's frequency to the dictionary total even when the word
was already in the dictionary, jieba-rs replaces the old frequency. The total
matters for close calls (群众意见 vs 群众/意见), so the old frequencies of user
words that jieba's dictionary already has (``data/jieba_base_freq.tsv``,
written by ``python -m generator.segmenter``) are added back as one inert
entry. ``tests/test_segmenter.py`` checks the file and the equality against
Python jieba on every item of the seeds.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from ..datafiles import DATA_DIR, table, words
from .glossary import glossary
from .themes import taxonomy

USER_FREQ = 2000
"""Frequency given to user terms: high enough that jieba keeps them whole."""
BASE_FREQ_FILE = DATA_DIR / "jieba_base_freq.tsv"
BASE_FREQ_COLUMNS = ("word", "freq")
_INERT = "\ue000\ue001"
"""A private-use 'word' that never occurs in text; it carries the frequency correction."""


def user_terms() -> list[str]:
    extra = words("search_terms.txt")
    terms = [t.zh for t in glossary()] + [w for th in taxonomy() for w in (*th.strong, *th.weak)] + extra
    return sorted({t for t in terms if t and " " not in t})


def base_freqs() -> dict[str, int]:
    return {word: int(freq) for word, freq in table(BASE_FREQ_FILE.name, BASE_FREQ_COLUMNS)}


@lru_cache(maxsize=1)
def tokenizer():  # type: ignore[no-untyped-def]
    import rjieba

    tok = rjieba.Jieba()
    terms = user_terms()
    for term in terms:
        tok.add_word(term, USER_FREQ, None)
    known = base_freqs()
    correction = sum(known.get(t, 0) for t in terms)
    if correction:
        tok.add_word(_INERT, correction, None)
    return tok


def cut(text: str) -> list[str]:
    return tokenizer().cut(text)


def jieba_dictionary_freqs(terms: list[str]) -> dict[str, int]:
    """Frequencies in Python jieba's dictionary of those ``terms`` it has (needs the ``jieba`` package)."""
    import jieba

    wanted = set(terms)
    out: dict[str, int] = {}
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            word, freq, *_ = line.split(" ")
            if word in wanted:
                out[word] = int(freq)
    return out


def write_base_freqs(path: Path = BASE_FREQ_FILE) -> int:
    freqs = jieba_dictionary_freqs(user_terms())
    head = (
        "# Frequencies in jieba 0.42's dict.txt of the user terms it already has (see generator/assemble/words.py).\n# Written by `python -m generator.assemble.words`; tests/test_segmenter.py checks it is current.\n"
        + "\t".join(BASE_FREQ_COLUMNS)
        + "\n"
    )
    path.write_text(head + "".join(f"{w}\t{f}\n" for w, f in sorted(freqs.items())), encoding="utf-8")
    return len(freqs)


if __name__ == "__main__":
    n = write_base_freqs()
    print(f"wrote {n} frequencies to {BASE_FREQ_FILE}", file=sys.stderr)
