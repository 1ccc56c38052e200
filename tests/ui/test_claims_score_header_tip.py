"""The score column says what the score is and that the tiers are decided apart: on the seed
pair a strong claim scores 0.20 under possible ones at 0.33 and 0.26."""

from __future__ import annotations

from PySide6.QtCore import Qt

from diptych.ui.claims.panel import ClaimsPanel


def test_the_score_header_explains_the_score_and_the_tiers(qtbot):
    p = ClaimsPanel()
    qtbot.addWidget(p)
    tip = p.model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tip, str) and "\n" in tip  # broken into lines, not one screen wide
    assert "same thing" in tip and "may score below a possible one" in tip
    assert p.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
