"""The main window's actions, menus and toolbar, from one table.

``ACTIONS`` says, for each action: its name (``window.acts["<name>"]``, and the QAction's
objectName ``act_<name>``), its text, shortcuts, tip, and the window method it calls (an
*intent*: ``choose_pair``, ``swap_panes``, ...). ``MENUS`` and ``TOOLBAR`` place them. Nothing
else connects a QAction of the window: this table is the wiring of the menus, and the Help
sheet (``shortcut_rows``) is read from the same actions, so it cannot drift from them.

Actions other parts bring are placed here too: the side dock's toggle (View menu) and the
highlight controller's (``add_highlight_actions``, once the store is open).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QToolButton

from diptych.ui.theme import THEME_MODES

Shortcut = str | QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    intent: str  # the window method called when triggered
    args: tuple[Any, ...] = ()
    shortcuts: tuple[Shortcut, ...] = ()
    tip: str = ""
    checkable: bool = False


A = ActionSpec
ACTIONS: tuple[ActionSpec, ...] = (
    A("open_pair", "Open &pair…", "choose_pair", (), (QKeySequence.StandardKey.Open,),
      "Open two articles side by side"),
    A("open_a", "Open &A…", "choose_article", ("a",), ("Ctrl+Shift+A",),
      "Replace article A with a file"),
    A("open_b", "Open &B…", "choose_article", ("b",), ("Ctrl+Shift+B",),
      "Replace article B with a file"),
    A("open_url", "Open &URL…", "choose_url", (), ("Ctrl+Shift+U",),
      "Open a web page in the focused pane (fetched once and kept as a snapshot)"),
    A("reload_web", "&Reload from the web", "reload_from_web", (), ("Ctrl+Shift+R",),
      "Fetch the focused pane's web page again; its highlights follow the new text"),
    A("stop_reading", "S&top reading", "stop_reading", (), ("Ctrl+.",),
      "Stop fetching or reading the page or file being opened"),
    A("open_seed", "Open the &seed pair", "open_seed_pair", tip="The two example articles"),
    A("reopen_encoding", "Reopen with &encoding…", "choose_encoding",
      tip="Read the focused pane's file again in another encoding"),
    A("swap", "S&wap panes", "swap_panes", (), ("Ctrl+Shift+S",), "Swap A and B"),
    A("export_pdf", "&Export annotated PDF…", "export_pdf", (), ("Ctrl+Shift+E",),
      "Both articles with your highlights as PDF annotations, claims and notes"),
    A("export_markdown", "Export notes as &Markdown…", "export_notes", ("markdown",),
      tip="The pair's highlights, notes and links as a Markdown file"),
    A("export_w3c", "Export highlights as &W3C JSON…", "export_notes", ("w3c",),
      tip="The pair's highlights as W3C Web Annotations (JSON-LD), for other annotation tools"),
    A("copy_citation", "Copy with &citation", "copy_with_citation", (), ("Ctrl+Shift+C",),
      "Copy the selected text with its title, author, outlet, date and URL"),
    A("restore_backup", "Restore highlights backup…", "restore_offered_backup"),
    A("dismiss_backup", "Dismiss the backup offer", "dismiss_backup_offer",
      tip="Keep the new highlights store; the offered backup rotates out like the others"),
    A("lost_highlights", "Highlights of &missing files…", "show_lost_highlights",
      tip="Highlights whose article file was renamed, moved or deleted"),
    A("quit", "&Quit", "close", (), (QKeySequence.StandardKey.Quit,), "Close Diptych"),
    A("find", "&Find…", "find_text", (), (QKeySequence.StandardKey.Find,),
      "Find text in both articles and in the notes"),
    A("find_next", "Find &next", "find_step", (1,), ("F3",), "The next match"),
    A("find_prev", "Find pre&vious", "find_step", (-1,), ("Shift+F3",), "The previous match"),
    A("zoom_in", "Zoom &in", "zoom_by", (1,), ("Ctrl++", "Ctrl+="), "Larger text in both panes"),
    A("zoom_out", "Zoom &out", "zoom_by", (-1,), ("Ctrl+-",), "Smaller text in both panes"),
    A("zoom_reset", "&Actual size", "set_zoom_steps", (0,), ("Ctrl+0",),
      "The text at its normal size"),
    A("show_removed", "Show &removed text", "set_show_removed",
      tip="Show, greyed where it stood, what was left out of each article (menus, footers...)",
      checkable=True),
    A("sync", "&Synced scrolling", "set_sync_enabled", (), ("Ctrl+L",),
      "Scroll the other pane along, aligned by topics and shared claims", checkable=True),
    A("reading_comfort", "Reading &comfort…", "choose_reading_comfort",
      tip="Font, size, line width and line spacing of both panes"),
    A("next_claim", "Next claim", "step_claim", (1,), ("Alt+Down",),
      "Both panes to the next shared claim"),
    A("prev_claim", "Previous claim", "step_claim", (-1,), ("Alt+Up",),
      "Both panes to the previous shared claim"),
    A("guide", "&Guide", "show_guide", (), (QKeySequence.StandardKey.HelpContents,),
      "How to read, compare, highlight and export with Diptych"),
    A("shortcuts", "&Keyboard shortcuts", "show_shortcuts", (), ("Ctrl+?",),
      "Every action and its keys"),
    A("about", "&About Diptych", "about", tip="Version and what Diptych does"),
)  # fmt: skip
del A

# menu title -> action names; "-" a separator, "@theme" the theme submenu, "@recent" the
# recent pairs, "@side_panel" the side dock's toggle
MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "&File",
        (
            "open_pair", "open_a", "open_b", "open_url", "reload_web", "stop_reading", "@recent", "open_seed", "-",
            "reopen_encoding", "swap", "-", "export_pdf", "export_markdown", "export_w3c", "-",
            "lost_highlights", "restore_backup", "dismiss_backup", "quit",
        ),
    ),
    ("&Edit", ("find", "find_next", "find_prev", "-", "copy_citation")),
    (
        "&View",
        (
            "zoom_in", "zoom_out", "zoom_reset", "reading_comfort", "-", "@theme", "sync",
            "show_removed",
            "@side_panel", "-",
            "next_claim", "prev_claim",
        ),
    ),
    ("&Help", ("guide", "shortcuts", "-", "about")),
)  # fmt: skip
TOOLBAR = ("open_pair", "swap", "-", "sync", "-", "zoom_out", "zoom_in", "-", "find")
THEME_LABELS = {"system": "Follow the &system", "light": "&Light", "dark": "&Dark"}


class WindowActions(QObject):
    """The window's QActions (``acts[name]``), its menus (``acts.menus[title]``) and toolbar."""

    def __init__(self, window: QMainWindow, side_dock_toggle: QAction | None = None) -> None:
        super().__init__(window)
        self._window = window
        self.actions: dict[str, QAction] = {}
        for spec in ACTIONS:
            act = QAction(spec.text, window)
            act.setObjectName(f"act_{spec.name}")
            if spec.shortcuts:
                act.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
            if spec.tip:
                act.setToolTip(spec.tip)
                act.setStatusTip(spec.tip)
            act.setCheckable(spec.checkable)
            act.triggered.connect(_caller(window, spec))
            window.addAction(act)
            self.actions[spec.name] = act
        # shown only after a damaged highlights database was set aside
        self.actions["restore_backup"].setVisible(False)
        self.actions["dismiss_backup"].setVisible(False)
        self.actions["sync"].setChecked(True)

        self.theme_group = QActionGroup(window)
        self.theme: dict[str, QAction] = {}
        for mode in THEME_MODES:
            act = QAction(THEME_LABELS[mode], window)
            act.setObjectName(f"act_theme_{mode}")
            act.setCheckable(True)
            act.setData(mode)
            act.triggered.connect(
                lambda _=False, m=mode: getattr(window, "set_theme_mode")(m)  # noqa: B009
            )
            self.theme_group.addAction(act)
            self.theme[mode] = act

        self.menus: dict[str, QMenu] = {}
        self.recent_menu: QMenu | None = None
        bar = window.menuBar()
        for title, names in MENUS:
            menu = bar.addMenu(title)
            self.menus[title.replace("&", "")] = menu
            for name in names:
                if name == "-":
                    menu.addSeparator()
                elif name == "@recent":
                    self.recent_menu = menu.addMenu("&Recent pairs")
                elif name == "@theme":
                    sub = menu.addMenu("&Theme")
                    sub.addActions(list(self.theme.values()))
                elif name == "@side_panel":
                    if side_dock_toggle is not None:
                        side_dock_toggle.setText("Side &panel")
                        side_dock_toggle.setShortcut(QKeySequence("F9"))
                        side_dock_toggle.setObjectName("act_side_panel")
                        tip = "Show or hide the Claims and Highlights panel"
                        side_dock_toggle.setToolTip(tip)
                        side_dock_toggle.setStatusTip(tip)
                        menu.addAction(side_dock_toggle)
                else:
                    menu.addAction(self.actions[name])

        tb = QToolBar("Main", window)
        tb.setObjectName("main_toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in TOOLBAR:
            tb.addSeparator() if name == "-" else tb.addAction(self.actions[name])
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb

    def __getitem__(self, name: str) -> QAction:
        """``acts["swap"]``: the action named in ``ACTIONS``."""
        return self.actions[name]

    def add_highlight_actions(
        self,
        undo: QAction,
        redo: QAction,
        highlight: Sequence[QAction],
        link: QAction,
    ) -> None:
        """The highlight controller's actions: at the top of the Edit menu (Undo, Redo, a
        "Highlight selection" submenu, Link passages) and at the end of the toolbar."""
        edit = self.menus["Edit"]
        first = edit.actions()[0]  # Find…
        edit.insertAction(first, undo)
        edit.insertAction(first, redo)
        edit.insertSeparator(first)
        sub = QMenu("&Highlight selection", edit)
        sub.addActions(list(highlight))
        edit.insertMenu(first, sub)
        edit.insertAction(first, link)
        edit.insertSeparator(first)
        tb = self.toolbar
        tb.addSeparator()
        for act in highlight:
            tb.addAction(act)
            button = tb.widgetForAction(act)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        tb.addAction(link)


def _caller(window: QObject, spec: ActionSpec) -> Callable[[bool], None]:
    def call(checked: bool = False) -> None:
        fn = getattr(window, spec.intent)
        if spec.checkable:
            fn(checked)
        else:
            fn(*spec.args)

    return call
