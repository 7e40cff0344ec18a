"""The fast segmenter (jieba-rs) gives the related-items search the same words as Python jieba."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from generator.assemble import related
from generator.assemble import words as segmenter


@pytest.fixture(scope="module")
def reference():
    """Python jieba with the user dictionary, as the project used it before (the reference)."""
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "user.txt"
        path.write_text("".join(f"{t} {segmenter.USER_FREQ}\n" for t in segmenter.user_terms()), encoding="utf-8")
        tok.load_userdict(str(path))
    return tok


def test_base_frequency_file_is_current():
    expected = segmenter.jieba_dictionary_freqs(segmenter.user_terms())
    assert segmenter.base_freqs() == expected, "generator/data/jieba_base_freq.tsv is stale: run `python -m generator.segmenter`"


def test_same_words_as_python_jieba_on_every_seed_item(corpus, reference):
    stop = related.stopwords()
    items = [it.text for d in corpus.documents for it in d.items()]
    assert len(items) > 140
    differ = []
    for text in items:
        ours = related.tokens(text)
        theirs = [w for w in reference.lcut(text) if related._WORD.fullmatch(w) and w not in stop]
        if ours != theirs:
            differ.append((text[:30], ours, theirs))
    assert differ == []


def test_close_call_follows_the_dictionary_total(reference):
    # 群众意见 (frequency 3) against 群众 + 意见: decided by the dictionary total, which the correction keeps equal.
    text = "广泛征求群众意见"
    assert segmenter.cut(text) == reference.lcut(text)
    assert "群众意见" in segmenter.cut(text)
