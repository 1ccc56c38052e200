"""A claim's tier: strong only when every independent signal agrees."""

from __future__ import annotations

from diptych.core.model import ClaimTier


def claim_tier(
    *,
    related: bool,
    shorter_picks_it: bool,
    terms_beat_chance: bool,
    meaning_beats_chance: bool | None,
    model_says_same: bool,
) -> ClaimTier:
    """ "strong" when every independent signal agrees, else "possible".

    The signals: the two articles are related (``_relatedness_keep``); the sentence with fewer
    content terms picks the other as its best partner (a long sentence stating several claims
    may be the best partner of several short ones, each a claim of its own, but a short one
    states one claim); the shared terms alone (TF-IDF z) and the meaning alone (vector z; None
    when there are no vectors, then it is not asked) each beat the chance level of this pair
    (the z the best of n unrelated partners reaches on that signal, from the pair's own
    sampled distribution, so each signal's false-alarm rate is about 1/n whatever the
    articles); and the paraphrase model (``paraphrase_logit``: how much of each side the other
    leaves unmatched, numbers and names on one side only, a negation on one side, the margin
    over the next partner) calls the two the same statement (probability >= 1/2). Shared
    words alone, however rare (a place name, a turn of phrase), leave the model unconvinced
    when the rest of the two sentences differs."""
    ok = (
        related
        and shorter_picks_it
        and terms_beat_chance
        and meaning_beats_chance is not False
        and model_says_same
    )
    return "strong" if ok else "possible"
