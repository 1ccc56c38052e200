"""``diptych highlights ...``: add, list (resolved against edited files), export, import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diptych.cli import main

A_TEXT = """# Rivers and towns

The river floods the lower fields most years.

Engineers raised the wall by two metres after the last high water.

Insurance has become too expensive for many families on the plain.
"""
B_TEXT = """Flood defences

Defences along the river were raised after the last flood.

Premiums for homes near the water have doubled in a decade.
"""


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path, Path]:
    a, b = tmp_path / "a.md", tmp_path / "b.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    return a, b, tmp_path / "db" / "h.sqlite3"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_edit_and_list_again_shows_reanchored_and_orphaned(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, db = pair
    code, out, _ = run(
        capsys,
        "highlights",
        "add",
        str(a),
        "--quote",
        "raised the wall",
        "--note",
        "how high?",
        "--color",
        "green",
        "--db",
        str(db),
    )
    assert code == 0
    wall = out.strip()
    code, out, _ = run(
        capsys, "highlights", "add", str(a), "--quote", "Insurance has become", "--db", str(db)
    )
    insurance = out.strip()
    code, out, _ = run(capsys, "highlights", "list", str(a), str(b), "--db", str(db), "--json")
    rows = json.loads(out)
    assert [r["status"] for r in rows] == ["anchored", "anchored"]
    assert set(rows[0]) == {"id", "article", "color", "quote", "note", "start", "end", "status"}
    assert rows[0]["quote"] == "raised the wall" and rows[0]["note"] == "how high?"

    a.write_text(
        A_TEXT.replace(
            "# Rivers and towns\n", "# Rivers and towns\n\nA new first paragraph.\n"
        ).replace("Insurance has become too expensive", "Cover is unaffordable"),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "highlights", "list", str(a), str(b), "--db", str(db), "--json")
    by_id = {r["id"]: r for r in json.loads(out)}
    assert by_id[wall]["status"] == "reanchored" and by_id[wall]["quote"] == "raised the wall"
    from diptych.core.reading.articles import load_article

    text = load_article(a).text
    assert text[by_id[wall]["start"] : by_id[wall]["end"]] == "raised the wall"
    assert by_id[insurance]["status"] == "orphaned" and by_id[insurance]["start"] == -1
    assert by_id[insurance]["quote"] == "Insurance has become"


def test_export_w3c_then_import_into_another_store_keeps_everything(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, b, db = pair
    _, h1, _ = run(
        capsys,
        "highlights",
        "add",
        str(a),
        "--quote",
        "river floods",
        "--note",
        "x",
        "--tag",
        "flood",
        "--db",
        str(db),
    )
    _, h2, _ = run(
        capsys, "highlights", "add", str(b), "--quote", "doubled in a decade", "--db", str(db)
    )
    code, _, _ = run(
        capsys, "highlights", "link", h1.strip(), h2.strip(), "--note", "both", "--db", str(db)
    )
    assert code == 0
    out_file = tmp_path / "export.json"
    code, _, err = run(
        capsys,
        "highlights",
        "export",
        str(a),
        str(b),
        "--format",
        "w3c",
        "--db",
        str(db),
        "--out",
        str(out_file),
    )
    assert code == 0 and "wrote" in err
    doc = json.loads(out_file.read_text(encoding="utf-8"))
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 3

    other = tmp_path / "other.sqlite3"
    code, out, _ = run(capsys, "highlights", "import", str(out_file), "--db", str(other))
    assert code == 0 and "imported 2 highlights and 1 link" in out
    code, out, _ = run(capsys, "highlights", "list", str(a), str(b), "--db", str(other), "--json")
    rows = json.loads(out)
    assert {r["quote"] for r in rows} == {"river floods", "doubled in a decade"}
    # the export carried the fingerprints of these very files: found where they were
    assert {r["status"] for r in rows} == {"anchored"}
    assert {r["note"] for r in rows} == {"x", ""}


def test_export_markdown_to_stdout(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, db = pair
    run(
        capsys,
        "highlights",
        "add",
        str(a),
        "--quote",
        "river floods",
        "--note",
        "every year?",
        "--db",
        str(db),
    )
    code, out, _ = run(
        capsys, "highlights", "export", str(a), str(b), "--format", "markdown", "--db", str(db)
    )
    assert code == 0
    assert "> river floods" in out and "every year?" in out and "## Rivers and towns" in out


def test_bad_input_gives_one_clear_line_and_exit_1(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, _b, db = pair
    code, _, err = run(capsys, "highlights", "add", str(a), "--quote", "the", "--db", str(db))
    assert code == 1 and "occurs" in err and "--occurrence" in err
    code, _, err = run(capsys, "highlights", "add", str(a), "--quote", "zebra", "--db", str(db))
    assert code == 1 and "does not occur" in err
    junk = tmp_path / "junk.json"
    junk.write_text("[1, 2", encoding="utf-8")
    code, _, err = run(capsys, "highlights", "import", str(junk), "--db", str(db))
    assert code == 1 and err.startswith("diptych: ") and err.count("\n") == 1
    code, _, err = run(capsys, "highlights", "link", "nope", "nada", "--db", str(db))
    assert code == 1 and "no highlight" in err


def test_damaged_store_is_reported_on_stderr_and_the_command_still_works(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, db = pair
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not a database at all" * 100)
    code, out, err = run(capsys, "highlights", "list", str(a), str(b), "--db", str(db), "--json")
    assert code == 0 and json.loads(out) == []
    assert "is damaged" in err and "moved aside" in err


def test_every_highlights_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for sub in ("list", "export", "import", "add", "link", "backups", "restore-backup"):
        with pytest.raises(SystemExit) as exc:
            main(["highlights", sub, "--help"])
        assert exc.value.code == 0
        assert "usage: diptych highlights" in capsys.readouterr().out
