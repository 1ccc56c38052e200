"""The main window's status bar: a message, a notice that stays a while, a busy bar, the
claim counts (naming F9 while the side panel is hidden), and (after a damaged highlights store
was set aside) the restore-backup button.

All text is plain text (file names and messages come from the user's files).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton

from diptych.ui.alert_label import AlertLabel
from diptych.ui.safe_text import as_rich, visible

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"
# after the claim counts while the side panel is hidden: the counts stood alone, with no list
# anywhere, once the passing message that named F9 was gone
PANEL_HIDDEN_HINT = " · F9 lists them"
WORKING_SECONDS_SHOWN = 2  # work under way says how long it has taken from this many seconds


def _one_line(text: str) -> str:
    """``text`` as the status bar shows it: control characters and bidi overrides as U+FFFD,
    lines joined."""
    return " ".join(visible(text).split("\n"))


class StatusArea(QObject):
    """The widgets of the window's status bar and what they say."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
        # both shrink (ending in "…") when the bar is short of room, rather than being cut
        # mid-letter or pushing the claim counts off the bar
        self.message_label = AlertLabel(alert=False, elide=True)
        self.message_label.setObjectName("status_message")
        self.progress = QProgressBar(bar)
        self.progress.setObjectName("busy_bar")
        self.progress.setAccessibleName("Working")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.counts_label = QLabel("")
        self.counts_label.setObjectName("claim_counts")
        self._counts = ""
        self._panel_hidden = False
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        # notices (a file of the last pair is gone...) stay a while, whatever else is said
        # in the theme's alert colour, picked again at each theme switch (alert_label.py)
        self.notice_label = AlertLabel(elide=True)
        self.notice_label.setObjectName("notice")
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self._clear_notice)
        bar.addPermanentWidget(self.notice_label)
        bar.addWidget(self.message_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.counts_label)
        self.restore_button: QToolButton | None = None
        self.dismiss_button: QToolButton | None = None
        # QStatusBar draws a passing message left of its first permanent widget, the notice:
        # the notice's width is set here, so that a passing message (or the standing one)
        # keeps its room beside it; the notice's whole text stays in its tooltip
        bar.messageChanged.connect(lambda _text: self._share_room())
        bar.installEventFilter(self)
        # work under way (``show_working``): its message, when it started, the clock
        self._working = ""
        self._working_since = 0.0
        self.clock: Callable[[], float] = time.monotonic
        self._working_timer = QTimer(self)
        self._working_timer.setInterval(1000)
        self._working_timer.timeout.connect(self._tick_working)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.bar and event.type() == QEvent.Type.Resize:
            self._share_room()
        return False

    def _share_room(self) -> None:
        """The notice's width: its text's, less what the message beside it needs."""
        notice = self.notice_label
        if not notice.text():
            notice.setMinimumWidth(0)
            notice.setMaximumWidth(QWIDGETSIZE_MAX)
            return
        # what the widgets right of it take (from their size hints: the layout may not
        # have placed them yet), the size grip, the bar's margins and the layout's spacing
        later = [self.progress, self.counts_label, self.restore_button, self.dismiss_button]
        taken = sum(w.sizeHint().width() + 6 for w in later if w is not None and not w.isHidden())
        room = self.bar.width() - taken - 40
        passing = self.bar.currentMessage()
        metrics = self.bar.fontMetrics()
        if passing:
            other = metrics.horizontalAdvance(passing) + 16
        elif self.message_label.text():
            standing = self.message_label.fontMetrics().horizontalAdvance(self.message_label.text())
            other = min(standing + 16, room // 2)
        else:
            other = 0
        wanted = notice.fontMetrics().horizontalAdvance(notice.text()) + 2 * notice.margin() + 4
        notice.setFixedWidth(max(notice.minimumSizeHint().width(), min(wanted, room - other)))

    def show_working(self, text: str) -> None:
        """The standing message for work under way, followed by the seconds it has taken
        once it takes a while ("Finding topics and shared claims…  12 s": two 3 MB articles
        take half a minute and more, and a bare message does not say the work goes on).
        Counted from the first call with this text, until another standing message or the
        end of the busy spell (``set_busy(False)``); a passing message shows over it for a
        while (the highlights loaded, a claim chosen), after which it is said again."""
        if text != self._working:
            self._working_since = self.clock()
        self.show_message(text)
        self._working = text
        self._working_timer.start()

    def _tick_working(self) -> None:
        if not self._working:
            self._working_timer.stop()
            return
        seconds = int(self.clock() - self._working_since)
        text = (
            f"{self._working}  {seconds} s" if seconds >= WORKING_SECONDS_SHOWN else self._working
        )
        self.message_label.setText(_one_line(text))

    def _stop_working(self) -> None:
        self._working = ""
        self._working_timer.stop()

    def show_message(self, text: str, ms: int = 0) -> None:
        """``ms`` > 0: a passing message (the bar's own); else the standing message. File
        names and titles in it: control characters and bidi overrides shown as U+FFFD."""
        text = _one_line(text)
        if ms:
            self.bar.showMessage(text, ms)
            if not self._working:  # work under way is said again once this one has passed
                self.message_label.setText("")
        else:
            self._stop_working()
            self.message_label.setText(text)
            self._share_room()

    def show_notice(self, text: str, ms: int = 20000) -> None:
        """A message that matters (shown for ``ms``, not overwritten by passing messages);
        control characters and bidi overrides shown as U+FFFD."""
        text = _one_line(text)
        self.notice_label.setText(text)
        self.notice_label.setToolTip(as_rich(text))
        self._notice_timer.start(ms)
        self._share_room()

    def _clear_notice(self) -> None:
        self.notice_label.setText("")
        self.notice_label.setToolTip("")
        self._share_room()

    def set_busy(self, busy: bool) -> None:
        if not busy and self._working:
            self._stop_working()  # done: what it said is not said again
            self.message_label.setText("")
        self.progress.setVisible(busy)
        self._share_room()

    def set_counts(self, text: str) -> None:
        self._counts = text
        self._show_counts()

    def set_panel_hidden(self, hidden: bool) -> None:
        """The side panel (the claims' list) is hidden: the counts say how to show it."""
        self._panel_hidden = hidden
        self._show_counts()

    def _show_counts(self) -> None:
        text = self._counts
        if text and self._panel_hidden:
            text += PANEL_HIDDEN_HINT
        self.counts_label.setText(text)
        self._share_room()

    def show_restore_button(
        self, action: QAction, visible: bool, dismiss: QAction | None = None
    ) -> None:
        """The button that triggers ``action`` and the one that triggers ``dismiss`` (made on
        first use)."""
        if self.restore_button is None:
            if not visible:
                return
            self.restore_button = self._button("restore_backup_button", action)
            if dismiss is not None:
                self.dismiss_button = self._button("dismiss_backup_button", dismiss)
                self.dismiss_button.setText("Dismiss")
        self.restore_button.setVisible(visible)
        if self.dismiss_button is not None:
            self.dismiss_button.setVisible(visible)
        self._share_room()

    def _button(self, name: str, action: QAction) -> QToolButton:
        button = QToolButton(self.bar)
        button.setObjectName(name)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.bar.addPermanentWidget(button)
        return button
