"""Applying the reader's verdicts (from the store) to a claims result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from diptych.core.compare.claims.diff import word_diff
from diptych.core.compare.claims.differs import claim_differs
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
            text_a, text_b = a.span_text(v.a), b.span_text(v.b)
            wa = [(w, t) for s0, e0 in word_spans(text_a) if (t := term_of(w := text_a[s0:e0]))]
            wb = [(w, t) for s0, e0 in word_spans(text_b) if (t := term_of(w := text_b[s0:e0]))]
            diff = word_diff(text_a, text_b)
            claims.append(
                ClaimPair(
                    a=v.a,
                    b=v.b,
                    score=1.0,
                    topic=None,
                    shared_terms=_shared_terms(wa, wb),
                    diff=diff,
                    tier="strong",
                    differs=claim_differs(diff),
                    verdict="same",
                    added=True,
                )
            )
            hit = len(claims) - 1
        else:
            tier: ClaimTier = "strong" if v.verdict == "same" else "possible"
            claims[hit] = replace(claims[hit], verdict=v.verdict, tier=tier)
        keys[hit] = v.key
    order = sorted(
        range(len(claims)),
        key=lambda i: (claims[i].tier != "strong", claims[i].verdict != "same", -claims[i].score),
    )
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
