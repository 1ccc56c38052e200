"""A very long "word" (a line of letters, a hash, a URL without breaks) in an article: its BPE
tokenization is quadratic in its length, so a 300,000-letter line kept the window's analysis
busy for many minutes ("finding topics…"; 90 s for ``diptych claims`` on 300 kB). Such a
token has no meaning as a word: it gets no vector, at once."""

from __future__ import annotations

import pytest

from diptych.core.compare import _wordvec


class CountingRanks(dict):
    """The BPE merge ranks, counting the lookups (the work, measured without a clock)."""

    lookups = 0

    def get(self, key, default=None):
        CountingRanks.lookups += 1
        return super().get(key, default)


@pytest.fixture
def vectors():
    wv = _wordvec.word_vectors()
    if wv is None:
        pytest.skip("wordllama is not installed")
    fresh = object.__new__(_wordvec.WordVectors)  # the same tables, a cache of its own
    fresh.__dict__.update(wv.__dict__)
    fresh._cache = {}
    fresh._ranks = CountingRanks(wv._ranks)
    CountingRanks.lookups = 0
    return fresh


def test_a_very_long_token_costs_little_and_has_no_vector(vectors):
    word = "abcdefghij" * 500  # 5,000 letters: 12 million lookups before
    assert vectors.vector(word) is None
    assert CountingRanks.lookups < 50_000, CountingRanks.lookups


def test_ordinary_and_long_real_words_still_have_vectors(vectors):
    for word in (
        "lithium",
        "Morales",
        "counterrevolutionary",
        "Donaudampfschifffahrtsgesellschaft",
    ):
        assert vectors.vector(word) is not None, word
