"""What differs inside a claim: numbers, number words, dates and names."""

from __future__ import annotations

from collections.abc import Sequence

from diptych.core.compare.claims.diff import _is_content
from diptych.core.compare.claims.fragments import _DATE_WORDS, _NUMBER_WORDS, _TITLES
from diptych.core.compare.terms import STOPWORDS, term_of, word_spans
from diptych.core.model import DiffOp


def _figures(words: Sequence[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        low = w.lower()
        if w[0].isdigit() or low in _NUMBER_WORDS or low in _DATE_WORDS:
            out.append(w)
    return out


def _names(words: Sequence[str]) -> list[str]:
    return [
        w
        for w in words
        if w[0].isupper()
        and w.lower() not in _TITLES
        and w.lower() not in _DATE_WORDS
        and w.lower() not in STOPWORDS
    ]


def _term(w: str) -> str:
    return term_of(w) or w.lower()


def _same_words(x: Sequence[str], y: Sequence[str]) -> bool:
    return {_term(w) for w in x} == {_term(w) for w in y}


def claim_differs(diff: Sequence[DiffOp], max_words: int = 4) -> tuple[tuple[str, str], ...]:
    """Figures, dates and names that differ inside a claim's matching fragments.

    Reads the word diff of the cores: in each run of edits where both sides say something
    short in the same place (one replaces the other, at most ``max_words`` content words a
    side: a longer run is a different wording, not a different fact), the numbers (digits or
    number words), dates (months, weekdays) and, when both sides name someone, capitalised
    names. A run where only one side adds words is extra detail, not a disagreement. The first
    word of a fragment is never a name (it is capitalised because it starts the sentence), and
    a figure, date or name the other side also gives, elsewhere in its fragment ("on Tuesday
    night" / "late on Tuesday"), was moved, not changed.
    Returns (what A says, what B says) per run; a side without a figure says ""."""
    runs: list[tuple[list[str], list[str]]] = []
    cur: tuple[list[str], list[str]] | None = None
    opening: set[str] = set()  # the capitalised first word of each side's fragment
    start = {-1: True, 1: True}  # the next word of that side opens the fragment
    said: dict[int, set[str]] = {-1: set(), 1: set()}  # every word of each side, as terms
    for op, text in diff:
        words = [text[s:e] for s, e in word_spans(text)]
        for side in (-1, 1) if op == 0 else (op,):
            said[side].update(_term(w) for w in words)
        if words:
            for side in (-1, 1) if op == 0 else (op,):
                if start[side] and op != 0:
                    opening.add(words[0])
                start[side] = False
        if op == 0:
            cur = None
            continue
        if cur is None:
            cur = ([], [])
            runs.append(cur)
        (cur[0] if op < 0 else cur[1]).extend(words)
    out: list[tuple[str, str]] = []
    for da, ib in runs:
        ca = [w for w in da if _is_content(w)]
        cb = [w for w in ib if _is_content(w)]
        if not ca or not cb or len(ca) > max_words or len(cb) > max_words:
            continue
        fa = [w for w in _figures(da) if _term(w) not in said[1]]
        fb = [w for w in _figures(ib) if _term(w) not in said[-1]]
        if (fa or fb) and not _same_words(fa, fb):
            out.append((" ".join(fa), " ".join(fb)))
            continue
        na = [w for w in _names(da) if w not in opening and _term(w) not in said[1]]
        nb = [w for w in _names(ib) if w not in opening and _term(w) not in said[-1]]
        if na and nb and not _same_words(na, nb):
            out.append((" ".join(na), " ".join(nb)))
    return tuple(out)
