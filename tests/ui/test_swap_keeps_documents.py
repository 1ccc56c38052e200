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
