"""Help → Keyboard shortcuts (Ctrl+?) and Help → Guide (F1), both made from the window's real
actions, so they cannot drift from what the keys do.

``shortcut_rows(window)`` walks the menu bar: every visible action with its menu, text, keys
and tip (the highlight controller's actions too, once the store is open), then the claims
panel's buttons and their Alt keys. The sheet lists
them; the guide (``guide.md``, shipped in the wheel next to this module) names actions as
``{action:<name>}`` (an action of ``window/actions.py``, or ``side_panel``), which become the
action's menu text and keys, and ends with the same table as the sheet (``{shortcuts}``).
An unknown name is an error (a test renders the guide), so a renamed action cannot leave the
guide naming a key that does nothing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from importlib import resources

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class ShortcutRow:
    menu: str  # "View › Theme"
    text: str  # "Zoom in"
    keys: str  # "Ctrl++ or Ctrl+=" ("" when the action has no key)
    tip: str


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").replace("…", "").strip()


def keys_of(action: QAction) -> str:
    seqs = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()]
    return " or ".join(s for s in seqs if s)


def shortcut_rows(window: QMainWindow) -> list[ShortcutRow]:
    """Every visible action of the window's menus, in menu order."""
    rows: list[ShortcutRow] = []

    def walk(menu: QMenu, path: str) -> None:
        for act in menu.actions():
            if act.isSeparator() or not act.isVisible():
                continue
            sub = act.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} › {_plain(act.text())}")
                continue
            tip = act.statusTip() or (act.toolTip() if act.toolTip() != _plain(act.text()) else "")
            rows.append(ShortcutRow(path, _plain(act.text()), keys_of(act), tip))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(top.text()))
    return rows + _panel_rows(window)


def _panel_rows(window: QMainWindow) -> list[ShortcutRow]:
    """The claims panel's buttons with their Alt keys (their underlined letters), read from
    the buttons: they work from the claims list, and were listed nowhere."""
    panel = getattr(window, "claims_panel", None)
    buttons: list[QAbstractButton] = list(panel.key_buttons()) if panel is not None else []
    rows = []
    for btn in buttons:
        keys = QKeySequence.mnemonic(btn.text()).toString(QKeySequence.SequenceFormat.NativeText)
        text = _plain(btn.text()).removeprefix("✓").strip()
        rows.append(ShortcutRow("Claims panel", text, keys, btn.toolTip()))
    return rows


def find_action(window: QWidget, name: str) -> QAction:
    act = window.findChild(QAction, f"act_{name}")
    if act is None:
        raise KeyError(f"the guide names an action the window does not have: {name!r}")
    return act


def _shortcuts_markdown(rows: list[ShortcutRow]) -> str:
    lines = ["| Menu | Action | Keys |", "|---|---|---|"]
    for r in rows:
        if r.keys:
            lines.append(f"| {r.menu} | {r.text} | {r.keys} |")
    return "\n".join(lines)


def guide_template() -> str:
    return resources.files("diptych.ui.window").joinpath("guide.md").read_text(encoding="utf-8")


def guide_markdown(window: QMainWindow, template: str | None = None) -> str:
    """The user guide (``template``: the shipped one) with every ``{action:name}`` and
    ``{shortcuts}`` filled in."""
    text = guide_template() if template is None else template

    def action(m: re.Match[str]) -> str:
        act = find_action(window, m.group(1))
        keys = keys_of(act)
        return f"**{_plain(act.text())}**" + (f" ({keys})" if keys else "")

    text = re.sub(r"\{action:([a-z0-9_]+)\}", action, text)
    return text.replace("{shortcuts}", _shortcuts_markdown(shortcut_rows(window)))


class ShortcutSheet(QDialog):
    """Help → Keyboard shortcuts: a table of every action, its menu, keys and tip."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcut_sheet")
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.rows = shortcut_rows(window)
        table = QTableWidget(len(self.rows), 4, self)
        table.setObjectName("shortcut_table")
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Keys", "Action", "Menu", "What it does"])
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        for i, r in enumerate(self.rows):
            for j, value in enumerate((r.keys, r.text, r.menu, r.tip)):
                table.setItem(i, j, QTableWidgetItem(value))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # each row as tall as its wrapped tip ("What it does"), at whatever width the dialog
        # has: one fixed height cut the longer ones short with "…"
        table.setWordWrap(True)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(table)
        lay.addWidget(buttons)
        self.resize(760, 560)


class GuideDialog(QDialog):
    """Help → Guide: the guide, in the app."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("guide")
        self.setWindowTitle("Diptych guide")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guide_text")
        self.browser.setAccessibleName("Guide")
        self.browser.setOpenExternalLinks(False)
        # our own text (no user content): Markdown is safe here; the keys are escaped
        self.browser.setMarkdown(html.escape(guide_markdown(window), quote=False))
        self.browser.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        self.resize(720, 640)
