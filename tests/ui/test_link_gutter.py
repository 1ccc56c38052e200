"""LinkGutter between two text panes: bands where the passages are, tooltip, click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QTextEdit, QToolTip, QWidget

from diptych.core.model import Span
from diptych.ui.link_gutter import GutterLink, LinkGutter, claim_links, text_edit_extent
from helpers.highlights import TOPICS

LINES = [f"Line {i:02d} of the article, with some words." for i in range(80)]


def line_span(text: str, i: int) -> Span:
    start = sum(len(x) + 1 for x in LINES[:i])
    return Span(start, start + len(LINES[i]))


class Desk(QWidget):
    """Stand-in for the window: text pane | gutter | text pane."""

    def __init__(self) -> None:
        super().__init__()
        self.text = "\n".join(LINES)
        self.pane_a, self.pane_b = QTextEdit(), QTextEdit()
        for pane in (self.pane_a, self.pane_b):
            pane.setReadOnly(True)
            pane.setPlainText(self.text)
            pane.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
        self.gutter = LinkGutter()
        self.gutter.setFixedWidth(60)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.pane_a)
        lay.addWidget(self.gutter)
        lay.addWidget(self.pane_b)
        self.gutter.set_extent_functions(
            text_edit_extent(self.pane_a, self.text, self.gutter),
            text_edit_extent(self.pane_b, self.text, self.gutter),
        )
        self.pane_a.verticalScrollBar().valueChanged.connect(self.gutter.update)
        self.pane_b.verticalScrollBar().valueChanged.connect(self.gutter.update)


@pytest.fixture
def desk(qtbot):
    d = Desk()
    qtbot.addWidget(d)
    d.resize(900, 400)
    d.show()
    qtbot.waitExposed(d)
    return d


RED, BLUE = "#d62728", "#1f77b4"


def mid_point(desk: Desk, link: GutterLink) -> QPoint:
    """The centre of a band: halfway across, halfway between the two ends' centres."""
    ext_a = text_edit_extent(desk.pane_a, desk.text, desk.gutter)
    ext_b = text_edit_extent(desk.pane_b, desk.text, desk.gutter)
    at, ab = ext_a(link.a.start, link.a.end)
    bt, bb = ext_b(link.b.start, link.b.end)
    return QPoint(desk.gutter.width() // 2, round((at + ab + bt + bb) / 4))


def hue_of(img, p: QPoint) -> QColor:
    return QColor(img.pixel(p.x(), p.y()))


def is_tinted_like(c: QColor, target: str) -> bool:
    """The band is the topic colour blended over the background: same hue, clearly saturated."""
    t = QColor(target)
    dh = abs(c.hsvHue() - t.hsvHue()) % 360
    return c.hsvSaturation() > 60 and min(dh, 360 - dh) < 20


def test_bands_are_drawn_between_linked_lines_in_their_topic_colour(desk, qtbot):
    red = GutterLink(line_span(desk.text, 2), line_span(desk.text, 8), RED, ("claim", 0), 0.9)
    blue = GutterLink(line_span(desk.text, 10), line_span(desk.text, 4), BLUE, ("claim", 1), 0.6)
    desk.gutter.set_links([red, blue])
    img = desk.gutter.grab().toImage()
    assert is_tinted_like(hue_of(img, mid_point(desk, red)), RED)
    assert is_tinted_like(hue_of(img, mid_point(desk, blue)), BLUE)
    # near the left edge each band sits level with its A line, the other lines stay plain
    ext_a = text_edit_extent(desk.pane_a, desk.text, desk.gutter)
    top, bottom = ext_a(line_span(desk.text, 2).start, line_span(desk.text, 2).end)
    assert is_tinted_like(hue_of(img, QPoint(3, round((top + bottom) / 2))), RED)
    top6, bottom6 = ext_a(line_span(desk.text, 6).start, line_span(desk.text, 6).end)
    plain = hue_of(img, QPoint(3, round((top6 + bottom6) / 2)))
    assert not is_tinted_like(plain, RED) and not is_tinted_like(plain, BLUE)


def test_bands_follow_a_scrolled_pane(desk, qtbot):
    link = GutterLink(line_span(desk.text, 30), line_span(desk.text, 30), RED, ("claim", 0), 0.9)
    desk.gutter.set_links([link])
    assert desk.gutter.link_at(mid_point(desk, link)) is None  # both ends below the view
    for pane in (desk.pane_a, desk.pane_b):
        cur = pane.textCursor()
        cur.setPosition(link.a.start)
        pane.setTextCursor(cur)
        pane.ensureCursorVisible()
    img = desk.gutter.grab().toImage()
    p = mid_point(desk, link)
    assert 0 < p.y() < desk.gutter.height()
    assert is_tinted_like(hue_of(img, p), RED)


def test_band_crossing_the_view_is_drawn_faintly_with_both_ends_off_screen(desk):
    # A's end above the view, B's end far below: the band only passes through
    desk.pane_a.verticalScrollBar().setValue(desk.pane_a.verticalScrollBar().maximum())
    cross = GutterLink(line_span(desk.text, 0), line_span(desk.text, 79), BLUE, ("claim", 5), 0.5)
    near = GutterLink(line_span(desk.text, 0), line_span(desk.text, 3), BLUE, ("claim", 6), 0.5)
    desk.gutter.set_links([cross])
    assert desk.gutter.is_crossing(cross)
    img = desk.gutter.grab().toImage()
    at, ab, bt, bb = desk.gutter.band_ends(cross)
    assert ab < 0 and bt > desk.gutter.height()  # ends kept just past the edges
    p = QPoint(desk.gutter.width() // 2, round((at + ab + bt + bb) / 4))
    faint = hue_of(img, p)
    background = hue_of(img, QPoint(desk.gutter.width() // 2, 3))
    # a light wash of blue over whatever the window colour is: bluer than the background
    assert faint.blue() - faint.red() > background.blue() - background.red() + 10
    # a band with one end in view is drawn at full strength
    desk.gutter.set_links([near])
    assert not desk.gutter.is_crossing(near)
    img = desk.gutter.grab().toImage()
    at, ab, bt, bb = desk.gutter.band_ends(near)
    strong = hue_of(img, QPoint(desk.gutter.width() - 3, round((bt + bb) / 2)))
    assert is_tinted_like(strong, BLUE) and strong.hsvSaturation() > faint.hsvSaturation()


def test_hover_tooltip_shows_the_score(desk, qtbot):
    link = GutterLink(line_span(desk.text, 3), line_span(desk.text, 5), RED, ("claim", 7), 0.834)
    desk.gutter.set_links([link])
    desk.gutter.grab()
    p = mid_point(desk, link)
    ev = QHelpEvent(QEvent.Type.ToolTip, p, desk.gutter.mapToGlobal(p))
    QApplication.sendEvent(desk.gutter, ev)
    assert "score 0.83" in QToolTip.text()
    QToolTip.hideText()


def test_click_on_a_band_emits_its_key_and_selects_it(desk, qtbot):
    one = GutterLink(line_span(desk.text, 1), line_span(desk.text, 1), RED, ("claim", 3), 0.7)
    two = GutterLink(
        line_span(desk.text, 6),
        line_span(desk.text, 2),
        BLUE,
        ("link", "x1"),
        None,
        "highlight",
        "shared note",
    )
    desk.gutter.set_links([one, two])
    desk.gutter.grab()
    with qtbot.waitSignal(desk.gutter.link_clicked) as sig:
        qtbot.mouseClick(desk.gutter, Qt.MouseButton.LeftButton, pos=mid_point(desk, two))
    assert sig.args == [("link", "x1")]
    assert desk.gutter.selected() == ("link", "x1")
    with qtbot.assertNotEmitted(desk.gutter.link_clicked):
        # a spot level with line 12 on both sides has no band
        ext = text_edit_extent(desk.pane_a, desk.text, desk.gutter)
        t, b = ext(line_span(desk.text, 12).start, line_span(desk.text, 12).end)
        qtbot.mouseClick(desk.gutter, Qt.MouseButton.LeftButton, pos=QPoint(30, round((t + b) / 2)))


def test_linked_highlights_are_drawn_dashed_and_hatched_not_filled(desk):
    claim = GutterLink(line_span(desk.text, 2), line_span(desk.text, 2), RED, ("claim", 0), 0.9)
    linked = GutterLink(
        line_span(desk.text, 9), line_span(desk.text, 9), RED, ("link", "h"), None, "highlight"
    )
    desk.gutter.set_links([claim, linked])
    img = desk.gutter.grab().toImage()

    def tinted_share(link):
        p = mid_point(desk, link)
        ys = range(p.y() - 3, p.y() + 4)
        px = [QColor(img.pixel(x, y)) for x in range(15, 45) for y in ys]
        return sum(is_tinted_like(c, RED) for c in px) / len(px)

    assert tinted_share(claim) > 0.95  # solid fill
    assert 0.05 < tinted_share(linked) < 0.8  # hatch: stripes of colour and background


def test_claim_links_colour_bands_by_topic_and_key_them_by_index():
    from helpers.highlights import seedlike_pair

    _a, _b, claims = seedlike_pair()
    links = claim_links(claims.claims, TOPICS)
    assert [lk.key for lk in links] == [("claim", i) for i in range(4)]
    assert links[0].color == RED and links[1].color == BLUE and links[3].color == "#888888"
    assert links[1].score == pytest.approx(0.74)


def test_possible_claims_get_no_band_and_strong_ones_keep_their_index():
    from dataclasses import replace

    from helpers.highlights import seedlike_pair

    _a, _b, claims = seedlike_pair()
    mixed = [replace(c, tier="possible") if i % 2 else c for i, c in enumerate(claims.claims)]
    links = claim_links(mixed, TOPICS)
    assert [lk.key for lk in links] == [("claim", 0), ("claim", 2)]
