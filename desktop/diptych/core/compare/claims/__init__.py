"""Overlapping claims: sentences of two articles that state the same thing.

How it works, and why:

- **Units.** Every body sentence (not titles, bylines or headings) is a unit. Long sentences
  can also be cut into clause units (``Params.clause_min_words``), each able to find its own
  partner; that is off by default because on both tuning sets it cost more precision than it
  gained in recall. A claim is reported once per sentence pair.
- **Two similarities per unit pair.** (1) Cosine of stemmed content-term TF-IDF vectors, with
  IDF computed on the two articles themselves: both are about the same event, so the words
  every sentence shares ("Morales", "coup") weigh little; the norm is smoothed so a sentence
  of two words cannot match on one. (2) Cosine of IDF-weighted static word vectors
  (WordLlama's 256-d table, read offline from its wheel), centred on the pair's mean vector
  so the shared subject does not make everything look alike; it lifts paraphrases that
  share few words. Without the vectors (package absent) the term similarity is used alone.
- **Relative scores.** Raw similarities mean different things in different pairs of
  articles, so each becomes a z-score over the pair's own distribution of unit-pair scores
  (a fixed sample of all pairs) and the two z-scores are averaged.
- **Selection.** A pair is kept when its z is within ``near_delta`` of the best z of its A
  sentence and of its B sentence (so a sentence may keep two or three partners when they are
  about as good, and mutual best partners always qualify; a pair the shorter sentence picks
  as its best is exempt on the longer sentence's side, ``shorter_pick_near``, since a long
  sentence stating two claims may have one partner far stronger than the other: on the
  second labelled pair this adds one right claim, on the seed pair one unlabelled), and when
  it clears the chance
  level: the z the best of n unrelated partners reaches (the (1 - 1/n) quantile of the pair's
  own sampled scores, never below the normal quantile; n = the longer article's count). A
  mutual-best pair (each sentence the other's best) has been chosen from both sides, so it
  only needs to clear the chance level of the side with fewer alternatives (n = the shorter
  article's count; on the seed pair this adds one labelled pair and one unlabelled one, on the
  paraphrase documents (equal lengths) nothing; between a short article and a much longer
  unrelated one it admits more chance pairs: 20 claims instead of 8 for 38 x 2,000 sentences).
  A claim needs two shared content terms unless its vector z alone clears
  the chance level. ``min_score`` replaces these relative cuts with an absolute one on the
  0..1 score.
- **Are the articles related at all?** Relative bars always find a pair's best pairs, even
  between a recipe and a match report. The absolute evidence they miss: between related
  articles most selected pairs share several content terms (``strong_shared``, or one less
  making half of the shorter sentence's terms), between unrelated ones almost none do (a
  recipe vs a match report 0 of 9, seed A vs 40 unrelated news sentences 0 of 16). When
  fewer than ``related_share`` of the selected pairs are strong, only the strong ones are
  kept (seed pair: 21 of 31 strong, the paraphrase documents 96 %, so neither changes; the
  unrelated pairs above drop to 0 claims, seed A vs 2,000 news sentences from 39 to 4).
- **Claims from order** (``order``, ``order_gap``). Where the two articles tell the same
  things in the same order (two translations, an article and its revision), the claims form
  a chain in both articles' order; a pair in a gap of that chain at most two body sentences
  wide on each side is a claim when it scores above the pair's background mean and is the
  gap's only pair or each sentence's best partner (between translations most pairs the bars
  miss are such paraphrases in other words). Only for related articles, after the
  paraphrase cut. On the translation set (``eval_claims.py --table``) F1 0.835 -> 0.898 (9
  right pairs added, none wrong; the tuned baseline 0.823), on the second labelled pair
  0.743 -> 0.778 (one right), on the seed labels and the paraphrase documents nothing.
- **Paraphrase re-score.** A small logistic model (``PARA_*``, fitted with numpy on the
  paraphrase corpus's training split; the deciding model) reads scale-free features of each selected pair:
  z-scores in chance units, the IDF-weighted share of each side's terms the other lacks,
  numbers on one side only, capitalised-word mismatch, shared bigrams and trigrams, word
  overlap with stop words, a negation on one side only, the margin over each sentence's next
  partner. Its absolute probabilities do not transfer exactly between corpora, so it only
  cuts relatively: a claim whose log-odds lie more than ``para_cut`` robust standard
  deviations (scaled median absolute deviation) below the median of this pair's claims is
  dropped (near-paraphrases that differ in numbers, names or an extra clause).
- **Scale.** For large articles candidates come from sparse term postings (each unit's most
  weighted terms, skipping terms too common to discriminate), never from a loop over all
  pairs; small articles use every pair. All scoring is numpy over candidate arrays.

The reported score (0..1) is the ranking model's probability that the two state the same
thing (``claim_probability`` of ``ranking_logit``: gradient-boosted trees over the same
features and two of word order, the longest common word sequence over each sentence's
length), and claims are ranked by it within each tier. On the paraphrase documents,
precision at recall >= 0.90 along the ranking of every pair ``min_score=0`` lists (each
sentence's near-best and best partners and the mutual second-best ones): 0.733 under 5-fold
cross-validation, 0.776 in sample (the logistic model's ranking: 0.664; the combined z:
0.633). On the seed labels, Apollo 11 and the translations the tiers, the claims and their
top 10 are as with the logistic ranking. ``min_score`` cuts on the same probability.

What each claim carries besides its score (issue 11):

- **Tier** (``ClaimPair.tier``). "strong" only when every independent signal agrees
  (``claim_tier``): the articles are related; the sentence with fewer content terms picks
  the other as its best partner (a long sentence stating several claims may pair with
  several short ones); the shared terms of one compact fragment alone (``fragment_share``:
  terms both use standing within ``core_gap`` content terms of each other on both sides, in
  any order) and the meaning (vectors) alone each beat this pair's own chance level on that
  signal (the z the best of n unrelated partners reaches, from the pair's sampled background,
  so each signal's false-alarm rate is about 1/n whatever the articles); and the paraphrase
  model calls the two the same statement (probability >= 1/2: a shared place name or rare
  phrase with the rest of the sentences different does not convince it). Everything else
  selection keeps is "possible". Measured (``eval_claims.py --table``): strong claims right 8
  of 8 on the seed labels (8 of 9 while the tier counted every shared term: "reign of terror"
  / "tribune of the people" shares seven terms scattered over two long sentences, a theme,
  and its best compact set reaches 0.67 of the chance level; ``study_tier_signals.py``
  measures the other fragment signals tried), 13 of 13 on the second labelled pair, 0.72 on
  the paraphrase documents (every candidate there is a near-paraphrase and a third of them
  are labelled not the same). Claims are listed strong first, each tier best first. A
  possible claim names the signals that did not agree (``ClaimPair.doubts``, ``claim_doubts``),
  so a reader sees why it is only possible.
- **The shared fragment** (``a_core`` / ``b_core``, ``claim_core``). The content words of the
  two sentences are aligned in order (by term); aligned words no more than ``core_gap``
  content words apart form fragments, and the one with the most IDF weight, grown to the
  clause around it, is the core (the whole sentence when no content word lies outside it);
  a clause holding two or more of the other core's terms in another order joins it. Clause
  edges are punctuation, never inside a figure ("70,000", "4:17") or a bracketed aside the
  core does not lie in. The word diff is of the cores, from the same alignment (words shared
  in another order show there as said by one side only).
- **What differs** (``differs``, ``claim_differs``): numbers, number words, dates and names
  that replace one another inside the cores' diff ("600 million" / "Half a billion"), named
  whole; one value written two ways is no difference ("Nov." / "November", "two" / "2",
  "Judæa" / "Judaea", "J. R." / "John").
- **The reader's verdict** (``verdict``, ``apply_verdicts``): applied from the store by the
  app and the CLI, never by ``find_claims``. Constants were tuned on the paraphrase corpus's training
split (``tests/benchmarks/eval_claims.py``, ``fit_paraphrase_model.py``) and only checked on
the seed labels.

The package, one concept per module: ``params`` (constants), ``units``, ``vectors`` (the two
similarities), ``candidates`` (sparse postings), ``scoring`` (z-scores), ``bars`` (best
partners, chance levels), ``paraphrase`` (the re-score model), ``selection``, ``order``
(claims from the chain's gaps), ``diff`` (word
diff), ``fragments`` (the shared core), ``differs``, ``tiers``, ``find`` (``find_claims``) and
``verdicts``. The public names (and the private ones tests use) are re-exported here.
"""

from __future__ import annotations

from diptych.core.compare.claims.bars import _best_of
from diptych.core.compare.claims.diff import word_diff
from diptych.core.compare.claims.differs import claim_differs
from diptych.core.compare.claims.find import _find_claims, find_claims
from diptych.core.compare.claims.fragments import (
    claim_core,
    compact_shared,
    core_and_diff,
    fragment_share,
)
from diptych.core.compare.claims.params import PARAMS, FloatArray, IntArray, Params
from diptych.core.compare.claims.paraphrase import (
    PARA_COEF,
    PARA_FEATURES,
    PARA_INTERCEPT,
    PARA_LOGISTIC,
    PARA_MEAN,
    PARA_SCALE,
    TreeModel,
    _paraphrase_keep,
    common_sequence,
    pair_features,
    paraphrase_logit,
    paraphrase_model,
    ranking_logit,
)
from diptych.core.compare.claims.scoring import ScoredPairs, score_pairs
from diptych.core.compare.claims.selection import select_pairs
from diptych.core.compare.claims.tiers import claim_doubts, claim_tier
from diptych.core.compare.claims.units import _side
from diptych.core.compare.claims.verdicts import VerdictApplier, VerdictSpans, apply_verdicts

__all__ = [
    "PARAMS",
    "PARA_COEF",
    "PARA_FEATURES",
    "PARA_INTERCEPT",
    "PARA_LOGISTIC",
    "PARA_MEAN",
    "PARA_SCALE",
    "FloatArray",
    "IntArray",
    "Params",
    "ScoredPairs",
    "TreeModel",
    "VerdictApplier",
    "VerdictSpans",
    "_best_of",
    "_find_claims",
    "_paraphrase_keep",
    "_side",
    "apply_verdicts",
    "claim_core",
    "claim_differs",
    "claim_doubts",
    "claim_tier",
    "common_sequence",
    "compact_shared",
    "core_and_diff",
    "find_claims",
    "fragment_share",
    "pair_features",
    "paraphrase_logit",
    "paraphrase_model",
    "ranking_logit",
    "score_pairs",
    "select_pairs",
    "word_diff",
]
