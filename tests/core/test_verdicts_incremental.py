"""``VerdictApplier`` (the reader's verdicts applied from what one engine result is worked out
once) gives exactly what ``apply_verdicts`` gives from scratch: after each verdict of a long
sequence (confirm, reject, undo, a pair added, an undo of the undo), the claims in the same
order, the same verdict keys by index, the same "only in A/B"."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from diptych.core.compare.alignment import AnchorChain, PairAnchors, anchors_for_pair
from diptych.core.compare.claims import (
    VerdictApplier,
    VerdictSpans,
    apply_verdicts,
    find_claims,
)
from diptych.core.compare.pair import pair_topics
from diptych.core.model import ClaimsResult, Span
from diptych.core.reading.articles import load_seed_pair


@pytest.fixture(scope="module")
def seed():
    a, b = load_seed_pair()
    return a, b, find_claims(a, b)


def _same(applier: VerdictApplier, verdicts: list[VerdictSpans]) -> tuple[ClaimsResult, dict]:
    fast = applier.apply(verdicts)
    scratch = apply_verdicts(applier.result, applier.a, applier.b, verdicts)
    assert fast[0].claims == scratch[0].claims
    assert fast[0].only_in_a == scratch[0].only_in_a
    assert fast[0].only_in_b == scratch[0].only_in_b
    assert fast == scratch
    return fast


def _steps(a, b, result, rng: random.Random, n: int):
    """The verdict lists a reader makes, one action at a time (as the store lists them:
    a new verdict last, the one it replaces gone, an undone one back in its place)."""
    verdicts: list[VerdictSpans] = []
    applied, keys = apply_verdicts(result, a, b, verdicts)
    history: list[list[VerdictSpans]] = []
    for step in range(n):
        claims = applied.claims
        action = rng.choice(["same", "different", "same", "undo", "add", "back"])
        key = f"v{step}"
        if action in ("same", "different") and claims:
            i = rng.randrange(len(claims))
            if rng.random() < 0.5 and keys:  # often a judged claim: its verdict replaced
                i = rng.choice(sorted(keys))
            c = claims[i]
            old = keys.get(i)
            new = [v for v in verdicts if v.key != old]
            new.append(VerdictSpans(c.a, c.b, action, key))  # type: ignore[arg-type]
        elif action == "undo" and keys:
            old = keys[rng.choice(sorted(keys))]
            new = [v for v in verdicts if v.key != old]
        elif action == "add":
            sa = rng.choice(a.sentences)
            sb = rng.choice(b.sentences)
            new = [
                *verdicts,
                VerdictSpans(Span(sa.start, sa.end), Span(sb.start, sb.end), "same", key),
            ]
        elif action == "back" and history:  # Ctrl+Z: the verdicts as they were
            new = history.pop()
            yield new
            verdicts = new
            applied, keys = apply_verdicts(result, a, b, verdicts)
            continue
        else:
            continue
        history.append(verdicts)
        verdicts = new
        yield verdicts
        applied, keys = apply_verdicts(result, a, b, verdicts)


@pytest.mark.parametrize("seed_value", [1, 2, 3, 4])
def test_each_verdict_of_a_sequence_gives_what_a_rebuild_gives(seed, seed_value):
    a, b, result = seed
    applier = VerdictApplier(result, a, b)
    steps = 0
    for verdicts in _steps(a, b, result, random.Random(seed_value), 60):
        _same(applier, verdicts)
        steps += 1
    assert steps > 30


def test_confirm_reject_undo_and_add_pair_one_after_another(seed):
    a, b, result = seed
    applier = VerdictApplier(result, a, b)
    possible = next(c for c in result.claims if c.tier == "possible")
    strong = next(c for c in result.claims if c.tier == "strong")
    sa, sb = a.sentences[0], b.sentences[-1]
    added = VerdictSpans(Span(sa.start, sa.end), Span(sb.start, sb.end), "same", "add")
    sequence = [
        [],
        [VerdictSpans(possible.a, possible.b, "same", "k1")],  # confirm: becomes strong
        [
            VerdictSpans(possible.a, possible.b, "same", "k1"),
            VerdictSpans(strong.a, strong.b, "different", "k2"),
        ],
        [VerdictSpans(strong.a, strong.b, "different", "k2")],  # undo of the first
        [VerdictSpans(strong.a, strong.b, "different", "k2"), added],  # a pair added
        [added],
        [added, VerdictSpans(sa and added.a, added.b, "different", "k3")],  # a 2nd on the same
        [],
    ]
    for verdicts in sequence:
        res, keys = _same(applier, verdicts)
        for i, k in keys.items():
            assert res.claims[i].verdict is not None, k


def test_claims_not_in_rank_order_and_overlapping_passages(seed):
    """A hand-made result: claims out of order, spans of two sentences that overlap others."""
    a, b, result = seed
    claims = list(result.claims[:40])
    sa, sb = a.sentences, b.sentences
    claims.append(
        replace(
            claims[0], a=Span(sa[2].start, sa[3].end), b=Span(sb[1].start, sb[2].end), score=0.3
        )
    )
    rng = random.Random(5)
    shuffled = list(claims)
    rng.shuffle(shuffled)
    for c_list in (claims, shuffled):
        res = replace(result, claims=tuple(c_list))
        applier = VerdictApplier(res, a, b)
        for verdicts in _steps(a, b, res, random.Random(9), 40):
            _same(applier, verdicts)
        wide = VerdictSpans(Span(sa[2].start, sa[4].end), Span(sb[0].start, sb[3].end), "same", "w")
        _same(
            applier, [wide, replace(wide, key="w2"), replace(wide, key="w3", verdict="different")]
        )


def test_empty_result(seed):
    a, b, result = seed
    empty = replace(result, claims=(), only_in_a=(), only_in_b=())
    applier = VerdictApplier(empty, a, b)
    s = a.sentences[1]
    t = b.sentences[1]
    _same(applier, [])
    _same(applier, [VerdictSpans(Span(s.start, s.end), Span(t.start, t.end), "same", "x")])
    _same(applier, [VerdictSpans(Span(s.start, s.end), Span(t.start, t.end), "different", "x")])


def test_the_anchor_chain_after_each_verdict_is_the_one_built_from_scratch(seed):
    """``PairAnchors``: the topic sections paired once, the chain built again only when the
    claims' anchor points changed; at each step equal to ``AnchorChain.build``."""
    a, b, result = seed
    topics = pair_topics(a, b)
    applier = VerdictApplier(result, a, b)
    anchors = PairAnchors(topics, len(a.text), len(b.text))
    kept = rebuilt = 0
    last = None
    for verdicts in _steps(a, b, result, random.Random(11), 80):
        claims, _keys = _same(applier, verdicts)
        chain = anchors.chain(claims)
        scratch = AnchorChain.build(anchors_for_pair(topics, claims), len(a.text), len(b.text))
        assert chain == scratch
        assert chain.points == scratch.points and chain.candidates == scratch.candidates
        kept += chain is last
        rebuilt += chain is not last
        last = chain
    assert kept and rebuilt  # both ways were taken


def test_the_chain_read_off_the_links_is_the_heaviest_chain():
    """``AnchorChain.from_candidates`` takes the chain from the candidates' links (one sort
    and pass less): the same chain as ``_heaviest_chain``, ties included (equal weights, equal
    offsets on one side)."""
    from diptych.core.compare.alignment import _heaviest_chain, _merged
    from diptych.core.model import AnchorPoint

    rng = random.Random(2)
    for n in (0, 1, 2, 5, 30, 200):
        for _ in range(20):
            points = [
                AnchorPoint(rng.randrange(1, 60), rng.randrange(1, 60), rng.choice((1.0, 2.0, 1.5)))
                for _ in range(n)
            ]
            triples = _merged(points, 61, 61)
            chain = AnchorChain.from_candidates(triples, 61, 61)
            assert [(p.a, p.b, p.weight) for p in chain.points[1:-1]] == _heaviest_chain(triples)
            assert (chain._links is not None) == (len(triples) > len(chain.points) - 2)
