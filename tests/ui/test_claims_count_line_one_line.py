"""The claims panel's count line ("31 claims · 1 rejected") on one line: at 1000×700 with the
side panel shown (F9) it wrapped onto two lines beside the Add pair and Link these buttons
(tryout). A shorter wording is shown when the whole one does not fit (elided only when none
does), the whole text in its tooltip; in the light theme and the dark."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from helpers.window import desk_settings, highlights_loaded, open_seed, shown_window


def _one_line(label) -> None:
    shown = label.shown_text() if hasattr(label, "shown_text") else label.text()
    metrics = label.fontMetrics()
    assert metrics.horizontalAdvance(shown) <= label.contentsRect().width(), (shown, label.width())
    assert label.height() < 2 * metrics.lineSpacing(), (label.text(), label.height())
    assert label.toolTip() == label.text()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_count_line_fits_one_line_at_1000_wide(qtbot, tmp_path, theme):
    w = shown_window(
        qtbot, desk_settings(tmp_path), db=str(tmp_path / "n.sqlite3"), size=(1000, 700)
    )
    w.set_theme_mode(theme)
    w = highlights_loaded(qtbot, open_seed(qtbot, w))
    w.side_dock.toggleViewAction().trigger()  # F9
    qtbot.waitUntil(lambda: not w.side_dock.isHidden())
    panel = w.claims_panel
    panel.select_claim(panel.visible_claims()[0])
    panel._hold.stop()
    panel.reject_button.click()  # "31 claims · 1 rejected"
    QApplication.processEvents()
    label = panel.count_label
    assert "1 rejected" in label.text()
    _one_line(label)
    assert "1 rejected" in label.shown_text()  # its numbers kept, its wording shorter

    panel.score_slider.setValue(30)  # "N of 31 claims · 1 rejected", longer
    QApplication.processEvents()
    assert " of " in label.text()
    _one_line(label)
    w.close()
