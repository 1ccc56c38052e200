"""The CLI waiting for another program's lock on the store says so on stderr, once, instead
of hanging silently for up to half a minute; then it goes on and saves."""

from __future__ import annotations

import io
import sqlite3
import sys
import threading
from pathlib import Path

import pytest

from diptych.cli import main
from diptych.core.notes.store import Store


class _Stderr(io.StringIO):
    """stderr that tells when the waiting notice was written."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()

    def write(self, s: str) -> int:
        if "Waiting for another" in s:
            self.waiting.set()
        return super().write(s)


def test_a_locked_store_makes_the_cli_say_it_waits_then_it_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    art = tmp_path / "a.txt"
    art.write_text("The river floods the lower fields most years.\n", encoding="utf-8")
    db = tmp_path / "h.sqlite3"
    assert main(["highlights", "add", str(art), "--quote", "river", "--db", str(db)]) == 0
    err = _Stderr()
    monkeypatch.setattr(sys, "stderr", err)
    holder = sqlite3.connect(db, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")

    def release() -> None:
        err.waiting.wait(15)  # held until the CLI said it waits (or, without that, 15 s)
        holder.rollback()
        holder.close()

    t = threading.Thread(target=release)
    t.start()
    try:
        add = ["highlights", "add", str(art), "--quote", "lower fields", "--note", "kept"]
        code = main([*add, "--db", str(db)])
    finally:
        err.waiting.set()
        t.join(30)
    assert code == 0
    said = err.getvalue()
    assert said.count("Waiting for another") == 1 and str(db) in said
    store = Store.open(db, backups=False)
    try:
        assert [h.note for h in store.all_highlights()].count("kept") == 1
    finally:
        store.close()
