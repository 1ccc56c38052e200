"""The reader's topic edits (issue 13, item 14): pure operations on a topic set, the pair's
saved set, and what follows from an edit (sections, claim labels, anchors)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from diptych.core.compare.alignment import SECTION_WEIGHT
from diptych.core.compare.pair import analyze_pair, load_pair, pair_topics
from diptych.core.compare.topic_edits import (
    add_cue,
    delete_topic,
    load_pair_topic_set,
    merge_topics,
    pair_topics_path,
    recolor_topic,
    rename_topic,
    retopic_pair,
    save_pair_topic_set,
    topic_set_toml,
)
from diptych.core.compare.topics import load_topic_set, topic_set_for_pair
from diptych.core.errors import TopicsError
from diptych.core.model import Topic, TopicSet

TS = TopicSet(
    "mine",
    (
        Topic("coup", "#d64541", ("coup", "overthrow")),
        Topic("lithium", "#20a35a", ("lithium",)),
        Topic("police", "#2e86de", ("police", "military")),
    ),
    proposed=True,
)


@pytest.fixture(scope="module")
def seed():
    a, b = load_pair()
    return analyze_pair(a, b)


def test_rename_keeps_colour_and_cues_and_refuses_clashes():
    out = rename_topic(TS, "lithium", "  lithium   mining ")
    assert [t.name for t in out.topics] == ["coup", "lithium mining", "police"]
    assert out.topics[1].cues == ("lithium",) and out.topics[1].color == "#20a35a"
    assert not out.proposed  # edited: the reader's own set
    with pytest.raises(TopicsError, match="already a topic"):
        rename_topic(TS, "lithium", "Coup")
    with pytest.raises(TopicsError, match="needs a name"):
        rename_topic(TS, "lithium", "   ")
    with pytest.raises(TopicsError, match="no topic called"):
        rename_topic(TS, "gas", "x")


def test_recolor_checks_the_colour():
    assert recolor_topic(TS, "coup", "#ABCDEF").topics[0].color == "#abcdef"
    with pytest.raises(TopicsError, match="#rrggbb"):
        recolor_topic(TS, "coup", "red")


def test_merge_keeps_the_target_place_colour_and_all_cues():
    out = merge_topics(TS, ["police", "coup"], into="coup")
    assert [t.name for t in out.topics] == ["coup", "lithium"]
    assert out.topics[0].cues == ("coup", "overthrow", "police", "military")
    assert out.topics[0].color == "#d64541"
    with pytest.raises(TopicsError):
        merge_topics(TS, ["police"], into="police")
    with pytest.raises(TopicsError):
        merge_topics(TS, ["police", "coup"], into="lithium")


def test_delete_and_add_cue():
    assert [t.name for t in delete_topic(TS, "coup").topics] == ["lithium", "police"]
    out = add_cue(TS, "lithium", " salt  flats ")
    assert out.topics[1].cues == ("lithium", "salt flats")
    assert add_cue(out, "lithium", "Salt Flats") == out  # already there
    with pytest.raises(TopicsError, match="common words"):
        add_cue(TS, "lithium", "the of and")


def test_toml_round_trip_with_awkward_names(tmp_path: Path):
    ts = rename_topic(TS, "coup", 'the "coup" \\ golpe — ñ 😀')
    path = tmp_path / "t.toml"
    path.write_text(topic_set_toml(ts), encoding="utf-8")
    tomllib.loads(path.read_text(encoding="utf-8"))
    back = load_topic_set(path)
    assert back.topics == ts.topics


def test_the_pair_set_is_saved_found_and_used(seed, tmp_path: Path):
    a, b = seed.a, seed.b
    edited = rename_topic(seed.topics.topic_set, "lithium", "lithium mining")
    path, aside = save_pair_topic_set(edited, a, b)
    assert path == pair_topics_path(a, b) and path.is_file() and aside is None
    assert load_pair_topic_set(a, b) == edited
    assert load_pair_topic_set(b, a) == edited  # whichever side each article is on
    assert pair_topics(a, b).topic_set == edited  # the next analysis uses it
    assert topic_set_for_pair(a, b) != edited  # the pair's own set is still there to go back to
    with pytest.raises(TopicsError, match="at least one topic"):
        save_pair_topic_set(TopicSet("x", ()), a, b)


def test_an_unreadable_pair_file_is_ignored(seed):
    path = pair_topics_path(seed.a, seed.b)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("this is [not toml", encoding="utf-8")
    assert load_pair_topic_set(seed.a, seed.b) is None


def test_retopic_relabels_claims_and_rebuilds_anchors(seed):
    ts = seed.topics.topic_set
    renamed = rename_topic(ts, "lithium", "lithium mining")
    topics, claims, _chain = retopic_pair(seed.a, seed.b, renamed, seed.claims)
    assert {s.topic for s in topics.a} >= {"lithium mining"}
    old_lithium = [i for i, c in enumerate(seed.claims.claims) if c.topic == "lithium"]
    assert all(claims.claims[i].topic == "lithium mining" for i in old_lithium)
    assert len(claims.claims) == len(seed.claims.claims)

    # deleting a topic takes its section anchors away
    gone = delete_topic(ts, "coup")
    topics, claims, chain = retopic_pair(seed.a, seed.b, gone, seed.claims)
    new_starts = {s.start for s in topics.a}
    section_anchors = {p.a for p in chain.candidates if p.weight == SECTION_WEIGHT}
    assert section_anchors <= new_starts  # only the sections that are still there
    old_coup = {p.a for p in seed.chain.candidates if p.weight == SECTION_WEIGHT} & {
        s.start for s in seed.topics.a if s.topic == "coup"
    }
    assert old_coup and not (old_coup & section_anchors)
    assert not any(s.topic == "coup" for s in topics.a)
    assert all(c.topic != "coup" for c in claims.claims)
