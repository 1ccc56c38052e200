"""Swapping the panes hands each pane's document to the other: none is built again (two
3 MB articles took 1.8 s on the UI thread), and each pane shows the other's text."""

from __future__ import annotations

from diptych.ui import reader_pane
from helpers.window import TIMEOUT_MS, desk_settings, shown_window


def _markdown(tag: str, n: int) -> str:
    return f"# Article {tag}\n\n" + "\n\n".join(
        f"Paragraph {i} of {tag} says something about harbours and tides." for i in range(n)
    )


def test_a_swap_builds_no_document_and_shows_each_text_in_the_other_pane(
    qtbot, tmp_path, monkeypatch
):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(_markdown("A", 80), encoding="utf-8")
    b.write_text(_markdown("B", 60), encoding="utf-8")
    w = shown_window(qtbot, desk_settings(tmp_path), size=(1200, 800))
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT_MS):
        w.open_pair(a, b)
    text_a, text_b = w.article("a").text, w.article("b").text
    doc_a, doc_b = w.reader("a").document(), w.reader("b").document()
    built: list[int] = []
    original = reader_pane.build_document

    def recording(article, style):
        built.append(len(article.text))
        return original(article, style)

    monkeypatch.setattr(reader_pane, "build_document", recording)
    w.swap_panes()
    assert built == []
    assert w.reader("a").document() is doc_b and w.reader("b").document() is doc_a
    assert w.reader("a").plain_text() == text_b == w.article("a").text
    assert w.reader("b").plain_text() == text_a == w.article("b").text
    w.swap_panes()  # and back
    assert built == []
    assert w.reader("a").plain_text() == text_a
    assert w.reader("b").plain_text() == text_b
    qtbot.wait(50)  # deleteLater of anything let go: the documents shown are alive
    assert w.reader("a").document() is doc_a and w.reader("a").plain_text() == text_a
    assert w.reader("b").document().parent() is w.reader("b")


def _long(tag: str, n: int) -> str:
    return f"# {tag}\n\n" + "\n\n".join(
        f"Report {i} of {tag}: the harbour crews of district {i * 13} counted {i % 97} boats "
        f"near the pier, and the tide turned at {i % 24} hours."
        for i in range(n)
    )


def test_after_a_swap_each_pane_holds_the_place_the_other_was_reading(qtbot, tmp_path):
    # a long text is laid out in steps, again in a pane of another width: a place far down
    # scrolled to before that was done was clamped to the part laid out (the top of B)
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(_long("Alpha", 4000), encoding="utf-8")
    b.write_text(_long("Beta", 3000), encoding="utf-8")
    w = shown_window(qtbot, desk_settings(tmp_path), size=(1400, 860))
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT_MS):
        w.open_pair(a, b)
    total = sum(w.splitter.sizes())  # panes of different widths
    w.splitter.setSizes([total * 6 // 10, 56, total * 4 // 10 - 56])
    w.set_sync_enabled(False)
    for side, share in (("a", 0.7), ("b", 0.6)):
        qtbot.waitUntil(w.reader(side).layout_complete, timeout=TIMEOUT_MS)
        reader = w.reader(side)
        reader.scroll_offset_to(int(share * len(w.article(side).text)))
    places = {s: w.reader(s).reading_position() for s in ("a", "b")}
    assert all(p is not None and p > 1000 for p in places.values())
    w.swap_panes()
    for side in ("a", "b"):
        qtbot.waitUntil(w.reader(side).layout_complete, timeout=TIMEOUT_MS)
    qtbot.wait(50)
    for side, other in (("a", "b"), ("b", "a")):
        lo, hi = w.reader(side).visible_range()
        assert lo <= places[other] < hi, (side, lo, hi, places[other])
