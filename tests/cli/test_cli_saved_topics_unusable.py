"""``diptych topics`` and ``claims`` (and the exports that take the pair's topics) say on stderr,
once, why the topic set the reader saved for the pair could not be used (in full), with its
control characters escaped like all terminal output; stdout stays what it always is."""

from __future__ import annotations

from pathlib import Path

import pytest

from diptych.cli import main
from diptych.core.compare.topic_edits import pair_topics_path
from diptych.core.reading.articles import load_article

A = (
    "# Coup in Bolivia\n\n"
    "The military abandoned Morales and demanded that he step down after weeks of protest.\n\n"
    "Lithium from the salt flats was at stake, the miners said.\n"
)
B = (
    "# The coup\n\n"
    "The army chief suggested that the president resign, and Morales fled to Mexico.\n\n"
    "The salt flats hold lithium, and the miners said it was at stake.\n"
)
SAVED = """name = "mine"

[[topic]]
name = "coup"
color = "#d64541"
cues = ["coup", "military"]

[[topic]]
name = "lithium \u202emuihtil"
color = "#20a35a"
cues = ["lithium"]
"""


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path, Path]:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(A, encoding="utf-8")
    b.write_text(B, encoding="utf-8")
    saved = pair_topics_path(load_article(a), load_article(b))
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text(SAVED, encoding="utf-8")
    return a, b, saved


@pytest.mark.parametrize("command", ["topics", "claims"])
def test_the_reason_is_said_on_stderr_escaped(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], command: str
) -> None:
    a, b, saved = pair
    assert main([command, str(a), str(b)]) == 0
    out, err = capsys.readouterr()
    said = [line for line in err.splitlines() if "saved topics" in line]
    assert said == [
        'diptych: Your saved topics for this pair: topic 2 is shown as "Topic 2" (a topic name '
        'cannot hold control, direction or invisible characters: "lithium \\u202emuihtil"), its '
        f"colour and cues kept. The file is kept as it was: {saved}"
    ]
    assert "\u202e" not in err and "\u202e" not in out
    assert "saved topics" not in out
    assert saved.read_text(encoding="utf-8") == SAVED


def test_a_file_that_cannot_be_used_at_all_is_said_too(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, saved = pair
    saved.write_text("this is [not toml", encoding="utf-8")
    assert main(["topics", "--json", str(a), str(b)]) == 0
    _out, err = capsys.readouterr()
    assert err.startswith("diptych: Your saved topics for this pair could not be used (not valid")
    assert err.rstrip("\n").endswith(f"showing proposed topics. The file is kept: {saved}")
    assert len(err.splitlines()) == 1
    assert saved.read_text(encoding="utf-8") == "this is [not toml"


def test_nothing_is_said_when_the_saved_set_is_fine_or_a_file_is_given(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, b, saved = pair
    given = tmp_path / "given.toml"
    given.write_text(SAVED.replace("lithium \u202emuihtil", "lithium"), encoding="utf-8")
    assert main(["topics", "--topics", str(given), str(a), str(b)]) == 0
    assert "saved topics" not in capsys.readouterr().err
    saved.write_text(given.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["topics", str(a), str(b)]) == 0
    assert "saved topics" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("\u3164\u3164", "\\u3164\\u3164"),  # Hangul fillers: a letter to Python, drawn blank
        ("\u115f\u1160 \uffa0", "\\u115f\\u1160 \\uffa0"),
        ("lithium\u200bmine", "lithium\\u200bmine"),  # zero-width space
        ("\ufeffcoup\u2060", "\\ufeffcoup\\u2060"),  # byte order mark, word joiner
        ("coup\u180e\u2062\u206a", "coup\\u180e\\u2062\\u206a"),
        ("coup\U000e0041", "coup\\U000e0041"),  # a tag character
    ],
)
def test_an_invisible_name_is_said_with_its_characters_escaped(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], name: str, shown: str
) -> None:
    """Tryout: a name of Hangul fillers (U+3164) was said raw, so the notice read '…: "")'
    as if the name were empty, where a U+202E was escaped: every character that draws
    nothing is written as its escape, the same way."""
    a, b, saved = pair
    saved.write_text(SAVED.replace("lithium \u202emuihtil", name), encoding="utf-8")
    assert main(["topics", str(a), str(b)]) == 0
    out, err = capsys.readouterr()
    [said] = [line for line in err.splitlines() if "saved topics" in line]
    assert f'invisible characters: "{shown}")' in said
    for ch in name:
        if not ch.isascii() and ch != " ":
            assert ch not in err and ch not in out


def test_topics_json_carries_the_notice(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``topics --json`` had no word of the saved set the plain output speaks of: a program
    reading it took "Topic 2" for the reader's own name. Its "notice" is the sentence (null
    when all is well), escaped as all JSON output is; stderr says it as before."""
    import json

    a, b, saved = pair
    assert main(["topics", "--json", str(a), str(b)]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["notice"].startswith(
        'Your saved topics for this pair: topic 2 is shown as "Topic 2"'
    )
    assert "lithium \u202emuihtil" in data["notice"]  # the parser reads it as it is
    assert "\u202e" not in out  # the terminal is shown its escape
    assert "saved topics" in err
    saved.write_text(SAVED.replace("lithium \u202emuihtil", "lithium"), encoding="utf-8")
    assert main(["topics", "--json", str(a), str(b)]) == 0
    assert json.loads(capsys.readouterr().out)["notice"] is None


def test_claims_json_carries_the_topics_notice(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``claims --json`` names each claim's topic: a program reading it is told, as ``topics
    --json`` tells it, why the reader's saved set was not used in full ("topics_notice", null
    when all is well)."""
    import json

    a, b, saved = pair
    assert main(["claims", "--json", "--min-score", "0", str(a), str(b)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["topics_notice"].startswith(
        'Your saved topics for this pair: topic 2 is shown as "Topic 2"'
    )
    saved.write_text(SAVED.replace("lithium \u202emuihtil", "lithium"), encoding="utf-8")
    assert main(["claims", "--json", str(a), str(b)]) == 0
    assert json.loads(capsys.readouterr().out)["topics_notice"] is None
