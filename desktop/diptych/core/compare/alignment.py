"""Alignment of two articles for synced scrolling: anchor pairs → a monotone offset map A ↔ B.

Meld keeps two panes of a diff aligned by interpolating between the chunks they share
(``filediff.py::_sync_vscroll``); Diptych does the same with *anchors*: offsets (a, b) known to
correspond, namely the starts of matching topic sections and the starts of confident claim
pairs. Articles order their facts differently, so anchors cross; ``AnchorChain.build`` keeps
the heaviest chain that is strictly increasing in both coordinates (a weighted longest
increasing subsequence, O(n log n)) between the fixed ends (0, 0) and (len_a, len_b), and maps
offsets by piecewise-linear interpolation between consecutive chain points, O(log n) per call.

Pure functions, no Qt: the UI converts pixels to text offsets and back.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from diptych.core.model import AnchorPoint, ArticleTopics, ClaimsResult, TopicSection

__all__ = [
    "CLAIM_WEIGHT",
    "DEFAULT_MIN_SCORE",
    "SECTION_WEIGHT",
    "AnchorChain",
    "anchors_for_pair",
]

DEFAULT_MIN_SCORE = 0.5
SECTION_WEIGHT = 1.0  # a matching topic section start
CLAIM_WEIGHT = 2.0  # times the claim's score: a sure claim outweighs a topic boundary

# Above this many section pairs the order-preserving pairing (an LCS table) would be slow;
# sections are then paired k-th with k-th per topic.
_MAX_LCS_CELLS = 250_000


def _paired_sections(
    a: Sequence[TopicSection], b: Sequence[TopicSection]
) -> list[tuple[TopicSection, TopicSection]]:
    """Sections of the same topic paired in order: a longest common subsequence of the two
    articles' topic sequences (so a topic that comes back later in one article is paired with
    its return in the other, not with an earlier section), else k-th with k-th per topic."""
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return []
    if n * m > _MAX_LCS_CELLS:
        by_topic: dict[str, list[TopicSection]] = {}
        for s in b:
            by_topic.setdefault(s.topic, []).append(s)
        seen: dict[str, int] = {}
        out: list[tuple[TopicSection, TopicSection]] = []
        for s in a:
            k = seen.get(s.topic, 0)
            seen[s.topic] = k + 1
            partners = by_topic.get(s.topic, [])
            if k < len(partners):
                out.append((s, partners[k]))
        return out
    matched = matched_in_order([s.topic for s in a], [s.topic for s in b])
    return [(a[i], b[j]) for i, j in matched]


def matched_in_order(
    keys_a: Sequence[Hashable | None], keys_b: Sequence[Hashable | None]
) -> list[tuple[int, int]]:
    """Index pairs (i, j) of a longest common subsequence of two key sequences: equal keys
    matched in reading order (``None`` never matches). O(len(a) * len(b)) time and memory."""
    n, m = len(keys_a), len(keys_b)
    # lcs[i][j]: LCS length of keys_a[i:] and keys_b[j:].
    lcs = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, nxt, ka = lcs[i], lcs[i + 1], keys_a[i]
        for j in range(m - 1, -1, -1):
            if ka is not None and ka == keys_b[j]:
                row[j] = nxt[j + 1] + 1
            else:
                row[j] = max(nxt[j], row[j + 1])
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if keys_a[i] is not None and keys_a[i] == keys_b[j] and lcs[i][j] == lcs[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i += 1
            j += 1
        elif lcs[i + 1][j] >= lcs[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def anchors_for_pair(
    topics: ArticleTopics, claims: ClaimsResult, *, min_score: float = DEFAULT_MIN_SCORE
) -> list[AnchorPoint]:
    """Anchor points of a pair: starts of matching topic sections, and the starts of strong
    claim pairs (``ClaimPair.tier``) scoring at least ``min_score``; a "possible" claim is
    never an anchor. Not yet monotone: see ``AnchorChain.build``."""
    points = [
        AnchorPoint(sa.start, sb.start, SECTION_WEIGHT)
        for sa, sb in _paired_sections(topics.a, topics.b)
    ]
    for c in claims.claims:
        if c.tier == "strong" and c.score >= min_score:
            points.append(AnchorPoint(c.a.start, c.b.start, CLAIM_WEIGHT * c.score))
    return points


def _heaviest_chain(points: Sequence[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The chain of maximum total weight strictly increasing in both coordinates.

    Points sorted by a ascending and, for equal a, b descending, so no two points with the same
    a can chain; then a weighted longest strictly increasing subsequence on b, with a Fenwick
    tree of prefix maxima over b's ranks: O(n log n).
    """
    if not points:
        return []
    order = sorted(points, key=lambda p: (p[0], -p[1]))
    ranks = {b: r for r, b in enumerate(sorted({p[1] for p in order}), 1)}
    size = len(ranks)
    tree_w = [0.0] * (size + 1)
    tree_i = [-1] * (size + 1)
    best_w = [0.0] * len(order)
    prev = [-1] * len(order)
    for k, (_, b, w) in enumerate(order):
        r = ranks[b] - 1  # strictly smaller b: ranks 1 .. r
        q_w, q_i = 0.0, -1
        while r > 0:
            if tree_w[r] > q_w:
                q_w, q_i = tree_w[r], tree_i[r]
            r -= r & -r
        best_w[k] = q_w + w
        prev[k] = q_i
        r = ranks[b]
        while r <= size:
            if best_w[k] > tree_w[r]:
                tree_w[r], tree_i[r] = best_w[k], k
            r += r & -r
    k = max(range(len(order)), key=lambda i: (best_w[i], -i))
    chain = []
    while k >= 0:
        chain.append(order[k])
        k = prev[k]
    chain.reverse()
    return chain


def _interpolate(x: float, xs: Sequence[int], ys: Sequence[int]) -> float:
    if x <= xs[0]:
        return float(ys[0])
    if x >= xs[-1]:
        return float(ys[-1])
    i = bisect_right(xs, x) - 1
    x0, x1, y0, y1 = xs[i], xs[i + 1], ys[i], ys[i + 1]
    if x1 == x0:
        return float(y0)
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


@dataclass(frozen=True)
class AnchorChain:
    """A monotone chain of anchor points from (0, 0) to (len_a, len_b) and the offset map it
    defines. Build it with ``AnchorChain.build``."""

    points: tuple[AnchorPoint, ...]
    len_a: int
    len_b: int
    _xs: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _ys: tuple[int, ...] = field(init=False, repr=False, compare=False)

    @classmethod
    def build(cls, points: Iterable[AnchorPoint], len_a: int, len_b: int) -> AnchorChain:
        """The heaviest chain of ``points`` strictly increasing in both coordinates, between
        (0, 0) and (len_a, len_b). Points outside the two texts, or on their ends, are
        dropped; points at the same place merge, adding their weights."""
        if len_a < 0 or len_b < 0:
            raise ValueError(f"negative article length ({len_a}, {len_b})")
        merged: dict[tuple[int, int], float] = {}
        if len_a > 0 and len_b > 0:
            for p in points:
                if 0 < p.a < len_a and 0 < p.b < len_b and p.weight > 0:
                    merged[(p.a, p.b)] = merged.get((p.a, p.b), 0.0) + p.weight
        inner = _heaviest_chain([(a, b, w) for (a, b), w in merged.items()])
        chain = (
            AnchorPoint(0, 0, 0.0),
            *(AnchorPoint(a, b, w) for a, b, w in inner),
            AnchorPoint(len_a, len_b, 0.0),
        )
        return cls(points=chain, len_a=len_a, len_b=len_b)

    def __post_init__(self) -> None:
        # Coordinate columns for O(log n) lookups (set once: the dataclass is frozen).
        object.__setattr__(self, "_xs", tuple(p.a for p in self.points))
        object.__setattr__(self, "_ys", tuple(p.b for p in self.points))

    def map_a_to_b(self, offset: float) -> float:
        """The offset in B matching ``offset`` in A (clamped to A's text), interpolated."""
        return _interpolate(offset, self._xs, self._ys)

    def map_b_to_a(self, offset: float) -> float:
        """The offset in A matching ``offset`` in B (clamped to B's text), interpolated."""
        return _interpolate(offset, self._ys, self._xs)
