"""Words and content terms: the tokenising and stemming that claims and topics share.

``word_spans`` finds the words of a text (code-point spans); ``content_terms`` turns text into
lower-cased, Porter2 (Snowball English) stemmed terms with stop words removed. Names and
numbers are kept: an all-capitals acronym ("US", "MAS") or a dotted abbreviation ("U.S.") is a
name even when its lower-case form is a stop word, and digit runs ("2019", "3.5") stay as they
are. In a sentence written in capitals throughout (``is_shouting``) a capital word is an
ordinary word (``term_in``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import snowballstemmer

# A word: letters/digits with inner apostrophes ("Bolivia's", "don't"); a dotted abbreviation
# ("U.S.", "e.g."); or a number with inner separators ("2,000", "3.5"). Hyphens split words,
# so "US-backed" and "backed by the US" share both terms.
_WORD_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S. / e.g.
    r"|\d+(?:[.,:]\d+)*"  # 2019, 2,000, 3.5
    r"|[^\W_]+(?:['’][^\W_]+)*"  # words, with inner apostrophes
)

_STOPWORD_TEXT = """
    a about above after again against all also although am among an and another any anyone
    anything are aren't as at be became because become becomes been before being below between
    both but by can can't cannot could couldn't did didn't do does doesn't doing don't done down
    during each either else enough etc even ever every few for from further had hadn't has hasn't
    have haven't having he he'd he'll he's her here here's hers herself him himself his how how's
    however i i'd i'll i'm i've if in into is isn't it it's its itself just least less let's like
    made make many may me might more most much must mustn't my myself neither no nor not now of
    off often on once one only onto or other others otherwise ought our ours ourselves out over
    own per perhaps quite rather really said same say says shall shan't she she'd she'll she's
    should shouldn't since so some something still such than that that's the their theirs them
    themselves then there there's therefore these they they'd they'll they're they've this those
    though through thus to too toward towards under until up upon us very via was wasn't we we'd
    we'll we're we've were weren't what what's whatever when when's where where's whereas whether
    which while who who's whom whose why why's will with within without won't would wouldn't yet
    you you'd you'll you're you've your yours yourself yourselves
    mr mrs ms dr
    """
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

_STEMMER = snowballstemmer.stemmer("english")


def word_spans(text: str) -> list[tuple[int, int]]:
    """The words of ``text`` as half-open code-point spans, in order."""
    return [m.span() for m in _WORD_RE.finditer(text)]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Porter2 stem of a lower-case word (curly apostrophes read as straight ones)."""
    return str(_STEMMER.stemWord(word.replace("’", "'")))


def term_of(word: str) -> str | None:
    """The content term of one surface word, or None for a stop word.

    Acronyms and dotted abbreviations are names: kept (dots dropped) even when their lower-case
    form is a stop word. Numbers are kept unstemmed.
    """
    if not word:
        return None
    if word[0].isdigit():
        return word
    if "." in word:  # dotted abbreviation: U.S. -> us
        return word.replace(".", "").lower()
    low = word.lower().replace("’", "'")
    if len(word) >= 2 and word.isupper() and word.isalpha():
        return low  # acronym: US, MAS, OAS
    if low in STOPWORDS or len(low) < 2:
        return None
    return stem(low)


# a stretch of text is written in capitals throughout ("DOWN WITH THE US-BACKED COUP") when
# at least this many of its words, and this share of them, are capitals of two letters or more
_SHOUTING_WORDS = 3
_SHOUTING_SHARE = 0.8


def is_shouting(words: Sequence[str]) -> bool:
    """Whether ``words`` (a sentence's) are written in capitals throughout: then a capital word
    is an ordinary word in capitals, not an acronym (see ``term_in``)."""
    long = [w for w in words if len(w) >= 2 and any(c.isalpha() for c in w)]
    caps = sum(1 for w in long if w.isupper())
    return caps >= _SHOUTING_WORDS and caps >= _SHOUTING_SHARE * len(long)


def read_as(word: str, shouting: bool) -> str:
    """The word ``term_of`` is asked about for a word of a sentence written in capitals
    throughout (``shouting``) or not: in capitals throughout, "PRESIDENT" is read as the word
    "president" (stemmed, so it meets the same word written normally) and "WITH" as a stop
    word, not as acronyms; a dotted abbreviation stays one. (Callers that memoise ``term_of``
    key their memo by this word.)"""
    return word.lower() if shouting and word.isupper() and "." not in word else word


def term_in(word: str, shouting: bool) -> str | None:
    """``term_of`` a word of a sentence written in capitals throughout or not (``read_as``)."""
    return term_of(read_as(word, shouting))


def content_terms(text: str) -> list[str]:
    """Lower-cased, stemmed content terms of ``text`` in order (stop words removed)."""
    out: list[str] = []
    for m in _WORD_RE.finditer(text):
        t = term_of(m.group())
        if t is not None:
            out.append(t)
    return out


def terms_with_spans(text: str) -> list[tuple[str, int, int]]:
    """Content terms of ``text`` with the code-point span of the word each came from."""
    out: list[tuple[str, int, int]] = []
    for m in _WORD_RE.finditer(text):
        t = term_of(m.group())
        if t is not None:
            out.append((t, m.start(), m.end()))
    return out
