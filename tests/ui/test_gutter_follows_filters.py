"""The gutter draws the bands of the claims the Claims tab lists: its minimum score and topic
filters hide a claim's band with its row (tryout: at 1.00 the list said "0 of 32 claims" while
the gutter still drew every band)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from diptych.ui.main_window import MainWindow
from helpers.window import open_seed, shown_window


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _seed_window(qtbot, settings, tmp_path) -> MainWindow:
    w = shown_window(qtbot, settings, db=tmp_path / "notes.sqlite3", size=(1480, 900))
    return open_seed(qtbot, w)


def _bands(w: MainWindow) -> set[int]:
    return {lk.key[1] for lk in w.gutter.links() if lk.kind == "claim"}


def test_the_gutter_draws_the_bands_of_the_listed_claims_only(qtbot, settings, tmp_path):
    w = _seed_window(qtbot, settings, tmp_path)
    panel = w.claims_panel
    claims = w.analysis().claims.claims
    strong = {i for i, c in enumerate(claims) if c.tier == "strong"}
    assert strong and _bands(w) == strong

    panel.set_min_score(1.0)
    assert panel.visible_claims() == []
    assert _bands(w) == set()

    floor = sorted(claims[i].score for i in strong)[len(strong) // 2]
    panel.set_min_score(floor)
    listed = set(panel.visible_claims())
    assert _bands(w) == strong & listed
    assert set() < _bands(w) < strong

    panel.set_min_score(0.0)
    topic = next(claims[i].topic for i in strong if claims[i].topic)
    panel.set_topic_filter(topic)
    assert _bands(w) == {i for i in strong if claims[i].topic == topic}

    panel.set_topic_filter(None)
    assert _bands(w) == strong
    w.close()


def test_a_claim_hidden_by_a_filter_leaves_no_tint_or_selected_band(qtbot, settings, tmp_path):
    """Tryout: when a filter hid the selected claim, the panes kept its fragment tinted and the
    gutter its band emphasised, for a claim no longer listed."""
    w = _seed_window(qtbot, settings, tmp_path)
    panel = w.claims_panel
    i = panel.visible_claims()[0]
    panel.select_claim(i)
    assert w.reader("a").layer_size("claim_core") == 1 and w.gutter.selected() == ("claim", i)
    panel.set_min_score(1.0)  # the selected claim is no longer listed
    assert w.reader("a").layer_size("claim_core") == 0
    assert w.reader("b").layer_size("claim_core") == 0
    assert w.gutter.selected() is None
    w.close()
