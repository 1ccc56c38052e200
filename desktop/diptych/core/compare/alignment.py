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
    "LocalAligner",
    "PairAnchors",
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
    pairs = [(a[i], b[j]) for i, j in matched]
    # A topic's sections left out of the in-order pairing (a theme that comes earlier in one
    # article than in the other) are paired k-th with k-th too: they cross the other anchors,
    # so the global chain drops them, but the local chains of synced scrolling use them.
    used_a, used_b = {i for i, _ in matched}, {j for _, j in matched}
    rest_b: dict[str, list[TopicSection]] = {}
    for j, s in enumerate(b):
        if j not in used_b:
            rest_b.setdefault(s.topic, []).append(s)
    for i, s in enumerate(a):
        if i not in used_a and rest_b.get(s.topic):
            pairs.append((s, rest_b[s.topic].pop(0)))
    return pairs


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
    return [*_section_anchors(topics), *_claim_anchors(claims, min_score)]


def _section_anchors(topics: ArticleTopics) -> list[AnchorPoint]:
    return [
        AnchorPoint(sa.start, sb.start, SECTION_WEIGHT)
        for sa, sb in _paired_sections(topics.a, topics.b)
    ]


def _claim_anchors(claims: ClaimsResult, min_score: float) -> list[AnchorPoint]:
    return [
        AnchorPoint(c.a.start, c.b.start, CLAIM_WEIGHT * c.score)
        for c in claims.claims
        if c.tier == "strong" and c.score >= min_score
    ]


def _merged(points: Iterable[AnchorPoint], len_a: int, len_b: int) -> list[tuple[int, int, float]]:
    """The candidates of ``AnchorChain.build``: points inside both texts, those at the same
    place merged (their weights added, in the order given), sorted."""
    if len_a < 0 or len_b < 0:
        raise ValueError(f"negative article length ({len_a}, {len_b})")
    merged: dict[tuple[int, int], float] = {}
    if len_a > 0 and len_b > 0:
        for p in points:
            if 0 < p.a < len_a and 0 < p.b < len_b and p.weight > 0:
                merged[(p.a, p.b)] = merged.get((p.a, p.b), 0.0) + p.weight
    return sorted((a, b, w) for (a, b), w in merged.items())


class PairAnchors:
    """``AnchorChain.build(anchors_for_pair(topics, claims), len_a, len_b)`` for one pair's
    topics while the reader's verdicts change its claims one at a time: the topic sections
    are paired once (an LCS of the two articles' topic sequences), the claims' anchor points
    are read again (a pass over the claims, no sorting), and the chain is built again only
    when those points changed: a verdict on a claim already strong, or rejecting a possible
    one, changes no anchor and keeps the chain (the same object). ``chain(claims)`` equals a
    rebuild (tests/core/test_verdicts_incremental.py)."""

    def __init__(
        self,
        topics: ArticleTopics,
        len_a: int,
        len_b: int,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
    ) -> None:
        self.topics, self.len_a, self.len_b, self.min_score = topics, len_a, len_b, min_score
        self._sections = _section_anchors(topics)
        # the candidates last asked for and their chain
        self._last: tuple[list[tuple[int, int, float]], AnchorChain] | None = None

    def _candidates(self, claims: ClaimsResult) -> list[tuple[int, int, float]]:
        points = [*self._sections, *_claim_anchors(claims, self.min_score)]
        return _merged(points, self.len_a, self.len_b)

    def chain(self, claims: ClaimsResult) -> AnchorChain:
        triples = self._candidates(claims)
        last = self._last
        if last is not None and last[0] == triples:
            return last[1]
        chain = AnchorChain.from_candidates(triples, self.len_a, self.len_b)
        self._last = (triples, chain)
        return chain


def _best_ending(
    order: Sequence[tuple[int, int, float]],
) -> tuple[list[float], list[int]]:
    """For points sorted by a ascending and, for equal a, b descending: the weight of the
    heaviest chain strictly increasing in both coordinates that ends at each point, and the
    point before it in that chain (-1: none). A weighted longest strictly increasing
    subsequence on b, with a Fenwick tree of prefix maxima over b's ranks: O(n log n)."""
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
    return best_w, prev


def _heaviest_chain(points: Sequence[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The chain of maximum total weight strictly increasing in both coordinates.

    Points sorted by a ascending and, for equal a, b descending, so no two points with the same
    a can chain; then ``_best_ending``: O(n log n).
    """
    if not points:
        return []
    order = sorted(points, key=_chain_order)
    return _read_heaviest(order, *_best_ending(order))


def _chain_order(p: tuple[int, int, float]) -> tuple[int, int]:
    """The order ``_best_ending`` reads points in: a ascending, for equal a b descending."""
    return p[0], -p[1]


def _read_heaviest(
    order: Sequence[tuple[int, int, float]], best_w: Sequence[float], prev: Sequence[int]
) -> list[tuple[int, int, float]]:
    """The heaviest chain of the points ``order`` (as ``_chain_order`` sorts them), read off
    ``_best_ending``'s answer for them: from the end of greatest weight (the first of equal
    ones) back along the links (of ``_heaviest_chain`` and ``_ChainLinks.heaviest``)."""
    if not order:
        return []
    k = max(range(len(order)), key=lambda i: (best_w[i], -i))
    chain = []
    while k >= 0:
        chain.append(order[k])
        k = prev[k]
    chain.reverse()
    return chain


class _ChainLinks:
    """For every candidate: the heaviest chain ending at it and the heaviest one starting at
    it (as links to the neighbour in each), computed once in O(n log n), so that the heaviest
    chain through any candidate is read off in O(its length)."""

    def __init__(self, candidates: Sequence[AnchorPoint]) -> None:
        fwd = sorted(((p.a, p.b, p.weight) for p in candidates), key=_chain_order)
        best_w, prev = _best_ending(fwd)
        self._best_w = best_w
        # the chains starting at each point: the chains ending there on the mirrored points
        bwd = sorted(((-p.a, -p.b, p.weight) for p in candidates), key=_chain_order)
        _, nxt = _best_ending(bwd)
        self._fwd, self._prev = fwd, prev
        self._bwd, self._next = bwd, nxt
        self._at_fwd = {(a, b): i for i, (a, b, _) in enumerate(fwd)}
        self._at_bwd = {(-a, -b): i for i, (a, b, _) in enumerate(bwd)}

    def heaviest(self) -> list[tuple[int, int, float]]:
        """The heaviest chain of all the candidates: ``_heaviest_chain`` of them, read off
        the links (its sort and its pass are the ones made here already)."""
        return _read_heaviest(self._fwd, self._best_w, self._prev)

    def through(self, anchor: AnchorPoint) -> list[tuple[int, int, float]] | None:
        """The heaviest chain through ``anchor`` in A order; None if it is not a candidate."""
        i = self._at_fwd.get((anchor.a, anchor.b))
        j = self._at_bwd.get((anchor.a, anchor.b))
        if i is None or j is None:
            return None
        before = []
        k = self._prev[i]
        while k >= 0:
            before.append(self._fwd[k])
            k = self._prev[k]
        after = []
        k = self._next[j]
        while k >= 0:
            a, b, w = self._bwd[k]
            after.append((-a, -b, w))
            k = self._next[k]
        return [*reversed(before), self._fwd[i], *after]


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
    defines. Build it with ``AnchorChain.build``.

    ``candidates`` keeps every anchor it was built from (merged, in A order), including those
    that cross the chain: ``chain_through`` gives the heaviest chain that passes through one
    of them, which is what synced scrolling uses while that anchor is at the sync line
    (``LocalAligner``)."""

    points: tuple[AnchorPoint, ...]
    len_a: int
    len_b: int
    candidates: tuple[AnchorPoint, ...] = ()
    _xs: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _ys: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _members: frozenset[tuple[int, int]] = field(init=False, repr=False, compare=False)
    _links: _ChainLinks | None = field(init=False, repr=False, compare=False, default=None)

    @classmethod
    def build(cls, points: Iterable[AnchorPoint], len_a: int, len_b: int) -> AnchorChain:
        """The heaviest chain of ``points`` strictly increasing in both coordinates, between
        (0, 0) and (len_a, len_b). Points outside the two texts, or on their ends, are
        dropped; points at the same place merge, adding their weights."""
        return cls.from_candidates(_merged(points, len_a, len_b), len_a, len_b)

    @classmethod
    def from_candidates(
        cls, triples: Sequence[tuple[int, int, float]], len_a: int, len_b: int
    ) -> AnchorChain:
        """``build`` from its candidates: (a, b, weight) inside both texts, merged, sorted.
        The chain is read off the candidates' links (``_ChainLinks``), which ``chain_through``
        needs whenever some candidates cross it: one sort and pass for both."""
        candidates = tuple(AnchorPoint(a, b, w) for a, b, w in triples)
        links = _ChainLinks(candidates)
        inner = links.heaviest()
        chain = (
            AnchorPoint(0, 0, 0.0),
            *(AnchorPoint(a, b, w) for a, b, w in inner),
            AnchorPoint(len_a, len_b, 0.0),
        )
        built = cls(points=chain, len_a=len_a, len_b=len_b, candidates=candidates)
        if len(candidates) > len(inner):  # as link_candidates decides
            object.__setattr__(built, "_links", links)
        return built

    def link_candidates(self) -> None:
        """Prepare ``chain_through`` when some candidates cross the chain (done by ``build``,
        off the UI thread, so that no scroll step pays for it)."""
        if self._links is None and len(self.candidates) > len(self.points) - 2:
            object.__setattr__(self, "_links", _ChainLinks(self.candidates))

    def __post_init__(self) -> None:
        # Coordinate columns for O(log n) lookups (set once: the dataclass is frozen).
        object.__setattr__(self, "_xs", tuple(p.a for p in self.points))
        object.__setattr__(self, "_ys", tuple(p.b for p in self.points))
        object.__setattr__(self, "_members", frozenset((p.a, p.b) for p in self.points))

    def contains(self, anchor: AnchorPoint) -> bool:
        """Whether ``anchor`` (by its offsets) is a point of this chain."""
        return (anchor.a, anchor.b) in self._members

    def chain_through(self, anchor: AnchorPoint) -> AnchorChain:
        """The heaviest chain of the candidates that passes through ``anchor``: the heaviest
        chain of those strictly before it (in both texts), the anchor, and the heaviest chain
        of those strictly after it. The first call links every candidate to its neighbours
        in O(n log n) (``_ChainLinks``); each chain is then read off in O(its length)."""
        if self.contains(anchor):
            return self
        self.link_candidates()
        inner = self._links.through(anchor) if self._links is not None else None
        if inner is None:  # not a candidate: the chains before and after it, found now
            before = [
                (p.a, p.b, p.weight) for p in self.candidates if p.a < anchor.a and p.b < anchor.b
            ]
            after = [
                (p.a, p.b, p.weight) for p in self.candidates if p.a > anchor.a and p.b > anchor.b
            ]
            inner = [
                *_heaviest_chain(before),
                (anchor.a, anchor.b, anchor.weight),
                *_heaviest_chain(after),
            ]
        points = (
            AnchorPoint(0, 0, 0.0),
            *(AnchorPoint(a, b, w) for a, b, w in inner),
            AnchorPoint(self.len_a, self.len_b, 0.0),
        )
        chain = AnchorChain(points, self.len_a, self.len_b, self.candidates)
        object.__setattr__(chain, "_links", self._links)  # the same candidates: share them
        return chain

    def swapped(self) -> AnchorChain:
        """The same chain seen from the other side (B becomes A)."""
        out = AnchorChain(
            tuple(AnchorPoint(p.b, p.a, p.weight) for p in self.points),
            self.len_b,
            self.len_a,
            tuple(
                sorted(
                    (AnchorPoint(p.b, p.a, p.weight) for p in self.candidates),
                    key=lambda p: (p.a, p.b),
                )
            ),
        )
        if self._links is not None:
            out.link_candidates()
        return out

    def map_a_to_b(self, offset: float) -> float:
        """The offset in B matching ``offset`` in A (clamped to A's text), interpolated."""
        return _interpolate(offset, self._xs, self._ys)

    def map_b_to_a(self, offset: float) -> float:
        """The offset in A matching ``offset`` in B (clamped to B's text), interpolated."""
        return _interpolate(offset, self._ys, self._xs)


class LocalAligner:
    """The offset map synced scrolling uses, chosen around the reader rather than once.

    The global chain keeps only anchors in the same order in both articles; a passage whose
    partner comes earlier or later relative to the others (the lithium passages of the seed
    pair) would never face it. So the aligner keeps a chain *in use*: when the reader's
    position (the text at the leading pane's sync line) passes an anchor that is not in that
    chain, it switches to the heaviest chain through that anchor. Among several anchors at
    the same place, one already in the chain wins (no jump), else the one whose partner is
    nearest to where the chain in use maps that place (the smallest jump).

    ``update(side, offset)`` says whether the chain in use changed (the follower then jumps);
    ``map(side, offset)`` maps through the chain in use. Monotone anchors never switch, and
    mapping back and forth through one chain is the identity, so the panes do not chase each
    other. Pure Python (no Qt).
    """

    def __init__(self, chain: AnchorChain) -> None:
        self.base = chain
        self.current = chain
        self._by_side = {
            "a": sorted(chain.candidates, key=lambda p: (p.a, -p.weight)),
            "b": sorted(chain.candidates, key=lambda p: (p.b, -p.weight)),
        }
        self._keys = {
            "a": [p.a for p in self._by_side["a"]],
            "b": [p.b for p in self._by_side["b"]],
        }
        self._cache: dict[tuple[int, int], AnchorChain] = {}

    def last_crossed(self, side: str, offset: float) -> list[AnchorPoint]:
        """The anchors at the largest offset at or before ``offset`` on ``side``."""
        keys = self._keys[side]
        i = bisect_right(keys, offset) - 1
        if i < 0:
            return []
        at = keys[i]
        out = []
        while i >= 0 and keys[i] == at:
            out.append(self._by_side[side][i])
            i -= 1
        return out

    def update(self, side: str, offset: float) -> bool:
        """Follow the reader at ``offset`` of ``side``; True when the chain in use changed."""
        crossed = self.last_crossed(side, offset)
        if not crossed or any(self.current.contains(p) for p in crossed):
            return False
        # several partners for one passage: the one nearest where the chain in use puts it
        # (the smallest jump), then the heaviest
        here = self.map(side, offset)

        def jump(p: AnchorPoint) -> tuple[float, float, int, int]:
            partner = p.b if side == "a" else p.a
            return (abs(partner - here), -p.weight, p.a, p.b)

        anchor = min(crossed, key=jump)
        key = (anchor.a, anchor.b)
        chain = self._cache.get(key)
        if chain is None:
            chain = self._cache[key] = self.base.chain_through(anchor)
        self.current = chain
        return True

    def map(self, side: str, offset: float) -> float:
        """``offset`` of ``side`` mapped to the other side through the chain in use."""
        if side == "a":
            return self.current.map_a_to_b(offset)
        return self.current.map_b_to_a(offset)
