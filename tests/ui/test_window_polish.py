"""Issue 13 item 10 and the narrow window: the side panel shown by hand (F9) in a narrow
window, B's first heading with a link, the topic filter's count, claim numbering."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from diptych.ui.main_window import MainWindow
from diptych.ui.window.layout import MIN_PANEL_WIDTH, NARROW_PANEL_WIDTH, SIDE_PANEL_WIDTH
from helpers.claims_list import claim_row

TIMEOUT = 60_000


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)


def _window(qtbot, settings, size=(1480, 900)) -> MainWindow:
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.resize(*size)
    w.restore_geometry()
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("size", [(1000, 700), (1100, 700)])
def test_f9_in_a_narrow_window_shows_a_narrow_side_panel_and_the_panes_stay_readable(
    qtbot, settings, size
):
    w = _window(qtbot, settings)
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT):
        w.open_seed_pair()
    w.resize(*size)
    qtbot.waitUntil(lambda: not w.side_dock.isVisible(), timeout=3000)
    w.activateWindow()
    w.reader("a").setFocus()
    qtbot.keyClick(w.reader("a"), Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.side_dock.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: w.side_dock.width() <= NARROW_PANEL_WIDTH + 8, timeout=3000)
    assert w.side_dock.width() >= MIN_PANEL_WIDTH
    for side in ("a", "b"):
        # the pane keeps a readable measure (before: ~230 px, 3-4 words a line)
        assert w.pane_view(side).width() >= 290, (side, w.splitter.sizes(), w.side_dock.width())
    # the panel stays resizable: the reader can make it wider
    w.resizeDocks([w.side_dock], [420], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: w.side_dock.width() >= 410, timeout=3000)
    # narrowed again by F9 twice, then the window made wide: the panel's usual width comes back
    qtbot.keyClick(w.reader("a"), Qt.Key.Key_F9)
    qtbot.keyClick(w.reader("a"), Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.side_dock.width() <= NARROW_PANEL_WIDTH + 8, timeout=3000)
    w.resize(1480, 900)
    qtbot.waitUntil(lambda: w.side_dock.width() >= SIDE_PANEL_WIDTH - 10, timeout=3000)
    assert w.side_dock.isVisible()


def test_the_first_claim_row_is_claim_1_in_the_status_bar(qtbot, settings):
    w = _window(qtbot, settings)
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT):
        w.open_seed_pair()
    panel = w.claims_panel
    assert panel.visible_claims()[0] == 0
    panel.tree.setCurrentIndex(claim_row(panel, 0, 0))
    assert w.statusBar().currentMessage().startswith("Claim 1:")
    # grouped by topic, the rows the reader sees are in another order than the analysis'
    panel.set_grouped_by_topic(True)
    listed = panel.visible_claims()
    assert len(listed) > 3
    assert listed != sorted(listed)
    panel.tree.setCurrentIndex(claim_row(panel, 0, 0))  # the first claim of the first group
    assert panel.current_claim() == listed[0]
    assert w.statusBar().currentMessage().startswith("Claim 1:")
    panel.select_claim(listed[2])
    assert w.statusBar().currentMessage().startswith("Claim 3:")
    # a possible claim is said to be one
    panel.set_grouped_by_topic(False)
    claims = w.analysis().claims.claims
    first_possible = next(i for i, c in enumerate(claims) if c.tier == "possible")
    panel.select_claim(first_possible)
    n = panel.number_of(first_possible)
    assert w.statusBar().currentMessage().startswith(f"Claim {n} (possible): score ")


def test_the_topic_filter_counts_the_claims_listed_at_the_minimum_score(qtbot, settings):
    w = _window(qtbot, settings)
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT):
        w.open_seed_pair()
    panel = w.claims_panel
    total = len(panel.claims())
    assert panel.topic_combo.itemText(0) == f"All topics ({total})"
    panel.set_min_score(0.5)
    listed = panel.visible_claims()
    assert 0 < len(listed) < total
    assert panel.topic_combo.itemText(0) == f"All topics ({len(listed)})"
    assert panel.tabs.tabText(0) == f"Claims ({len(listed)})"
    # each topic's entry counts what choosing it would list
    for i in range(1, panel.topic_combo.count()):
        panel.topic_combo.setCurrentIndex(i)
        n = len(panel.visible_claims())
        assert panel.topic_combo.itemText(i).endswith(f"({n})"), panel.topic_combo.itemText(i)


@pytest.mark.parametrize("size", [(1480, 900), (1000, 700)])
def test_linking_a_passage_near_the_start_keeps_both_articles_whole_at_the_top(
    qtbot, settings, size
):
    """B's title was cut at the start: a link near the top scrolled B ~100 px while A stayed
    at its top."""
    w = _window(qtbot, settings, size=size)
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT):
        w.open_seed_pair()
    claims = w.pair.analysis().claims.claims
    first_in_b = min(range(len(claims)), key=lambda i: claims[i].b.start)
    c = claims[first_in_b]
    for side in ("a", "b"):
        w.reader(side).set_scroll_value(0)
    w.show_pair(c.a.start, c.a.end, c.b.start, c.b.end)
    values = {side: w.reader(side).scroll_value() for side in ("a", "b")}
    if size == (1480, 900):  # A's passage is above its sync line: A stays at its top
        assert values == {"a": 0, "b": 0}
    else:  # narrower lines: A's passage is lower, both come to the sync line
        assert values["a"] > 0 and values["b"] > 0
    for side, span in (("a", c.a), ("b", c.b)):
        top, bottom = w.reader(side).visible_range()
        assert top <= span.start < bottom  # the passage is on screen
    # a passage further down still comes to the sync line in both panes
    far = max(range(len(claims)), key=lambda i: min(claims[i].a.start, claims[i].b.start))
    d = claims[far]
    w.show_pair(d.a.start, d.a.end, d.b.start, d.b.end)
    for side, span in (("a", d.a), ("b", d.b)):
        r = w.reader(side)
        assert r.scroll_value() > 0
        y = r.doc_y_of_position(span.start) - r.scroll_value()
        assert abs(y - r.sync_line_y()) < 40, (side, y, r.sync_line_y())


def test_a_window_built_narrow_starts_with_the_side_panel_hidden(qtbot, settings):
    """A first window fitted to a 1024-wide screen (or restored at 1000x700) is narrow before
    it is shown: the panel must give way then too, not only on a later resize."""
    w = _window(qtbot, settings, size=(1000, 700))  # resized before show()
    assert w.width() == 1000
    assert not w.side_dock.isVisible()
    qtbot.waitUntil(lambda: min(w.pane_view(s).width() for s in "ab") >= 400, timeout=3000)
    w.side_dock.toggleViewAction().trigger()  # F9
    qtbot.waitUntil(lambda: w.side_dock.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: w.side_dock.width() <= NARROW_PANEL_WIDTH + 8, timeout=3000)


def _filters(panel) -> list:
    return [
        panel.topic_combo,
        panel.min_score_label,
        panel.score_slider,
        panel.score_label,
        panel.group_check,
    ]


def test_the_claims_filters_are_not_cut_off_in_a_narrow_side_panel(qtbot, settings):
    w = _window(qtbot, settings, size=(1000, 700))
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT):
        w.open_seed_pair()
    w.side_dock.toggleViewAction().trigger()  # F9: the panel at its narrow width
    qtbot.waitUntil(lambda: w.side_dock.width() <= NARROW_PANEL_WIDTH + 8, timeout=3000)
    panel = w.claims_panel
    qtbot.wait(50)
    right = panel.tree.mapTo(panel, panel.tree.rect().topRight()).x()
    for widget in (panel.topic_combo, panel.group_check, panel.score_label):
        edge = widget.mapTo(panel, widget.rect().topRight()).x()
        assert edge <= right + 1, (widget, edge, right)  # inside the panel
        # and given the width its text needs ("All topics (31)", "Group by topic")
        assert widget.width() >= widget.minimumSizeHint().width(), widget
    assert panel.group_check.width() >= panel.group_check.sizeHint().width()
    # widened, the filters go back on one row (wider than the default side panel: there the
    # minimum-score slider would be a stub on one row, tests/ui/test_claims_slider_room.py)
    wide = SIDE_PANEL_WIDTH + 140
    w.resize(1800, 700)
    w.resizeDocks([w.side_dock], [wide], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: w.side_dock.width() >= wide - 4, timeout=3000)
    qtbot.waitUntil(lambda: len({f.geometry().center().y() for f in _filters(panel)}) == 1)


def test_every_claims_tab_is_in_view_in_a_narrow_side_panel(qtbot, settings):
    """Polish: in the 300 px panel "Only in B (69)" hid behind the tab bar's scroll arrows."""
    w = _window(qtbot, settings, size=(1000, 700))
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT):
        w.open_seed_pair()
    w.side_dock.toggleViewAction().trigger()  # F9: the panel at its narrow width
    qtbot.waitUntil(lambda: w.side_dock.width() <= NARROW_PANEL_WIDTH + 8, timeout=3000)
    qtbot.wait(50)
    bar = w.claims_panel.tabs.tabBar()
    for i in range(bar.count()):
        rect = bar.tabRect(i)
        assert rect.left() >= 0 and rect.right() <= bar.width(), (bar.tabText(i), rect, bar.width())
