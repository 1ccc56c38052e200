"""Switching theme while running: every widget takes the new palette (issue 13, item 3).

Each check renders the real widget and measures the contrast between its text and its
background, as a reader would see it: stale colours show up as text nearly the colour of the
new background.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from diptych.core.model import ClaimsResult
from diptych.ui.main_window import MainWindow
from diptych.ui.theme import DARK, LIGHT


def _luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def text_contrast(img: QImage) -> float:
    """WCAG contrast between the commonest colour (the background) and the pixel farthest
    from it in luminance (the text)."""
    counts: Counter[int] = Counter()
    for y in range(img.height()):
        for x in range(img.width()):
            counts[img.pixel(x, y)] += 1
    bg = QColor.fromRgb(counts.most_common(1)[0][0])
    lb = _luminance(bg)
    ink = max((QColor.fromRgb(p) for p in counts), key=lambda c: abs(_luminance(c) - lb))
    hi, lo = max(lb, _luminance(ink)), min(lb, _luminance(ink))
    return (hi + 0.05) / (lo + 0.05)


def widget_contrast(w: QWidget, rect: QRect | None = None) -> float:
    return text_contrast(w.grab(rect or w.rect()).toImage())


def _bg_is_dark(w: QWidget) -> bool:
    img = w.grab().toImage()
    counts = Counter(img.pixel(x, y) for y in range(img.height()) for x in range(img.width()))
    return QColor.fromRgb(counts.most_common(1)[0][0]).lightness() < 128


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings, db=str(tmp_path / "h.sqlite3"))
    qtbot.addWidget(w)
    w.resize(1480, 900)
    w.show()
    # the store too: once it is open the window shows the pair again with the reader's
    # verdicts, which would replace what a test put in the claims panel
    with (
        qtbot.waitSignal(w.analysis_shown, timeout=60_000),
        qtbot.waitSignal(w.highlights_ready, timeout=60_000),
    ):
        w.open_seed_pair()
    qtbot.waitUntil(
        lambda: w.highlight_controller is None or not w.highlight_controller.is_loading()
    )
    yield w
    w.set_theme_mode("light")


@pytest.mark.parametrize(("first", "second"), [("light", "dark"), ("dark", "light")])
def test_switching_theme_restyles_topics_label_note_and_claims_headers(
    qtbot, window, first, second
):
    w = window
    w.set_theme_mode(first)
    w.topic_bar._note.setText("topics proposed from the two articles")
    QApplication.processEvents()
    w.set_theme_mode(second)
    QApplication.processEvents()
    want_dark = second == "dark"
    label = w.topic_bar.findChild(QWidget, "topics_label")
    note = w.topic_bar.findChild(QWidget, "topics_note")
    for widget in (label, note):
        assert _bg_is_dark(w.topic_bar) == want_dark
        assert widget_contrast(widget) >= 3.0, widget.objectName()
    # the first topic header of the claims tree: tinted for the new base, readable text
    tree = w.claims_panel.tree
    header = tree.model().index(0, 0)
    rect = tree.visualRect(header)
    img = tree.viewport().grab(rect).toImage()
    assert text_contrast(img) >= 3.0
    counts = Counter(img.pixel(x, y) for y in range(img.height()) for x in range(img.width()))
    assert (QColor.fromRgb(counts.most_common(1)[0][0]).lightness() < 128) == want_dark


@pytest.mark.parametrize(("first", "second"), [("light", "dark"), ("dark", "light")])
def test_unrelated_note_follows_the_theme(qtbot, window, first, second):
    w = window
    panel = w.claims_panel
    w.side_tabs.setCurrentWidget(panel)
    analysis = w.analysis()
    w.set_theme_mode(first)
    panel.set_claims(
        ClaimsResult(claims=(), only_in_a=(), only_in_b=(), related=False),
        analysis.a,
        analysis.b,
        analysis.topics.topic_set,
    )
    QApplication.processEvents()
    assert panel.unrelated_label.isVisible()
    w.set_theme_mode(second)
    QApplication.processEvents()
    assert widget_contrast(panel.unrelated_label) >= 3.0
    theme = DARK if second == "dark" else LIGHT
    assert panel.unrelated_label.palette().windowText().color() == QColor(theme.ink)


NOTICE = "The highlights database was damaged and moved aside: restore the backup?"


def notice_contrast(w: MainWindow) -> float:
    """The notice as the status bar shows it (its text on the bar's background)."""
    label = w.notice_label
    return widget_contrast(w.statusBar(), label.geometry())


@pytest.mark.parametrize(("first", "second"), [("light", "dark"), ("dark", "light")])
def test_the_status_notice_reads_after_a_theme_switch(qtbot, window, first, second):
    w = window
    w.set_theme_mode(first)
    w.show_notice(NOTICE)
    QApplication.processEvents()
    w.set_theme_mode(second)
    QApplication.processEvents()
    assert _bg_is_dark(w.statusBar()) == (second == "dark")
    assert notice_contrast(w) >= 4.5  # WCAG AA for body-size text


def test_the_status_notice_reads_when_the_app_starts_in_dark(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    settings.setValue("view/theme", "dark")
    w = MainWindow(settings=settings, db=str(tmp_path / "h.sqlite3"))
    qtbot.addWidget(w)
    try:
        w.resize(1000, 700)
        w.show()
        qtbot.waitExposed(w)
        w.show_notice(NOTICE)
        QApplication.processEvents()
        assert _bg_is_dark(w.statusBar())
        assert notice_contrast(w) >= 4.5
    finally:
        w.set_theme_mode("light")


@pytest.mark.parametrize(("first", "second"), [("light", "dark"), ("dark", "light")])
def test_a_note_editor_error_reads_after_a_theme_switch(qtbot, window, first, second):
    from diptych.ui.highlights.note_editor import NoteEditor

    w = window
    w.set_theme_mode(first)
    editor = NoteEditor()
    qtbot.addWidget(editor)
    editor.resize(360, 260)
    editor.show()
    qtbot.waitExposed(editor)
    editor._set_status("Not saved: the disk is full. Your text is still here.", error=True)
    QApplication.processEvents()
    w.set_theme_mode(second)
    QApplication.processEvents()
    label = editor.status_label
    rect = QRect(label.mapTo(editor, label.rect().topLeft()), label.size())
    assert widget_contrast(editor, rect) >= 4.5
    # a message that is not an error goes back to the ordinary text colour
    editor._set_status("Saved", error=False)
    active = label.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    assert active == QColor((DARK if second == "dark" else LIGHT).ink)
