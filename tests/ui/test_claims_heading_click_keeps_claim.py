"""A click on a heading of the claims list (the first half of the double click that folds it)
leaves the chosen claim chosen (tryout: the heading became the current row, so the detail went
blank and the verdict buttons off while both panes and the gutter still showed the claim)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from diptych.ui.claims.panel import ClaimsPanel
from helpers.claims_list import headings, text, tip
from helpers.highlights import TOPICS, seedlike_pair


def _panel(qtbot) -> ClaimsPanel:
    a, b, claims = seedlike_pair()
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(claims, a, b, TOPICS)
    p.set_grouped_by_topic(True)  # a heading per topic: one to click above the chosen claim
    p.resize(480, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_clicking_a_heading_keeps_the_chosen_claim(qtbot):
    p = _panel(qtbot)
    chosen = p.visible_claims()[-1]
    p.select_claim(chosen)
    detail = p.detail.toPlainText()
    selected: list[int] = []
    p.claim_selected.connect(selected.append)
    heading = headings(p)[0]
    assert p.model.claim_at(heading) is None
    where = p.tree.visualRect(heading).center()

    QTest.mouseClick(p.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert p.current_claim() == chosen
    assert p.tree.selectionModel().isRowSelected(
        p.row_index(chosen).row(), p.row_index(chosen).parent()
    )
    assert p.detail.toPlainText() == detail
    assert p.same_button.isEnabled() and p.reject_button.isEnabled()
    assert selected == []

    # a double click folds it, and the claim is still the one chosen
    QTest.mouseDClick(p.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert not p.tree.isExpanded(headings(p)[0])
    assert p.current_claim() == chosen
    assert p.detail.toPlainText() == detail
    # and again: open
    QTest.mouseDClick(p.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert p.tree.isExpanded(headings(p)[0])
    assert p.current_claim() == chosen


def test_a_folded_heading_says_it_is_folded(qtbot):
    """(tryout: a heading folded by a double click looked like any other, its claims gone.)"""
    p = _panel(qtbot)
    where = p.tree.visualRect(headings(p)[0]).center()
    before = text(headings(p)[0])
    QTest.mouseDClick(p.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    folded = text(headings(p)[0])
    assert folded != before and folded.startswith("▸") and before in folded
    assert "double-click" in tip(headings(p)[0])
    assert all(not text(h).startswith("▸") for h in headings(p)[1:])
    # under another filter it is still folded, and still says so
    p.set_min_score(0.1)
    assert text(headings(p)[0]).startswith("▸")
    QTest.mouseDClick(p.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert text(headings(p)[0]) == before
    assert "double-click" not in tip(headings(p)[0])


def test_a_right_or_middle_click_on_a_heading_keeps_the_chosen_claim(qtbot):
    p = _panel(qtbot)
    chosen = p.visible_claims()[-1]
    p.select_claim(chosen)
    detail = p.detail.toPlainText()
    where = p.tree.visualRect(headings(p)[0]).center()
    for button in (Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton):
        QTest.mouseClick(p.tree.viewport(), button, pos=where)
        assert p.current_claim() == chosen
        assert p.detail.toPlainText() == detail
