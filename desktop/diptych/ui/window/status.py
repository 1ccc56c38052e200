"""The main window's status bar: a message, a notice that stays a while, a busy bar, the
claim counts, and (after a damaged highlights store was set aside) the restore-backup button.

All text is plain text (file names and messages come from the user's files).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton

from diptych.ui.alert_label import AlertLabel
from diptych.ui.safe_text import as_rich


class StatusArea(QObject):
    """The widgets of the window's status bar and what they say."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self.message_label = QLabel("")
        self.message_label.setObjectName("status_message")
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
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
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        # notices (a file of the last pair is gone...) stay a while, whatever else is said
        # in the theme's alert colour, picked again at each theme switch (alert_label.py)
        self.notice_label = AlertLabel()
        self.notice_label.setObjectName("notice")
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(lambda: self.notice_label.setText(""))
        bar.addPermanentWidget(self.notice_label)
        bar.addWidget(self.message_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.counts_label)
        self.restore_button: QToolButton | None = None
        self.dismiss_button: QToolButton | None = None

    def show_message(self, text: str, ms: int = 0) -> None:
        """``ms`` > 0: a passing message (the bar's own); else the standing message."""
        if ms:
            self.bar.showMessage(text, ms)
            self.message_label.setText("")
        else:
            self.message_label.setText(text)

    def show_notice(self, text: str, ms: int = 20000) -> None:
        """A message that matters (shown for ``ms``, not overwritten by passing messages)."""
        self.notice_label.setText(text)
        self.notice_label.setToolTip(as_rich(text))
        self._notice_timer.start(ms)

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)

    def set_counts(self, text: str) -> None:
        self.counts_label.setText(text)

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

    def _button(self, name: str, action: QAction) -> QToolButton:
        button = QToolButton(self.bar)
        button.setObjectName(name)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.bar.addPermanentWidget(button)
        return button
