"""Hundreds of bands passing through the gutter's view (both ends off screen) are not all
drawn: the best scored few, and the selected one; bands with an end in view always are."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QHBoxLayout, QTextEdit, QWidget

from diptych.core.model import Span
from diptych.ui.link_gutter import MAX_PASSING_BANDS, GutterLink, LinkGutter, text_edit_extent

LINES = [f"Line {i:03d} of the article, with some words." for i in range(400)]
TEXT = "\n".join(LINES)


def line_span(i: int) -> Span:
    start = sum(len(x) + 1 for x in LINES[:i])
    return Span(start, start + len(LINES[i]))


@pytest.fixture
def desk(qtbot):
    w = QWidget()
    pane_a, pane_b = QTextEdit(), QTextEdit()
    for pane in (pane_a, pane_b):
        pane.setReadOnly(True)
        pane.setPlainText(TEXT)
        pane.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
    gutter = LinkGutter()
    gutter.setFixedWidth(60)
    lay = QHBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(pane_a)
    lay.addWidget(gutter)
    lay.addWidget(pane_b)
    gutter.set_extent_functions(
        text_edit_extent(pane_a, TEXT, gutter), text_edit_extent(pane_b, TEXT, gutter)
    )
    qtbot.addWidget(w)
    w.resize(900, 400)
    w.show()
    qtbot.waitExposed(w)
    # A in the middle of its text, B at its top: a line of A far above the view joined to
    # a line of B far below it passes through
    bar = pane_a.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    w.pane_a, w.pane_b, w.gutter = pane_a, pane_b, gutter
    return w


def test_only_the_best_scored_bands_passing_through_are_drawn(desk):
    n = 3 * MAX_PASSING_BANDS
    # A lines 0..n-1 (above the view) to B lines 399.. downwards (below it), scores spread
    passing = [
        GutterLink(line_span(i), line_span(399 - i), "#1f77b4", ("claim", i), (i * 37 % n) / n)
        for i in range(n)
    ]
    a_lo = desk.pane_a.cursorForPosition(desk.pane_a.viewport().rect().center()).position()
    near_line = TEXT.count("\n", 0, a_lo)  # a line of A in view: its band is drawn
    near = GutterLink(line_span(near_line), line_span(2), "#d62728", ("claim", n), 0.01)
    worst = min(passing, key=lambda lk: lk.score or 0.0)
    desk.gutter.set_links([*passing, near])
    desk.gutter.set_selected(worst.key)
    desk.gutter.grab()
    assert all(desk.gutter.is_crossing(lk) for lk in passing)
    drawn = desk.gutter.drawn_links()
    drawn_passing = [lk for lk in drawn if lk in passing and lk is not worst]
    assert len(drawn_passing) == MAX_PASSING_BANDS
    best = sorted((lk for lk in passing if lk is not worst), key=lambda lk: -(lk.score or 0.0))
    assert {lk.key for lk in drawn_passing} == {lk.key for lk in best[:MAX_PASSING_BANDS]}
    assert near in drawn  # an end in view: always drawn, whatever its score
    assert drawn[-1] is worst  # the selected band, on top, though it scores least


def test_a_few_bands_passing_through_are_all_drawn(desk):
    passing = [
        GutterLink(line_span(i), line_span(399 - i), "#1f77b4", ("claim", i), 0.5) for i in range(5)
    ]
    desk.gutter.set_links(passing)
    desk.gutter.grab()
    assert desk.gutter.drawn_links() == passing


def test_in_the_window_no_band_is_drawn_for_a_claim_out_of_sight_above(qtbot, tmp_path):
    # the gutter starts above the text (beside the panes' headers): a claim whose sentences
    # are both above the view was drawn as a band squeezed into that strip
    from helpers.window import desk_settings, open_seed, shown_window

    w = open_seed(qtbot, shown_window(qtbot, desk_settings(tmp_path)))
    w.set_sync_enabled(False)
    for side in ("a", "b"):
        w.reader(side).set_scroll_value(w.reader(side).scroll_maximum())
    w.gutter.grab()
    above = []
    for link in w.gutter.links():
        a_lo = w.reader("a").visible_range()[0]
        b_lo = w.reader("b").visible_range()[0]
        if link.a.end <= a_lo and link.b.end <= b_lo:
            above.append(link)
    assert above, "the seed pair has claims above the view at its end"
    drawn = w.gutter.drawn_links()
    assert not [lk for lk in above if lk in drawn]


def _visible_range(pane: QTextEdit):
    def visible() -> tuple[int, int]:
        vp = pane.viewport().rect()
        first = pane.cursorForPosition(vp.topLeft()).position()
        last = pane.cursorForPosition(vp.bottomRight()).position()
        return TEXT.rfind("\n", 0, first) + 1, TEXT.find("\n", last) % (len(TEXT) + 1)

    return visible


def test_with_the_panes_ranges_only_the_bands_drawn_are_placed(desk):
    # placing a band asks both panes where its ends are: with thousands of claims that was
    # most of a repaint, for bands out of sight or never drawn
    asked: list[tuple[int, int]] = []

    def counting(extent):
        def ext(start: int, end: int) -> tuple[float, float]:
            asked.append((start, end))
            return extent(start, end)

        return ext

    desk.gutter.set_extent_functions(
        counting(text_edit_extent(desk.pane_a, TEXT, desk.gutter)),
        counting(text_edit_extent(desk.pane_b, TEXT, desk.gutter)),
    )
    desk.gutter.set_visible_range_functions(
        _visible_range(desk.pane_a), _visible_range(desk.pane_b)
    )
    n = 3 * MAX_PASSING_BANDS
    passing = [
        GutterLink(line_span(i), line_span(399 - i), "#1f77b4", ("claim", i), i / n)
        for i in range(n)
    ]
    # both ends below the view (B is at its top, A in its middle): out of sight
    below = [
        GutterLink(line_span(380 - i), line_span(300 - i), "#1f77b4", ("claim", n + i), 0.9)
        for i in range(n)
    ]
    desk.gutter.set_links([*passing, *below])
    asked.clear()
    desk.gutter.grab()
    drawn = desk.gutter.drawn_links()
    assert len(drawn) == MAX_PASSING_BANDS
    assert {lk.key for lk in drawn} == {lk.key for lk in passing[-MAX_PASSING_BANDS:]}
    assert len(asked) <= 2 * 2 * MAX_PASSING_BANDS  # each drawn band's two ends, twice at most
