"""A long claims list (thousands of claims): every row one height, so scrolling to a claim
far down does not measure the rows above it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QFontMetrics

from diptych.ui.claims import models as cp
from diptych.ui.claims.panel import ClaimsPanel
from helpers.highlights import TOPICS, seedlike_pair

N_COPIES = 400  # of the seed-like pair's claims: some thousands of rows


def _long_panel(qtbot) -> ClaimsPanel:
    a, b, claims = seedlike_pair()
    many = tuple(
        replace(c, score=round(0.9 - 0.8 * k / N_COPIES, 3), tier="strong" if k % 3 else "possible")
        for k in range(N_COPIES)
        for c in claims.claims
    )
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.resize(480, 600)
    p.set_claims(replace(claims, claims=many), a, b, TOPICS)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_selecting_the_last_claim_measures_only_a_few_rows(qtbot):
    p = _long_panel(qtbot)
    measured: list[int] = []

    class Counting(cp._RuledDelegate):
        def sizeHint(self, option, index):
            measured.append(index.row())
            return super().sizeHint(option, index)

    p.tree.setItemDelegate(Counting(p.tree))
    p.set_min_score(0.1)  # the rows laid out again, as after any filter or verdict
    measured.clear()
    last = p.visible_claims()[-1]
    assert p.select_claim(last)
    p.tree.viewport().repaint()
    assert p.current_claim() == last
    assert len(p.claims()) > 1000
    assert len(measured) < 100  # the rows in view, not the thousands above them


def test_headings_are_as_tall_as_claims_whose_two_lines_fit(qtbot):
    p = _long_panel(qtbot)
    heading = p.model.index(0, 0)
    claim = p.model.index(0, 0, heading)
    h_rect, c_rect = p.tree.visualRect(heading), p.tree.visualRect(claim)
    assert h_rect.height() == c_rect.height()
    assert c_rect.height() >= 2 * QFontMetrics(p.tree.font()).lineSpacing()
