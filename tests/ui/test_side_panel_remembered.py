"""A side panel hidden only because the window was narrow is remembered as such: after a
restart in the narrow window, widening it brings the panel back, as it does without a
restart. A panel the reader hid (F9) stays hidden."""

from __future__ import annotations

from helpers.window import shown_window


def _closed(w) -> None:
    w.save_state()
    w.close()


def test_a_panel_hidden_for_room_comes_back_after_a_restart(qtbot, settings, dialogs):
    w = shown_window(qtbot, settings, restore_geometry=True, size=(1000, 700))
    qtbot.waitUntil(lambda: w.side_dock.isHidden(), timeout=3000)
    _closed(w)

    w2 = shown_window(qtbot, settings, restore_geometry=True, size=(1000, 700))
    assert w2.side_dock.isHidden()  # still narrow: still hidden
    w2.resize(1480, 900)
    qtbot.waitUntil(lambda: w2.side_dock.isVisible(), timeout=3000)


def test_a_panel_the_reader_hid_stays_hidden_after_a_restart(qtbot, settings, dialogs):
    w = shown_window(qtbot, settings, restore_geometry=True, size=(1480, 900))
    assert w.side_dock.isVisible()
    w.side_dock.toggleViewAction().trigger()  # F9
    qtbot.waitUntil(lambda: w.side_dock.isHidden(), timeout=3000)
    w.resize(1000, 700)
    qtbot.wait(50)
    _closed(w)

    w2 = shown_window(qtbot, settings, restore_geometry=True, size=(1000, 700))
    w2.resize(1480, 900)
    qtbot.wait(100)
    assert w2.side_dock.isHidden()


def test_a_panel_the_reader_showed_in_a_narrow_window_stays_shown_after_a_restart(
    qtbot, settings, dialogs
):
    w = shown_window(qtbot, settings, restore_geometry=True, size=(1000, 700))
    qtbot.waitUntil(lambda: w.side_dock.isHidden(), timeout=3000)
    w.side_dock.toggleViewAction().trigger()  # F9: the reader wants it, narrow or not
    qtbot.waitUntil(lambda: w.side_dock.isVisible(), timeout=3000)
    _closed(w)

    w2 = shown_window(qtbot, settings, restore_geometry=True, size=(1000, 700))
    qtbot.wait(100)
    assert w2.side_dock.isVisible()
    # with its narrow width, so the panes keep their measure
    qtbot.waitUntil(lambda: w2.side_dock.width() <= w2.side_fit.narrow_panel_width() + 8)


def test_the_side_panels_tab_comes_back_after_a_restart(qtbot, settings, dialogs):
    w = shown_window(qtbot, settings, restore_geometry=True, size=(1480, 900))
    w.claims_panel  # noqa: B018  (the side tabs are built on first use)
    assert w.side_tabs.currentIndex() == 0  # Claims, the first time
    w.side_tabs.setCurrentWidget(w.outline)
    _closed(w)

    w2 = shown_window(qtbot, settings, restore_geometry=True, size=(1480, 900))
    w2.claims_panel  # noqa: B018
    assert w2.side_tabs.currentWidget() is w2.outline


def test_a_bad_saved_tab_opens_claims(qtbot, settings, dialogs):
    settings.setValue("window/side_tab", 7)
    w = shown_window(qtbot, settings, restore_geometry=True, size=(1480, 900))
    w.claims_panel  # noqa: B018
    assert w.side_tabs.currentIndex() == 0
