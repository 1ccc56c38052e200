"""Home (or Up, PageUp) onto the first claim under a heading scrolls the heading into view with
it (tryout: Home chose the first strong claim with "Strong claims (N)" just above the top of
the list, as if the list had no top)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from diptych.ui.claims.panel import ClaimsPanel
from helpers.claims_list import headings, many_claims_panel


def _panel(qtbot) -> ClaimsPanel:
    return many_claims_panel(qtbot, lambda k: k < 10)


def _heading_in_view(p: ClaimsPanel, row: int) -> bool:
    rect = p.tree.visualRect(headings(p)[row])
    return rect.isValid() and p.tree.viewport().rect().contains(rect)


def test_home_shows_the_top_of_the_list(qtbot):
    p = _panel(qtbot)
    p.select_claim(p.visible_claims()[3])
    QTest.keyClick(p.tree, Qt.Key.Key_End)
    assert p.tree.verticalScrollBar().value() > 0
    QTest.keyClick(p.tree, Qt.Key.Key_Home)
    assert p.current_claim() == p.visible_claims()[0]
    assert _heading_in_view(p, 0)
    assert p.tree.verticalScrollBar().value() == 0


def test_up_onto_a_first_claim_shows_its_heading(qtbot):
    p = _panel(qtbot)
    first_possible = p.model.index_of(p.visible_claims()[0]).row()  # 0
    groups = p.model.groups()
    assert [n for _k, n in groups] and len(groups) == 2
    second = p.model.index(1, 0, headings(p)[1])
    p.select_claim(p.model.claim_at(second))
    # scrolled so that the second possible claim is the top row
    p.tree.scrollTo(second, p.tree.ScrollHint.PositionAtTop)
    assert not _heading_in_view(p, 1)
    QTest.keyClick(p.tree, Qt.Key.Key_Up)
    assert p.model.index_of(p.current_claim()).row() == first_possible
    assert p.model.index_of(p.current_claim()).parent().row() == 1
    assert _heading_in_view(p, 1)


def test_home_on_the_first_claim_already_current_shows_the_top(qtbot):
    """Tryout: with the first claim current and the list scrolled so its heading was just out
    of view (as a verdict further down leaves it), Home did nothing: the current row did not
    change, so nothing scrolled, and the heading stayed hidden."""
    p = _panel(qtbot)
    first = p.visible_claims()[0]
    p.select_claim(first)
    p.tree.scrollTo(p.model.index_of(first), p.tree.ScrollHint.PositionAtTop)
    assert not _heading_in_view(p, 0)
    QTest.keyClick(p.tree, Qt.Key.Key_Home)
    assert p.current_claim() == first
    assert _heading_in_view(p, 0)
    assert p.tree.verticalScrollBar().value() == 0
