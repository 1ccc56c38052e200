"""Overlapping claims: quality on the hand-labelled seed pair and the paraphrase corpus, and the
shape of the result (diffs, scores, only-in sets, determinism)."""

from __future__ import annotations

import itertools
import re
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diptych.core.compare import claims as claims_mod
from diptych.core.compare.claims import PARAMS, find_claims, word_diff
from diptych.core.compare.claims import vectors as claims_vectors
from diptych.core.compare.claims.fragments import compact_shared, fragment_share
from diptych.core.compare.terms import content_terms
from diptych.core.compare.topics import seed_topic_set, topics_for_pair
from diptych.core.model import Article, ClaimsResult, Span
from diptych.core.reading.articles import article_from_text, load_article, load_seed_pair

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import eval_claims


@pytest.fixture(scope="module")
def seed_pair() -> tuple[Article, Article]:
    return load_seed_pair()


@pytest.fixture(scope="module")
def seed_result(seed_pair: tuple[Article, Article]) -> ClaimsResult:
    return find_claims(*seed_pair)


def _text_article(paragraphs: list[str]) -> Article:
    return article_from_text("\n\n".join(paragraphs), "text")


# --------------------------------------------------------------------------- quality


def test_seed_claims_keep_their_measured_quality(
    seed_pair: tuple[Article, Article], seed_result: ClaimsResult
) -> None:
    """On the extended labels (36 same-claim pairs, 23 hard negatives; issue 11): measured
    P 0.625 (20 of 32 claims), R 0.56 (20 of 36), 9 of the top 10 right (claims ranked by the paraphrase model's
    probability, strong first; 8 when they were ranked by the combined z). A guard against
    regressions; the issue's bar for precision and recall (>= 0.70) is not reached."""
    a, b = seed_pair
    s = eval_claims.seed_scores(a, b, seed_result, eval_claims.load_labels(a, b))
    assert s.precision >= 0.62 and s.recall >= 0.55 and s.top10 >= 9


def test_extended_labels_hold_fifty_pairs_with_the_named_misses(
    seed_pair: tuple[Article, Article],
) -> None:
    a, b = seed_pair
    labels = eval_claims.load_labels(a, b)
    assert len(labels.positives) + len(labels.negatives) >= 50
    kaliman = eval_claims._find_sentence(a, "suggested")
    abandoned = eval_claims._find_sentence(b, "the military abandoned Morales")
    pact = eval_claims._find_sentence(a, "cemented a pact")
    elites = eval_claims._find_sentence(b, "agribusiness and ranching elites")
    assert {(kaliman, abandoned), (pact, elites)} <= labels.positives
    terror = eval_claims._find_sentence(a, "reign of terror")
    tribune = eval_claims._find_sentence(b, "tribune of the people")
    assert (terror, tribune) in labels.negatives


def test_strong_claims_of_the_seed_pair_are_mostly_right(
    seed_pair: tuple[Article, Article], seed_result: ClaimsResult
) -> None:
    """The issue's bar: strong precision >= 0.85 with at least 8 strong claims. Measured 8 of
    8 since the tier asks that the shared terms of one compact fragment beat chance (8 of 9
    before: "reign of terror" / "tribune of the people", a shared theme; 5 of 6 before the
    tier asked the paraphrase model)."""
    a, b = seed_pair
    labels = eval_claims.load_labels(a, b)
    strong = [c for c in seed_result.claims if c.tier == "strong"]
    right = sum(
        (eval_claims.sentence_index(a, c.a), eval_claims.sentence_index(b, c.b)) in labels.positives
        for c in strong
    )
    assert len(strong) >= 8 and right / len(strong) >= 0.85


def test_second_labelled_pair_strong_claims_are_right_and_engine_beats_baseline() -> None:
    """The Apollo 11 pair written for issue 11: measured engine F1 0.74 vs the tuned
    baseline's 0.55 (5-fold), 12 of 12 strong claims right (7 of 7 before the tier asked the
    paraphrase model instead of in-order aligned words and one-to-one partners)."""
    a = load_article(eval_claims.APOLLO_A)
    b = load_article(eval_claims.APOLLO_B)
    gold = set(eval_claims.load_labels(a, b, eval_claims.APOLLO_LABELS).positives)
    row = eval_claims.compare_row("apollo", a, b, gold)
    assert row.engine[2] > row.base[2]
    right, n = row.strong
    assert n >= 8 and right == n


def test_a_long_sentence_keeps_its_weaker_second_claim() -> None:
    """B's "Armstrong stepped off the ladder hours later, and his line about a small step ..."
    states two claims; its partner for the quote is far stronger than its partner for the
    ladder, which the near-best bar used to drop although the short ladder sentence picks it
    as its best partner."""
    a = load_article(eval_claims.APOLLO_A)
    b = load_article(eval_claims.APOLLO_B)
    pairs = eval_claims.claim_sentence_pairs(a, b, find_claims(a, b))
    ladder = eval_claims._find_sentence(a, "set his left boot")
    stepped = eval_claims._find_sentence(b, "stepped off the ladder")
    quote = eval_claims._find_sentence(a, "one giant leap")
    assert {(ladder, stepped), (quote, stepped)} <= set(pairs)


def test_engine_beats_the_tuned_baseline_on_the_seed_labels(
    seed_pair: tuple[Article, Article],
) -> None:
    a, b = seed_pair
    row = eval_claims.compare_row("seeds", a, b, set(eval_claims.load_labels(a, b).positives))
    assert row.engine[2] > row.base[2]  # measured F1 0.59 vs 0.39


def test_baseline_is_mutual_best_over_all_pairs() -> None:
    a = _text_article(["Alpha beta gamma delta.", "Kilo lima mike november.", "Oscar papa."])
    b = _text_article(["Kilo lima mike november oscar.", "Alpha beta gamma delta epsilon."])
    pairs, z = eval_claims.baseline_scores(a, b)
    assert sorted(pairs) == [(0, 1), (1, 0)]
    assert z == sorted(z, reverse=True)


@pytest.fixture(scope="module")
def msrp_score() -> eval_claims.MsrpScore:
    if not eval_claims.MSRP.is_dir():
        pytest.skip("../shared/data/msrp is not present")
    return eval_claims.run_msrp()


def test_paraphrase_documents_reach_the_issue_target(msrp_score: eval_claims.MsrpScore) -> None:
    """Issue 2's target: precision >= 0.66 at recall >= 0.85. Measured P 0.680 at R 0.855
    (5-fold CV of the re-score: 0.680 at 0.850), with the cut chosen as the best F1 that keeps
    that target (P 0.666 at R 0.863 with the cut of before, -2.0)."""
    assert msrp_score.recall >= 0.85 and msrp_score.precision >= 0.675


def test_a_shared_place_name_is_not_a_strong_claim(
    seed_pair: tuple[Article, Article], seed_result: ClaimsResult
) -> None:
    """Hard negatives may be listed as "possible"; at most one is strong, and not the pair
    that shares only "La Paz", "El Alto" and "working-class" (it was strong before)."""
    a, b = seed_pair
    labels = eval_claims.load_labels(a, b)
    strong = {
        (eval_claims.sentence_index(a, c.a), eval_claims.sentence_index(b, c.b))
        for c in seed_result.claims
        if c.tier == "strong"
    }
    wrong = strong & labels.negatives
    assert len(wrong) <= 1
    for i, _ in wrong:
        assert "El Alto" not in a.span_text(a.sentences[i])


def test_trump_reaction_is_among_the_top_claims(
    seed_pair: tuple[Article, Article], seed_result: ClaimsResult
) -> None:
    a, b = seed_pair
    top = [(a.span_text(c.a), b.span_text(c.b)) for c in seed_result.claims[:10]]
    assert any("celebrated the overthrow" in x and "applauded the toppling" in y for x, y in top)


# --------------------------------------------------------------------------- shape


def test_diff_ops_reconstruct_both_sentences(
    seed_pair: tuple[Article, Article], seed_result: ClaimsResult
) -> None:
    a, b = seed_pair
    assert seed_result.claims
    for c in seed_result.claims:
        assert {op for op, _ in c.diff} <= {-1, 0, 1}
        assert "".join(t for op, t in c.diff if op <= 0) == a.span_text(c.core_a)
        assert "".join(t for op, t in c.diff if op >= 0) == b.span_text(c.core_b)


def test_word_diff_works_on_whole_words() -> None:
    diff = word_diff("Trump celebrated the overthrow", "Trump applauded the overthrow")
    assert [(op, t.strip()) for op, t in diff if op != 0] == [(-1, "celebrated"), (1, "applauded")]


def test_word_diff_shows_the_content_words_a_reordered_pair_shares() -> None:
    """Two sentences stating one fact in a different order: the shared content words (in an
    order both sentences have) are equalities, not hidden in one delete + one insert."""
    x = (
        "The leader of the coca growers’ union and the first Bolivian president from the "
        "country’s long-oppressed indigenous population, Morales won broad popular support."
    )
    y = (
        "The country’s first indigenous president, Morales was a former leader of the cocalero "
        "union that organized indigenous coca leaf farmers."
    )
    diff = word_diff(x, y)
    equal_words = {w for op, t in diff if op == 0 for w in re.findall(r"\w+", t)}
    assert {"leader", "union", "indigenous"} <= equal_words
    assert "".join(t for op, t in diff if op <= 0) == x
    assert "".join(t for op, t in diff if op >= 0) == y


def test_word_diff_lists_deletes_before_inserts_and_no_filler_equalities() -> None:
    diff = word_diff(
        "Police fired tear gas at the protesters in La Paz on Monday.",
        "On Monday, protesters in La Paz were met with tear gas from the police.",
    )
    ops = [op for op, _ in diff]
    assert all(not (p == 1 and q == -1) for p, q in itertools.pairwise(ops))
    assert all(p != q for p, q in itertools.pairwise(ops))
    inner = [t for op, t in diff[1:-1] if op == 0]
    assert all(re.search(r"\w", t) for t in inner)
    assert any("protesters in La Paz" in t for op, t in diff if op == 0)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab cd,.’'-\n the of Éé", max_size=60),
    st.text(alphabet="ab cd,.’'-\n the of Éé", max_size=60),
)
def test_word_diff_ops_rebuild_both_texts(x: str, y: str) -> None:
    diff = word_diff(x, y)
    assert "".join(t for op, t in diff if op <= 0) == x
    assert "".join(t for op, t in diff if op >= 0) == y
    assert all(t for _, t in diff)


def test_strong_claims_come_first_each_tier_best_first(seed_result: ClaimsResult) -> None:
    tiers = [c.tier for c in seed_result.claims]
    assert set(tiers) == {"strong", "possible"}
    assert tiers == sorted(tiers, key=lambda t: t != "strong")
    for tier in ("strong", "possible"):
        scores = [c.score for c in seed_result.claims if c.tier == tier]
        assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= c.score <= 1.0 for c in seed_result.claims)


def test_cores_lie_inside_their_sentences(seed_result: ClaimsResult) -> None:
    trimmed = 0
    for c in seed_result.claims:
        assert c.a.start <= c.core_a.start < c.core_a.end <= c.a.end
        assert c.b.start <= c.core_b.start < c.core_b.end <= c.b.end
        trimmed += c.a_core is not None or c.b_core is not None
    assert trimmed  # most seed claims are a clause of a long sentence


def test_core_is_the_shared_clause_of_a_long_sentence() -> None:
    x = (
        "After three weeks of protests over the disputed election, the army chief went on "
        "television, and the president resigned his office that evening."
    )
    y = "The army chief went on television to demand it."
    core = claims_mod.claim_core(x, y, {})
    assert x[core.a[0] : core.a[1]] == "the army chief went on television"
    assert core.b == (0, len(y))  # every content word of y is in its core
    assert core.aligned == 4


def test_core_is_the_whole_sentence_when_it_all_overlaps() -> None:
    x = "Crowds gathered in Times Square to watch the broadcast."
    y = "Crowds in Times Square watched the broadcast."
    core = claims_mod.claim_core(x, y, {})
    assert core.a == (0, len(x)) and core.b == (0, len(y))


def test_differs_names_the_figures_that_disagree() -> None:
    x = "An estimated 600 million people watched the landing."
    y = "Half a billion people watched the landing."
    assert claims_mod.claim_differs(word_diff(x, y)) == (("600 million", "Half a billion"),)
    x = "The toll of dead and wounded has steadily risen."
    y = "dozens massacred and hundreds wounded"  # the core of the seed sentence
    assert claims_mod.claim_differs(word_diff(x, y)) == (("", "dozens, hundreds"),)


def test_differs_ignores_added_detail_and_rewording() -> None:
    x = "Nixon called the crew."
    y = "Richard Nixon called the crew from the White House in 1969."
    assert claims_mod.claim_differs(word_diff(x, y)) == ()
    same = "Aldrin joined him on the surface twenty minutes later."
    assert claims_mod.claim_differs(word_diff(same, same)) == ()


def test_differs_sees_a_changed_name() -> None:
    x = "The envoy met civic leader Pumari in Potosí."
    y = "The envoy met civic leader Camacho in Potosí."
    assert claims_mod.claim_differs(word_diff(x, y)) == (("Pumari", "Camacho"),)


def test_differs_reads_a_name_as_a_persons_where_an_article_gives_it_a_title() -> None:
    from diptych.core.compare.claims.differs import PersonNames

    x = "The envoy met Pumari in Potosí."
    y = "The envoy met Camacho in Potosí."
    diff = word_diff(x, y)
    assert claims_mod.claim_differs(diff) == ()  # two names of no kind known
    persons = PersonNames(
        f"Civic leader Marco Pumari spoke. {x}", f"{y} Opposition leader Luis Fernando Camacho"
    )
    assert "camacho" in persons and "potosí" not in persons
    assert claims_mod.claim_differs(diff, persons=persons) == (("Pumari", "Camacho"),)


def test_tier_needs_every_signal_and_doubts_name_those_that_disagree() -> None:
    ok = {
        "related": True,
        "shorter_picks_it": True,
        "fragment_beats_chance": True,
        "meaning_beats_chance": True,
        "model_says_same": True,
    }
    assert claims_mod.claim_tier(**ok) == "strong"  # type: ignore[arg-type]
    assert claims_mod.claim_doubts(**ok) == ()  # type: ignore[arg-type]
    no_vectors = {**ok, "meaning_beats_chance": None}  # meaning is not asked
    assert claims_mod.claim_tier(**no_vectors) == "strong"  # type: ignore[arg-type]
    assert claims_mod.claim_doubts(**no_vectors) == ()  # type: ignore[arg-type]
    for key, bad in (
        ("related", False),
        ("shorter_picks_it", False),
        ("fragment_beats_chance", False),
        ("meaning_beats_chance", False),
        ("model_says_same", False),
    ):
        assert claims_mod.claim_tier(**{**ok, key: bad}) == "possible"  # type: ignore[arg-type]
    bad = {**ok, "fragment_beats_chance": False, "model_says_same": False, "related": False}
    assert claims_mod.claim_doubts(**bad) == ("unrelated", "scattered", "model")  # type: ignore[arg-type]


def test_a_possible_claim_says_why(
    seed_pair: tuple[Article, Article], seed_result: ClaimsResult
) -> None:
    from diptych.core.wording import doubts_said

    for c in seed_result.claims:
        assert bool(c.doubts) == (c.tier == "possible")
    # the issue's theme-only pair ("reign of terror" / "tribune of the people") shares seven
    # words scattered over two long sentences
    b = seed_pair[1]
    theme = next(c for c in seed_result.claims if "tribune of the people" in b.span_text(c.b))
    assert "scattered" in theme.doubts
    assert doubts_said(theme.doubts).startswith("possible: the shared words are scattered")


def test_shared_words_scattered_over_both_sentences_form_no_single_fragment() -> None:
    """A theme shares words, a statement shares a fragment: terms both sentences use but that
    lie far apart on either side fall into separate sets, so no set holds them all."""
    x = content_terms(
        "The governing party lost the vote in parliament after a long debate on taxes, "
        "farm subsidies, railway budgets and pensions for women."
    )
    y = content_terms(
        "Women marched through the capital for days; railway workers, teachers, nurses and "
        "miners joined them against the governing party."
    )
    sets = compact_shared(x, y, gap=4)
    shared = set(x) & set(y)
    assert len(shared) >= 4
    assert all(len(s) < len(shared) for s in sets)
    assert fragment_share(x, y, {t: 1.0 for t in x + y}, gap=4) < 0.6


def test_a_reordered_compact_phrase_is_one_fragment() -> None:
    """Order is free, distance is not: the same few words close together on both sides, in
    another order, are one set carrying the whole shared weight."""
    x = content_terms("The coca growers' union leader became the first indigenous president.")
    y = content_terms("The first indigenous president was a leader of the coca union.")
    shared = set(x) & set(y)
    assert compact_shared(x, y, gap=4) == [frozenset(shared)]
    assert fragment_share(x, y, {t: 1.0 for t in x + y}, gap=4) == pytest.approx(1.0)


def test_a_theme_shared_in_scattered_words_is_not_strong(
    seed_pair: tuple[Article, Article], seed_result: ClaimsResult
) -> None:
    """The issue's theme-only pair ("reign of terror ... targeting indigenous people, especially
    women" / "tribune of the people ... especially indigenous women") shares seven terms over
    two long sentences; its best compact set does not beat chance, so it is listed as possible
    (it was strong while the tier counted every shared term)."""
    a, b = seed_pair
    terror = eval_claims._find_sentence(a, "reign of terror")
    tribune = eval_claims._find_sentence(b, "tribune of the people")
    tiers = {
        (eval_claims.sentence_index(a, c.a), eval_claims.sentence_index(b, c.b)): c.tier
        for c in seed_result.claims
    }
    assert tiers.get((terror, tribune), "possible") == "possible"


def test_only_in_sets_are_disjoint_from_claimed_sentences(
    seed_pair: tuple[Article, Article], seed_result: ClaimsResult
) -> None:
    a, b = seed_pair
    claimed_a = {eval_claims.sentence_index(a, c.a) for c in seed_result.claims}
    claimed_b = {eval_claims.sentence_index(b, c.b) for c in seed_result.claims}
    only_a = {eval_claims.sentence_index(a, s) for s in seed_result.only_in_a}
    only_b = {eval_claims.sentence_index(b, s) for s in seed_result.only_in_b}
    assert not claimed_a & only_a
    assert not claimed_b & only_b
    assert only_a and only_b


def test_shared_terms_appear_in_both_sentences(
    seed_pair: tuple[Article, Article], seed_result: ClaimsResult
) -> None:
    from diptych.core.compare.terms import content_terms, term_of

    a, b = seed_pair
    for c in seed_result.claims:
        b_terms = set(content_terms(b.span_text(c.b)))
        for w in c.shared_terms:
            assert w in a.span_text(c.a)
            assert term_of(w) in b_terms


def test_claims_carry_the_topic_of_their_section(seed_pair: tuple[Article, Article]) -> None:
    a, b = seed_pair
    topics = topics_for_pair(a, b, seed_topic_set())
    res = find_claims(a, b, topics=topics)
    names = {t.name for t in topics.topic_set.topics}
    assert any(c.topic for c in res.claims)
    assert all(c.topic is None or c.topic in names for c in res.claims)


def test_min_score_replaces_the_relative_cut(seed_pair: tuple[Article, Article]) -> None:
    a, b = seed_pair
    loose = find_claims(a, b, min_score=0.0)
    strict = find_claims(a, b, min_score=0.5)
    assert len(loose.claims) > len(strict.claims) > 0
    assert all(c.score >= 0.5 for c in strict.claims)


def test_min_score_lists_a_sentence_whose_partner_has_a_better_match() -> None:
    """Asking for every claim (``min_score``) lists each sentence's best partner even when the
    partner matches another sentence better: a short report and its longer restatement in A,
    the longer one copied in B. Before, only pairs near the best of both sentences were
    listed, and the short report had no claim at any score."""
    x = "The finance minister resigned on Tuesday after auditors found irregular payments."
    x2 = (
        "The finance minister resigned on Tuesday after auditors found irregular payments "
        "to consultants hired without a tender, the prime minister's office said."
    )
    filler_a = [
        "The harbour froze early this winter, trapping fishing boats for weeks.",
        "A new library opened downtown with a large children's section.",
        "Local farmers reported a record apple harvest despite the dry summer.",
        "The city orchestra announced a season of Baroque concertos.",
        "Traffic on the northern bridge will be diverted during repairs in March.",
    ]
    filler_b = [
        "Students at the technical college built a solar-powered race car.",
        "The zoo welcomed two snow leopard cubs born in captivity.",
        "Heavy snow closed mountain passes across the region on Thursday.",
        "A bakery chain plans to open twelve shops along the coast.",
        "Museum attendance doubled after the dinosaur exhibition arrived.",
    ]
    a = _text_article([x, *filler_a, x2])
    b = _text_article([*filler_b[:3], x2, *filler_b[3:]])
    pairs = {(a.span_text(c.a), b.span_text(c.b)) for c in find_claims(a, b, min_score=0.0).claims}
    assert (x, x2) in pairs
    assert (x2, x2) in pairs
    # the relative cut still lists the copy alone
    default = {(a.span_text(c.a), b.span_text(c.b)) for c in find_claims(a, b).claims}
    assert (x2, x2) in default


UNRELATED_A = [
    "The bakery on Elm Street sells rye bread every morning before seven.",
    "Its owner learned to bake sourdough from her grandmother in Vienna.",
    "Customers queue in the rain for cinnamon rolls on Saturdays.",
    "The oven was rebuilt last spring after a chimney fire.",
    "Flour prices rose sharply this year, so loaves now cost more.",
    "A second shop will open near the railway station in June.",
]
UNRELATED_B = [
    "The comet will pass closest to the sun in late February.",
    "Astronomers measured its nucleus at roughly four kilometres across.",
    "Its tail points away from the sun because of the solar wind.",
    "Amateur observers can see it with binoculars after midnight.",
    "The last visit of this comet was recorded by Chinese astronomers.",
    "Spacecraft images show jets of gas erupting from its surface.",
]


def test_unrelated_articles_share_few_or_no_claims() -> None:
    res = find_claims(_text_article(UNRELATED_A), _text_article(UNRELATED_B))
    assert len(res.claims) <= 1
    assert len(res.only_in_a) >= 5 and len(res.only_in_b) >= 5


CLAIM_PAIRS = Path(__file__).resolve().parents[1] / "data" / "claim_pairs"


def _body_sentences(article: Article) -> list[Span]:
    return [
        s
        for s in article.sentences
        if article.blocks[article.block_at(s.start)].kind in {"paragraph", "quote", "list_item"}
    ]


def test_a_recipe_and_a_match_report_share_almost_no_claims() -> None:
    """Two unrelated articles of 20 sentences each: the relative bars alone found 9 "claims"
    here (sentences sharing "half", "minutes", "shape"); the relatedness test leaves none or
    almost none."""
    cooking = load_article(CLAIM_PAIRS / "cooking_sourdough.md")
    football = load_article(CLAIM_PAIRS / "football_report.md")
    res = find_claims(cooking, football)
    assert len(res.claims) <= 2
    assert len(res.only_in_a) >= 18 and len(res.only_in_b) >= 18
    assert res.related is False  # and the result says why there is (next to) nothing


def test_the_seed_pair_counts_as_related(seed_pair: tuple[Article, Article]) -> None:
    assert find_claims(*seed_pair).related is True


def test_seed_article_and_unrelated_news_sentences_share_almost_no_claims(
    seed_pair: tuple[Article, Article], shared_dir: Path
) -> None:
    """Seed A against 40 unrelated news sentences (16 claims before the relatedness test)
    and against 1,000 (25 before)."""
    a, _ = seed_pair
    msrp = shared_dir / "data" / "msrp"
    assert len(find_claims(a, eval_claims.msrp_excerpt("b", 0, 40, msrp)).claims) <= 2
    assert len(find_claims(a, eval_claims.msrp_excerpt("b", 1000, 1000, msrp)).claims) <= 5


def test_short_related_articles_keep_claims_that_share_three_terms() -> None:
    """Short sentences cannot share four content terms; three that make half of the shorter
    sentence are strong evidence too, so two related news briefs keep their claims."""
    a = _text_article(
        [
            "The city council approved the new budget on Tuesday evening.",
            "Spending on primary schools rises by five percent.",
            "The mayor called the vote a victory for working families.",
            "Opposition members walked out before the final count.",
        ]
    )
    b = _text_article(
        [
            "On Tuesday the council passed its budget after a long debate.",
            "Schools will get five percent more.",
            "Critics said the plan ignores the housing shortage.",
            "The mayor praised the vote as a win for families.",
        ]
    )
    pairs = {(a.span_text(c.a)[:12], b.span_text(c.b)[:12]) for c in find_claims(a, b).claims}
    assert pairs == {
        ("The city cou", "On Tuesday t"),
        ("Spending on ", "Schools will"),
        ("The mayor ca", "The mayor pr"),
    }


def test_an_article_and_its_light_revision_pair_every_edited_sentence() -> None:
    original = load_article(CLAIM_PAIRS / "cooking_sourdough.md")
    revised = load_article(CLAIM_PAIRS / "cooking_sourdough_revised.md")
    sa, sb = _body_sentences(original), _body_sentences(revised)
    assert len(sa) == len(sb) == 20
    edited = [k for k in range(20) if original.span_text(sa[k]) != revised.span_text(sb[k])]
    assert len(edited) == 8
    pairs = {(c.a, c.b) for c in find_claims(original, revised).claims}
    assert all((sa[k], sb[k]) in pairs for k in range(20))


def test_identical_articles_pair_each_sentence_with_itself(
    seed_pair: tuple[Article, Article],
) -> None:
    a, _ = seed_pair
    res = find_claims(a, a)
    body = [s for s in a.sentences if a.blocks[a.block_at(s.start)].kind in {"paragraph", "quote"}]
    assert {(c.a, c.b) for c in res.claims} == {(s, s) for s in body}
    assert all(c.diff == ((0, a.span_text(c.a)),) for c in res.claims)
    assert not res.only_in_a and not res.only_in_b


def test_identical_articles_pair_up_through_sparse_candidates(
    seed_pair: tuple[Article, Article],
) -> None:
    """The large-article path (candidates from term postings, not all pairs) finds them too."""
    a, _ = seed_pair
    params = replace(PARAMS, exhaustive_pairs=0)
    res = claims_mod._find_claims(a, a, topics=None, min_score=None, params=params)
    assert all(c.a == c.b for c in res.claims)
    assert len(res.claims) >= 0.9 * (len(res.claims) + len(res.only_in_a))


def test_claims_are_deterministic(seed_pair: tuple[Article, Article]) -> None:
    assert find_claims(*seed_pair) == find_claims(*seed_pair)


def test_claims_work_without_word_vectors(
    seed_pair: tuple[Article, Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claims_vectors, "word_vectors", lambda: None)
    res = find_claims(*seed_pair)
    a, b = seed_pair
    s = eval_claims.seed_scores(a, b, res, eval_claims.load_labels(a, b))
    assert res.claims and s.precision >= 0.4


def test_article_without_sentences_gives_no_claims(seed_pair: tuple[Article, Article]) -> None:
    a, _ = seed_pair
    empty = replace(a, sentences=())
    res = find_claims(a, empty)
    assert res.claims == () and res.only_in_b == ()
    assert len(res.only_in_a) > 0


# --------------------------------------------------------------------------- selection rules


def test_mutual_best_pairs_face_the_shorter_sides_chance_level(
    seed_pair: tuple[Article, Article],
) -> None:
    """A pair both sentences chose needs to beat chance for the side with fewer alternatives
    only: with articles of different lengths that bar is lower than the general one."""
    side_a, side_b, sp = claims_mod.score_pairs(*seed_pair)
    assert len(side_a.sentences) != len(side_b.sentences)
    assert 0.0 < sp.mutual_chance_z < sp.chance_z
    same = claims_mod.score_pairs(seed_pair[0], seed_pair[0])[2]
    assert same.mutual_chance_z == pytest.approx(same.chance_z)


def test_paraphrase_rescore_is_what_lifts_precision_on_the_paraphrase_documents(
    msrp_score: eval_claims.MsrpScore,
) -> None:
    without = eval_claims.run_msrp(replace(PARAMS, para_cut=None))
    assert msrp_score.precision > without.precision + 0.02
    assert msrp_score.recall > without.recall - 0.03


def test_paraphrase_cut_keeps_everything_when_there_are_few_claims() -> None:
    import numpy as np

    logit = np.asarray([3.0, 2.9, 3.1, -5.0])
    assert claims_mod._paraphrase_keep(logit, PARAMS).all()
    many = np.r_[np.linspace(-1.0, 1.0, 20), -5.0]
    keep = claims_mod._paraphrase_keep(many, PARAMS)
    assert not keep[-1] and keep[:-1].all()


def test_paraphrase_cut_spares_claims_the_model_calls_paraphrases() -> None:
    import numpy as np

    near_identical = np.r_[np.full(20, 4.3) + np.linspace(0, 0.05, 20), 1.2]
    assert claims_mod._paraphrase_keep(near_identical, PARAMS).all()


def test_two_revisions_of_one_text_pair_up_their_edited_sentences(
    seed_pair: tuple[Article, Article],
) -> None:
    """Among near-identical claims the relative paraphrase cut must not drop the lightly
    edited sentences (the interesting ones when comparing revisions)."""
    a, _ = seed_pair
    paras = [a.span_text(bl.span) for bl in a.blocks if bl.kind == "paragraph"]
    edited = list(paras)
    for i in range(0, len(paras), 4):
        words = edited[i].split()
        mid = len(words) // 2
        edited[i] = " ".join([*words[:mid], "reportedly", *words[mid + 2 :]])
    old, new = _text_article(paras), _text_article(edited)
    res = find_claims(old, new)
    changed = [c for c in res.claims if old.span_text(c.a) != new.span_text(c.b)]
    assert len(changed) >= len(range(0, len(paras), 4)) - 1
    assert len(res.only_in_a) <= 2


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab cd,.;’'\"-—\n the of Éé Ab CD walked walk", max_size=80),
    st.text(alphabet="ab cd,.;’'\"-—\n the of Éé Ab CD walked walk", max_size=80),
)
def test_core_diff_rebuilds_both_cores(x: str, y: str) -> None:
    core, diff = claims_mod.core_and_diff(x, y, {})
    assert 0 <= core.a[0] <= core.a[1] <= len(x) and 0 <= core.b[0] <= core.b[1] <= len(y)
    assert "".join(t for op, t in diff if op <= 0) == x[core.a[0] : core.a[1]]
    assert "".join(t for op, t in diff if op >= 0) == y[core.b[0] : core.b[1]]


# --------------------------------------------------------------------------- verdicts


def test_verdicts_confirm_reject_and_add_claims(
    seed_pair: tuple[Article, Article], seed_result: ClaimsResult
) -> None:
    a, b = seed_pair
    possible = next(c for c in seed_result.claims if c.tier == "possible")
    strong = next(c for c in seed_result.claims if c.tier == "strong")
    used_a = {c.a for c in seed_result.claims}
    used_b = {c.b for c in seed_result.claims}
    new_a = next(s for s in seed_result.only_in_a)
    new_b = next(s for s in seed_result.only_in_b)
    assert new_a not in used_a and new_b not in used_b
    verdicts = [
        claims_mod.VerdictSpans(possible.a, possible.b, "same", "v1"),
        claims_mod.VerdictSpans(strong.a, strong.b, "different", "v2"),
        claims_mod.VerdictSpans(new_a, new_b, "same", "v3"),  # a pair the reader added
        claims_mod.VerdictSpans(Span(0, 1), new_b, "different", "v4"),  # matches nothing
    ]
    res, keys = claims_mod.apply_verdicts(seed_result, a, b, verdicts)
    by_key = {k: res.claims[i] for i, k in keys.items()}
    assert set(by_key) == {"v1", "v2", "v3"}
    assert by_key["v1"].verdict == "same" and by_key["v1"].tier == "strong"
    assert by_key["v2"].verdict == "different" and by_key["v2"].tier == "possible"
    added = by_key["v3"]
    assert (added.a, added.b, added.verdict, added.tier) == (new_a, new_b, "same", "strong")
    # the added pair is marked as the reader's own (its 1.0 is no score of the engine's); a
    # confirmed engine claim is not
    assert added.added and not by_key["v1"].added and not by_key["v2"].added
    assert not any(c.added for c in seed_result.claims)
    assert "".join(t for op, t in added.diff if op <= 0) == a.span_text(new_a)
    assert new_a not in res.only_in_a and new_b not in res.only_in_b
    assert len(res.claims) == len(seed_result.claims) + 1
    # confirmed claims lead the list; strong still before possible
    assert res.claims[0].verdict == "same"
    tiers = [c.tier for c in res.claims]
    assert tiers == sorted(tiers, key=lambda t: t != "strong")


_STORY = [
    "The town council of Millbrook voted on Monday night to rebuild the concrete flood wall "
    "along the Ash River, after a spring flood overtopped it two years ago and damaged more "
    "than three hundred homes.",
    "The project will cost an estimated forty-eight million dollars, most of it from a state "
    "resilience fund. Construction is expected to begin next summer and to last two years.",
    "Opponents argued that raising the wall would only push water downstream to the "
    "neighbouring town of Eastford, whose officials have asked for a study of the floodplain.",
    "The mayor said the council had weighed the study and found that the risk to Eastford "
    "was small.",
]


def test_two_short_versions_of_one_story_share_their_copied_sentences_as_strong() -> None:
    # most pairs of two short versions are copies, so the chance level sampled from the pair
    # sits among them: a sentence both have word for word is reuse, strong whatever chance says
    a = article_from_text("# Flood wall vote\n\n" + "\n\n".join(_STORY), "markdown")
    b_paras = [
        "Farmers upstream said the new wall would change little for them, since their "
        "fields flood every spring anyway.",
        _STORY[0],
        "> " + _STORY[2],  # a pull quote
        "Local shops closed early on the day of the vote, and many owners came to the hall "
        "to listen.",
        _STORY[1],
        _STORY[2],
        "The school board met the same night to discuss the bus routes for the next year.",
        _STORY[3],
    ]
    b = article_from_text("# River wall approved\n\n" + "\n\n".join(b_paras), "markdown")
    res = find_claims(a, b)
    copied = [c for c in res.claims if a.span_text(c.a) == b.span_text(c.b)]
    assert len(copied) == 6  # five sentences, one of them twice (the pull quote)
    assert {c.tier for c in copied} == {"strong"}


FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"


def test_one_shared_word_is_never_a_strong_claim() -> None:
    """Tryout: beside a short PDF about a river wall, the note "Minutes of the council
    meeting." and "Residents can comment on the design at two public meetings" share one word
    and were strong (0.74): with a few dozen sentence pairs the chance levels are low, and one
    word is one signal. (The notes as a list of their own, without their numbers.)"""
    a = load_article(FORMATS / "two-columns.pdf")
    notes = load_article(FORMATS / "footnotes.pdf")
    paras = [notes.span_text(bl.span) for bl in notes.blocks if bl.kind == "paragraph"]
    items = [p for p in re.split(r"\s*\d+\.\s+|\s*\*\s+", paras[-1]) if p]
    b = _text_article(paras[:-1] + items)
    res = find_claims(a, b)
    assert any(b.span_text(c.b) == "Minutes of the council meeting." for c in res.claims)
    for c in res.claims:
        shared = set(content_terms(a.span_text(c.a))) & set(content_terms(b.span_text(c.b)))
        if len(shared) < 2:
            assert c.tier == "possible", (a.span_text(c.a), b.span_text(c.b))


def test_chance_level_is_read_from_enough_samples_for_long_articles() -> None:
    """The chance level is the 1 - 1/n quantile of the sampled background (n: the longer
    side's units). With fewer sampled pairs than that, the quantile was the sample's maximum:
    on two 4 MB articles (20,000 sentences a side, 20,000 samples) it read 5.6 where 400,000
    samples read 7.0, chance pairs flooded the claims, the pair failed the relatedness test
    and none of 4,034 restated sentences was strong (bench_claims.py's generator)."""
    from diptych.core.compare.claims.scoring import _background
    from diptych.core.compare.claims.vectors import _Sparse

    def rows(n: int) -> _Sparse:  # one term per row, from a small vocabulary
        return _Sparse(
            np.arange(n + 1, dtype=np.int64),
            np.arange(n, dtype=np.int64) % 50,
            np.ones(n),
            50,
        )

    for n, m in ((30_000, 12_000), (8_000, 40_000)):
        sample = _background(rows(n), rows(m), None, None, PARAMS)[4]
        # several sampled pairs above the 1 - 1/n quantile, not its edge
        assert len(sample) >= 2 * max(n, m)
    # short articles: every pair, as before
    assert len(_background(rows(40), rows(90), None, None, PARAMS)[4]) == 40 * 90
