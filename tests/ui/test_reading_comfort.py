"""Reading comfort: font family and size, line width, line spacing; remembered (issue 13,
item 16)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontInfo

from diptych.ui.reader_pane import ReaderPane
from diptych.ui.reading_comfort import (
    DEFAULT_COMFORT,
    ReadingComfort,
    load_comfort,
    save_comfort,
)
from diptych.ui.reading_comfort_dialog import ReadingComfortDialog
from helpers.desk import long_article

ARTICLE = long_article(30, "A")


@pytest.fixture
def pane(qtbot):
    p = ReaderPane("a")
    qtbot.addWidget(p)
    p.resize(1100, 600)
    p.show()
    qtbot.waitExposed(p)
    p.set_article(ARTICLE)
    return p


def _body_lines(pane: ReaderPane, k: int = 5):
    """(y, text) of the lines of paragraph ``k`` as laid out."""
    start = ARTICLE.text.index(f"Paragraph {k} of A opens")
    doc = pane.document()
    blk = doc.findBlock(pane.to_utf16(start))
    doc.documentLayout().blockBoundingRect(blk)
    layout = blk.layout()
    out = []
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        s = blk.position() + line.textStart()
        out.append(
            (
                layout.position().y() + line.y(),
                blk.text()[line.textStart() : s - blk.position() + line.textLength()],
            )
        )
    return out


def _longest_line(pane: ReaderPane) -> int:
    return max(len(t.rstrip()) for _, t in _body_lines(pane)[:-1])


def _line_pitch(pane: ReaderPane) -> float:
    ys = [y for y, _ in _body_lines(pane)]
    return (ys[-1] - ys[0]) / (len(ys) - 1)


def test_the_font_family_and_size_apply_to_the_text(pane):
    pane.set_comfort(ReadingComfort(family="DejaVu Sans", point_size=16))
    font = pane.document().defaultFont()
    assert QFontInfo(font).family() == "DejaVu Sans"
    assert font.pointSizeF() == pytest.approx(16)
    pane.set_comfort(ReadingComfort(family="DejaVu Sans", point_size=10))
    assert pane.document().defaultFont().pointSizeF() == pytest.approx(10)


def test_line_width_sets_the_characters_per_line(pane):
    pane.set_comfort(ReadingComfort(measure=45))
    narrow = _longest_line(pane)
    pane.set_comfort(ReadingComfort(measure=100))
    wide = _longest_line(pane)
    # the measure counts letters; spaces are narrower, so a line holds a few more characters
    assert 0.8 * 45 <= narrow <= 1.3 * 45, narrow
    assert 0.8 * 100 <= wide <= 1.3 * 100, wide
    assert wide > 1.8 * narrow


def test_line_spacing_sets_the_distance_between_lines(pane):
    pane.set_comfort(ReadingComfort(line_height=110))
    tight = _line_pitch(pane)
    pane.set_comfort(ReadingComfort(line_height=200))
    loose = _line_pitch(pane)
    assert loose / tight == pytest.approx(200 / 110, rel=0.08)


def test_changing_comfort_keeps_the_reading_position(pane, qtbot):
    target = ARTICLE.text.index("Paragraph 17 of A opens")
    pane.scroll_offset_to(target)
    before = pane.offset_at_y(pane.sync_line_y())
    pane.set_comfort(ReadingComfort(point_size=18, line_height=180, measure=50))
    # the text on the sync line stays there once the new layout has caught up (a frame or two)
    qtbot.waitUntil(lambda: abs(pane.offset_at_y(pane.sync_line_y()) - before) < 120, timeout=3000)


def test_zoom_scales_the_chosen_size(pane):
    pane.set_comfort(ReadingComfort(point_size=14))
    pane.set_zoom_steps(2)
    assert pane.document().defaultFont().pointSizeF() == pytest.approx(14 * 1.1**2, rel=0.01)


def test_comfort_is_remembered_in_settings(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert load_comfort(settings) == DEFAULT_COMFORT
    chosen = ReadingComfort(family="DejaVu Sans", point_size=15.5, measure=60, line_height=170)
    save_comfort(settings, chosen)
    settings.sync()
    again = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert load_comfort(again) == chosen


def test_unreadable_settings_fall_back_and_are_clamped(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("reading/size", "huge")
    settings.setValue("reading/measure", 5000)
    settings.setValue("reading/line_height", -3)
    c = load_comfort(settings)
    assert c.point_size == DEFAULT_COMFORT.point_size
    assert c.measure == 130
    assert c.line_height == 100


def test_the_dialog_applies_changes_live_and_cancel_restores(qtbot, pane):
    seen: list[ReadingComfort] = []
    dlg = ReadingComfortDialog(pane.comfort())
    qtbot.addWidget(dlg)
    dlg.comfort_changed.connect(seen.append)
    dlg.comfort_changed.connect(pane.set_comfort)
    dlg.show()
    dlg.size_box.setValue(17)
    dlg.spacing_box.setValue(180)
    dlg.measure_box.setValue(55)
    assert pane.comfort() == ReadingComfort(point_size=17, measure=55, line_height=180)
    assert pane.document().defaultFont().pointSizeF() == pytest.approx(17)
    dlg.reject()
    assert pane.comfort() == DEFAULT_COMFORT
    assert seen[-1] == DEFAULT_COMFORT


def test_the_dialog_picks_a_font_and_resets(qtbot, pane):
    from PySide6.QtGui import QFont

    dlg = ReadingComfortDialog(DEFAULT_COMFORT)
    qtbot.addWidget(dlg)
    dlg.comfort_changed.connect(pane.set_comfort)
    dlg.family_box.setCurrentFont(QFont("DejaVu Sans"))
    assert pane.comfort().family == "DejaVu Sans"
    dlg.measure_box.setValue(90)
    dlg.buttons.button(dlg.buttons.StandardButton.RestoreDefaults).click()
    assert pane.comfort() == DEFAULT_COMFORT
    dlg.accept()
    assert dlg.comfort() == DEFAULT_COMFORT
