"""Proposed topics: named by one phrase, near-duplicates merged, none for unrelated pairs
(issue 13, item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from diptych.core.compare.terms import content_terms
from diptych.core.compare.topics import _article_terms as article_terms
from diptych.core.compare.topics import (
    _merge_duplicate_themes,
    pair_similarity,
    propose_topics,
    topics_for_pair,
)
from diptych.core.reading.articles import load_article, load_seed_pair
from helpers.articles import make_article

DATA = Path(__file__).resolve().parents[1] / "data"

PORT_A = make_article(
    [
        ("title", "Port strike ends after nine days"),
        (
            "paragraph",
            "Port director Elena Sarkis said on Friday that the cranes at the container terminal would run again from Monday, after dockers accepted a new shift plan. Elena Sarkis, who took over as port director in March, called the deal fair.",
        ),
        (
            "paragraph",
            "The strike had left forty ships waiting at anchor outside the harbour. Shipping lines diverted cargo to neighbouring ports, and the backlog of containers on the quay reached its highest level in a decade.",
        ),
        (
            "paragraph",
            "Dockers had walked out over night shifts and safety on the cranes. Their union said two crane operators were injured in the spring when a spreader failed, and demanded inspections of every crane.",
        ),
        (
            "paragraph",
            "Under the deal, night shifts are capped at four a week and an outside firm will inspect the cranes. Director Elena Sarkis said the inspections start this month.",
        ),
        (
            "paragraph",
            "Exporters welcomed the end of the strike but warned that clearing the backlog of containers would take weeks. Farmers with fruit stuck on the quay lost whole shipments.",
        ),
    ],
    article_id="test:port-a",
)
PORT_B = make_article(
    [
        ("title", "Dockers back at work, but the backlog remains"),
        (
            "paragraph",
            "The container terminal reopens on Monday. Port director Elena Sarkis told reporters the cranes had been checked and the first ships at anchor would berth by evening.",
        ),
        (
            "paragraph",
            "Nine days of strike over night shifts and crane safety left a backlog of containers that exporters say will take a month to clear. Fruit growers lost shipments that rotted on the quay.",
        ),
        (
            "paragraph",
            "The union won a cap on night shifts and an independent inspection of every crane, after two crane operators were hurt in an accident in the spring. Director Elena Sarkis agreed to both demands.",
        ),
        (
            "paragraph",
            "Ships that waited at anchor for a week will be handled first. Shipping lines that diverted cargo to other ports are expected to return once the backlog of containers falls.",
        ),
        (
            "paragraph",
            "Elena Sarkis, port director since March, said the harbour would publish the inspection reports.",
        ),
    ],
    article_id="test:port-b",
)


def test_a_proposed_topic_is_named_by_one_phrase_not_a_word_list() -> None:
    ts = propose_topics(PORT_A, PORT_B)
    assert len(ts.topics) >= 3
    for t in ts.topics:
        assert ", " not in t.name, t.name
        assert 1 <= len(t.name.split()) <= 2, t.name
        assert t.name in t.cues  # the name is one of the theme's own phrases
    names = {t.name for t in ts.topics}
    assert "port director" in names


def test_near_duplicate_names_end_in_one_topic() -> None:
    ts = propose_topics(PORT_A, PORT_B)
    holding = [t.name for t in ts.topics if any("Elena" in c for c in t.cues)]
    assert len(holding) == 1, holding
    # no two topics share most of their words
    for i, s in enumerate(ts.topics):
        for t in ts.topics[i + 1 :]:
            ws = {w for c in s.cues for w in content_terms(c)}
            wt = {w for c in t.cues for w in content_terms(c)}
            assert len(ws & wt) < 0.5 * min(len(ws), len(wt)), (s.name, t.name)


def test_themes_sharing_their_words_are_merged() -> None:
    terms = ["director elena", "elena sarkis", "port director", "crane", "crane oper", "union"]
    clusters = [[0], [3, 4], [1, 2], [5]]
    assert _merge_duplicate_themes(clusters, terms) == [[0, 1, 2], [3, 4], [5]]


def test_proposed_topics_still_find_sections_in_both() -> None:
    ts = propose_topics(PORT_A, PORT_B)
    result = topics_for_pair(PORT_A, PORT_B, ts)
    for t in ts.topics:
        assert any(s.topic == t.name for s in result.a), t.name
        assert any(s.topic == t.name for s in result.b), t.name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("seed-b", "chrome/news-page.html"),
        ("chrome/council-page.txt", "chrome/mime-mail.eml"),
        ("chrome/blog-post.md", "chrome/news-page.html"),
        ("claim_pairs/football_report.md", "chrome/news-page.html"),
        ("seed-a", "chrome/news-page.html"),
    ],
)
def test_unrelated_pairs_get_no_topics(a: str, b: str) -> None:
    seed = load_seed_pair()

    def art(name: str):
        if name.startswith("seed-"):
            return seed[0] if name == "seed-a" else seed[1]
        return load_article(DATA / name)

    x, y = art(a), art(b)
    assert propose_topics(x, y).topics == ()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("chrome/mime-mail.eml", "chrome/news-page.html"),  # the same flood wall
        ("claim_pairs/cooking_sourdough.md", "chrome/blog-post.md"),  # sourdough starters
    ],
)
def test_related_pairs_keep_their_topics(a: str, b: str) -> None:
    x, y = load_article(DATA / a), load_article(DATA / b)
    assert pair_similarity(article_terms(x), article_terms(y)) >= 0.15
    assert propose_topics(x, y).topics


def test_the_seed_pair_is_related() -> None:
    a, b = load_seed_pair()
    assert pair_similarity(article_terms(a), article_terms(b)) > 0.5
    assert len(propose_topics(a, b).topics) >= 3
