"""`diptych claims` on two plain text files (no title): each side is named by its file, not
printed as a bare "A: "."""

from __future__ import annotations

from pathlib import Path

from diptych.cli import main

TEXT = (
    "The harbour board met on Monday and voted to dredge the northern channel.\n\n"
    "Fishermen said the tides had shifted the sandbanks over the winter.\n"
)


def test_untitled_text_files_are_named_by_their_file(tmp_path: Path, capsys) -> None:
    a, b = tmp_path / "harbour-a.txt", tmp_path / "harbour-b.txt"
    a.write_text(TEXT, encoding="utf-8")
    b.write_text(TEXT.replace("Monday", "Tuesday"), encoding="utf-8")
    assert main(["claims", str(a), str(b)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["A: harbour-a.txt", "B: harbour-b.txt"]


def test_a_title_still_names_its_side(tmp_path: Path, capsys) -> None:
    a, b = tmp_path / "titled.md", tmp_path / "plain.txt"
    a.write_text("# The harbour board\n\n" + TEXT, encoding="utf-8")
    b.write_text(TEXT, encoding="utf-8")
    assert main(["claims", str(a), str(b)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["A: The harbour board", "B: plain.txt"]
