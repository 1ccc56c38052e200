"""An export never replaces what it was made from: an article file of the pair, or the
highlights database (and its log). ``diptych highlights export A B -o A`` wrote the notes over
article A, ``--all --db DB -o DB`` wrote JSON over the whole store (the next open set it aside
as damaged), ``export-pdf A B --out B`` wrote the PDF over B: one slip of the output name lost
the user's own file. Now each is refused with one line and the file is left as it was."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from diptych.cli import main
from diptych.core.errors import DiptychError
from diptych.export.destination import check_destination, protected_files

A_TEXT = "# First piece\n\nThe council voted on the budget on Tuesday. It was close.\n"
B_TEXT = "Second piece\n\nOn Tuesday the council passed the budget by one vote.\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    a, b = tmp_path / "a.md", tmp_path / "b.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    db = tmp_path / "db.sqlite3"
    assert (
        main(["highlights", "add", str(a), "--quote", "council", "--note", "kept", "--db", str(db)])
        == 0
    )
    return a, b, db


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    capsys.readouterr()
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("diptych: ") and err.count("\n") == 1, err
    assert "never replaces it" in err
    return err


def test_notes_are_not_written_over_an_article_of_the_pair(files, capsys) -> None:
    a, b, db = files
    for target in (a, b):
        _refused(
            capsys, ["highlights", "export", str(a), str(b), "--db", str(db), "-o", str(target)]
        )
    assert a.read_text(encoding="utf-8") == A_TEXT and b.read_text(encoding="utf-8") == B_TEXT


def test_an_export_is_not_written_over_the_store(files, capsys) -> None:
    _a, _b, db = files
    before = db.read_bytes()
    for fmt in ("w3c", "markdown"):
        _refused(
            capsys,
            ["highlights", "export", "--all", "--db", str(db), "--format", fmt, "-o", str(db)],
        )
    link = db.with_name("notes-link.json")
    os.symlink(db, link)  # through a symbolic link too
    _refused(capsys, ["highlights", "export", "--all", "--db", str(db), "-o", str(link)])
    assert db.read_bytes() == before
    assert main(["highlights", "list", "--all", "--db", str(db)]) == 0
    assert "kept" in capsys.readouterr().out


def test_the_pdf_is_not_written_over_an_article_or_the_store(files, capsys, qapp: Any) -> None:
    a, b, db = files
    for target in (b, db):
        argv = ["export-pdf", str(a), str(b), "--db", str(db), "--out", str(target), "--quiet"]
        _refused(capsys, argv)
    assert b.read_text(encoding="utf-8") == B_TEXT


def test_check_destination_names_the_file_it_keeps(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite3"
    store.write_bytes(b"x")
    keep = protected_files(store_path=store)
    with pytest.raises(DiptychError, match="the highlights database"):
        check_destination(store, keep=keep)
    assert check_destination(tmp_path / "new.json", keep=keep) == tmp_path / "new.json"
