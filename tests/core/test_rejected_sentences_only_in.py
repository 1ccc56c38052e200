"""A claim the reader rejects leaves its sentences without a partner: they are listed under
"Only in A" / "Only in B" (tryout: after "Not the same" the tabs still read "Only A (15)",
the two sentences in no list at all)."""

from __future__ import annotations

from collections import Counter

from diptych.core.compare.claims import VerdictSpans, apply_verdicts, find_claims
from diptych.core.reading.articles import load_seed_pair


def test_a_rejected_claims_sentences_are_only_in_their_article_unless_paired_elsewhere():
    a, b = load_seed_pair()
    result = find_claims(a, b)
    uses_a = Counter(c.a for c in result.claims)
    uses_b = Counter(c.b for c in result.claims)
    alone = next(c for c in result.claims if uses_a[c.a] == 1 and uses_b[c.b] == 1)
    shared = next((c for c in result.claims if uses_a[c.a] > 1), None)
    verdicts = [VerdictSpans(alone.a, alone.b, "different", "v1")]
    if shared is not None:
        verdicts.append(VerdictSpans(shared.a, shared.b, "different", "v2"))
    res, _keys = apply_verdicts(result, a, b, verdicts)
    assert alone.a in res.only_in_a and alone.b in res.only_in_b
    assert set(result.only_in_a) <= set(res.only_in_a)
    assert [s.start for s in res.only_in_a] == sorted(s.start for s in res.only_in_a)
    assert [s.start for s in res.only_in_b] == sorted(s.start for s in res.only_in_b)
    if shared is not None:  # still said by another claim: not "only in A"
        assert shared.a not in res.only_in_a
    # undone (no verdicts): as the engine found them
    res, _ = apply_verdicts(result, a, b, [])
    assert res.only_in_a == result.only_in_a and res.only_in_b == result.only_in_b
