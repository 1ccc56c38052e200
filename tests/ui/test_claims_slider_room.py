"""The minimum-score slider keeps a length a hand can use at every side panel width: when the
filters do not fit one row with it, they take two."""

from __future__ import annotations

import pytest

from diptych.ui.claims_panel import ClaimsPanel
from helpers.highlights import TOPICS, seedlike_pair

USABLE = 90  # pixels: a slider of 0..1 in steps of 0.05 shorter than this is a nudge, not a control


@pytest.fixture
def panel(qtbot):
    a, b, claims = seedlike_pair()
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(claims, a, b, TOPICS)
    p.resize(300, 600)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_the_score_slider_is_never_squeezed_to_a_stub(qtbot, panel):
    """Tryout in the window (1480 wide, dark theme): the filters on one row left the slider
    about 30 pixels between "Min score" and "≥ 0.00"."""
    combo = panel.topic_combo
    seen = []
    for width in range(300, 720, 10):
        panel.resize(width, 600)
        qtbot.wait(1)
        panel.layout().activate()
        # the shown topic's name and the combo's arrow
        fits = combo.width() >= combo.fontMetrics().horizontalAdvance(combo.currentText()) + 24
        seen.append((width, panel._filters_wide, panel.score_slider.width(), fits))
    short = [(w, wide) for w, wide, s, _f in seen if s < USABLE]
    assert not short, short
    # nor is the topic filter squeezed under its text to make room for the slider
    cut = [(w, wide) for w, wide, _s, fits in seen if not fits]
    assert not cut, cut
    assert any(wide for _w, wide, _s, _f in seen)  # wide panels still keep them on one row
