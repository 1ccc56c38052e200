"""Diff mapping: offsets in a snapshot mapped to the new text through a character diff."""

from __future__ import annotations

from bisect import bisect_right

from diff_match_patch import diff_match_patch

DIFF_TIMEOUT_S = 1.0
"""Upper bound on one diff of snapshot → new text (diff-match-patch falls back to a coarser
diff past it, and the fuzzy search covers what that misses)."""


class PositionMap:
    """Maps offsets of an old text to a new one through a diff-match-patch diff.

    ``map(loc)`` returns exactly what ``diff_match_patch.diff_xIndex(diffs, loc)`` returns, in
    O(log n) instead of O(n) per call.
    """

    __slots__ = ("_after1", "_after2", "_ops")

    def __init__(self, diffs: list[tuple[int, str]]) -> None:
        self._ops: list[int] = []
        self._after1: list[int] = []
        self._after2: list[int] = []
        c1 = c2 = 0
        for op, chunk in diffs:
            if op != diff_match_patch.DIFF_INSERT:
                c1 += len(chunk)
            if op != diff_match_patch.DIFF_DELETE:
                c2 += len(chunk)
            self._ops.append(op)
            self._after1.append(c1)
            self._after2.append(c2)

    @classmethod
    def between(cls, old_text: str, new_text: str) -> PositionMap:
        """The map of a character diff, cleaned up semantically so that text two versions
        share by coincidence (letters of unrelated words) does not count as kept."""
        dmp = diff_match_patch()
        dmp.Diff_Timeout = DIFF_TIMEOUT_S
        diffs = dmp.diff_main(old_text, new_text)
        dmp.diff_cleanupSemantic(diffs)
        return cls(diffs)

    @classmethod
    def pair_between(cls, old_text: str, new_text: str) -> tuple[PositionMap, PositionMap]:
        """The map of :meth:`between` and the map of the same character diff before its
        semantic cleanup (one diff for both). The cleanup folds a kept run shorter than the
        edits on both sides of it into those edits ("lagoon maple cobalt rune quill" →
        "lagoon river river maple cobalt rune." reads as all replaced): the raw diff still
        says which characters stayed."""
        dmp = diff_match_patch()
        dmp.Diff_Timeout = DIFF_TIMEOUT_S
        diffs = dmp.diff_main(old_text, new_text)
        raw = cls(diffs)
        dmp.diff_cleanupSemantic(diffs)
        return cls(diffs), raw

    def kept(self, start: int, end: int) -> float:
        """The fraction of old text ``[start, end)`` that the new text kept unchanged."""
        if end <= start:
            return 0.0
        total = 0
        i = bisect_right(self._after1, start)
        while i < len(self._ops):
            lo = self._after1[i - 1] if i > 0 else 0
            if lo >= end:
                break
            if self._ops[i] == diff_match_patch.DIFF_EQUAL:
                total += min(end, self._after1[i]) - max(start, lo)
            i += 1
        return total / (end - start)

    def map(self, loc: int) -> int:
        n = len(self._ops)
        if n == 0:
            return loc
        i = bisect_right(self._after1, loc)
        if i < n:
            x = i
            last1 = self._after1[i - 1] if i > 0 else 0
            last2 = self._after2[i - 1] if i > 0 else 0
        else:
            x = n - 1
            last1, last2 = self._after1[-1], self._after2[-1]
        if self._ops[x] == diff_match_patch.DIFF_DELETE:
            return last2
        return last2 + (loc - last1)
