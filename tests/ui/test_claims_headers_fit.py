"""The claims list's headers in a narrow side panel (tryout).

Tryout at 1000x700: the headers read "Possible claims (24): fewer signals a…" and "Rejected
(1): you marked them not t…", cut off at the list's edge, and nothing showed the rest.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QTextDocument

from diptych.ui.claims.panel import ClaimsPanel
from helpers.claims_list import headings, text, tip
from helpers.highlights import TOPICS, seedlike_pair


def _panel(qtbot) -> ClaimsPanel:
    a, b, claims = seedlike_pair()
    cs = list(claims.claims)
    cs[0] = replace(cs[0], tier="possible")
    cs[1] = replace(cs[1], tier="possible", verdict="different")
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(replace(claims, claims=tuple(cs)), a, b, TOPICS)
    p.show()
    qtbot.waitExposed(p)
    return p


def _headers(p: ClaimsPanel):
    return headings(p)


def _tip(item) -> str:
    doc = QTextDocument()
    doc.setHtml(tip(item))
    return doc.toPlainText()


def test_headers_drop_their_explanation_to_fit_a_narrow_list_and_keep_it_in_a_tooltip(qtbot):
    p = _panel(qtbot)
    p.tree.setFixedWidth(190)
    qtbot.waitUntil(lambda: p.tree.viewport().width() < 200)
    for item in _headers(p):
        room = p.tree.visualRect(item).width()
        font = item.data(Qt.ItemDataRole.FontRole)
        assert QFontMetrics(font).horizontalAdvance(text(item)) < room, text(item)
    possible, rejected = _headers(p)[1:]
    assert text(possible) == "Possible claims (1)"
    assert _tip(possible) == "Possible claims (1): fewer signals agree"
    assert text(rejected).startswith("Rejected (1)")
    assert "not the same" in _tip(rejected)
    p.tree.setFixedWidth(600)
    qtbot.waitUntil(lambda: text(possible) == "Possible claims (1): fewer signals agree")
