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
  about as good, and mutual best partners always qualify), and when it clears the chance
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
- **Paraphrase re-score.** A small logistic model (``PARA_*``, fitted with numpy on the
  paraphrase corpus's training split) reads scale-free features of each selected pair:
  z-scores in chance units, the IDF-weighted share of each side's terms the other lacks,
  numbers on one side only, capitalised-word mismatch, shared bigrams, the margin over each
  sentence's next partner. Its absolute probabilities do not transfer between corpora, so it
  only cuts relatively: a claim whose log-odds lie more than ``para_cut`` robust standard
  deviations (scaled median absolute deviation) below the median of this pair's claims is
  dropped (near-paraphrases that differ in numbers, names or an extra clause).
- **Scale.** For large articles candidates come from sparse term postings (each unit's most
  weighted terms, skipping terms too common to discriminate), never from a loop over all
  pairs; small articles use every pair. All scoring is numpy over candidate arrays.

The reported score (0..1) is ``1 - exp(-z / score_scale)``, monotone in the combined z, so
claims sort the same way by either.

What each claim carries besides its score (issue 11):

- **Tier** (``ClaimPair.tier``). "strong" only when every independent signal agrees
  (``claim_tier``): the articles are related; the two sentences are each other's best partner
  (one-to-one); the shared terms alone and the meaning (vectors) alone each beat this pair's
  own chance level on that signal (the z the best of n unrelated partners reaches, from the
  pair's sampled background, so each signal's false-alarm rate is about 1/n whatever the
  articles); and ``strong_aligned`` content words are aligned in order inside the shared
  fragment. Everything else selection keeps is "possible". No score cut: a high-scoring pair
  that is not one-to-one, or shares words but not meaning, stays "possible". Measured
  (``eval_claims.py --table``): strong claims right 5 of 6 on the seed labels, 7 of 7 on the
  second labelled pair, about 0.7 on the paraphrase documents (where every candidate is a
  near-paraphrase and a third of them are labelled not the same). Claims are listed strong
  first, each tier best first.
- **The shared fragment** (``a_core`` / ``b_core``, ``claim_core``). The content words of the
  two sentences are aligned in order (by term); aligned words no more than ``core_gap``
  content words apart form fragments, and the one with the most IDF weight, grown to the
  clause around it, is the core (the whole sentence when no content word lies outside it).
  The word diff is of the cores, from the same alignment.
- **What differs** (``differs``, ``claim_differs``): numbers, number words, dates and names
  that replace one another inside the cores' diff ("600 million" / "Half a billion").
- **The reader's verdict** (``verdict``, ``apply_verdicts``): applied from the store by the
  app and the CLI, never by ``find_claims``. Constants were tuned on the paraphrase corpus's training
split (``tests/benchmarks/eval_claims.py``, ``fit_paraphrase_model.py``) and only checked on
the seed labels.
"""

from __future__ import annotations

from diptych.core.compare.claims.bars import (
    _best_of as _best_of,
)
from diptych.core.compare.claims.bars import (
    _candidate_pairs as _candidate_pairs,
)
from diptych.core.compare.claims.bars import (
    _kept_units as _kept_units,
)
from diptych.core.compare.claims.bars import (
    _mutual_best as _mutual_best,
)
from diptych.core.compare.claims.bars import (
    _redundant as _redundant,
)
from diptych.core.compare.claims.bars import (
    _score01 as _score01,
)
from diptych.core.compare.claims.bars import (
    _sentence_best as _sentence_best,
)
from diptych.core.compare.claims.candidates import (
    _candidates as _candidates,
)
from diptych.core.compare.claims.candidates import (
    _candidates_one_way as _candidates_one_way,
)
from diptych.core.compare.claims.candidates import (
    _postings as _postings,
)
from diptych.core.compare.claims.candidates import (
    _query_terms as _query_terms,
)
from diptych.core.compare.claims.candidates import (
    _top_by_group as _top_by_group,
)
from diptych.core.compare.claims.diff import (
    _DMP as _DMP,
)
from diptych.core.compare.claims.diff import (
    _MAX_DIFF_WORDS as _MAX_DIFF_WORDS,
)
from diptych.core.compare.claims.diff import (
    _TOKEN_RE as _TOKEN_RE,
)
from diptych.core.compare.claims.diff import (
    _align as _align,
)
from diptych.core.compare.claims.diff import (
    _diff_ops as _diff_ops,
)
from diptych.core.compare.claims.diff import (
    _is_content as _is_content,
)
from diptych.core.compare.claims.diff import (
    _TooManyWords as _TooManyWords,
)
from diptych.core.compare.claims.diff import (
    word_diff as word_diff,
)
from diptych.core.compare.claims.differs import (
    _figures as _figures,
)
from diptych.core.compare.claims.differs import (
    _names as _names,
)
from diptych.core.compare.claims.differs import (
    _same_words as _same_words,
)
from diptych.core.compare.claims.differs import (
    claim_differs as claim_differs,
)
from diptych.core.compare.claims.find import (
    _find_claims as _find_claims,
)
from diptych.core.compare.claims.find import (
    _shared_terms as _shared_terms,
)
from diptych.core.compare.claims.find import (
    _topic as _topic,
)
from diptych.core.compare.claims.find import (
    _topic_of as _topic_of,
)
from diptych.core.compare.claims.find import (
    find_claims as find_claims,
)
from diptych.core.compare.claims.fragments import (
    _CLAUSE_EDGE as _CLAUSE_EDGE,
)
from diptych.core.compare.claims.fragments import (
    _DATE_TEXT as _DATE_TEXT,
)
from diptych.core.compare.claims.fragments import (
    _DATE_WORDS as _DATE_WORDS,
)
from diptych.core.compare.claims.fragments import (
    _NUMBER_TEXT as _NUMBER_TEXT,
)
from diptych.core.compare.claims.fragments import (
    _NUMBER_WORDS as _NUMBER_WORDS,
)
from diptych.core.compare.claims.fragments import (
    _TITLE_TEXT as _TITLE_TEXT,
)
from diptych.core.compare.claims.fragments import (
    _TITLES as _TITLES,
)
from diptych.core.compare.claims.fragments import (
    _Core as _Core,
)
from diptych.core.compare.claims.fragments import (
    _grow_to_clause as _grow_to_clause,
)
from diptych.core.compare.claims.fragments import (
    _has_content as _has_content,
)
from diptych.core.compare.claims.fragments import (
    _token_starts as _token_starts,
)
from diptych.core.compare.claims.fragments import (
    claim_core as claim_core,
)
from diptych.core.compare.claims.fragments import (
    core_and_diff as core_and_diff,
)
from diptych.core.compare.claims.params import (
    PARAMS as PARAMS,
)
from diptych.core.compare.claims.params import (
    FloatArray as FloatArray,
)
from diptych.core.compare.claims.params import (
    IntArray as IntArray,
)
from diptych.core.compare.claims.params import (
    Params as Params,
)
from diptych.core.compare.claims.paraphrase import (
    _MARGIN_CAP as _MARGIN_CAP,
)
from diptych.core.compare.claims.paraphrase import (
    PARA_COEF as PARA_COEF,
)
from diptych.core.compare.claims.paraphrase import (
    PARA_FEATURES as PARA_FEATURES,
)
from diptych.core.compare.claims.paraphrase import (
    PARA_INTERCEPT as PARA_INTERCEPT,
)
from diptych.core.compare.claims.paraphrase import (
    PARA_MEAN as PARA_MEAN,
)
from diptych.core.compare.claims.paraphrase import (
    PARA_SCALE as PARA_SCALE,
)
from diptych.core.compare.claims.paraphrase import (
    _paraphrase_keep as _paraphrase_keep,
)
from diptych.core.compare.claims.paraphrase import (
    _second_best as _second_best,
)
from diptych.core.compare.claims.paraphrase import (
    pair_features as pair_features,
)
from diptych.core.compare.claims.paraphrase import (
    paraphrase_logit as paraphrase_logit,
)
from diptych.core.compare.claims.scoring import (
    ScoredPairs as ScoredPairs,
)
from diptych.core.compare.claims.scoring import (
    _background as _background,
)
from diptych.core.compare.claims.scoring import (
    score_pairs as score_pairs,
)
from diptych.core.compare.claims.selection import (
    _relatedness_keep as _relatedness_keep,
)
from diptych.core.compare.claims.selection import (
    select_pairs as select_pairs,
)
from diptych.core.compare.claims.tiers import (
    claim_tier as claim_tier,
)
from diptych.core.compare.claims.units import (
    _CLAIM_BLOCKS as _CLAIM_BLOCKS,
)
from diptych.core.compare.claims.units import (
    _CLAUSE_BREAK as _CLAUSE_BREAK,
)
from diptych.core.compare.claims.units import (
    _clause_spans as _clause_spans,
)
from diptych.core.compare.claims.units import (
    _Side as _Side,
)
from diptych.core.compare.claims.units import (
    _side as _side,
)
from diptych.core.compare.claims.vectors import (
    _centre_normalise as _centre_normalise,
)
from diptych.core.compare.claims.vectors import (
    _emb_dots as _emb_dots,
)
from diptych.core.compare.claims.vectors import (
    _embed as _embed,
)
from diptych.core.compare.claims.vectors import (
    _pair_dots as _pair_dots,
)
from diptych.core.compare.claims.vectors import (
    _Sparse as _Sparse,
)
from diptych.core.compare.claims.vectors import (
    _tfidf as _tfidf,
)
from diptych.core.compare.claims.verdicts import (
    VerdictSpans as VerdictSpans,
)
from diptych.core.compare.claims.verdicts import (
    _overlaps as _overlaps,
)
from diptych.core.compare.claims.verdicts import (
    apply_verdicts as apply_verdicts,
)
