"""The minimum-score slider keeps a length a hand can use at every side panel width: when the
filters do not fit one row with it, they take two."""

from __future__ import annotations

import pytest

from diptych.core.model import ClaimsResult
from diptych.ui.claims.panel import ClaimsPanel
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


def test_the_filters_are_arranged_again_when_the_claims_come(qtbot):
    """Tryout in the window: the side panel had its width before the pair's claims came (the
    topic filter empty, one row fitted); "All topics (32)" then came in a combo cut to "All
    topics" beside the slider, and nothing arranged the row again until a resize."""
    a, b, claims = seedlike_pair()
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.show()
    qtbot.waitExposed(p)
    combo = p.topic_combo
    for width in range(300, 720, 10):
        p.set_claims(ClaimsResult(claims=(), only_in_a=(), only_in_b=()), a, b, TOPICS)
        p.resize(width, 600)
        qtbot.wait(1)
        p.set_claims(claims, a, b, TOPICS)
        qtbot.wait(1)
        p.layout().activate()
        text = combo.fontMetrics().horizontalAdvance(combo.currentText()) + 24
        assert combo.width() >= text and p.score_slider.width() >= USABLE, width


def test_a_panel_on_one_row_can_still_be_made_narrow(qtbot):
    """The filters' widths on one row must not become the panel's minimum: dragged narrower,
    the panel goes below the one-row width and the filters take two rows."""
    a, b, claims = seedlike_pair()
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(claims, a, b, TOPICS)
    p.resize(720, 600)
    p.show()
    qtbot.waitExposed(p)
    assert p._filters_wide
    for width in range(710, 290, -10):
        p.resize(width, 600)
        qtbot.wait(1)
        p.layout().activate()
    assert p.width() <= 310 and not p._filters_wide
    assert p.score_slider.width() >= USABLE


def test_the_filters_do_not_move_under_a_dragged_slider(qtbot, monkeypatch):
    """The topic filter's count changes as the slider moves ("All topics (32)" to "(8)"),
    which can change whether the filters fit one row: rearranged mid-drag, the slider would
    jump from under the pointer. They are fitted again when it is let go."""
    a, b, claims = seedlike_pair()
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(claims, a, b, TOPICS)
    p.resize(400, 600)
    p.show()
    qtbot.waitExposed(p)
    wide = p._filters_wide
    monkeypatch.setattr(p, "_filters_fit_one_row", lambda: not wide)  # the count now fits
    p.score_slider.setSliderDown(True)
    p.score_slider.setValue(40)
    assert p._filters_wide == wide
    p.score_slider.setSliderDown(False)  # let go
    assert p._filters_wide == (not wide)
