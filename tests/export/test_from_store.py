"""The store's highlights become export inputs: placed where found, orphaned where not."""

from __future__ import annotations

from pathlib import Path

from diptych.core.notes.store import Store
from diptych.export.from_store import inputs_from_store
from helpers.articles import make_article


def test_store_highlights_are_reanchored_and_lost_ones_become_orphans(tmp_path: Path) -> None:
    old = make_article(
        [
            ("title", "T"),
            ("paragraph", "The mayor resigned on Monday."),
            (
                "paragraph",
                "Protests continued in the main square until late at night, witnesses said.",
            ),
        ],
        article_id="x:a",
    )
    new = make_article(
        [
            ("title", "T"),
            ("paragraph", "An update was published."),
            (
                "paragraph",
                "Protests continued in the main square until late at night, witnesses said.",
            ),
        ],
        article_id="x:a",
    )
    b = make_article([("paragraph", "Across town, traffic was calm.")], article_id="x:b")
    with Store.open(tmp_path / "db.sqlite3") as store:
        gone = store.add_highlight(
            old, old.text.index("The mayor"), old.text.index("Monday.") + 7, note="n1"
        )
        kept = store.add_highlight(old, old.text.index("Protests"), old.text.index("square") + 6)
        hb = store.add_highlight(b, 0, 11, color="green", note="other side")
        store.link(kept.id, hb.id, "linked")
        got = inputs_from_store(store, new, b, author="me")
    placed = {h.id: h for h in got.highlights}
    assert set(placed) == {kept.id, hb.id}
    k = placed[kept.id]
    assert (
        new.text[k.start : k.end] == "Protests continued in the main square"
        and k.side == "a"
        and k.author == "me"
    )
    assert placed[hb.id].side == "b" and placed[hb.id].color == "green"
    (orphan,) = got.orphans
    assert (
        orphan.id == gone.id
        and orphan.quote == "The mayor resigned on Monday."
        and orphan.note == "n1"
    )
    (link,) = got.links
    assert {link.a, link.b} == {kept.id, hb.id} and link.note == "linked"
