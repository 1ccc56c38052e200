"""A copy of a text shows the original's highlights (they stay with the original): the links
between those highlights come along too, in every export and in the window's link list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diptych.core.notes.interchange import export_markdown, export_w3c, w3c_json
from diptych.core.notes.store import Store
from diptych.core.reading.articles import load_article

A_TEXT = (
    "# Floods\n\nThe river flooded the lower town on Monday after three days of rain.\n\n"
    "Engineers say the wall would cost twelve million euros to raise.\n"
)
B_TEXT = (
    "# The flood\n\nAfter three days of rain the river flooded the lower town.\n\n"
    "A new wall would cost twelve million euros, engineers say.\n"
)


@pytest.fixture
def copied(tmp_path: Path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for folder in (first, second):
        (folder / "a.md").write_text(A_TEXT, encoding="utf-8")
        (folder / "b.md").write_text(B_TEXT, encoding="utf-8")
    store = Store.open(tmp_path / "h.sqlite3", backups=False)
    a, b = load_article(first / "a.md"), load_article(first / "b.md")
    ha = store.add_highlight(a, *_span(a.text, "flooded the lower town"), "yellow")
    hb = store.add_highlight(b, *_span(b.text, "the river flooded"), "green")
    link = store.link(ha.id, hb.id, "same flood")
    a2, b2 = load_article(second / "a.md"), load_article(second / "b.md")
    assert a2.id != a.id
    yield store, a2, b2, link
    store.close()


def _span(text: str, quote: str) -> tuple[int, int]:
    i = text.index(quote)
    return i, i + len(quote)


def test_the_copys_highlights_come_with_their_link(copied) -> None:
    store, a2, b2, link = copied
    assert len(store.resolve_all(a2)) == 1 and len(store.resolve_all(b2)) == 1
    from diptych.export.from_store import inputs_from_store

    inputs = inputs_from_store(store, a2, b2)
    assert [(lk.a, lk.b, lk.note) for lk in inputs.links] == [(link.a, link.b, "same flood")]

    md = export_markdown(store, [a2, b2])
    assert "## Links" in md and "same flood" in md

    items = json.loads(w3c_json(export_w3c(store, [a2, b2])))["first"]["items"]
    linking = [x for x in items if x["motivation"] == "linking"]
    assert len(linking) == 1 and "same flood" in json.dumps(linking[0])
