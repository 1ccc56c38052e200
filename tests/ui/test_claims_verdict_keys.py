"""The verdicts from the keyboard (tryout): a keyboard-only reader moved from the claims
list to "Same claim" with Tab, Tab (through the detail view), judged, and was left on the
button, Shift+Tab twice from the list. Alt+S, Alt+N, Alt+U and Alt+D (the buttons' underlined
letters) judge the selected claim and leave the focus in the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from diptych.ui.claims.panel import ClaimsPanel
from helpers.highlights import TOPICS, seedlike_pair


def test_alt_letters_judge_the_selected_claim_and_keep_the_focus_in_the_list(qtbot):
    a, b, claims = seedlike_pair()
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.resize(480, 600)
    panel.set_claims(claims, a, b, TOPICS)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)  # shortcuts are the window's
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    current = panel.current_claim()
    assert current is not None
    asked: list[tuple[int, str]] = []
    panel.verdict_requested.connect(lambda i, v: asked.append((i, v)))
    added: list[bool] = []
    panel.add_pair_requested.connect(lambda: added.append(True))
    qtbot.keyClick(panel.tree, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: asked == [(current, "different")])
    assert QApplication.focusWidget() is panel.tree
    qtbot.keyClick(panel.tree, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: asked[-1:] == [(current, "same")])
    assert QApplication.focusWidget() is panel.tree
    qtbot.keyClick(panel.tree, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: added == [True])
    assert QApplication.focusWidget() is panel.tree


def test_enter_on_a_focused_button_presses_it(qtbot):
    """Tab to "Same claim", then Enter: nothing happened (Qt's buttons outside a dialog take
    only Space), and a keyboard-only reader took the verdict buttons for broken."""
    a, b, claims = seedlike_pair()
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.resize(480, 600)
    panel.set_claims(claims, a, b, TOPICS)
    panel.show()
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    current = panel.current_claim()
    assert current is not None
    asked: list[tuple[int, str]] = []
    panel.verdict_requested.connect(lambda i, v: asked.append((i, v)))
    added: list[bool] = []
    panel.add_pair_requested.connect(lambda: added.append(True))
    for key, button in (
        (Qt.Key.Key_Return, panel.reject_button),
        (Qt.Key.Key_Enter, panel.same_button),
        (Qt.Key.Key_Return, panel.add_pair_button),
    ):
        button.setFocus()
        qtbot.keyClick(button, key)
    assert asked == [(current, "different"), (current, "same")]
    assert added == [True]
