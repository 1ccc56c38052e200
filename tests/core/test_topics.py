"""Topics: topic set files, cue-density sections with smoothing, proposed topics."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diptych.core.compare.terms import content_terms
from diptych.core.compare.topics import (
    assign_topics,
    load_topic_set,
    propose_topics,
    seed_topic_set,
    topic_at,
    topic_set_for_pair,
    topics_for_pair,
)
from diptych.core.errors import TopicsError
from diptych.core.model import (
    Article,
    ArticleTopics,
    BlockKind,
    Topic,
    TopicSection,
    TopicSet,
)
from helpers.articles import make_article


def topic_of_phrase(
    article: Article, sections: tuple[TopicSection, ...], phrase: str
) -> str | None:
    """The topic of the block containing ``phrase`` (asserting the phrase is there)."""
    at = article.text.find(phrase)
    assert at >= 0, f"phrase not in article: {phrase!r}"
    return topic_at(sections, at)


def write(tmp_path: Path, text: str | bytes, name: str = "topics.toml") -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


# --------------------------------------------------------------------------- topic set files

GOOD_TOML = """
name = "Football"
[[topic]]
name = "goals"
color = "#D64541"
cues = ["goal", "scored", "header", "penalty kick", "equaliser"]
[[topic]]
name = "injuries"
color = "#2e86de"
cues = ["injury", "hamstring", "stretcher", "physio"]
"""


def test_topic_set_file_loads_names_colours_and_cues(tmp_path: Path) -> None:
    ts = load_topic_set(write(tmp_path, GOOD_TOML))
    assert ts.name == "Football"
    assert not ts.proposed
    assert [t.name for t in ts.topics] == ["goals", "injuries"]
    assert ts.topics[0].color == "#d64541"  # normalised to lower case
    assert ts.topics[0].cues == ("goal", "scored", "header", "penalty kick", "equaliser")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('name = "x"\n[[topic]\nname="a"', "not valid TOML"),
        ('name = "x"\n', "no [[topic]]"),
        ('name = "x"\ntopic = "coup"\n', "array of tables"),
        ('[[topic]]\nname = ""\ncolor = "#112233"\ncues = ["a"]\n', "'name' must be"),
        ('[[topic]]\nname = "a"\ncolor = "red"\ncues = ["coup"]\n', "'color' must be"),
        ('[[topic]]\nname = "a"\ncolor = "#12345"\ncues = ["coup"]\n', "'color' must be"),
        ('[[topic]]\nname = "a"\ncolor = "#123456"\ncues = []\n', "'cues' must be"),
        ('[[topic]]\nname = "a"\ncolor = "#123456"\ncues = "coup"\n', "'cues' must be"),
        ('[[topic]]\nname = "a"\ncolor = "#123456"\ncues = ["coup", 3]\n', "every cue"),
        ('[[topic]]\nname = "a"\ncolor = "#123456"\ncues = ["the of"]\n', "only stop words"),
        ('[[topic]]\nname = "a"\ncolour = "#123456"\ncues = ["x1"]\n', "unknown key 'colour'"),
        ('nme = "x"\n[[topic]]\nname = "a"\ncolor = "#123456"\ncues = ["x1"]\n', "'nme'"),
        (
            '[[topic]]\nname="a"\ncolor="#123456"\ncues=["x1"]\n'
            '[[topic]]\nname="A"\ncolor="#123456"\ncues=["y1"]\n',
            "defined twice",
        ),
    ],
)
def test_bad_topic_files_raise_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(TopicsError) as err:
        load_topic_set(path)
    text = str(err.value)
    assert message in text
    assert str(path) in text
    assert "\n" not in text


def test_missing_directory_binary_and_huge_topic_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TopicsError, match="no such topic set file"):
        load_topic_set(tmp_path / "absent.toml")
    with pytest.raises(TopicsError, match="is a directory"):
        load_topic_set(tmp_path)
    with pytest.raises(TopicsError, match="not UTF-8"):
        load_topic_set(write(tmp_path, b"\xff\xfe\x00name = 1"))
    with pytest.raises(TopicsError, match="too large"):
        load_topic_set(write(tmp_path, "# " + "x" * 1_100_000))


def test_topic_set_without_a_name_is_named_after_its_file(tmp_path: Path) -> None:
    ts = load_topic_set(
        write(tmp_path, '[[topic]]\nname="a"\ncolor="#123456"\ncues=["x1"]\n', "my-set.toml")
    )
    assert ts.name == "my-set"


def test_seed_topic_set_has_the_four_seed_topics() -> None:
    ts = seed_topic_set()
    assert [t.name for t in ts.topics] == ["coup", "MAS record", "lithium", "program"]
    assert len({t.color for t in ts.topics}) == 4
    assert not ts.proposed


# --------------------------------------------------------------------------- a made-up pair

FOOTBALL = TopicSet(
    name="Football",
    topics=(
        Topic("goals", "#d64541", ("goal", "scored", "header", "penalty", "equaliser", "net")),
        Topic("injuries", "#2e86de", ("injury", "hamstring", "stretcher", "physio", "ankle")),
        Topic("referee", "#20a35a", ("referee", "VAR", "red card", "offside", "booked")),
    ),
)

MATCH_A = make_article(
    [
        ("title", "Rovers edge City in a bruising derby"),
        ("paragraph", "Rovers beat City 2-1 on Saturday in front of a full stadium."),
        (
            "paragraph",
            "Silva scored the opening goal with a header from a corner, and City's equaliser "
            "came from a penalty before Okafor fired the winning goal into the net.",
        ),
        ("paragraph", "The crowd sang long after the final whistle."),
        ("heading", "Fitness worries"),
        (
            "paragraph",
            "Costa left on a stretcher with an ankle injury, and the physio fears a "
            "hamstring problem for Reyes as well; the injury list keeps growing.",
        ),
        (
            "paragraph",
            "The referee sent off Brandt with a red card, and VAR ruled a late City effort "
            "offside, so the referee had a long afternoon.",
        ),
    ],
    "mem:match-a",
)

MATCH_B = make_article(
    [
        ("title", "Derby day: Rovers 2, City 1"),
        (
            "paragraph",
            "A VAR review and a red card for Brandt shaped the derby; the referee booked "
            "six players and flagged two goals offside.",
        ),
        (
            "paragraph",
            "Okafor's winning goal, a low drive into the net, followed Silva's header and a "
            "City penalty that made the equaliser.",
        ),
        (
            "paragraph",
            "Rovers now face a crowded December, and Costa's ankle injury after he was carried "
            "off on a stretcher means the physio has work to do.",
        ),
    ],
    "mem:match-b",
)


def test_made_up_pair_gets_its_own_topics_in_either_order() -> None:
    result = topics_for_pair(MATCH_A, MATCH_B, FOOTBALL)
    assert topic_of_phrase(MATCH_A, result.a, "opening goal") == "goals"
    assert topic_of_phrase(MATCH_A, result.a, "stretcher") == "injuries"
    assert topic_of_phrase(MATCH_A, result.a, "sent off Brandt") == "referee"
    assert topic_of_phrase(MATCH_B, result.b, "VAR review") == "referee"
    assert topic_of_phrase(MATCH_B, result.b, "low drive") == "goals"
    assert topic_of_phrase(MATCH_B, result.b, "carried") == "injuries"


def test_title_is_in_no_section_and_heading_joins_the_section_after_it() -> None:
    sections = assign_topics(MATCH_A, FOOTBALL)
    assert topic_of_phrase(MATCH_A, sections, "Rovers edge City") is None
    assert topic_of_phrase(MATCH_A, sections, "Fitness worries") == "injuries"
    injuries = [s for s in sections if s.topic == "injuries"]
    assert MATCH_A.text[injuries[0].start :].startswith("Fitness worries")


def test_cue_less_block_between_two_blocks_of_a_topic_joins_them() -> None:
    art = make_article(
        [
            ("paragraph", "He scored a header, then a penalty, a second goal for the club."),
            ("paragraph", "The crowd sang long after the final whistle."),
            ("paragraph", "Another goal followed: a header into the net, then an equaliser."),
        ]
    )
    sections = assign_topics(art, FOOTBALL)
    assert [(s.topic, s.first_block, s.last_block) for s in sections] == [("goals", 0, 2)]


def test_long_cue_less_stretch_splits_a_topic_and_has_no_topic() -> None:
    filler = [
        ("paragraph", f"Paragraph {i} talks about the weather and the buses.") for i in range(6)
    ]
    art = make_article(
        [
            ("paragraph", "He scored a header, then a penalty, a second goal for the club."),
            *filler,
            ("paragraph", "Another goal followed: a header into the net, then an equaliser."),
        ]  # type: ignore[list-item]
    )
    sections = assign_topics(art, FOOTBALL)
    assert [s.topic for s in sections] == ["goals", "goals"]
    assert topic_of_phrase(art, sections, "Paragraph 3") is None


def test_sections_are_contiguous_ordered_and_disjoint() -> None:
    for art in (MATCH_A, MATCH_B):
        sections = assign_topics(art, FOOTBALL)
        for s in sections:
            assert s.start == art.blocks[s.first_block].start
            assert s.end == art.blocks[s.last_block].end
        for s, t in pairwise(sections):
            assert s.last_block < t.first_block
            assert s.end <= t.start


def test_phrase_cue_needs_its_words_in_sequence() -> None:
    ts = TopicSet("t", (Topic("cards", "#111111", ("red card",)), Topic("x", "#222222", ("zz",))))
    hit = make_article(
        [("paragraph", "A red card came late, then another red card, then a third red card.")]
    )
    miss = make_article(
        [("paragraph", "A red shirt and a card game; red, card, and more red and card.")]
    )
    assert [s.topic for s in assign_topics(hit, ts)] == ["cards"]
    assert assign_topics(miss, ts) == ()


def test_cue_matches_inflections_but_not_stemmer_look_alikes() -> None:
    ts = TopicSet(
        "t",
        (
            Topic("resources", "#111111", ("mineral", "nationalization")),
            Topic("other", "#222222", ("zz",)),
        ),
    )
    look_alikes = make_article(
        [("paragraph", "The miners of the national union struck; miners and national leaders.")]
    )
    inflected = make_article(
        [("paragraph", "Minerals and nationalizations: the minerals of two nationalizations.")]
    )
    assert assign_topics(look_alikes, ts) == ()
    assert [s.topic for s in assign_topics(inflected, ts)] == ["resources"]


def test_topic_at_finds_the_section_or_none() -> None:
    sections = assign_topics(MATCH_A, FOOTBALL)
    assert topic_at(sections, -1) is None
    assert topic_at(sections, len(MATCH_A.text) + 10) is None
    for s in sections:
        assert topic_at(sections, s.start) == s.topic
        assert topic_at(sections, s.end - 1) == s.topic


def test_empty_article_and_empty_topic_set_give_no_sections() -> None:
    empty = make_article([])
    assert assign_topics(empty, FOOTBALL) == ()
    assert assign_topics(MATCH_A, TopicSet("none", ())) == ()


# --------------------------------------------------------------------------- proposals

TRIAL_A = make_article(
    [
        ("title", "New pill lowers blood pressure in large trial"),
        (
            "paragraph",
            "The randomized trial enrolled 4,000 participants; half received the pill and half "
            "a placebo, and neither participants nor doctors knew which. The trial ran for two "
            "years at forty hospitals.",
        ),
        (
            "paragraph",
            "Blood pressure fell by 12 points on average in the pill group, against 3 points on "
            "placebo. Systolic pressure dropped most in older patients, and the blood pressure "
            "benefit lasted the whole trial.",
        ),
        (
            "paragraph",
            "Side effects were mild: nausea and dizziness were the commonest complaints, and "
            "dizziness led some patients to stop. Nausea faded after a few weeks.",
        ),
        (
            "paragraph",
            "The company has not set a price. Insurers worry about the cost of a daily pill "
            "for millions, and the price will decide who gets it; cheaper generic drugs exist.",
        ),
        ("paragraph", "Regulators are expected to rule next spring."),
    ],
    "mem:trial-a",
)

TRIAL_B = make_article(
    [
        ("title", "Cautious welcome for blood pressure drug"),
        (
            "paragraph",
            "Doctors welcomed the results but warned about cost: without a price, insurers cannot "
            "say whether the pill will be covered, and the cost may dwarf older generic drugs.",
        ),
        (
            "paragraph",
            "Patients on the drug reported nausea and dizziness more often than on placebo; "
            "for most, nausea and dizziness passed, though a few stopped.",
        ),
        (
            "paragraph",
            "Among 4,000 participants in the randomized, placebo-controlled trial, blood pressure "
            "fell 12 points. Pressure readings were taken monthly, and blood pressure stayed "
            "lower throughout the trial.",
        ),
    ],
    "mem:trial-b",
)


def test_propose_topics_on_a_pair_without_topic_set() -> None:
    ts = propose_topics(TRIAL_A, TRIAL_B)
    assert ts.proposed
    assert 3 <= len(ts.topics) <= 6
    assert len({t.color for t in ts.topics}) == len(ts.topics)
    terms_a, terms_b = set(content_terms(TRIAL_A.text)), set(content_terms(TRIAL_B.text))
    result = topics_for_pair(TRIAL_A, TRIAL_B, ts)
    for topic in ts.topics:
        name_parts = topic.name.split(", ")
        assert 1 <= len(name_parts) <= 3
        for part in name_parts:  # named by terms both articles use
            assert set(content_terms(part)) <= terms_a & terms_b, part
        assert any(s.topic == topic.name for s in result.a), topic.name
        assert any(s.topic == topic.name for s in result.b), topic.name
    # The themes a reader sees: side effects and cost are told apart from the pressure results.
    assert topic_of_phrase(TRIAL_A, result.a, "Side effects") != topic_of_phrase(
        TRIAL_A, result.a, "company has not set a price"
    )
    assert topic_of_phrase(TRIAL_A, result.a, "Side effects") == topic_of_phrase(
        TRIAL_B, result.b, "reported nausea"
    )
    assert topic_of_phrase(TRIAL_A, result.a, "company has not set") == topic_of_phrase(
        TRIAL_B, result.b, "warned about cost"
    )


def test_propose_topics_is_deterministic() -> None:
    assert propose_topics(TRIAL_A, TRIAL_B) == propose_topics(TRIAL_A, TRIAL_B)


def test_propose_topics_on_unrelated_articles_proposes_nothing_shared() -> None:
    a = make_article([("paragraph", "Zebras graze quietly on savanna grass near rivers.")])
    b = make_article([("paragraph", "Compilers translate source code into machine instructions.")])
    assert propose_topics(a, b).topics == ()


def test_pair_that_is_not_the_seed_pair_gets_proposed_topics() -> None:
    ts = topic_set_for_pair(TRIAL_A, TRIAL_B)
    assert ts.proposed
    assert ts == propose_topics(TRIAL_A, TRIAL_B)


def test_pair_with_a_made_up_topic_set_ignores_the_seed_topics() -> None:
    result = topics_for_pair(MATCH_A, MATCH_B, FOOTBALL)
    names = {t.name for t in FOOTBALL.topics}
    assert {s.topic for s in (*result.a, *result.b)} == names


_WORDS = st.sampled_from(
    ["goal", "header", "referee", "VAR", "red", "card", "injury", "ankle", "the", "a", "crowd",
     "sang", "rain", "Costa", "net", "penalty", "U.S.", "’", "—", "x", "2-1", "ñandú", "😀"]
)  # fmt: skip
_BLOCK = st.tuples(
    st.sampled_from(["paragraph", "heading", "title", "byline", "quote", "list_item"]),
    st.lists(_WORDS, min_size=1, max_size=25).map(" ".join),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_BLOCK, max_size=25))
def test_any_article_gets_contiguous_disjoint_sections_inside_its_text(
    blocks: list[tuple[BlockKind, str]],
) -> None:
    art = make_article(blocks)
    sections = assign_topics(art, FOOTBALL)
    names = {t.name for t in FOOTBALL.topics}
    prev_end, prev_last = -1, -1
    for s in sections:
        assert s.topic in names
        assert 0 <= s.first_block <= s.last_block < len(art.blocks)
        assert s.start == art.blocks[s.first_block].start
        assert s.end == art.blocks[s.last_block].end <= len(art.text)
        assert s.first_block > prev_last and s.start >= prev_end
        assert art.blocks[s.first_block].kind not in ("title", "byline")
        prev_end, prev_last = s.end, s.last_block


# --------------------------------------------------------------------------- the seed pair


@pytest.fixture(scope="module")
def seed() -> tuple[Article, Article]:
    from diptych.core.reading.articles import load_seed_pair

    return load_seed_pair()


@pytest.fixture(scope="module")
def seed_topics(seed: tuple[Article, Article]) -> tuple[Article, Article, ArticleTopics]:
    a, b = seed
    return a, b, topics_for_pair(a, b, topic_set_for_pair(a, b))


def test_seed_pair_uses_the_manifest_topic_set_in_either_order(
    seed: tuple[Article, Article],
) -> None:
    a, b = seed
    assert topic_set_for_pair(a, b) == seed_topic_set()
    assert topic_set_for_pair(b, a) == seed_topic_set()


@pytest.mark.parametrize(
    ("side", "phrase", "topic"),
    [
        # Both lithium passages; A's sits inside a long paragraph on imperialism's drive for
        # resources and is decided by cue density.
        ("a", "70 percent of the world's lithium", "lithium"),
        ("b", "largest reserves of lithium", "lithium"),
        # Trump's reaction.
        ("a", "Donald Trump celebrated the overthrow", "coup"),
        ("b", "President Trump applauded the toppling", "coup"),
        # Andean capitalism and the 2006 nationalization.
        ("a", "Andean-Amazonian capitalism", "MAS record"),
        ("b", "overseeing “Andean capitalism”", "MAS record"),
        ("b", "The 2006 so-called “nationalization” of gas", "MAS record"),
        ("a", "for the nationalization of gas", "MAS record"),
        # The closing calls for a revolutionary / Trotskyist party.
        ("a", "formation of a new revolutionary leadership", "program"),
        ("b", "necessary to build a Trotskyist party", "program"),
        ("b", "For a Trotskyist Workers Party in Bolivia!", "program"),
        # The coup itself, as each article opens.
        ("a", "teeters on the brink of a civil war", "coup"),
        ("b", "Self-appointed president Jeanine Áñez", "coup"),
    ],
)
def test_seed_pair_passages_get_the_topic_a_reader_gives_them(
    seed_topics: tuple[Article, Article, ArticleTopics], side: str, phrase: str, topic: str
) -> None:
    a, b, result = seed_topics
    art, sections = (a, result.a) if side == "a" else (b, result.b)
    assert topic_of_phrase(art, sections, phrase) == topic


def test_seed_pair_every_topic_has_sections_in_both(
    seed_topics: tuple[Article, Article, ArticleTopics],
) -> None:
    _, _, result = seed_topics
    for t in result.topic_set.topics:
        assert any(s.topic == t.name for s in result.a), t.name
        assert any(s.topic == t.name for s in result.b), t.name


def test_seed_pair_title_and_reprint_note_are_outside_every_section(
    seed_topics: tuple[Article, Article, ArticleTopics],
) -> None:
    a, b, result = seed_topics
    assert result.a[0].start > a.blocks[0].end
    assert topic_of_phrase(b, result.b, "The following article is reprinted") is None


def test_proposed_topics_for_the_seed_pair_find_sections_in_both(
    seed: tuple[Article, Article],
) -> None:
    a, b = seed
    ts = propose_topics(a, b)
    assert 3 <= len(ts.topics) <= 6
    result = topics_for_pair(a, b, ts)
    for t in ts.topics:
        assert any(s.topic == t.name for s in result.a), t.name
        assert any(s.topic == t.name for s in result.b), t.name
    # The lithium passages share a proposed theme.
    assert topic_of_phrase(a, result.a, "world's lithium") == topic_of_phrase(
        b, result.b, "reserves of lithium"
    )
