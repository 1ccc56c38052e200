"""Help → Keyboard shortcuts shows what each action does in full: the rows had one fixed
height, and longer tips ended in "…" ("Open a web page in the focused pane (fetched once and
kept as a …")."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt

from diptych.ui.main_window import MainWindow
from diptych.ui.window.help import ShortcutSheet
from helpers.window import desk_settings, open_seed, shown_window


def test_every_tip_fits_its_row(qtbot, tmp_path):
    window: MainWindow = open_seed(
        qtbot, shown_window(qtbot, desk_settings(tmp_path)), until="highlights_ready"
    )
    sheet = ShortcutSheet(window)
    sheet.show()
    qtbot.waitExposed(sheet)
    table = sheet.table
    col = 3
    width = table.columnWidth(col) - 8  # the cell's text margins
    metrics = table.fontMetrics()
    cut = []
    for row in range(table.rowCount()):
        text = table.item(row, col).text()
        need = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
        if need.height() > table.rowHeight(row):
            cut.append(text)
    assert not cut, cut
    sheet.close()
