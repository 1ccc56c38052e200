"""A small editor for one highlight: its note, its colour, delete; never drops unsaved text.

The editor does not write anything itself: it asks (``note_save_requested``,
``color_change_requested``, ``delete_requested``) and is told the outcome
(``mark_saved(text)`` after the store committed, ``show_error(message)`` when the write failed).
Until ``mark_saved`` the text stays "unsaved" and stays in the editor, whatever happened.
``HighlightController`` drives it; the window only places it (docked, or left parentless so
the controller pops it up beside the highlight).

Saving by itself: ``AUTOSAVE_MS`` after typing pauses, and never later than ``MAX_UNSAVED_MS``
after the first unsaved keystroke, however steadily the user types (a kill loses at most that
much; the controller's crash draft covers a store that cannot be written).

Keys: Ctrl+S or Ctrl+Return saves, Escape saves and closes, 1…5 on the swatches.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from diptych.core.controls import BIDI_MARKS, BIDI_REORDERING
from diptych.ui.alert_label import AlertLabel
from diptych.ui.claims.text import shorten
from diptych.ui.highlights.colors import HIGHLIGHT_COLORS, swatch_icon
from diptych.ui.safe_text import visible

AUTOSAVE_MS = 1500  # save this long after the last keystroke (the Save button saves at once)
MAX_UNSAVED_MS = 2000  # ... and at the latest this long after the first unsaved keystroke
# the status message ("Not saved: …") is shown whole up to this many lines, the editor growing
# for it; a longer one scrolls (it was cut after four lines, under the buttons)
STATUS_MOST_LINES = 8


def parse_tags(text: str) -> tuple[str, ...]:
    """ "a, b ,, a" -> ("a", "b"): trimmed, empty ones and repeats dropped, sorted."""
    return tuple(sorted({t.strip() for t in text.split(",") if t.strip()}))


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, from the tags in the store."""

    def __init__(self, parent: QLineEdit) -> None:
        super().__init__([], parent)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._edit = parent

    def set_tags(self, tags: list[str]) -> None:
        from PySide6.QtCore import QStringListModel

        self.setModel(QStringListModel(sorted(set(tags)), self))

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index) -> str:  # type: ignore[no-untyped-def]
        done = self._edit.text().rsplit(",", 1)
        head = done[0] + ", " if len(done) == 2 else ""
        return head + str(index.data())


# Bidirectional controls reorder what follows them (U+202E shows "abc" + "def" as "abcfed"):
# in the editor they are shown as visible markers, and given back as themselves by ``text()``,
# so a note keeps every character it was written with and never displays mirrored.
_CONTROL = re.compile(f"[{BIDI_MARKS}{BIDI_REORDERING}]")
_MARKER = re.compile("\u27e6U\\+(061C|200E|200F|202[A-E]|206[6-9])\u27e7")


def to_view(text: str) -> str:
    """``text`` with each bidi control as a visible marker (U+202E → ⟦U+202E⟧)."""
    return _CONTROL.sub(lambda m: f"\u27e6U+{ord(m.group()):04X}\u27e7", text)


def from_view(text: str) -> str:
    """The text behind ``to_view``: markers back to the characters they stand for."""
    return _MARKER.sub(lambda m: chr(int(m.group(1), 16)), text)


class NoteEditor(QWidget):
    """Edits one note: a highlight's own note, or the shared note of the link it is in (the
    other one is shown below it, and "Edit the link's note" / "Edit this passage's note"
    switches). ``current_id()`` is the note key: the highlight id, or ``link:<link id>``."""

    note_save_requested = Signal(str, str)  # note key, note text
    color_change_requested = Signal(str, str)  # highlight id, colour name
    delete_requested = Signal(str)  # highlight id
    close_requested = Signal()
    text_edited = Signal()  # the user changed the text (it is unsaved until mark_saved)
    switch_requested = Signal(str)  # highlight id: edit the other note (own <-> link's)
    tags_change_requested = Signal(str, object)  # highlight id, tuple[str, ...]
    tags_typed = Signal()  # the tag field changed by typing (unsent until Enter or a save)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NoteEditor")
        self.setWindowTitle("Note")
        self._hid: str | None = None  # the note key
        self._highlight_id: str | None = None  # the highlight the colour and delete act on
        self._saved_text = ""
        self._failed_text: str | None = None  # text whose save failed (no blind retries)
        self._quitting = False  # Diptych is quitting: the crash draft keeps unsaved text

        self.quote_label = QLabel()
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)
        f = self.quote_label.font()
        f.setItalic(True)
        self.quote_label.setFont(f)
        self.link_label = QLabel()
        self.link_label.setWordWrap(True)
        self.link_label.setTextFormat(Qt.TextFormat.PlainText)
        # the other note of a linked highlight (the link's, or the passage's own)
        self.other_note_label = QLabel()
        self.other_note_label.setWordWrap(True)
        self.other_note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.other_note_label.setObjectName("other_note")
        self.switch_button = QPushButton()
        self.switch_button.setObjectName("switch_note")
        self.switch_button.setFlat(True)
        self.switch_button.clicked.connect(self._on_switch_clicked)

        self.swatches = QButtonGroup(self)
        self.swatches.setExclusive(True)
        sw_row = QHBoxLayout()
        sw_row.setContentsMargins(0, 0, 0, 0)
        for i, c in enumerate(HIGHLIGHT_COLORS):
            b = QToolButton()
            b.setIcon(swatch_icon(c.name, 16))
            b.setCheckable(True)
            b.setToolTip(f"{c.label} ({i + 1})")
            b.setObjectName(f"swatch_{c.name}")
            b.setProperty("color_name", c.name)
            self.swatches.addButton(b, i)
            sw_row.addWidget(b)
        sw_row.addStretch(1)
        # the current colour's swatch is framed so it reads as selected in any style
        self.setStyleSheet(
            "QToolButton[color_name] { border: 2px solid transparent; border-radius: 3px;"
            " padding: 2px; }"
            "QToolButton[color_name]:checked { border: 2px solid palette(text); }"
            "QToolButton[color_name]:hover { border: 2px solid palette(mid); }"
        )

        self.kind_label = QLabel()  # whose note this is: the passage's, or the link's
        self.kind_label.setObjectName("note_kind")
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText("Write a note…")
        self.text_edit.setTabChangesFocus(True)
        # tags: comma separated, completed from the tags already in the store
        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("tags")
        self.tags_edit.setPlaceholderText("Tags, separated by commas")
        self.tags_edit.setToolTip("Tags of this highlight (Enter to save); the list filters by tag")
        self.tags_edit.setAccessibleName("Tags")
        self.tag_completer = TagCompleter(self.tags_edit)
        self.tags_edit.setCompleter(self.tag_completer)
        self.tags_edit.editingFinished.connect(self._on_tags_edited)
        self.tags_edit.textEdited.connect(self._on_tags_typed)
        self._saved_tags: tuple[str, ...] = ()
        # plain text (messages quote paths); errors in the theme's alert colour
        self.status_label = AlertLabel(alert=False)
        self.status_label.setWordWrap(True)
        self.status_label.setObjectName("note_status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote paths
        # the row is always there (one line high when empty): "Unsaved changes" appearing
        # on the first keystroke must not push the buttons down under the pointer
        self.status_label.setMinimumHeight(self.status_label.fontMetrics().lineSpacing())
        # selectable: a path in it can be copied
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # as tall as its lines at the editor's width (up to STATUS_MOST_LINES, then it scrolls):
        # a top-level window's layout gave the wrapped label four lines and cut the rest
        self.status_area = QScrollArea()
        self.status_area.setObjectName("note_status_area")
        self.status_area.setFrameShape(QFrame.Shape.NoFrame)
        self.status_area.setWidgetResizable(True)
        self.status_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status_area.setWidget(self.status_label)
        self.status_area.setFixedHeight(self.status_label.fontMetrics().lineSpacing())

        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save the note (Ctrl+S)")
        self.delete_button = QPushButton("Delete highlight")
        self.close_button = QPushButton("Save and close")
        self.close_button.setToolTip("Save the note, then close this editor (Esc)")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.quote_label)
        layout.addWidget(self.link_label)
        layout.addLayout(sw_row)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.tags_edit)
        other = QHBoxLayout()
        other.setContentsMargins(0, 0, 0, 0)
        other.addWidget(self.other_note_label, 1)
        other.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(other)
        layout.addWidget(self.status_area)
        layout.addLayout(buttons)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._on_autosave_timeout)
        # the longest typed text may stay unsaved: not restarted by further keystrokes
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(MAX_UNSAVED_MS)
        self._deadline.timeout.connect(self._on_autosave_timeout)

        self.text_edit.textChanged.connect(self._on_text_changed)
        self.save_button.clicked.connect(self.request_save)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.close_button.clicked.connect(self.close_requested)
        self.swatches.idClicked.connect(self._on_swatch_clicked)
        for seq in ("Ctrl+S", "Ctrl+Return"):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.request_save)
        esc = QShortcut(QKeySequence("Escape"), self)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.close_requested)
        self.clear()

    # -- what is shown -----------------------------------------------------------------------
    def edit(
        self,
        hid: str,
        *,
        quote: str,
        note: str,
        color: str,
        side: str = "",
        linked_quote: str = "",
        highlight_id: str | None = None,
        other_note: tuple[str, str] | None = None,
    ) -> None:
        """Show note ``hid`` (a highlight id, or ``link:<id>`` with ``highlight_id`` the end
        that was clicked). ``other_note`` is (what it is, its text) for a linked highlight.
        The caller makes sure pending text was saved first."""
        self._stop_timers()
        self._hid = hid
        self._highlight_id = highlight_id or hid
        link_mode = hid.startswith("link:")
        self.text_edit.setPlaceholderText(
            "Write a note on the link between the two passages…" if link_mode else "Write a note…"
        )
        self.kind_label.setText(
            "Note on the link between the two passages"
            if link_mode
            else ("Note on this passage" if other_note is not None else "")
        )
        self.kind_label.setVisible(bool(self.kind_label.text()))
        self.text_edit.setAccessibleName(self.kind_label.text() or "Note")
        if other_note is not None:
            what, text = other_note
            self.set_other_note(what, text)
            self.switch_button.setText(
                "Edit this passage's note" if link_mode else "Edit the link's note"
            )
        self.other_note_label.setVisible(other_note is not None)
        self.switch_button.setVisible(other_note is not None)
        self._saved_text = note
        self._failed_text = None
        where = f"{side.upper()}: " if side else ""
        # article text and notes: a U+202E would show what follows reversed (safe_text)
        self.quote_label.setText(f"{where}“{visible(shorten(quote, 220))}”")
        self.link_label.setText(
            f"Linked with: “{visible(shorten(linked_quote, 160))}”" if linked_quote else ""
        )
        self.link_label.setVisible(bool(linked_quote))
        self._fit_wrapped_labels()
        with QSignalBlocker(self.text_edit):
            self.text_edit.setPlainText(to_view(note))
            self.text_edit.moveCursor(QTextCursor.MoveOperation.End)  # type on at the end
        self.set_color(color)
        self._set_status("")
        self.setEnabled(True)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._fit_wrapped_labels()

    def _fit_wrapped_labels(self) -> None:
        """Each wrapped label's whole height at its width as its minimum: a top-level window's
        layout does not ask a word-wrapped label how tall it must be at that width, so in the
        small editor the linked passage's third line was cut at top and bottom. The editor
        grows instead (the note field gives way first)."""
        for label in (self.quote_label, self.link_label, self.other_note_label):
            if label.isVisibleTo(self):
                label.setMinimumHeight(label.heightForWidth(max(1, label.width())))
        self._fit_status()

    def _fit_status(self) -> None:
        """The status row as tall as its message's lines at the editor's width, at most
        ``STATUS_MOST_LINES`` of them (the rest a scroll away)."""
        label, area = self.status_label, self.status_area
        line = label.fontMetrics().lineSpacing()
        width = max(1, area.width())  # the label's width without a scroll bar
        need = label.heightForWidth(width) if label.text() else line
        most = STATUS_MOST_LINES * line
        if need > most:  # a scroll bar takes some of the width: more lines
            bar = area.verticalScrollBar().sizeHint().width()
            need = label.heightForWidth(max(1, width - bar))
        height = max(line, min(need, most))
        if area.height() != height:
            area.setFixedHeight(height)

    def set_color(self, color: str) -> None:
        for b in self.swatches.buttons():
            with QSignalBlocker(b):
                b.setChecked(b.property("color_name") == color)

    def clear(self) -> None:
        """Show nothing (after the highlight was deleted, or before any was chosen)."""
        self._stop_timers()
        self._hid = None
        self._highlight_id = None
        self._saved_text = ""
        self._failed_text = None
        self.quote_label.setText("Click a highlight to edit its note.")
        self.link_label.hide()
        self.other_note_label.hide()
        self.switch_button.hide()
        self.kind_label.hide()
        self._saved_tags = ()
        with QSignalBlocker(self.tags_edit):
            self.tags_edit.clear()
        with QSignalBlocker(self.text_edit):
            self.text_edit.setPlainText("")
        self.set_color("")
        self._set_status("")
        self.setEnabled(False)
        self.quote_label.setEnabled(True)

    def current_id(self) -> str | None:
        """The note key being edited (a highlight id, or ``link:<id>``)."""
        return self._hid

    def highlight_id(self) -> str | None:
        """The highlight whose note (or whose link's note) is being edited."""
        return self._highlight_id

    def saved_text(self) -> str:
        """What the store last confirmed for the note being edited."""
        return self._saved_text

    def set_tags(self, tags: tuple[str, ...], known: list[str] | None = None) -> None:
        """Show the highlight's tags (``known``: every tag in the store, for completion)."""
        self._saved_tags = tuple(tags)
        with QSignalBlocker(self.tags_edit):
            self.tags_edit.setText(to_view(", ".join(tags)))
        if known is not None:
            self.tag_completer.set_tags([to_view(t) for t in known])

    def tags_text(self) -> str:
        """The tag field as typed, its bidi markers given back as the characters."""
        return from_view(self.tags_edit.text())

    def tags(self) -> tuple[str, ...]:
        return parse_tags(self.tags_text())

    def saved_tags(self) -> tuple[str, ...]:
        """The tags the store last had (or was last asked to keep) for this highlight."""
        return self._saved_tags

    def has_unsent_tags(self) -> bool:
        """True while the tag field holds tags the store has not been asked to keep (typed
        without Enter, or refused)."""
        return self._highlight_id is not None and self.tags() != self._saved_tags

    def keep_unsent_tags(self, saved: tuple[str, ...]) -> None:
        """The tags typed were not saved (refused while another write waited): the field
        keeps them as typed, the store still has ``saved``; ``send_unsent_tags`` asks again."""
        self._saved_tags = tuple(saved)

    def send_unsent_tags(self) -> None:
        """Ask again for the tags in the field to be saved, if they differ from the store's."""
        self._on_tags_edited()

    def _on_tags_typed(self, _text: str) -> None:
        if self.has_unsent_tags():  # not a "Saved" left over from the note
            self._set_status("Unsaved changes")
        self.tags_typed.emit()

    def _on_tags_edited(self) -> None:
        tags = self.tags()
        if self._highlight_id is not None and tags != self._saved_tags:
            self._saved_tags = tags
            self.tags_change_requested.emit(self._highlight_id, tags)
            if not self.has_unsent_tags() and not self.has_unsaved():
                self._set_status("Saved")

    def set_other_note(self, what: str, text: str) -> None:
        shown = visible(shorten(text, 300)) if text else "(none)"
        self.other_note_label.setText(f"{what}: {shown}")

    def restore_unsaved(self, text: str) -> None:
        """Put back text that was typed but never saved (a crash draft): shown as unsaved,
        and saved by the autosave like freshly typed text."""
        self.text_edit.setPlainText(to_view(text))  # textChanged: "Unsaved changes", timers start

    def text(self) -> str:
        """The note as written (bidi controls shown as markers in the view are given back)."""
        return from_view(self.text_edit.toPlainText())

    def has_unsaved(self) -> bool:
        """True while the text differs from what the store last confirmed."""
        return self._hid is not None and self.text() != self._saved_text

    def status_text(self) -> str:
        return self.status_label.text()

    # -- outcome of a save -------------------------------------------------------------------
    def mark_saved(self, text: str) -> None:
        """The store committed ``text`` for the current highlight."""
        self._saved_text = text
        self._failed_text = None
        if self.text() == text:
            self._set_status("Saved")
        else:  # typed on while it was being saved
            self._set_status("Unsaved changes")

    def show_error(self, message: str) -> None:
        """The write failed: say so; the text stays in the editor, still unsaved."""
        self._failed_text = self.text()
        self._set_status(f"Not saved: {message}. Your note is still here; try Save again.", True)

    def show_tags_error(self, message: str) -> None:
        """The tags could not be saved: say so; they stay in the field, still unsaved."""
        self._set_status(
            f"Tags not saved: {message}. They are still in the field; press Enter or Save "
            "to try again.",
            True,
        )

    def show_waiting(self, message: str) -> None:
        """The save waits for another program's lock: say so (the text stays unsaved)."""
        self._set_status(message)

    def set_saved_text(self, text: str) -> None:
        """The stored note changed underneath (undo/redo): show it, nothing unsaved."""
        self._stop_timers()
        self._saved_text = text
        self._failed_text = None
        if self.text() != text:
            with QSignalBlocker(self.text_edit):
                self.text_edit.setPlainText(to_view(text))
                self.text_edit.moveCursor(QTextCursor.MoveOperation.End)
        self._set_status("")

    # -- requests ----------------------------------------------------------------------------
    def request_save(self) -> None:
        """Ask for the current text to be saved (no-op when nothing changed)."""
        self._stop_timers()
        if self._hid is None:
            return
        self._on_tags_edited()  # Ctrl+S in the tag field saves the tags typed there
        if not self.has_unsaved():
            if not self.status_label.text():
                self._set_status("Saved")
            return
        self._set_status("Saving…")
        self.note_save_requested.emit(self._hid, self.text())

    def _show_controls(self) -> None:
        """A bidi control typed or pasted (U+202E would mirror what follows it): shown as its
        marker instead, in place; ``text()`` still gives the character back."""
        doc = self.text_edit.document()
        if not _CONTROL.search(doc.toPlainText()):
            return
        with QSignalBlocker(self.text_edit):
            while True:
                found = _CONTROL.search(doc.toPlainText())
                if found is None:
                    break
                cur = QTextCursor(doc)
                cur.setPosition(found.start())
                cur.setPosition(found.end(), QTextCursor.MoveMode.KeepAnchor)
                cur.insertText(to_view(found.group()))

    def _on_text_changed(self) -> None:
        self._show_controls()
        if self._hid is None:
            return
        self._set_status("Unsaved changes" if self.has_unsaved() else "")
        self._autosave.start()
        if not self._deadline.isActive():
            self._deadline.start()
        self.text_edited.emit()

    def _stop_timers(self) -> None:
        self._autosave.stop()
        self._deadline.stop()

    def _on_autosave_timeout(self) -> None:
        self.save_if_unsaved()

    def save_if_unsaved(self) -> None:
        """What the autosave does: ask to save unsaved text, except the very text whose
        write failed (then the user's Save retries it, not a timer); nothing once quitting."""
        if self.has_unsaved() and self.text() != self._failed_text and not self._quitting:
            self.request_save()

    def _on_swatch_clicked(self, index: int) -> None:
        if self._highlight_id is not None:
            self.color_change_requested.emit(self._highlight_id, HIGHLIGHT_COLORS[index].name)

    def _on_delete_clicked(self) -> None:
        if self._highlight_id is not None:
            self.delete_requested.emit(self._highlight_id)

    def _on_switch_clicked(self) -> None:
        if self._highlight_id is not None:
            self.switch_requested.emit(self._highlight_id)

    def let_close_unsaved(self) -> None:
        """Diptych is quitting (SIGTERM, SIGINT, logout) and the crash draft has what the
        store could not take: closing no longer waits for a save (it would stop the quit), and
        the autosave stops (the store is closed next)."""
        self._quitting = True
        self._stop_timers()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the popup saves first; if the save fails it stays open with the error
        (unless Diptych is quitting: ``let_close_unsaved``)."""
        if self.has_unsaved() and not self._quitting:
            self.request_save()
            if self.has_unsaved():
                event.ignore()
                return
        super().closeEvent(event)

    def _set_status(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.set_alert(error)
        self._fit_status()
