"""Quote matching: fuzzy scores, their thresholds, and snapping a match to the quote's words."""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from diptych.core.model import TextQuoteSelector

# Weights of Hypothesis' matchQuote.
_W_QUOTE, _W_PREFIX, _W_SUFFIX, _W_POS = 50.0, 20.0, 20.0, 2.0
_W_TOTAL = _W_QUOTE + _W_PREFIX + _W_SUFFIX + _W_POS
_MAX_CANDIDATES = 40
_REFINED_CANDIDATES = 4
_PIECE_CAP = 300  # a piece of the quote found more often than this says little about where
_WORDS_VOTING = 6  # rarest words of a quote that vote for candidate places
_WORD_RE = re.compile(r"\w+")
_LOCAL_SPAN = 4000  # code points searched first on each side of the expected place


def _similarity(a: str, b: str) -> float:
    """1 − edit distance / length of the longer string (1.0 for two empty strings)."""
    if not a and not b:
        return 1.0
    return 1.0 - Levenshtein.distance(a, b) / max(len(a), len(b))


def _context_score(stored: str, actual: str, at_edge: bool) -> float:
    if not stored:
        # The highlight touched the start/end of its text: matching that is full support,
        # anything else is neutral.
        return 1.0 if at_edge else 0.5
    return _similarity(stored, actual)


def _min_quote_score_near(length: int) -> float:
    """How closely the text at the diff-mapped place must match the quote: the diff vouches
    for the place, so a moderately edited quote is still accepted there."""
    if length < 5:
        return 1.0
    return 0.85 if length < 20 else 0.7


def _min_quote_score(length: int) -> float:
    """How closely a fuzzy-search candidate must match the quote, by quote length."""
    if length < 8:
        return 1.0
    if length < 20:
        return 0.85
    return 0.75


def _min_context_score(length: int) -> float:
    """How much prefix/suffix support a fuzzy-search candidate needs, by quote length: short
    quotes occur everywhere, so they need their surroundings to match too."""
    if length < 12:
        return 0.6
    if length < 32:
        return 0.4
    return 0.0


def _min_side_score(length: int) -> float:
    """How well *each* side's context must match for a short quote found away from where the
    diff vouches for it: one matching side is what any place right after a deleted sentence
    has (its prefix), so it is no evidence that the words are the same."""
    if length < 12:
        return 0.5
    if length < 32:
        return 0.4
    return 0.0


def _align(
    quote: str, text: str, lo: int, hi: int, snap: tuple[bool, bool] = (True, True)
) -> tuple[int, int, float]:
    """Best placement of ``quote`` inside ``text[lo:hi]``: (start, end, quote similarity).
    ``snap``: whether the start/end may widen to a whole word (not where the quote itself
    starts/ends inside a word)."""
    window = text[lo:hi]
    if not window:
        return lo, lo, 0.0
    if len(window) <= len(quote):
        start, end = 0, len(window)
    else:
        # Seed: the best quote-sized window (semi-global), then let the ends move.
        al = fuzz.partial_ratio_alignment(quote, window)
        if al is None or al.dest_end <= al.dest_start:
            return lo, lo, 0.0
        start, end = al.dest_start, al.dest_end
    start, end = _refine(quote, window, start, end)
    start, end = _snap_to_words(text, quote, lo + start, lo + end, snap)
    return start, end, _similarity(quote, text[start:end])


def _snap_to_words(
    text: str, quote: str, start: int, end: int, snap: tuple[bool, bool] = (True, True)
) -> tuple[int, int]:
    """Widen an edited quote's placement to whole words where the quote itself starts/ends a
    word: when "celebrated" became "hailed", the highlight takes "hailed", not "ailed"."""
    limit = 24  # a word longer than this is not worth completing
    if snap[0] and quote[:1].isalnum():
        k = 0
        while 0 < start < end and k < limit and text[start - 1].isalnum() and text[start].isalnum():
            start, k = start - 1, k + 1
    if snap[1] and quote[-1:].isalnum():
        k = 0
        while (
            start < end < len(text)
            and k < limit
            and text[end].isalnum()
            and text[end - 1].isalnum()
        ):
            end, k = end + 1, k + 1
    return start, end


def _refine(quote: str, window: str, start: int, end: int) -> tuple[int, int]:
    """Nudge the ends of an alignment to the nearby pair with the fewest edits (ties: the
    length closest to the quote's). A global alignment may spend the window's slack inside the
    match (e.g. match a quote's first letter to a letter of the word before)."""
    m, n = len(quote), len(window)
    k = min(12, m // 3 + 2)

    def key(s: int, e: int) -> tuple[int, int, int]:
        return (Levenshtein.distance(quote, window[s:e]), abs((e - s) - m), abs(s - start))

    best = key(start, end)
    for _ in range(8):
        before = (start, end)
        for s in range(max(0, start - k), min(end, start + k + 1)):
            kk = key(s, end)
            if kk < best:
                best, start = kk, s
        for e in range(max(start + 1, end - k), min(n, end + k) + 1):
            kk = key(start, e)
            if kk < best:
                best, end = kk, e
        if (start, end) == before:
            break
    return start, end


def _snaps(quote: TextQuoteSelector) -> tuple[bool, bool]:
    """Whether a placement may widen to whole words at the start/end: not where the quote was
    made inside a word (its context continues the word)."""
    return (
        not (quote.exact[:1].isalnum() and quote.prefix[-1:].isalnum()),
        not (quote.exact[-1:].isalnum() and quote.suffix[:1].isalnum()),
    )


def _best_voted(votes: dict[int, int]) -> list[int]:
    """Candidate starts (buckets of 8) with at least half the best one's support, best first."""
    if not votes:
        return []
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])[:_MAX_CANDIDATES]
    floor = max(1, ranked[0][1] // 2)
    return [key * 8 for key, n in ranked if n >= floor]
