"""Counts in words: "1 highlight", "2 highlights", "1,239 words"; a claim's differing
figures in words."""

from __future__ import annotations

from collections.abc import Callable, Sequence


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, the noun plural unless ``n`` is 1 (``plural`` for irregular ones)."""
    word = noun if n == 1 else (plural if plural is not None else noun + "s")
    return f"{n:,} {word}"


def lost_highlights(highlights: int, files: int) -> str:
    """ "1 highlight belongs to a file that is gone", "5 highlights belong to 2 files that
    are gone": the subject and both verbs agree with their counts."""
    verb = "belongs" if highlights == 1 else "belong"
    where = "a file that is gone" if files == 1 else f"{counted(files, 'file')} that are gone"
    return f"{counted(highlights, 'highlight')} {verb} to {where}"


def differs_said(a_words: str, b_words: str, mark: Callable[[str], str] = str) -> str:
    """What differs inside a claim, in words: "differs: A says 3, B says 4", or "differs: B
    says dozens, hundreds where A gives no other figure or date" (``a_words``/``b_words``: the
    figures, dates or names each side gives, as written, separated by ", ": "600 million",
    "half a billion"; only a figure or a date is ever given by one side alone; ``mark``: how
    a side's words are shown, e.g. escaped and bold in the panel)."""
    if a_words and b_words:
        return f"differs: A says {mark(a_words)}, B says {mark(b_words)}"
    said, other = ("A", "B") if a_words else ("B", "A")
    return f"differs: {said} says {mark(a_words or b_words)} where {other} gives no other figure or date"


# what each of the engine's doubts about a claim means to a reader (``ClaimPair.doubts``)
DOUBT_SAID = {
    "unrelated": "the two articles look unrelated",
    "better_partner": "the shorter sentence matches another sentence better",
    "scattered": "the shared words are scattered, not one shared statement",
    "meaning": "the meaning of the words is no closer than chance",
    "model": "the rest of the two sentences differs too much",
}


def doubts_listed(doubts: Sequence[str]) -> str:
    """A claim's doubts in words, one after another: "the shared words are scattered, not one
    shared statement; the rest of the two sentences differs too much" ("" for none)."""
    return "; ".join(DOUBT_SAID.get(d, d) for d in doubts)


def doubts_said(doubts: Sequence[str]) -> str:
    """Why a claim is only possible: "possible: " and its doubts (``doubts_listed``); "" for
    none."""
    return "possible: " + doubts_listed(doubts) if doubts else ""
