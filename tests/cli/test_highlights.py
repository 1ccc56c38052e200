"""``diptych highlights ...``: add, list (resolved against edited files), export, import."""

from __future__ import annotations

import json
import re
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
    # a store of ours (it has a backup) whose bytes were overwritten: damage, set aside
    code, _, _ = run(
        capsys, "highlights", "add", str(a), "--quote", "lower fields", "--db", str(db)
    )
    assert code == 0
    assert run(capsys, "highlights", "backups", "--db", str(db))[0] == 0  # makes the daily one
    db.write_bytes(b"this is not a database at all" * 100)
    code, out, err = run(capsys, "highlights", "list", str(a), str(b), "--db", str(db), "--json")
    assert code == 0 and json.loads(out) == []
    assert "is damaged" in err and "moved aside" in err
    # a file that is not ours given as --db: refused, never renamed (issue 10 item 11)
    foreign = db.parent / "essay.txt"
    foreign.write_bytes(b"this is not a database at all" * 100)
    code, out, err = run(capsys, "highlights", "backups", "--db", str(foreign))
    assert code == 1 and "not an SQLite database" in err and err.count("\n") == 1
    assert foreign.read_bytes() == b"this is not a database at all" * 100


def test_every_highlights_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for sub in ("list", "export", "import", "add", "link", "backups", "restore-backup"):
        with pytest.raises(SystemExit) as exc:
            main(["highlights", sub, "--help"])
        assert exc.value.code == 0
        assert "usage: diptych highlights" in capsys.readouterr().out


# -- hostile text through the exports and the terminal (issue 10, items 12 and 13) ---------

HOSTILE_NOTE = (
    "see [x](javascript:alert(1)) <img src=x onerror=alert(1)> <iframe src=//e.vil></iframe> "
    "a\u202eb c\u2028d e\x7ff g\x85h \x1b[31mred\x07 i\x00j 52.3 (see 3)\n1. not a list"
)


def test_markdown_export_keeps_hostile_notes_as_plain_text(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    import markdown

    a, b, db = pair
    run(capsys, "highlights", "add", str(a), "--quote", "river floods", "--note", HOSTILE_NOTE,
        "--db", str(db))  # fmt: skip
    code, out, _ = run(
        capsys, "highlights", "export", str(a), str(b), "--format", "markdown", "--db", str(db)
    )
    assert code == 0
    for bad in ("\u202e", "\u2028", "\x7f", "\x85", "\x1b", "\x07", "\x00"):
        assert bad not in out, repr(bad)
    assert "52.3" in out and "(see 3)" in out and "\\52" not in out and "\\3" not in out
    html = markdown.markdown(out)
    hrefs = re.findall(r'<a href="([^"]*)"', html)
    assert hrefs == [a.resolve().as_uri(), b.resolve().as_uri()]  # the articles, nothing else
    assert "<img" not in html and "<iframe" not in html
    assert "<ol>" not in html  # "1. not a list" stays a line of the note
    assert "javascript:alert(1)" in html  # shown as the text it is


def test_markdown_export_never_links_a_javascript_source(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import markdown

    _a, _b, db = pair
    ann = {
        "type": "Annotation",
        "target": {
            "source": "javascript:alert(document.cookie)",
            "selector": {"type": "TextQuoteSelector", "exact": "x"},
        },
    }
    f = tmp_path / "js.json"
    f.write_text(json.dumps(ann), encoding="utf-8")
    assert run(capsys, "highlights", "import", str(f), "--db", str(db))[0] == 0
    code, out, _ = run(
        capsys, "highlights", "export", "--all", "--format", "markdown", "--db", str(db)
    )
    assert code == 0
    assert "<javascript:" not in out  # a CommonMark autolink
    html = markdown.markdown(out)
    assert "<a " not in html and "javascript:alert(document.cookie)" in html


def test_list_shows_control_characters_escaped_never_raw(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, db = pair
    run(capsys, "highlights", "add", str(a), "--quote", "river floods",
        "--note", "\x1b]0;pwned\x07 \x1b[2J bell\x07 nul\x00 \x9b31m \u202eevil", "--db", str(db))  # fmt: skip
    code, out, _ = run(capsys, "highlights", "list", str(a), str(b), "--db", str(db))
    assert code == 0
    for raw in ("\x1b", "\x07", "\x00", "\x9b", "\u202e"):
        assert raw not in out, repr(raw)
    assert "\\x1b]0;pwned\\x07" in out and "\\x00" in out and "\\u202e" in out


def test_w3c_export_is_valid_json_and_nan_is_refused_at_import(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from diptych.core.notes.interchange import w3c_json

    _a, _b, db = pair
    src = "https://example.org/x"
    for literal in ("NaN", "Infinity", "-Infinity", "1e400"):
        f = tmp_path / "n.json"
        ann = {"type": "Annotation", "target": {"source": src, "selector": {
            "type": "TextQuoteSelector", "exact": "x"}}, "ex:rating": "RATING"}  # fmt: skip
        f.write_text(json.dumps(ann).replace('"RATING"', literal), encoding="utf-8")
        code, _, err = run(capsys, "highlights", "import", str(f), "--db", str(db))
        assert code == 1 and "not valid JSON" in err and err.count("\n") == 1
    # what an older import left in a store still exports as valid JSON
    text = w3c_json({"items": [{"ex:rating": float("nan"), "ex:max": float("inf")}]})
    assert json.loads(text, parse_constant=lambda c: pytest.fail(c)) == {
        "items": [{"ex:rating": None, "ex:max": None}]
    }


def test_hostile_w3c_imports_give_one_line_never_a_traceback(
    pair: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, b, db = pair

    def annotation(n: int, **extra: object) -> dict:
        target = {
            "source": a.resolve().as_uri(),
            "selector": [{"type": "TextQuoteSelector", "exact": "river floods"}],
        }
        return {"type": "Annotation", "id": f"urn:test:{n}", "target": target, **extra}

    huge = annotation(1)
    huge["target"]["selector"].append(
        {"type": "TextPositionSelector", "start": 10**30, "end": 10**30 + 12}
    )
    purpose = annotation(2, body=[{"type": "TextualBody", "value": "v", "purpose": {"a": 1}}])
    deep = tmp_path / "deep.json"
    deep.write_text(
        json.dumps(annotation(3))[:-1] + ', "ex:deep": ' + "[" * 990 + "]" * 990 + "}",
        encoding="utf-8",
    )
    f = tmp_path / "two.json"
    f.write_text(json.dumps([huge, purpose]), encoding="utf-8")
    code, out, err = run(capsys, "highlights", "import", str(f), "--db", str(db))
    assert code == 0 and "imported 2 highlights" in out, err
    code, _, err = run(capsys, "highlights", "import", str(deep), "--db", str(db))
    assert code == 1 and "nested too deeply" in err and err.count("\n") == 1
    # what was imported lists, exports and anchors without trouble
    code, out, _ = run(capsys, "highlights", "list", str(a), str(b), "--db", str(db), "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 2
    assert all(r["quote"] == "river floods" and r["status"] == "anchored" for r in rows)
    assert run(capsys, "highlights", "export", "--all", "--db", str(db))[0] == 0


def test_list_says_the_highlights_came_from_a_renamed_file(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    a, b, db = pair
    code, _, _ = run(capsys, "highlights", "add", str(a), "--quote", "raised the wall",
                     "--note", "n", "--db", str(db))  # fmt: skip
    assert code == 0
    renamed = tmp_path / "renamed-a.md"
    a.rename(renamed)
    code, out, _ = run(capsys, "highlights", "list", str(renamed), str(b), "--db", str(db))
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("A: This text was opened before as ") and str(a) in first
    assert "1 highlight moved here" in first
    assert "“raised the wall”" in out
    # once moved, it is stored under the new file: nothing to say the next time
    code, out, err = run(
        capsys, "highlights", "list", str(renamed), str(b), "--db", str(db), "--json"
    )
    assert code == 0 and "opened before" not in out + err
    assert [r["quote"] for r in json.loads(out)] == ["raised the wall"]


def test_list_says_which_files_with_highlights_are_gone(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    a, b, db = pair
    gone = tmp_path / "gone.md"
    gone.write_text("# Gone\n\nThe levee broke in the night.\n", encoding="utf-8")
    code, _, _ = run(capsys, "highlights", "add", str(gone), "--quote", "levee broke",
                     "--db", str(db))  # fmt: skip
    assert code == 0
    gone.unlink()
    code, out, err = run(capsys, "highlights", "list", str(a), str(b), "--db", str(db))
    assert code == 0
    assert out.splitlines()[0].startswith(f"1 highlight belongs to a file that is gone ({gone}")
    assert "No highlights." in out
    code, out, err = run(capsys, "highlights", "list", str(a), str(b), "--db", str(db), "--json")
    assert json.loads(out) == [] and str(gone) in err


def test_list_names_each_highlights_own_article_not_the_copy_it_was_opened_as(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A copy of a text shows the original's highlights too, but they stay with the original:
    the row names the article the highlight is stored under (what ``export`` and ``--all``
    show), not the copy's."""
    a, b, db = pair
    code, out, _ = run(capsys, "highlights", "add", str(a), "--quote", "raised the wall",
                       "--db", str(db))  # fmt: skip
    assert code == 0
    wall = out.strip()
    copy = tmp_path / "copy-of-a.md"
    copy.write_text(a.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run(capsys, "highlights", "list", str(copy), str(b), "--db", str(db), "--json")
    assert code == 0 and "a copy of this text" in err
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [wall]
    assert rows[0]["article"] == a.resolve().as_uri() != copy.resolve().as_uri()
    _, stored, _ = run(capsys, "highlights", "list", "--all", "--db", str(db), "--json")
    assert json.loads(stored)[0]["article"] == rows[0]["article"]
    code, out, _ = run(capsys, "highlights", "list", str(copy), str(b), "--db", str(db))
    assert f"{wall}  {a.resolve().as_uri()}" in out


def test_an_imported_quote_found_at_many_places_is_said_ambiguous_not_not_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # another tool's annotation with only an exact quote, no context nor position: "Bolivia"
    # reads at 14 places, and nothing says which one is meant. It stays unplaced (no guess),
    # but the list and the import report say what is true: found, ambiguous
    from diptych.core.reading.articles import load_article

    a, b, db = tmp_path / "a.md", tmp_path / "b.txt", tmp_path / "h.sqlite3"
    a.write_text(
        "# Notes\n\n" + "\n\n".join(f"Paragraph {i} says Bolivia once." for i in range(14)) + "\n",
        encoding="utf-8",
    )
    b.write_text(B_TEXT, encoding="utf-8")
    art = load_article(a)
    assert art.text.count("Bolivia") == 14
    # the article is known to the store (highlighted in Diptych once)
    code, _, _ = run(capsys, "highlights", "add", str(a), "--quote", "Paragraph 0", "--db", str(db))
    assert code == 0

    def annotation(n: int, exact: str) -> dict[str, object]:
        return {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": f"urn:uuid:00000000-0000-4000-8000-00000000000{n}",
            "type": "Annotation",
            "motivation": "highlighting",
            "target": {
                "source": art.id,
                "selector": {"type": "TextQuoteSelector", "exact": exact},
            },
        }

    f = tmp_path / "theirs.json"
    f.write_text(json.dumps([annotation(1, "Bolivia"), annotation(2, "Peru")]), "utf-8")
    code, out, _ = run(capsys, "highlights", "import", str(f), "--db", str(db))
    assert code == 0 and "imported 2 highlights" in out
    assert "2 highlights not placed" in out and "1 not found and 1 ambiguous" in out
    assert '"Bolivia" in ' in out and ": ambiguous: 14 places" in out
    assert '"Peru" in ' in out and ": not found" in out

    code, out, _ = run(capsys, "highlights", "list", str(a), str(b), "--db", str(db))
    assert code == 0
    lines = out.splitlines()
    bolivia = next(line for line in lines if "“Bolivia”" in line)
    peru = next(line for line in lines if "“Peru”" in line)
    assert "[ambiguous: 14 places]" in bolivia and "not found" not in bolivia
    assert "[not found]" in peru
    assert bolivia.startswith("orphaned")  # still not placed: nothing chose one of the 14
    code, out, _ = run(
        capsys, "highlights", "export", str(a), str(b), "--format", "markdown", "--db", str(db)
    )
    assert code == 0 and "### Not placed in the current text (not found, or ambiguous)" in out
    assert "ambiguous: 14 places" in out
