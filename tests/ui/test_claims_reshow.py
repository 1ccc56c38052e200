"""The claim the list shows selected is the one the panes show, and choosing it again brings
it back: tryouts in a real window, keyboard and mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from diptych.ui.claims.panel import ClaimsPanel
from helpers.highlights import TOPICS, seedlike_pair


@pytest.fixture
def panel(qtbot):
    """The panel beside a line edit that has the focus first (as a pane has in the window)."""
    a, b, claims = seedlike_pair()
    host = QWidget()
    qtbot.addWidget(host)
    before = QLineEdit(host)
    p = ClaimsPanel(host)
    lay = QVBoxLayout(host)
    lay.addWidget(before)
    lay.addWidget(p)
    host.resize(480, 640)
    p.set_claims(claims, a, b, TOPICS)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    before.setFocus()
    yield p
    host.close()  # the host holds the panel (pytest-qt keeps only a weak reference)


def _row_center(panel: ClaimsPanel, index: int):
    return panel.tree.visualRect(panel.row_index(index)).center()


def test_clicking_the_selected_claim_again_shows_it_again(qtbot, panel):
    """Tryout: a claim clicked, the panes scrolled away by hand, the same claim clicked again:
    nothing happened (the list said it was selected, the panes were elsewhere)."""
    first = panel.visible_claims()[0]
    shown: list[int] = []
    panel.claim_selected.connect(shown.append)
    qtbot.mouseClick(
        panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=_row_center(panel, first)
    )
    assert shown == [first]
    qtbot.mouseClick(
        panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=_row_center(panel, first)
    )
    assert shown == [first, first]


def test_enter_on_the_selected_claim_shows_it_again(qtbot, panel):
    first, second = panel.visible_claims()[:2]
    panel.select_claim(second)
    panel.tree.setFocus()
    shown: list[int] = []
    panel.claim_selected.connect(shown.append)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert shown == [second]
    qtbot.keyClick(panel.tree, Qt.Key.Key_Up)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Enter)
    assert shown == [second, first, first]


def test_tab_into_the_list_selects_the_claim_it_shows(qtbot, panel):
    """Tryout: Tab into the claims list made its first claim current (the panes and the detail
    showed it) without selecting the row: the list showed nothing chosen."""
    shown: list[int] = []
    panel.claim_selected.connect(shown.append)
    panel.tree.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: panel.tree.hasFocus())
    current = panel.current_claim()
    assert current is not None and shown == [current]
    assert panel.tree.selectionModel().isSelected(panel.tree.currentIndex())
