"""Every occurrence of a fixed set of words in a text, in one Aho–Corasick scan (ahocorasick-rs).

Used for the theme vocabulary (``themes.py``) and the restore rule's pair words
(``clean/restore.py``). Matches overlap: in 养老服务, both 养老 and 养老服务 are found.
"""

from __future__ import annotations


class WordScan:
    """A scanner for ``words`` (kept sorted: a match's number is the word's position)."""

    def __init__(self, words: set[str] | list[str]) -> None:
        import ahocorasick_rs

        self.words = sorted(set(words))
        self._automaton = ahocorasick_rs.AhoCorasick(self.words)

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(word number, start, end) of every occurrence, overlapping ones included, in order of
        their ends; offsets in characters."""
        return self._automaton.find_matches_as_indexes(text, overlapping=True) if text else []

    def found(self, text: str) -> set[str]:
        """The words that occur in ``text``."""
        words = self.words
        return {words[i] for i, _, _ in self.matches(text)}
