"""Find searches both panes (counts per side) and the notes, and looks like no highlight
(issue 13, item 8)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat

from diptych.ui.find_bar import FindBar, find_formats
from diptych.ui.reader_pane import ReaderPane
from diptych.ui.theme import DARK, LIGHT
from helpers.articles import make_article

try:
    from diptych.ui.highlights.colors import HIGHLIGHT_COLORS
except ImportError:  # before the highlights package
    from diptych.ui.highlights.colors import HIGHLIGHT_COLORS


def _article(tag, paragraphs):
    return make_article(
        [("title", f"Article {tag}"), *[("paragraph", p) for p in paragraphs]],
        article_id=f"test:{tag}",
    )


FILLER = "Words that wrap over several lines of the pane and say nothing much. " * 6
A = _article("A", ["The lithium deposit is large. " + FILLER, FILLER, FILLER])
B = _article(
    "B",
    [FILLER, "Lithium prices rose. " + FILLER, FILLER * 2, "More lithium, said the minister."],
)


@pytest.fixture
def desk(qtbot):
    panes = {}
    for side, art in (("a", A), ("b", B)):
        p = ReaderPane(side)
        qtbot.addWidget(p)
        p.resize(420, 300)
        p.show()
        qtbot.waitExposed(p)
        p.set_article(art)
        panes[side] = p
    bar = FindBar(panes["a"])
    qtbot.addWidget(bar)
    bar.set_other_pane(panes["b"])
    return panes, bar


def _type(qtbot, bar, text):
    bar.open_bar()
    qtbot.keyClicks(bar.edit, text)
    qtbot.waitUntil(lambda: bar.count_label.text() != "", timeout=2000)


def test_find_counts_matches_in_both_panes(qtbot, desk):
    panes, bar = desk
    _type(qtbot, bar, "lithium")
    assert bar.matches("a") == [(A.text.index("lithium"), A.text.index("lithium") + 7)]
    assert len(bar.matches("b")) == 2
    assert bar.count_label.text() == "A 1 of 1 · B 2"
    # both panes show their matches
    assert panes["a"].layer_size("find") == 1
    assert panes["b"].layer_size("find") == 2


def test_next_goes_on_into_the_other_pane_and_scrolls_it(qtbot, desk):
    panes, bar = desk
    _type(qtbot, bar, "lithium")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count_label.text() == "A 1 · B 1 of 2"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count_label.text() == "A 1 · B 2 of 2"
    last = B.text.index("More lithium") + len("More ")
    lo, hi = panes["b"].visible_range()
    assert lo <= last < hi, "pane B scrolled to its match"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "A 1 · B 1 of 2"


def test_find_searches_the_notes_and_brings_their_highlight_into_view(qtbot, desk):
    panes, bar = desk
    start = B.text.index("More lithium")
    notes = [("b", start, start + 12, "Ask the ministry about the tender"), ("a", 0, 5, "x")]
    bar.set_notes_source(lambda: notes)
    _type(qtbot, bar, "tender")
    assert bar.matches("a") == [] and bar.matches("b") == []
    assert [h.note for h in bar.note_matches()] == ["Ask the ministry about the tender"]
    assert bar.count_label.text() == "A 0 · B 0 · note 1 of 1"
    assert "tender" in bar.count_label.toolTip()
    lo, hi = panes["b"].visible_range()
    assert lo <= start < hi


def test_a_query_only_in_the_other_pane_is_found(qtbot, desk):
    panes, bar = desk
    _type(qtbot, bar, "minister")
    assert bar.count_label.text() == "A 0 · B 1 of 1"
    lo, hi = panes["b"].visible_range()
    assert lo <= B.text.index("minister") < hi


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_find_marks_look_like_no_highlight(theme):
    other, current = find_formats(theme)
    user = {QColor(c.dark if theme.dark else c.light).name() for c in HIGHLIGHT_COLORS}
    assert other.background().color().name() not in user
    assert current.background().color().name() not in user
    # and in kind: a highlight only tints the ground; a find underlines or recolours the text
    assert other.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert current.hasProperty(QTextCharFormat.Property.ForegroundBrush)
    # far from every highlight colour, not just different by a shade
    for name in user:
        for fmt in (other, current):
            c, u = fmt.background().color(), QColor(name)
            dist = abs(c.red() - u.red()) + abs(c.green() - u.green()) + abs(c.blue() - u.blue())
            assert dist > 60, (fmt.background().color().name(), name)


def test_closing_clears_the_marks_in_both_panes(qtbot, desk):
    panes, bar = desk
    _type(qtbot, bar, "lithium")
    bar.close_bar()
    assert panes["a"].layer_size("find") == 0 and panes["b"].layer_size("find") == 0


def test_marks_follow_a_theme_switch_and_a_new_article(qtbot, desk):
    panes, bar = desk
    _type(qtbot, bar, "lithium")
    for p in panes.values():
        p.set_theme(DARK)
    fmt = panes["b"]._layers["find"][0][2]
    assert fmt.background().color() == QColor(DARK.find_match)
    # B gets another article: the counts are for the new text
    panes["b"].set_article(_article("C", ["No such metal here.", "Lithium, once."]))
    qtbot.waitUntil(lambda: len(bar.matches("b")) == 1, timeout=2000)
    assert bar.count_label.text().endswith("B 1")
