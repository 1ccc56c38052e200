"""``TopicSet.color_of`` reads a dict made once per set; it answers as the scan it replaced."""

import pickle
from dataclasses import replace

from diptych.core.model import Topic, TopicSet


def _scan(ts: TopicSet, topic: str | None) -> str:
    for t in ts.topics:
        if t.name == topic:
            return t.color
    return "#888888"


def test_color_of_answers_as_the_scan_did() -> None:
    ts = TopicSet(
        "s",
        (
            Topic("coup", "#aa0000", ("coup",)),
            Topic("army", "#00aa00", ()),
            Topic("coup", "#0000aa", ()),  # a second of one name: the first wins, as before
        ),
    )
    for name in ("coup", "army", "navy", "", None):
        assert ts.color_of(name) == _scan(ts, name)
    assert TopicSet("empty", ()).color_of("coup") == "#888888"


def test_the_kept_colours_follow_the_set() -> None:
    ts = TopicSet("s", (Topic("coup", "#aa0000", ()),))
    assert ts.color_of("coup") == "#aa0000"  # kept now
    other = replace(ts, topics=(Topic("coup", "#123456", ()),))
    assert other.color_of("coup") == "#123456"
    copied = pickle.loads(pickle.dumps(ts))
    assert copied == ts and hash(copied) == hash(ts) and copied.color_of("coup") == "#aa0000"
