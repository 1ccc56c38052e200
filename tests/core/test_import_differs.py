"""Importing a file whose highlights (by id) the store has already, with another note, colour
or tags, or deleted here: the store's version is kept, as before, and the report names each
one that differs, so the file's words are never dropped without a word."""

from __future__ import annotations

from pathlib import Path

from diptych.core.notes.interchange import export_w3c, import_w3c
from diptych.core.notes.store import Store
from helpers.articles import make_article

TEXT = "Storms arrive earlier each spring. Farmers plant later than their parents did."
A = make_article(TEXT, "https://example.org/a", "Article A")


def _span(quote: str) -> tuple[int, int]:
    i = TEXT.index(quote)
    return i, i + len(quote)


def test_an_import_names_the_highlights_whose_file_version_differs(tmp_path: Path) -> None:
    with Store.open(tmp_path / "h.sqlite3", backups=False) as store:
        same = store.add_highlight(A, *_span("Storms arrive"), "green", "same", ["t"])
        noted = store.add_highlight(A, *_span("each spring"), "yellow", "old words")
        gone = store.add_highlight(A, *_span("Farmers plant"), "blue", "deleted here")
        exported = export_w3c(store)
        for ann in exported["first"]["items"]:  # the file was edited elsewhere
            if ann["id"].endswith(noted.id):
                for body in ann["body"]:
                    if body.get("purpose") == "commenting":
                        body["value"] = "new words from the file"
        store.delete_highlight(gone.id)
        report = import_w3c(store, exported)
        assert report.highlights_added == 0 and report.highlights_present == 3
        assert store.get(noted.id).note == "old words"  # kept as it was
        lines = "\n".join(report.differing)
        assert noted.id in lines and "note" in lines
        assert gone.id in lines and "deleted" in lines
        assert same.id not in lines
        assert "2 of them differ" in report.summary()


def test_importing_markdown_notes_says_only_w3c_json_can_be_imported(tmp_path: Path) -> None:
    import pytest

    from diptych.core.errors import StoreError
    from diptych.core.notes.interchange import export_markdown, load_w3c_file

    with Store.open(tmp_path / "h.sqlite3", backups=False) as store:
        store.add_highlight(A, *_span("Storms arrive"), "green", "a note")
        notes = tmp_path / "notes.md"
        notes.write_text(export_markdown(store), encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        load_w3c_file(notes)
    said = str(caught.value)
    assert "Markdown" in said and "--format w3c" in said and "\n" not in said
