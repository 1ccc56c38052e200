"""Selectors: describing a range as W3C quote and position selectors, and where one landed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from diptych.core.model import TextPositionSelector, TextQuoteSelector

CONTEXT_CHARS = 32
"""Code points of prefix and suffix kept around the exact quote."""

ResolutionStatus = Literal["anchored", "reanchored", "orphaned"]


@dataclass(frozen=True)
class Resolution:
    """Where a highlight landed in the current text.

    ``start``/``end`` are code-point offsets into the new text (``-1`` when orphaned);
    ``score`` is 1.0 for an anchored highlight, the match quality (0..1) for a re-anchored one
    and the best rejected candidate's score (or 0.0) for an orphan.

    ``places``: for an orphan whose quote (with the context it gives) reads exactly at two
    or more places of the text and nothing tells which one is meant, how many: it is found,
    but ambiguous (say so, not "not found"); 0 otherwise.
    """

    status: ResolutionStatus
    start: int
    end: int
    score: float
    places: int = 0

    @property
    def found(self) -> bool:
        return self.status != "orphaned"


ORPHANED = Resolution("orphaned", -1, -1, 0.0)


def unplaced(places: int) -> str:
    """Why an orphan is not placed, in a few words: "ambiguous: 14 places" when its quote
    reads at several places and nothing says which (``Resolution.places``), else "not
    found"."""
    return f"ambiguous: {places} places" if places > 1 else "not found"


def describe(
    text: str, start: int, end: int, context: int = CONTEXT_CHARS
) -> tuple[TextQuoteSelector, TextPositionSelector]:
    """The W3C quote and position selectors of ``text[start:end]`` (code points).

    Raises ``ValueError`` for a range that is empty or outside the text.
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad range [{start}, {end}) for a text of {len(text)} characters")
    quote = TextQuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )
    return quote, TextPositionSelector(start, end)
