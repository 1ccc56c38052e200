"""Tryout: ``diptych highlights add --color red`` stored a colour no window or export knows
(and ``--color '} body{…} .x{'`` went as it was into the W3C export's stylesheet), and
``--occurrence 0`` highlighted the first occurrence as if 1 had been given. Both are refused
with one clear line, nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from diptych.cli import main
from diptych.core.notes.store import Store

TEXT = "# Wall\n\nThe wall held. The wall fell. The wall was rebuilt in spring.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    a = tmp_path / "a.md"
    a.write_text(TEXT, encoding="utf-8")
    return a


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    with Store.open(db) as s:
        return len(s.all_highlights())


@pytest.mark.parametrize("color", ["red", "} body{background:url(x)} .x{", ""])
def test_an_unknown_colour_is_refused(article: Path, tmp_path: Path, capsys, color: str) -> None:
    db = tmp_path / "h.sqlite3"
    code = main(
        ["highlights", "add", str(article), "--quote", "held", "--color", color, "--db", str(db)]
    )
    assert code != 0
    err = capsys.readouterr().err
    assert "--color" in err and "yellow, green, blue, pink or purple" in err
    assert err.count("\n") == 1
    assert _stored(db) == 0


@pytest.mark.parametrize("n", ["0", "-1"])
def test_occurrence_below_one_is_refused(article: Path, tmp_path: Path, capsys, n: str) -> None:
    db = tmp_path / "h.sqlite3"
    code = main(
        [
            "highlights",
            "add",
            str(article),
            "--quote",
            "The wall",
            "--occurrence",
            n,
            "--db",
            str(db),
        ]
    )
    assert code != 0
    err = capsys.readouterr().err
    assert f"--occurrence {n}" in err and err.count("\n") == 1
    assert _stored(db) == 0


def test_the_five_colours_and_occurrences_from_one_still_work(
    article: Path, tmp_path: Path, capsys
) -> None:
    db = tmp_path / "h.sqlite3"
    for i, color in enumerate(("yellow", "green", "blue"), start=1):
        args = ["--quote", "The wall", "--occurrence", str(i), "--color", color]
        code = main(["highlights", "add", str(article), *args, "--db", str(db)])
        assert code == 0
    with Store.open(db) as s:
        assert sorted(h.color for h in s.all_highlights()) == ["blue", "green", "yellow"]
