"""Counts in words: "1 highlight", "2 highlights", "1,239 words"."""

from __future__ import annotations


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
