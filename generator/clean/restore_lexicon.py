"""Dictionary evidence for ``restore``: jieba's dictionary judges a word in its context.

The context rows of ``data/restore_collocations.tsv`` know the collocations of plans;
this module asks the segmenter's dictionary (jieba's, with the project's user terms:
``generator.assemble.words.tokenizer``) about the rest. Both are used only on copies
``restore`` detects as machine-altered.

- ``compound_fix``: a substituted form (平安, 开展 …) is changed back when the original
  word makes a dictionary compound with its neighbours and the altered form does not:
  获得感、平安感 → 安全感 (安全感 is a word, 平安感 is not), 食品平安 → 食品安全,
  高质量开展 → 高质量发展. The compound must be what the segmenter itself cuts out of the
  window with the original word put back, it may not hang on one character to the left
  (化发展 is in the dictionary from 现代化发展; 常态化开展 must stay), and the altered form
  in the same place must not be a word and must be less than half as likely
  (``suggest_freq``; 重大项目 and 重大工程 are both plausible, so neither is chosen).
- ``reversals``: a two-character reversal YX of a frequent word XY (量质 for 质量) where YX is
  no word, the segmenter leaves Y and X as single characters between words (not inside a
  run of single characters: set phrases the dictionary lacks, 风清气正, 以进促稳, are such
  runs), the characters are no numerals (二〇二一) and no function characters
  (``data/restore_function_chars.txt``: 要将 is 要 + 将, not a reversed 将要). A reversal is
  undone when XY is frequent (``REVERSAL_FREQ``); a weaker one is only reported as uncertain.

The segmenter runs on the dictionary alone (no HMM guesses of unknown words, which would
glue 量质 into one "word"). Measured (tests/test_sharing_wild.py, ``-s``): over every clean
seed and wild truth file put through the substitution pass, ``compound_fix`` makes 193
fixes, all right, and proposes none on the clean texts themselves; ``reversals`` finds no
strong reversal in any clean text (altered or not) and none in the wild sharing copies
(their one reversed pair, 到达 for 达到, is two words and is left to the context rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import words

SPAN = 3
"""Characters of context on each side of a word that the segmenter sees."""
LIKELIER = 2
"""The compound with the original word must be at least this many times likelier than the altered one."""
REVERSAL_FREQ = 3000
"""A reversal is undone only when the word it reverses is this frequent in jieba's dictionary."""
REVERSAL_MIN = 300
"""Below this frequency a reversed word is not even reported."""
_HAN = re.compile(r"[\u4e00-\u9fff]")
NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
"""Chinese numerals: 二〇二一 is a year, not a reversed 一二."""


def _tokenizer():  # type: ignore[no-untyped-def]
    from ..assemble.words import tokenizer  # late: assemble imports clean

    return tokenizer()


@lru_cache(maxsize=1)
def function_chars() -> frozenset[str]:
    return frozenset("".join(words("restore_function_chars.txt")))


def _token_over(window: str, start: int, end: int) -> tuple[str, int] | None:
    """The token of ``window`` that covers ``[start, end)`` and its offset; None when a token
    boundary falls inside the span."""
    pos = 0
    for tok in _tokenizer().cut(window, False):  # the dictionary only, no HMM guesses
        s, e = pos, pos + len(tok)
        pos = e
        if s <= start and e >= end:
            return tok, s
        if s < end and e > start:
            return None
    return None


def compound_fix(text: str, start: int, end: int, form: str, fix: str) -> str | None:
    """The dictionary compound that says ``text[start:end]`` (== ``form``) was ``fix``, or None."""
    lo = max(0, start - SPAN)
    window = text[lo:start] + fix + text[end : end + SPAN]
    at = start - lo
    found = _token_over(window, at, at + len(fix))
    if found is None or len(found[0]) == len(fix):
        return None
    compound, offset = found
    left = at - offset
    if left == 1:
        return None  # 化发展: a one-character prefix is a suffix of the word before
    analog = compound[:left] + form + compound[left + len(fix) :]
    tok = _tokenizer()
    if tok.has_word(analog) or tok.suggest_freq(compound) < LIKELIER * tok.suggest_freq(analog):
        return None
    return compound


@dataclass(frozen=True)
class Reversal:
    start: int
    end: int
    before: str
    after: str
    strong: bool
    """Undone when strong; reported as uncertain otherwise."""


def _is_reversal(pair: str) -> tuple[str, bool] | None:
    """(the word, strong) when ``pair`` YX reads as a reversed word XY."""
    a, b = pair
    word = b + a
    tok = _tokenizer()
    if not (_HAN.match(a) and _HAN.match(b)) or a in NUMERALS or b in NUMERALS:
        return None
    if tok.has_word(pair) or not tok.has_word(word):
        return None
    freq = tok.suggest_freq(word)
    if freq < REVERSAL_MIN or a in function_chars() or b in function_chars():
        return None
    return word, freq >= REVERSAL_FREQ


def _single_han(tok: str) -> bool:
    return len(tok) == 1 and _HAN.match(tok) is not None


def _between_words(tokens: list[str], k: int) -> bool:
    """Tokens ``k`` and ``k+1`` stand between words or punctuation, not inside a run of single
    characters: a set phrase the dictionary lacks (风清气正, 以进促稳, 孝老爱亲) is such a run."""
    before = tokens[k - 1] if k > 0 else ""
    after = tokens[k + 2] if k + 2 < len(tokens) else ""
    return not _single_han(before) and not _single_han(after)


def reversals(text: str) -> list[Reversal]:
    """Two-character reversals in ``text``: two single-character tokens in a row whose swap is a
    frequent word that the segmenter keeps whole in the same place."""
    found: list[Reversal] = []
    base = 0
    for para in text.split("\n"):
        tokens = _tokenizer().cut(para, False) if _HAN.search(para) else []
        pos = 0
        for k, (tok, nxt) in enumerate(zip(tokens, tokens[1:])):
            start = pos
            pos += len(tok)
            if len(tok) != 1 or len(nxt) != 1 or not _between_words(tokens, k):
                continue
            judged = _is_reversal(tok + nxt)
            if judged is None:
                continue
            word, strong = judged
            lo = max(0, start - SPAN)
            window = para[lo:start] + word + para[start + 2 : start + 2 + SPAN]
            if _token_over(window, start - lo, start - lo + 2) is not None:  # the word (or a compound of it) is cut whole
                found.append(Reversal(base + start, base + start + 2, tok + nxt, word, strong))
        base += len(para) + 1
    return found
