"""Every control has an accessible name (checked through Qt's accessibility tree), and the
reading, highlighting and claims flow works from the keyboard alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QApplication

from diptych.ui.main_window import MainWindow
from helpers.window import desk_settings, highlights_loaded, open_seed, shown_window

TIMEOUT = 60_000
R = QAccessible.Role
# roles a user operates (Qt's scroll bars and splitter grips are described by their role)
CONTROL_ROLES = {
    R.Button, R.CheckBox, R.RadioButton, R.ComboBox, R.EditableText, R.Slider, R.SpinBox,
    R.List, R.Table, R.Tree, R.PageTab, R.PageTabList, R.MenuBar, R.PopupMenu, R.MenuItem,
    R.Splitter, R.ButtonMenu, R.ButtonDropDown, R.Link, R.ToolBar,
}  # fmt: skip


def _walk(iface: QAccessibleInterface | None, out: list[QAccessibleInterface], depth=0) -> None:
    if iface is None or not iface.isValid() or depth > 30:
        return
    out.append(iface)
    for i in range(iface.childCount()):
        _walk(iface.child(i), out, depth + 1)


def _window(qtbot, tmp_path) -> MainWindow:
    w = shown_window(
        qtbot, desk_settings(tmp_path), db=tmp_path / "notes.sqlite3", size=(1480, 900)
    )
    return highlights_loaded(qtbot, open_seed(qtbot, w))


def test_every_control_in_the_accessibility_tree_has_a_name(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    nodes: list[QAccessibleInterface] = []
    _walk(QAccessible.queryAccessibleInterface(w), nodes)
    assert len(nodes) > 200
    unnamed = [
        (n.role().name, type(n.object()).__name__, n.object().objectName() if n.object() else "")
        for n in nodes
        if n.role() in CONTROL_ROLES and not n.text(QAccessible.Text.Name).strip()
    ]
    assert unnamed == []
    names = {n.text(QAccessible.Text.Name) for n in nodes}
    a, b = w.article("a"), w.article("b")
    assert f"Article A: {a.title}" in names and f"Article B: {b.title}" in names
    assert "Links between A and B" in names and "Outline" in names
    # the toolbar's colour buttons are icons: their names say which colour
    assert any(n.startswith("Highlight ") for n in names)


def test_read_highlight_and_step_through_claims_with_the_keyboard_alone(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    w.activateWindow()
    reader = w.reader("a")
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus, timeout=2000)
    # reading: Page Down moves the text, B follows (synced)
    b_before = w.reader("b").scroll_value()
    qtbot.keyClick(reader, Qt.Key.Key_PageDown)
    assert reader.scroll_value() > 0
    # (the other pane may glide to its place)
    qtbot.waitUntil(lambda: w.reader("b").scroll_value() != b_before, timeout=3000)
    # highlighting: select with Shift+arrows, Ctrl+1
    qtbot.keyClick(reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(3):
        qtbot.keyClick(reader, Qt.Key.Key_Down)
    for _ in range(12):
        qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert reader.selected_span() is not None
    ctl = w.highlight_controller
    with qtbot.waitSignal(ctl.highlights_changed, timeout=5000):
        qtbot.keyClick(reader, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert len(ctl.highlights("a")) == 1
    # claims: Alt+Down brings both panes to a claim; Tab reaches the other pane and the lists
    qtbot.keyClick(reader, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert w.claims_panel.current_claim() is not None
    reader.setFocus()
    reached = set()
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        f = QApplication.focusWidget()
        reached.add(f.accessibleName() or type(f).__name__)
    assert f"Article B: {w.article('b').title}" in reached
    assert any("laims" in r for r in reached), reached
