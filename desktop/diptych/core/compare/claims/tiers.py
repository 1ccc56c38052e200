"""A claim's tier: strong only when every independent signal agrees."""

from __future__ import annotations

from diptych.core.compare.claims.params import PARAMS, Params
from diptych.core.model import ClaimTier


def claim_tier(
    *,
    related: bool,
    one_to_one: bool,
    terms_beat_chance: bool,
    meaning_beats_chance: bool | None,
    aligned: int,
    p: Params = PARAMS,
) -> ClaimTier:
    """ "strong" when every independent signal agrees, else "possible".

    The signals: the two articles are related (``_relatedness_keep``); the two sentences are
    each other's best partner (one-to-one); the shared terms alone (TF-IDF z) and the meaning
    alone (vector z; None when there are no vectors, then it is not asked) each beat the
    chance level of this pair (the z the best of n unrelated partners reaches on that signal,
    from the pair's own sampled distribution, so each signal's false-alarm rate is about 1/n
    whatever the articles); and at least ``strong_aligned`` content words are aligned in
    order inside the shared fragment."""
    ok = (
        related
        and one_to_one
        and terms_beat_chance
        and meaning_beats_chance is not False
        and aligned >= p.strong_aligned
    )
    return "strong" if ok else "possible"
