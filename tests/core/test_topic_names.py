"""A topic's name is one short line of words: a name no topic can have (none at all, 2,000
letters, digits only, a control or direction character, a web or file address) is refused with
one sentence when the reader types it or a topic set file gives it, and never proposed from
the articles' words."""

from __future__ import annotations

from pathlib import Path

import pytest

from diptych.core.compare.topic_edits import rename_topic
from diptych.core.compare.topics import load_topic_set, propose_topics
from diptych.core.compare.topics.names import topic_name_problem
from diptych.core.errors import TopicsError
from diptych.core.model import Topic, TopicSet
from diptych.core.reading.articles import article_from_text

TS = TopicSet(
    "mine",
    (Topic("coup", "#d64541", ("coup",)), Topic("lithium", "#20a35a", ("lithium",))),
    proposed=True,
)
LONG = "Q" + "u" * 1999  # one 2,000-letter "word"

ABSURD = [
    ("", "needs a name"),
    ("   \t ", "needs a name"),
    (LONG, "at most 60 characters"),
    ("2019", "needs a letter"),
    ("12 345", "needs a letter"),
    ("!!! ...", "needs a letter"),
    ("police \u202eecilop", "control, direction or invisible"),
    ("\u2066police\u2069", "control, direction or invisible"),
    ("police\x1b[31m", "control, direction or invisible"),
    ("po\u200blice", "control, direction or invisible"),
    ("https://example.com/lithium", "web or file address"),
    ("see http:example", "web or file address"),
    ("file:///etc/passwd", "web or file address"),
    ('<img src="file:///etc/passwd">', "web or file address"),
    ("www.example.org", "web or file address"),
    # letters Python counts as letters that draw nothing: a chip with no name on it
    ("\u3164\u3164\u3164", "control, direction or invisible"),
    ("\u115f\u1160", "control, direction or invisible"),
    ("\uffa0lithium", "control, direction or invisible"),
    ("lith\u180eium", "control, direction or invisible"),
    ("lithium\U000e0041", "control, direction or invisible"),
    ("lith\u2063ium", "control, direction or invisible"),
]


@pytest.mark.parametrize(("name", "said"), ABSURD)
def test_the_reader_cannot_rename_a_topic_to_an_absurd_name(name: str, said: str) -> None:
    with pytest.raises(TopicsError, match=said) as caught:
        rename_topic(TS, "coup", name)
    assert "\n" not in str(caught.value)


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string, every character outside printable ASCII escaped."""
    out = ["\\" + c if c in '"\\' else c if " " <= c <= "~" else f"\\U{ord(c):08x}" for c in text]
    return '"' + "".join(out) + '"'


# an empty or blank name is refused already ("'name' must be a non-empty string")
@pytest.mark.parametrize(("name", "said"), ABSURD[2:])
def test_a_topic_set_file_cannot_name_a_topic_absurdly(
    name: str, said: str, tmp_path: Path
) -> None:
    path = tmp_path / "topics.toml"
    path.write_text(
        f'[[topic]]\nname = "coup"\ncolor = "#d64541"\ncues = ["coup"]\n\n'
        f'[[topic]]\nname = {_toml_string(name)}\ncolor = "#20a35a"\ncues = ["lithium"]\n',
        encoding="utf-8",
    )
    with pytest.raises(TopicsError, match=f"topic #2: .*{said}") as caught:
        load_topic_set(path)
    message = str(caught.value)
    assert "\n" not in message and "\u202e" not in message and LONG not in message


@pytest.mark.parametrize(
    "name",
    [
        "lithium mining",
        "Key data: 2019",
        "G7 summit",
        'the "coup" \\ golpe — ñ 😀',
        "فارسی\u200cها",  # the zero-width non-joiner is part of Persian spelling
        "Morales's fall",
        "x" * 60,
    ],
)
def test_ordinary_names_are_kept(name: str) -> None:
    assert topic_name_problem(name) is None
    out = rename_topic(TS, "coup", name)
    assert out.topics[0].name == name


def _hostile_pair() -> tuple[object, object]:
    url = "https://example.com/" + "q" * 300
    a = [
        f"The {LONG} deal was signed at {url} and www.example.org today; see "
        f"file:///etc/passwd for the {LONG} contract.",
        f"Miners say the {LONG} reserves at http://evil.example/path are vast; "
        "20192019 20192019 20192019 tonnes, see www.example.org.",
        f"{LONG} {LONG} {LONG} rose. The {LONG} fell again near {LONG}.",
        f"Protesters \u202emarched\u202c in the square; \u202emarched\u202c again. {url} {url}",
        f"The lithium mine near Uyuni employs hundreds of workers, {LONG} {LONG}, {url}.",
        "Elections were held in October and the result was disputed by the opposition.",
        "The army chief asked the president to resign, and he did so the same day.",
    ]
    b = [
        f"A {LONG} agreement was reached, {url} and www.example.org reported. The {LONG} "
        "contract is at file:///etc/passwd.",
        f"The {LONG} reserves, according to http://evil.example/path, are the largest; "
        "20192019 20192019 tonnes per www.example.org.",
        f"{LONG} {LONG} rose, the {LONG} fell near {LONG}.",
        f"\u202emarched\u202c: crowds marched in the square. {url} {url}",
        f"Workers at the Uyuni lithium mine {LONG} said {url} was wrong.",
        "The October elections were disputed by the opposition after the count stopped.",
        "The president resigned after the army chief asked him to step down.",
    ]
    return (
        article_from_text("# A\n\n" + "\n\n".join(a), "markdown"),
        article_from_text("# B\n\n" + "\n\n".join(b), "markdown"),
    )


def test_no_absurd_name_or_cue_is_proposed_from_hostile_articles() -> None:
    a, b = _hostile_pair()
    ts = propose_topics(a, b)  # type: ignore[arg-type]
    assert ts.topics  # the articles still share themes (elections, the lithium mine)
    for t in ts.topics:
        for word in (t.name, *t.cues):
            assert topic_name_problem(word) is None, (t.name[:80], word[:80])
            # the words of the addresses are no theme
            assert not {"https", "http", "www", "com", "org", "passwd", "evil"} & set(
                word.lower().split()
            ), word
