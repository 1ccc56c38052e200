"""A pair's saved topic set that is there but cannot be used (in full) is never dropped without a
word: names refused since it was saved (a web address, a U+202E, digits only, 61 letters and
more: ``topics.names``) rename only those topics, anything else falls back to the pair's own
topics; either way ``ArticleTopics.notice`` says why and where the file is, and the file is
left as it was, kept aside (never overwritten or removed) when an edit is saved over it or the
edits are forgotten."""

from __future__ import annotations

from pathlib import Path

import pytest

from diptych.core.compare.pair import PairAnalysis, analyze_pair, pair_topics
from diptych.core.compare.topic_edits import (
    forget_pair_topic_set,
    load_pair_topic_set,
    pair_topics_path,
    rename_topic,
    save_pair_topic_set,
    topic_set_toml,
)
from diptych.core.compare.topics import load_topic_set
from diptych.core.errors import TopicsError
from diptych.core.model import Topic, TopicSet
from helpers.articles import make_article

A = make_article(
    [
        "The lithium mine near the salt flats grew fast this year.",
        "Police and the military cleared the square after the coup.",
        "Exports of lithium carbonate doubled, the ministry said.",
    ],
    "test:a",
    title="A",
)
B = make_article(
    [
        "After the coup, police fired on marchers in the square.",
        "The salt flats hold much of the world's lithium.",
        "Lithium prices rose as the mine expanded.",
    ],
    "test:b",
    title="B",
)


def _saved(text: str) -> Path:
    """``text`` written as the pair's saved set, as an earlier Diptych wrote it."""
    path = pair_topics_path(A, B)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def _set(*names: str) -> str:
    topics = tuple(
        Topic(n, c, (cue,))
        for n, c, cue in zip(
            names, ("#d64541", "#20a35a", "#2e86de"), ("coup", "lithium", "police"), strict=False
        )
    )
    return topic_set_toml(TopicSet("mine", topics))


def test_no_saved_set_and_a_good_one_say_nothing() -> None:
    assert pair_topics(A, B).notice == ""
    _saved(_set("coup", "lithium", "police"))
    topics = pair_topics(A, B)
    assert [t.name for t in topics.topic_set.topics] == ["coup", "lithium", "police"]
    assert topics.notice == ""


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("https://en.wikipedia.org/wiki/Lithium", "a topic name cannot be a web or file address"),
        ("lithium \u202emuihtil", "a topic name cannot hold control, direction or invisible"),
        ("2019", "a topic name needs a letter (not only digits or punctuation)"),
        ("lithium " * 10, "a topic name is at most 60 characters"),
    ],
)
def test_one_refused_name_renames_that_topic_and_says_so(name: str, why: str) -> None:
    path = _saved(_set("coup", name, "police"))
    before = path.read_bytes()
    topics = pair_topics(A, B)
    ts = topics.topic_set
    # the reader's set is used: the good topics as they were, the refused one kept in its
    # place with its colour and cues, under a name it may have
    assert not ts.proposed
    assert [t.name for t in ts.topics] == ["coup", "Topic 2", "police"]
    assert ts.topics[1].color == "#20a35a" and ts.topics[1].cues == ("lithium",)
    # what happened and why come first (a narrow status bar cuts the end)
    assert topics.notice.startswith(
        f'Your saved topics for this pair: topic 2 is shown as "Topic 2" ({why}'
    )
    assert "its colour and cues kept" in topics.notice
    assert topics.notice.endswith(f"The file is kept as it was: {path}")
    assert "\n" not in topics.notice
    assert path.read_bytes() == before  # untouched
    assert load_pair_topic_set(A, B) == ts


def test_a_placeholder_name_never_clashes_with_the_readers_own() -> None:
    _saved(_set("Topic 2", "www.example.org", "2019"))
    topics = pair_topics(A, B)
    assert [t.name for t in topics.topic_set.topics] == ["Topic 2", "Topic 2 (2)", "Topic 3"]
    assert topics.notice.startswith(
        'Your saved topics for this pair: topic 2 is shown as "Topic 2 (2)" (a topic name cannot '
        'be a web or file address: "www.example.org"); topic 3 is shown as "Topic 3" (a topic '
        'name needs a letter (not only digits or punctuation): "2019"), their colours and cues '
        "kept. The file is kept as it was: "
    )


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("this is [not toml", "not valid TOML"),
        (_set("coup").replace("#d64541", "red"), "'color' must be a colour"),
        (_set("coup", "Coup"), "is defined twice"),
    ],
)
def test_a_set_that_cannot_be_used_at_all_falls_back_and_says_why(text: str, why: str) -> None:
    path = _saved(text)
    before = path.read_bytes()
    topics = pair_topics(A, B)
    assert topics.topic_set.proposed  # the pair's own (proposed) topics instead
    assert topics.notice.startswith("Your saved topics for this pair could not be used (")
    assert why in topics.notice
    assert topics.notice.endswith(f"); showing proposed topics. The file is kept: {path}")
    assert path.read_bytes() == before
    assert load_pair_topic_set(A, B) is None


def test_the_notice_is_carried_by_the_analysis_both_ways_round() -> None:
    _saved(_set("coup", "https://example.org/x", "police"))
    analysis = analyze_pair(A, B)
    assert "a topic name cannot be a web or file address" in analysis.topics.notice
    swapped: PairAnalysis = analysis.swapped()
    assert swapped.topics.notice == analysis.topics.notice
    assert swapped.swapped() == analysis
    # a set given on purpose is the set: nothing saved is read, nothing said
    given = TopicSet("given", (Topic("coup", "#d64541", ("coup",)),))
    assert analyze_pair(A, B, topic_set=given).topics.notice == ""


def test_saving_an_edit_keeps_the_unusable_file_aside() -> None:
    path = _saved(_set("coup", "https://example.org/x", "police"))
    before = path.read_bytes()
    ts = pair_topics(A, B).topic_set
    written, aside = save_pair_topic_set(rename_topic(ts, "Topic 2", "lithium"), A, B)
    assert written == path
    assert aside is not None and aside.parent == path.parent
    assert aside.name.startswith(path.stem + ".unreadable-") and aside.suffix == ".toml"
    assert aside.read_bytes() == before  # the reader's file as it was, name and all
    assert [t.name for t in load_topic_set(path).topics] == ["coup", "lithium", "police"]
    assert pair_topics(A, B).notice == ""
    # the next save replaces a file that reads back whole: nothing more is set aside
    again = rename_topic(load_topic_set(path), "lithium", "lithium mining")
    assert save_pair_topic_set(again, A, B)[1] is None
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([path.name, aside.name])


def test_saving_over_a_file_that_is_no_topic_set_at_all_keeps_it_too() -> None:
    path = _saved("this is [not toml")
    _written, aside = save_pair_topic_set(
        TopicSet("mine", (Topic("coup", "#d64541", ("coup",)),)), A, B
    )
    assert aside is not None and aside.read_text(encoding="utf-8") == "this is [not toml"
    assert load_topic_set(path).topics[0].name == "coup"


def test_a_file_that_cannot_be_kept_aside_is_not_overwritten(monkeypatch) -> None:
    path = _saved("this is [not toml")

    def refuse(self: Path, target: object) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    with pytest.raises(TopicsError, match="cannot be kept aside"):
        save_pair_topic_set(TopicSet("mine", (Topic("coup", "#d64541", ("coup",)),)), A, B)
    assert path.read_text(encoding="utf-8") == "this is [not toml"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no .tmp left


def test_forgetting_the_edits_keeps_an_unusable_file_aside_and_removes_a_good_one() -> None:
    path = _saved("this is [not toml")
    aside = forget_pair_topic_set(A, B)
    assert aside is not None and aside.read_text(encoding="utf-8") == "this is [not toml"
    assert not path.exists()
    _saved(_set("coup"))
    assert forget_pair_topic_set(A, B) is None
    assert not path.exists()
    assert forget_pair_topic_set(A, B) is None  # nothing there: nothing to do
