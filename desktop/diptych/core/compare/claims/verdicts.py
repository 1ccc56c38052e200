"""Applying the reader's verdicts (from the store) to a claims result."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from diptych.core.compare.claims.diff import word_diff
from diptych.core.compare.claims.differs import LowerCaseWords, PersonNames, claim_differs
from diptych.core.compare.claims.find import _shared_terms
from diptych.core.compare.terms import term_of, word_spans
from diptych.core.model import Article, ClaimPair, ClaimsResult, ClaimTier, ClaimVerdictKind, Span


@dataclass(frozen=True)
class VerdictSpans:
    """A reader's verdict located in the current texts (from the store's ``resolve_verdicts``)."""

    a: Span
    b: Span
    verdict: ClaimVerdictKind
    key: str  # the store's verdict id


def _overlaps(x: Span, y: Span) -> bool:
    return x.start < y.end and y.start < x.end


def apply_verdicts(
    result: ClaimsResult, a: Article, b: Article, verdicts: Sequence[VerdictSpans]
) -> tuple[ClaimsResult, dict[int, str]]:
    """The claims with the reader's verdicts applied, and which verdict (its key) each judged
    claim carries, by index in the returned claims.

    A verdict applies to the claim whose sentences overlap both its passages. "same" makes the
    claim strong (a scroll anchor and a gutter band); "different" marks it rejected (its tier
    becomes "possible": no band, no anchor; the panel lists it under "Rejected"). A "same"
    verdict no claim matches is a pair the reader added: it becomes a strong claim of its own
    (score 1.0, the reader's certainty), its diff and differing figures computed as for any
    claim. Claims keep the engine's order: strong first, best first. The sentences of a
    rejected claim that no other claim pairs are listed as only in A / only in B."""
    claims = list(result.claims)
    keys: dict[int, str] = {}
    # for the added pairs' names, read when asked
    lower_case, persons = LowerCaseWords(a.text, b.text), PersonNames(a.text, b.text)
    for v in verdicts:
        hit = next(
            (
                i
                for i, c in enumerate(claims)
                if i not in keys and _overlaps(c.a, v.a) and _overlaps(c.b, v.b)
            ),
            None,
        )
        if hit is None:
            if v.verdict != "same":
                continue  # a rejected pair the engine no longer proposes: nothing to hide
            claims.append(_added_pair(a, b, v, lower_case, persons))
            hit = len(claims) - 1
        else:
            tier: ClaimTier = "strong" if v.verdict == "same" else "possible"
            claims[hit] = replace(claims[hit], verdict=v.verdict, tier=tier)
        keys[hit] = v.key
    order = sorted(range(len(claims)), key=lambda i: _rank_key(claims[i]))
    ranked = tuple(claims[i] for i in order)
    new_index = {old: new for new, old in enumerate(order)}
    # "only in A/B": the sentences no kept claim pairs: a pair the reader added leaves these
    # lists, the sentences of a rejected claim (unless another claim still pairs them) join
    kept = [c for c in ranked if c.verdict != "different"]
    rejected = [c for c in ranked if c.verdict == "different"]

    def only_in(engine: tuple[Span, ...], paired: set[Span], left: set[Span]) -> tuple[Span, ...]:
        spans = (set(engine) | left) - paired
        return tuple(sorted(spans, key=lambda s: (s.start, s.end)))

    return (
        replace(
            result,
            claims=ranked,
            only_in_a=only_in(result.only_in_a, {c.a for c in kept}, {c.a for c in rejected}),
            only_in_b=only_in(result.only_in_b, {c.b for c in kept}, {c.b for c in rejected}),
        ),
        {new_index[i]: k for i, k in keys.items()},
    )


def _rank_key(c: ClaimPair) -> tuple[bool, bool, float]:
    """Where ``apply_verdicts`` lists a claim: strong first, confirmed first, best first."""
    return (c.tier != "strong", c.verdict != "same", -c.score)


class _SpanIndex:
    """The claims whose A span overlaps a passage, found without a look at every claim: the
    distinct A spans sorted by start, with the largest end up to each (so a search stops at
    the first span that, like every one before it, ends before the passage)."""

    def __init__(self, claims: Sequence[ClaimPair]) -> None:
        by_span: dict[tuple[int, int], list[int]] = {}  # (start, end): hashed faster than Span
        for i, c in enumerate(claims):
            by_span.setdefault((c.a.start, c.a.end), []).append(i)
        spans = sorted(by_span)
        self._starts = [start for start, _end in spans]
        self._claims = [by_span[s] for s in spans]
        self._max_end: list[int] = []
        top = -1
        for _start, end in spans:
            top = max(top, end)
            self._max_end.append(top)

    def overlapping(self, span: Span) -> list[int]:
        """Indices of the claims whose A span overlaps ``span`` (in no particular order)."""
        out: list[int] = []
        j = bisect_left(self._starts, span.end) - 1  # the spans starting before its end
        while j >= 0 and self._max_end[j] > span.start:
            out.extend(self._claims[j])
            j -= 1
        return out


class VerdictApplier:
    """``apply_verdicts`` for one engine result, made fast for a reader who gives verdicts
    one by one: what depends on all the claims (where a claim's A span is, the engine's
    order, which sentences are in a kept claim) is worked out once, here; each ``apply``
    then costs what its verdicts touch (a look-up for each, the judged claims moved in the
    order, their sentences in or out of "only in A/B"), plus copying the claims tuple.

    ``apply(verdicts)`` returns exactly what ``apply_verdicts(result, a, b, verdicts)``
    returns (tests/core/test_verdicts_incremental.py rebuilds it from scratch at each step).
    Nothing changes after ``__init__`` but a memo of the pairs the reader added (each one's
    word diff made once): one applier serves any thread."""

    def __init__(self, result: ClaimsResult, a: Article, b: Article) -> None:
        self.result, self.a, self.b = result, a, b
        claims = result.claims
        self._index = _SpanIndex(claims)
        # the pairs the reader added, by their passages (the only state ``apply`` changes:
        # each value is what _added_pair makes for them, on any thread)
        self._added: dict[tuple[Span, Span], ClaimPair] = {}
        # the words the articles write in lower case, for the added pairs' names (read once,
        # when first asked)
        self._lower_case = LowerCaseWords(a.text, b.text)
        self._persons = PersonNames(a.text, b.text)
        keys = [(_rank_key(c), i) for i, c in enumerate(claims)]
        # the engine's claims are in rank order (as find_claims lists them): a judged claim
        # is then moved, the others keep their place; if not, apply sorts them all
        self._ranked = all(keys[i] <= keys[i + 1] for i in range(len(keys) - 1))
        self._keys = keys
        # the sentences a kept claim pairs, and those of a rejected one, counted, by their
        # (start, end) (hashed much faster than a Span)
        self._kept: tuple[dict[tuple[int, int], int], ...] = ({}, {})
        self._rejected: tuple[dict[tuple[int, int], int], ...] = ({}, {})
        spans: tuple[dict[tuple[int, int], Span], ...] = ({}, {})  # the rejected ones
        for c in claims:
            counts = self._rejected if c.verdict == "different" else self._kept
            for side, span in enumerate((c.a, c.b)):
                k = (span.start, span.end)
                counts[side][k] = counts[side].get(k, 0) + 1
                if c.verdict == "different":
                    spans[side].setdefault(k, span)
        self._engine = tuple(
            {(s.start, s.end): s for s in only} for only in (result.only_in_a, result.only_in_b)
        )
        # "only in A/B" with no verdict, as apply_verdicts lists them, and their sort keys
        only_keys = [
            sorted((set(self._engine[side]) | set(self._rejected[side])) - set(self._kept[side]))
            for side in (0, 1)
        ]
        self._only_keys = tuple(only_keys)
        self._only = tuple(
            tuple(self._engine[side].get(k) or spans[side][k] for k in only_keys[side])
            for side in (0, 1)
        )

    def apply(self, verdicts: Sequence[VerdictSpans]) -> tuple[ClaimsResult, dict[int, str]]:
        """The claims with ``verdicts`` applied (see ``apply_verdicts``)."""
        if not self._ranked:  # an engine result not in rank order: the way of a rebuild
            return apply_verdicts(self.result, self.a, self.b, verdicts)
        engine = self.result.claims
        n = len(engine)
        changed: dict[int, ClaimPair] = {}  # claim index (appended: >= n) -> its new value
        keys: dict[int, str] = {}
        added = 0  # pairs the reader added so far (appended after the engine's claims)
        for v in verdicts:
            # the first claim on both passages not judged yet (a pair the reader added is
            # judged from the start: only the engine's claims are looked at)
            hit = min(
                (
                    i
                    for i in self._index.overlapping(v.a)
                    if i not in keys and _overlaps(engine[i].b, v.b)
                ),
                default=None,
            )
            if hit is None:
                if v.verdict != "same":
                    continue  # a rejected pair the engine no longer proposes: nothing to hide
                hit = n + added
                added += 1
                pair = self._added.get((v.a, v.b))
                if pair is None:  # its word diff, made once (every verdict applies them all)
                    pair = self._added[(v.a, v.b)] = _added_pair(
                        self.a, self.b, v, self._lower_case, self._persons
                    )
                changed[hit] = pair
            else:
                tier: ClaimTier = "strong" if v.verdict == "same" else "possible"
                changed[hit] = replace(engine[hit], verdict=v.verdict, tier=tier)
            keys[hit] = v.key
        ranked, new_index = self._reorder(changed)
        only_a, only_b = (self._only_in(side, changed) for side in (0, 1))
        return (
            replace(self.result, claims=ranked, only_in_a=only_a, only_in_b=only_b),
            {new_index[i]: k for i, k in keys.items()},
        )

    def _reorder(
        self, changed: dict[int, ClaimPair]
    ) -> tuple[tuple[ClaimPair, ...], dict[int, int]]:
        """The claims in rank order, as the stable sort of ``apply_verdicts`` lists them, and
        where each changed claim went: the others keep their order (they were in rank order
        already), each changed one goes before the first of them that ranks after it."""
        engine = self.result.claims
        events: list[tuple[int, int, tuple[tuple[bool, bool, float], int]]] = []
        for i, c in changed.items():
            if i < len(engine):
                events.append((i, 1, ((False, False, 0.0), i)))  # its old place: left
            key = (_rank_key(c), i)
            events.append((bisect_left(self._keys, key), 0, key))  # inserted there
        events.sort()
        out: list[ClaimPair] = []
        new_index: dict[int, int] = {}
        cursor = 0
        for at, leaving, key in events:
            out.extend(engine[cursor:at])
            if leaving:
                cursor = at + 1
            else:
                cursor = at
                new_index[key[1]] = len(out)
                out.append(changed[key[1]])
        out.extend(engine[cursor:])
        return tuple(out), new_index

    def _only_in(self, side: int, changed: dict[int, ClaimPair]) -> tuple[Span, ...]:
        """ "Only in A" (side 0) or "only in B": the sentences of the changed claims (before
        and after) taken out of the no-verdict list, and put back where they still belong."""
        engine = self.result.claims
        kept: dict[tuple[int, int], int] = {}  # (start, end) -> how many more kept claims
        rejected: dict[tuple[int, int], int] = {}  # how many more rejected ones
        spans: dict[tuple[int, int], Span] = {}
        for i, c in changed.items():
            if i < len(engine):
                old = engine[i]
                span = (old.a, old.b)[side]
                k = (span.start, span.end)
                d = rejected if old.verdict == "different" else kept
                d[k] = d.get(k, 0) - 1
                spans.setdefault(k, span)
            span = (c.a, c.b)[side]
            k = (span.start, span.end)
            d = rejected if c.verdict == "different" else kept
            d[k] = d.get(k, 0) + 1
            spans.setdefault(k, span)
        if not spans:
            return self._only[side]
        base_kept, base_rejected = self._kept[side], self._rejected[side]
        engine_only = self._engine[side]
        only, only_keys = self._only[side], self._only_keys[side]
        drop: set[int] = set()
        add: list[tuple[tuple[int, int], Span]] = []
        for k, span in spans.items():
            at = bisect_left(only_keys, k)
            listed = at < len(only_keys) and only_keys[at] == k
            member = (
                k in engine_only or base_rejected.get(k, 0) + rejected.get(k, 0) > 0
            ) and base_kept.get(k, 0) + kept.get(k, 0) == 0
            if listed and not member:
                drop.add(at)
            elif member and not listed:
                add.append((k, engine_only.get(k) or span))
        if not drop and not add:
            return only
        # the list again from slices of the old one: each dropped sentence left out, each
        # added one inserted before the first that comes after it
        events = sorted(
            [(bisect_left(only_keys, k), 0, k, s) for k, s in add]
            + [(j, 1, (0, 0), None) for j in drop]
        )
        out: list[Span] = []
        cursor = 0
        for at, leaving, _k, item in events:
            out.extend(only[cursor:at])
            if leaving:
                cursor = at + 1
            else:
                cursor = at
                assert item is not None
                out.append(item)
        out.extend(only[cursor:])
        return tuple(out)


def _added_pair(
    a: Article, b: Article, v: VerdictSpans, lower_case: LowerCaseWords, persons: PersonNames
) -> ClaimPair:
    """A "same" verdict no claim matches: a pair the reader added (see ``apply_verdicts``)."""
    text_a, text_b = a.span_text(v.a), b.span_text(v.b)
    wa = [(w, t) for s0, e0 in word_spans(text_a) if (t := term_of(w := text_a[s0:e0]))]
    wb = [(w, t) for s0, e0 in word_spans(text_b) if (t := term_of(w := text_b[s0:e0]))]
    diff = word_diff(text_a, text_b)
    return ClaimPair(
        a=v.a,
        b=v.b,
        score=1.0,
        topic=None,
        shared_terms=_shared_terms(wa, wb),
        diff=diff,
        tier="strong",
        differs=claim_differs(diff, lower_case=lower_case, persons=persons),
        verdict="same",
        added=True,
    )
