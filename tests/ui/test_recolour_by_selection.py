"""Choosing a colour on a selection that is exactly an existing highlight recolours it, says so
and clears the selection so the new colour shows (as adding a highlight does)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from helpers.highlights_desk import select_words


def test_a_colour_on_exactly_a_highlight_recolours_it_says_so_and_clears_the_selection(
    desk, store, qtbot
):
    """Tester: the highlight was recoloured silently and the selection hid the new colour."""
    messages: list[str] = []
    desk.ctl.status_message.connect(messages.append)
    a_id = desk.ctl.state.articles["a"].id
    select_words(desk.pane_a, "bridge was closed")
    qtbot.keyClick(desk.pane_a, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    select_words(desk.pane_a, "bridge was closed")
    messages.clear()
    qtbot.keyClick(desk.pane_a, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert [(h.quote.exact, h.color) for h in store.highlights_for(a_id)] == [
        ("bridge was closed", "blue")
    ]
    assert messages and "colour changed" in messages[-1].lower()
    assert desk.pane_a.selected_span() is None  # the new colour shows
