""" "Group by topic" is the reader's choice, kept across a restart like the theme and the side
panel's tab (tryout: it was off again at every start)."""

from __future__ import annotations

from helpers.window import desk_settings, open_seed, shown_window


def test_group_by_topic_comes_back_after_a_restart(qtbot, tmp_path, dialogs):
    settings = desk_settings(tmp_path)
    w = open_seed(qtbot, shown_window(qtbot, settings))
    assert not w.claims_panel.grouped_by_topic()  # off by default: best first
    w.claims_panel.set_grouped_by_topic(True)
    w.close()
    again = open_seed(qtbot, shown_window(qtbot, desk_settings(tmp_path)))
    assert again.claims_panel.grouped_by_topic()
    again.claims_panel.set_grouped_by_topic(False)
    again.close()
    third = open_seed(qtbot, shown_window(qtbot, desk_settings(tmp_path)))
    assert not third.claims_panel.grouped_by_topic()
