"""An article's highlights survive a rename, a move and a conversion (issue 10 item 6)."""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

from diptych.core.notes.store import Store
from diptych.core.reading.articles import load_article

PARAS = [
    "Lithium prices rose by forty percent in the first quarter, driven by battery demand.",
    "Mines in Chile and Australia could not keep up, and contracts were renegotiated.",
    "Analysts expect the market to settle once new refineries open next year.",
    "Recycling will supply a growing share of the metal by the end of the decade.",
]
MD = "# The lithium year\n\n" + "\n\n".join(PARAS) + "\n"
HTML = (
    "<!doctype html><html><head><meta charset='utf-8'><title>The lithium year</title></head>"
    "<body><article><h1>The lithium year</h1>"
    + "".join(f"<p>{html.escape(p)}</p>" for p in PARAS)
    + "</article></body></html>"
)


def highlight(store: Store, path: Path, quote: str, note: str) -> str:
    art = load_article(path)
    i = art.text.index(quote)
    return store.add_highlight(art, i, i + len(quote), note=note).id


def test_a_renamed_file_brings_its_highlights_and_the_caller_is_told(tmp_path: Path) -> None:
    old = tmp_path / "lithium.md"
    old.write_text(MD, encoding="utf-8")
    with Store.open(tmp_path / "h.sqlite3") as store:
        hid = highlight(store, old, "contracts were renegotiated", "why?")
        new = tmp_path / "moved" / "lithium-2026.md"
        new.parent.mkdir()
        os.rename(old, new)
        art = load_article(new)
        opened = store.open_article(art)
        assert [r.id for r in opened.highlights] == [hid]
        assert opened.highlights[0].status == "anchored"
        r = opened.highlights[0]
        assert art.text[r.start : r.end] == "contracts were renegotiated"
        assert opened.moved is not None and not opened.moved.still_there
        assert opened.moved.old_path == str(old) and str(old) in opened.moved.describe()
        # moved for good: stored under the new id now, and found without asking again
        assert [h.id for h in store.highlights_for(art.id)] == [hid]
        assert store.open_article(art).moved is None
        assert store.get(hid).note == "why?"


def test_resolve_all_alone_brings_them_too_and_moved_from_says_so(tmp_path: Path) -> None:
    old = tmp_path / "a.md"
    old.write_text(MD, encoding="utf-8")
    with Store.open(tmp_path / "h.sqlite3") as store:
        hid = highlight(store, old, "Recycling will supply", "n")
        new = tmp_path / "b.md"
        os.rename(old, new)
        art = load_article(new)
        assert [r.id for r in store.resolve_all(art)] == [hid]
        moved = store.moved_from(art.id)
        assert moved is not None and moved.old_path == str(old)


def test_the_same_text_converted_from_markdown_to_html_keeps_its_highlights(
    tmp_path: Path,
) -> None:
    md = tmp_path / "lithium.md"
    md.write_text(MD, encoding="utf-8")
    with Store.open(tmp_path / "h.sqlite3") as store:
        hid = highlight(store, md, "new refineries open next year", "timing")
        md.unlink()
        page = tmp_path / "lithium.html"
        page.write_text(HTML, encoding="utf-8")
        art = load_article(page)
        opened = store.open_article(art)
        assert opened.moved is not None and opened.moved.old_path == str(md)
        (r,) = opened.highlights
        assert r.id == hid and r.status in ("anchored", "reanchored")
        assert art.text[r.start : r.end] == "new refineries open next year"


def test_a_copy_at_another_path_shows_the_highlights_without_taking_them(tmp_path: Path) -> None:
    first = tmp_path / "lithium.md"
    first.write_text(MD, encoding="utf-8")
    with Store.open(tmp_path / "h.sqlite3") as store:
        hid = highlight(store, first, "battery demand", "n")
        copy = tmp_path / "copy.md"
        shutil.copy(first, copy)
        art = load_article(copy)
        opened = store.open_article(art)
        assert [r.id for r in opened.highlights] == [hid]
        assert opened.moved is not None and opened.moved.still_there
        assert store.highlights_for(art.id) == []  # they stay with the original file
        assert [h.id for h in store.highlights_for(load_article(first).id)] == [hid]


def test_another_article_is_never_mistaken_for_a_moved_one(tmp_path: Path) -> None:
    old = tmp_path / "lithium.md"
    old.write_text(MD, encoding="utf-8")
    with Store.open(tmp_path / "h.sqlite3") as store:
        highlight(store, old, "battery demand", "n")
        old.unlink()
        other = tmp_path / "copper.md"
        other.write_text(MD.replace("Lithium", "Copper").replace("lithium", "copper"), "utf-8")
        opened = store.open_article(load_article(other))
        assert opened.highlights == [] and opened.moved is None


def test_highlights_of_a_file_that_is_gone_and_not_found_again_are_listed(tmp_path: Path) -> None:
    old = tmp_path / "lithium.md"
    old.write_text(MD, encoding="utf-8")
    with Store.open(tmp_path / "h.sqlite3") as store:
        highlight(store, old, "battery demand", "n")
        assert store.lost_articles() == []
        old.unlink()
        (lost,) = store.lost_articles()
        assert lost.path == str(old) and lost.count == 1 and lost.title == "The lithium year"


def test_highlights_of_a_copy_and_of_its_original_stay_together_on_every_open(
    tmp_path: Path,
) -> None:
    """Issue: a highlight made on the original vanished once the copy had highlights of its
    own (the re-read after another writer matched by id only)."""
    first = tmp_path / "lithium.md"
    first.write_text(MD, encoding="utf-8")
    with Store.open(tmp_path / "h.sqlite3") as store:
        old = highlight(store, first, "battery demand", "abc")
        copy = tmp_path / "x" / "renamed.md"
        copy.parent.mkdir()
        shutil.copy(first, copy)
        assert [r.id for r in store.open_article(load_article(copy)).highlights] == [old]
        new = highlight(store, copy, "new refineries open next year", "mine")
        # the second open (a reload after another writer) still shows both, in text order
        opened = store.open_article(load_article(copy))
        assert [r.id for r in opened.highlights] == [old, new]
        assert all(r.status == "anchored" for r in opened.highlights)
        assert opened.moved is not None and opened.moved.still_there
        assert str(first) in opened.moved.describe()
        # and whichever path opens the text, both are there
        assert sorted(r.id for r in store.resolve_all(load_article(first))) == sorted([old, new])
