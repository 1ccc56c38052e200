"""The stemmer in use is PyStemmer's C one (a dependency for speed: snowballstemmer hands its
work to it when it is installed), and it stems exactly as the pure-Python Snowball stemmer does,
so terms, claims and topics do not depend on which one a machine has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diptych.core.compare import terms

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_the_c_stemmer_is_the_one_in_use() -> None:
    stemmer_c = pytest.importorskip("Stemmer")
    assert isinstance(terms._STEMMER, stemmer_c.Stemmer)


def test_c_and_python_stemmers_agree_on_every_word_of_the_seeds() -> None:
    stemmer_c = pytest.importorskip("Stemmer")
    from snowballstemmer.english_stemmer import EnglishStemmer

    words = {
        w.lower().replace("’", "'")
        for f in SEEDS.iterdir()
        if f.suffix in (".md", ".txt")
        for w in re.findall(r"[A-Za-z’']+", f.read_text(encoding="utf-8"))
    }
    assert len(words) > 1000
    py, c = EnglishStemmer(), stemmer_c.Stemmer("english")
    assert [w for w in sorted(words) if py.stemWord(w) != c.stemWord(w)] == []
