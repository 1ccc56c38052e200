"""Code-point ↔ UTF-16 offset conversion: the one boundary between core and Qt positions."""

from __future__ import annotations

import re
from bisect import bisect_right

# characters outside the Basic Multilingual Plane: two UTF-16 units each
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Converts offsets in one text between code points (Python) and UTF-16 units (Qt).

    Built once per text; conversions are O(log k) where k is the number of astral
    characters (emoji etc.), and O(1) for texts without any.
    """

    __slots__ = ("_astral", "_len_cp", "_len_u16")

    def __init__(self, text: str) -> None:
        # code-point indices of characters outside the BMP (two UTF-16 units each); found by
        # the regex engine (a Python loop over a 1 MB text takes a fifth of a second)
        if text.isascii():
            self._astral: list[int] = []
        else:
            self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._len_cp = len(text)
        self._len_u16 = len(text) + len(self._astral)

    @property
    def utf16_length(self) -> int:
        return self._len_u16

    def to_utf16(self, cp: int) -> int:
        """UTF-16 offset of code-point offset ``cp`` (clamped to the text)."""
        cp = max(0, min(cp, self._len_cp))
        if not self._astral:
            return cp
        return cp + bisect_right(self._astral, cp - 1)

    def to_codepoint(self, u16: int) -> int:
        """Code-point offset of UTF-16 offset ``u16``; a position inside a surrogate pair
        snaps back to the start of that character."""
        u16 = max(0, min(u16, self._len_u16))
        if not self._astral:
            return u16
        lo, hi = 0, len(self._astral)
        # number of astral chars whose UTF-16 start is < u16 decides the shift
        while lo < hi:
            mid = (lo + hi) // 2
            if self._astral[mid] + mid < u16:
                lo = mid + 1
            else:
                hi = mid
        # lo astral chars start before u16; if the last one's second unit is at u16-... snap
        cp = u16 - lo
        if lo and self._astral[lo - 1] + (lo - 1) + 1 == u16:
            # u16 points at the low surrogate of astral char lo-1: snap to its start
            return self._astral[lo - 1]
        return cp
