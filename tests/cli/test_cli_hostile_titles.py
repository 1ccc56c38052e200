"""Titles, bylines, file names and a topic set's name from an article or a topic file are printed
with their bidi and control characters escaped (``\\u202e``), never raw: a right-to-left
override in a title would reorder the rest of the terminal line."""

from __future__ import annotations

from pathlib import Path

import pytest

from diptych.cli import main

RAW = ("\u202e", "\u202c", "\u2066", "\x1b", "\x07", "\n\x1b")

ARTICLE = (
    "# Coup \u202egnp.evil\u202c in Bolivia\n\n"
    "By \u2066Mallory\u2069 Author\n\n"
    "The military abandoned Morales and demanded that he step down after weeks of protest.\n\n"
    "Police mutinied in several cities as the coup in Bolivia unfolded and Morales fled.\n"
)
OTHER = (
    "# The coup\n\n"
    "The army chief suggested that the president resign, and Morales fled to Mexico.\n\n"
    "Police mutinied in several cities as the coup in Bolivia unfolded.\n"
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "evil\u202eam.md"  # a file name can carry the override too
    b = tmp_path / "other.md"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_text(OTHER, encoding="utf-8")
    return a, b


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    out, err = capsys.readouterr()
    return out + err


def _no_raw(out: str) -> None:
    for raw in RAW:
        assert raw not in out, repr(raw)
    assert "\\u202e" in out


def test_article_prints_its_title_byline_and_id_escaped(files, capsys) -> None:
    a, _ = files
    out = _out(capsys, "article", str(a))
    _no_raw(out)
    assert "title:       Coup \\u202egnp.evil\\u202c in Bolivia" in out


def test_claims_prints_the_titles_escaped(files, capsys) -> None:
    a, b = files
    _no_raw(_out(capsys, "claims", str(a), str(b)))


def test_topics_prints_a_topic_files_names_escaped(files, capsys, tmp_path) -> None:
    a, b = files
    topics = tmp_path / "topics.toml"
    topics.write_text(
        'name = "set \\u202eevil"\n\n[[topic]]\nname = "coup"\ncolor = "#cc3333"\n'
        'cues = ["coup", "military"]\n',
        encoding="utf-8",
    )
    _no_raw(_out(capsys, "topics", str(a), str(b), "--topics", str(topics)))


def test_a_topic_file_naming_a_topic_with_a_direction_override_is_refused(
    files, capsys, tmp_path
) -> None:
    """A topic's name is one short line of words (``topics.names``): a U+202E in it is
    refused with one line that does not repeat the name."""
    a, b = files
    topics = tmp_path / "topics.toml"
    topics.write_text(
        '[[topic]]\nname = "coup \\u202eevil"\ncolor = "#cc3333"\ncues = ["coup", "military"]\n',
        encoding="utf-8",
    )
    assert main(["topics", str(a), str(b), "--topics", str(topics)]) == 1
    out, err = capsys.readouterr()
    assert not out and err.count("\n") == 1
    assert "topic #1: a topic name cannot hold control, direction or invisible characters" in err
    for raw in RAW:
        assert raw not in err


def test_claims_cuts_a_very_long_shared_word(tmp_path, capsys) -> None:
    """Tryout: two articles sharing a 2,000-letter word printed it in full after "shared:",
    one terminal line of 2,000 characters."""
    word = "Supercalifragilistic" * 100
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(f"# A\n\n{ARTICLE.split(chr(10), 4)[-1]}\n{word} is a word.\n", "utf-8")
    b.write_text(f"# B\n\n{OTHER.split(chr(10), 2)[-1]}\n\n{word}\n", "utf-8")
    out = _out(capsys, "claims", str(a), str(b))
    shared = [line for line in out.splitlines() if "shared:" in line]
    assert any("Supercalifragilistic" in line for line in shared), out
    assert max(len(line) for line in shared) < 200, out
