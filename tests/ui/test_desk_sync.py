"""Synced scrolling: the other pane follows through the anchor chain, monotonically, and stops
at its end; the pure target function keeps both ends together."""

from __future__ import annotations

import itertools

import pytest

from diptych.ui.reader_pane import ReaderPane
from diptych.ui.sync_scroll import ScrollSync, sync_target_value
from helpers.desk import LinearChain, long_article


def _panes(qtbot, a, b, size=(560, 420)):
    panes = {}
    for side, art in (("a", a), ("b", b)):
        p = ReaderPane(side)
        qtbot.addWidget(p)
        p.resize(*size)
        p.show()
        qtbot.waitExposed(p)
        p.set_article(art)
        panes[side] = p
    return panes


def _paragraph_chain(a, b, n):
    """Anchors at the start of each numbered paragraph present in both."""
    pts = []
    for i in range(n):
        pa = a.text.find(f"Paragraph {i} of A opens")
        pb = b.text.find(f"Paragraph {i} of B opens")
        if pa >= 0 and pb >= 0:
            pts.append((float(pa), float(pb)))
    return LinearChain(pts, len(a.text), len(b.text))


def test_target_function_is_monotone_and_meets_both_ends():
    page, smax, tmax = 300.0, 3000.0, 1200.0

    def mapped(v):  # some monotone map that misses both ends
        return 40.0 + v * 0.35

    values = [
        sync_target_value(mapped(v), v, smax, page, mapped(0), mapped(smax), tmax)
        for v in [x * 7.5 for x in range(401)]
    ]
    assert values[0] == 0.0
    assert values[-1] == tmax
    assert all(b >= a for a, b in itertools.pairwise(values))


def test_target_function_clamps_to_the_target_end():
    assert sync_target_value(5000, 100, 1000, 300, 0, 9000, 800) == 800
    assert sync_target_value(-50, 500, 1000, 300, -50, 900, 800) == 0


def test_scrolling_a_moves_b_monotonically_and_b_stops_at_its_end(qtbot):
    a, b = long_article(50, "A"), long_article(20, "B")
    panes = _panes(qtbot, a, b)
    sync = ScrollSync(panes)
    sync.set_chain(_paragraph_chain(a, b, 50))
    bar_a, bar_b = panes["a"].verticalScrollBar(), panes["b"].verticalScrollBar()
    seen = []
    for v in range(0, bar_a.maximum() + 1, 45):
        bar_a.setValue(v)
        seen.append(bar_b.value())
    bar_a.setValue(bar_a.maximum())
    seen.append(bar_b.value())
    assert all(y >= x for x, y in itertools.pairwise(seen)), "B moved backwards"
    assert seen[0] == 0
    assert seen[-1] == bar_b.maximum()
    assert max(seen) == bar_b.maximum()


def test_b_reaches_its_last_paragraph_and_stays_there_while_a_goes_on(qtbot):
    a, b = long_article(50, "A"), long_article(20, "B")
    panes = _panes(qtbot, a, b)
    sync = ScrollSync(panes)
    sync.set_chain(_paragraph_chain(a, b, 50))
    last_b = b.text.index("Paragraph 19 of B opens")
    bar_a = panes["a"].verticalScrollBar()
    reached_at = None
    for v in range(0, bar_a.maximum() + 1, 40):
        bar_a.setValue(v)
        sync_pos = panes["b"].position_at_doc_y(
            panes["b"].scroll_value() + panes["b"].sync_line_y()
        )
        if reached_at is None and sync_pos >= last_b:
            reached_at = v
        if reached_at is not None:
            assert sync_pos >= last_b, "B went back from its last paragraph"
    assert reached_at is not None and reached_at < bar_a.maximum() * 0.7


def test_the_matching_paragraph_of_b_sits_on_the_sync_line(qtbot):
    a, b = long_article(40, "A"), long_article(40, "B")
    panes = _panes(qtbot, a, b)
    sync = ScrollSync(panes)
    sync.set_chain(_paragraph_chain(a, b, 40))
    for k in (8, 17, 25):
        panes["a"].scroll_offset_to(a.text.index(f"Paragraph {k} of A opens"))
        line_a = panes["a"].text_at_y(panes["a"].sync_line_y())
        line_b = panes["b"].text_at_y(panes["b"].sync_line_y())
        assert line_a.startswith(f"Paragraph {k} of A")
        assert line_b.startswith(f"Paragraph {k} of B")


def test_scrolling_b_drives_a_and_the_panes_do_not_chase_each_other(qtbot):
    a, b = long_article(40, "A"), long_article(30, "B")
    panes = _panes(qtbot, a, b)
    sync = ScrollSync(panes)
    sync.set_chain(_paragraph_chain(a, b, 40))
    moves = {"a": 0, "b": 0}
    panes["a"].scrolled.connect(lambda: moves.__setitem__("a", moves["a"] + 1))
    panes["b"].scrolled.connect(lambda: moves.__setitem__("b", moves["b"] + 1))
    panes["b"].scroll_offset_to(b.text.index("Paragraph 20 of B opens"))
    assert moves == {"a": 1, "b": 1}
    assert panes["a"].text_at_y(panes["a"].sync_line_y()).startswith("Paragraph 20 of A")


def test_turning_sync_off_leaves_the_other_pane_where_it_is(qtbot):
    a, b = long_article(30, "A"), long_article(30, "B")
    panes = _panes(qtbot, a, b)
    sync = ScrollSync(panes)
    sync.set_chain(_paragraph_chain(a, b, 30))
    sync.set_enabled(False)
    panes["a"].verticalScrollBar().setValue(900)
    assert panes["b"].scroll_value() == 0
    sync.set_enabled(True)
    panes["a"].verticalScrollBar().setValue(1200)
    assert panes["b"].scroll_value() > 0


@pytest.mark.parametrize("emoji_first", [True, False])
def test_sync_lines_up_text_after_emoji_and_combining_marks(qtbot, emoji_first):
    from helpers.articles import make_article

    noise = "Mixed 😀👍🏽 e\u0301 n\u0303 🇧🇴 text. " * 40 if emoji_first else "Plain text. " * 40
    a = make_article(
        [("paragraph", noise), *[("paragraph", f"Marker {i} in A. " * 6) for i in range(30)]]
    )
    b = make_article(
        [
            ("paragraph", "Short intro."),
            *[("paragraph", f"Marker {i} in B. " * 6) for i in range(30)],
        ]
    )
    pts = [(a.text.index(f"Marker {i} in A"), b.text.index(f"Marker {i} in B")) for i in range(30)]
    panes = _panes(qtbot, a, b)
    sync = ScrollSync(panes)
    sync.set_chain(LinearChain(pts, len(a.text), len(b.text)))
    panes["a"].scroll_offset_to(a.text.index("Marker 12 in A"))
    assert panes["b"].text_at_y(panes["b"].sync_line_y()).startswith("Marker 12 in B")
