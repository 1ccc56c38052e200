"""The reader edits the pair's topics from a topic chip's menu: rename, recolour, merge with
another topic, delete, add a cue word; save the topic set as a TOML file.

Every edit is pure core work (``core/compare/topic_edits.py``): the new topic set is located in
both articles again, the claims relabelled and the anchor chain rebuilt (``retopic_pair``, in a
background ``Job``: 0.3 s for a pair of 0.5 MB articles), and ``analysis_edited`` hands the
window the new ``PairAnalysis``: the topic bar, the rails,
the gutter, the claims panel, synced scrolling and the PDF export all take it from there.
The edited set is kept for this pair (``save_pair_topic_set``), so the next time the pair is
opened it comes back; "Forget my topic edits for this pair" goes back to the pair's own
(the manifest's or proposed) topics.

Wiring (the window)::

    editor = TopicEditor(window.analysis, parent=window)
    window.topic_bar.topic_menu_requested.connect(editor.show_menu)
    editor.analysis_edited.connect(window._on_topics_edited)
    editor.message.connect(lambda text: window.show_message(text, 6000))

The dialogs are attributes (``ask_text``, ``ask_color``, ``confirm``, ``ask_save_path``) so
tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from diptych.core.compare.topic_edits import (
    add_cue,
    delete_topic,
    forget_pair_topic_set,
    merge_topics,
    recolor_topic,
    rename_topic,
    retopic_pair,
    save_pair_topic_set,
    topic_set_toml,
)
from diptych.core.errors import DiptychError, TopicsError
from diptych.core.model import TopicSet
from diptych.ui.safe_text import visible
from diptych.ui.topic_bar import chip_name


def _ask_text(parent: QWidget | None, title: str, label: str, text: str) -> str | None:
    from PySide6.QtWidgets import QDialog, QInputDialog, QLabel

    dlg = QInputDialog(parent)
    dlg.setWindowTitle(title)
    dlg.setInputMode(QInputDialog.InputMode.TextInput)
    dlg.setLabelText(visible(label))  # a topic's name: untrusted text (safe_text)
    for lab in dlg.findChildren(QLabel):
        lab.setTextFormat(Qt.TextFormat.PlainText)
    dlg.setTextValue(text)
    ok = dlg.exec() == QDialog.DialogCode.Accepted
    value = dlg.textValue()
    dlg.deleteLater()
    return value if ok else None


def _ask_color(parent: QWidget | None, title: str, color: str) -> str | None:
    from PySide6.QtWidgets import QColorDialog

    c = QColorDialog.getColor(QColor(color), parent, title)
    return c.name() if c.isValid() else None


def _confirm(parent: QWidget | None, title: str, text: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, visible(text), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # a topic's name: untrusted text (safe_text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    answer = box.exec()
    box.deleteLater()
    return answer == QMessageBox.StandardButton.Yes


def _ask_save_path(parent: QWidget | None, title: str, start: str) -> str | None:
    from diptych.ui import file_dialogs

    return file_dialogs.save_file_name(parent, title, start, "Topic sets (*.toml)") or None


def kept_aside_notice(aside: Path) -> str:
    """What the window says once the pair's saved topics that could not be used (as they
    were) are moved aside: where they are now."""
    return (
        "Your earlier saved topics for this pair, which could not be used as they were, "
        f"are kept as {aside}"
    )


class TopicEditor(QObject):
    """Topic edits for the open pair (see the module docstring)."""

    analysis_edited = Signal(object)  # the PairAnalysis under the edited topic set
    message = Signal(str)
    # where a saved set that could not be used went (kept aside, never overwritten): said
    # where the window said it could not be used, and for as long
    notice = Signal(str)

    def __init__(self, analysis: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._analysis = analysis
        self.ask_text: Callable[[QWidget | None, str, str, str], str | None] = _ask_text
        self.ask_color: Callable[[QWidget | None, str, str], str | None] = _ask_color
        self.confirm: Callable[[QWidget | None, str, str], bool] = _confirm
        self.ask_save_path: Callable[[QWidget | None, str, str], str | None] = _ask_save_path
        self.last_menu: Any = None  # the menu shown last (tests trigger its actions)
        self._job: Any = None  # the edit being applied (a ui.jobs.Job)

    def _parent_widget(self) -> QWidget | None:
        p = self.parent()
        return p if isinstance(p, QWidget) else None

    def topic_set(self) -> TopicSet | None:
        a = self._analysis()
        return a.topics.topic_set if a is not None else None

    # -- the menu --------------------------------------------------------------------------
    def build_menu(self, name: str) -> Any:
        """The edits of topic ``name`` (and of the whole set) as a QMenu."""
        from PySide6.QtWidgets import QMenu

        ts = self.topic_set()
        menu = QMenu(self._parent_widget())
        menu.setObjectName("topic_menu")
        menu.setTitle(name)
        if ts is None:
            return menu
        menu.addAction("&Rename…", lambda: self.ask_rename(name))
        menu.addAction("Re&colour…", lambda: self.ask_recolor(name))
        menu.addAction("Add a cue &word…", lambda: self.ask_add_cue(name))
        merge = menu.addMenu("&Merge into this topic")
        others = [t.name for t in ts.topics if t.name != name]
        for other in others:
            act = merge.addAction(chip_name(other).replace("&", "&&"))
            act.triggered.connect(lambda _=False, o=other: self.merge([name, o], into=name))
        merge.setEnabled(bool(others))
        menu.addAction("&Delete…", lambda: self.ask_delete(name))
        menu.addSeparator()
        menu.addAction("&Save topic set as…", self.ask_save_as)
        menu.addAction("&Forget my topic edits for this pair", self.forget_pair_topics)
        self.last_menu = menu
        return menu

    def show_menu(self, name: str, global_pos: QPoint) -> None:
        self.build_menu(name).popup(global_pos)

    # -- asking ----------------------------------------------------------------------------
    def ask_rename(self, name: str) -> None:
        new = self.ask_text(self._parent_widget(), "Rename topic", f"New name for {name}:", name)
        if new is not None:
            self.rename(name, new)

    def ask_recolor(self, name: str) -> None:
        ts = self.topic_set()
        if ts is None:
            return
        color = self.ask_color(self._parent_widget(), f"Colour of {name}", ts.color_of(name))
        if color is not None:
            self.recolor(name, color)

    def ask_add_cue(self, name: str) -> None:
        cue = self.ask_text(
            self._parent_widget(),
            "Add a cue word",
            f"A word or phrase that signals {name}:",
            "",
        )
        if cue is not None:
            self.add_cue(name, cue)

    def ask_delete(self, name: str) -> None:
        if self.confirm(
            self._parent_widget(),
            "Delete topic",
            f"Delete the topic {name}? Its passages then belong to no topic.",
        ):
            self.delete(name)

    def ask_save_as(self) -> None:
        ts = self.topic_set()
        if ts is None:
            return
        start = str(Path.home() / f"{ts.name or 'topics'}.toml")
        path = self.ask_save_path(self._parent_widget(), "Save topic set", start)
        if path:
            self.save_as(Path(path))

    # -- edits -----------------------------------------------------------------------------
    def rename(self, name: str, new: str) -> bool:
        return self._edit(lambda ts: rename_topic(ts, name, new), f"Renamed {name} to {new}")

    def recolor(self, name: str, color: str) -> bool:
        return self._edit(lambda ts: recolor_topic(ts, name, color), f"Recoloured {name}")

    def merge(self, names: list[str], into: str) -> bool:
        # the topics merged into ``into`` (the chip's menu passes ``into`` among them)
        merged = ", ".join(n for n in names if n != into)
        return self._edit(lambda ts: merge_topics(ts, names, into), f"Merged {merged} into {into}")

    def delete(self, name: str) -> bool:
        return self._edit(lambda ts: delete_topic(ts, name), f"Deleted the topic {name}")

    def add_cue(self, name: str, cue: str) -> bool:
        return self._edit(lambda ts: add_cue(ts, name, cue), f"Added a cue to {name}")

    def is_busy(self) -> bool:
        """True while an edit is being applied (its sections found in the background)."""
        return self._job is not None

    def _edit(self, change: Callable[[TopicSet], TopicSet], done: str) -> bool:
        """Apply one edit: the new set is checked here, then located in both articles (and
        kept for the pair) off the UI thread: a long pair takes a second or so."""
        analysis = self._analysis()
        if analysis is None:
            self.message.emit("The topics are not there yet: the pair is still being analysed.")
            return False
        if self._job is not None:
            self.message.emit("Still applying the last change to the topics: try again.")
            return False
        try:
            ts = change(analysis.topics.topic_set)
        except TopicsError as exc:
            self.message.emit(f"Topics not changed: {exc}.")
            return False
        if ts == analysis.topics.topic_set:
            return False
        self._run(analysis, ts, done, keep=True)
        return True

    def _run(self, analysis: Any, ts: TopicSet, done: str, *, keep: bool) -> None:
        from diptych.ui.jobs import Job

        def work(_ctx: object) -> tuple[Any, str, Path | None]:
            topics, claims, chain = retopic_pair(analysis.a, analysis.b, ts, analysis.claims)
            kept = ""
            aside: Path | None = None
            if keep and ts.topics:
                try:
                    aside = save_pair_topic_set(ts, analysis.a, analysis.b)[1]
                    kept = " (kept for this pair)"
                except TopicsError as exc:
                    kept = f" (not kept for next time: {exc})"
            edited = replace(analysis, topics=topics, claims=claims, chain=chain)
            return edited, kept, aside

        def succeeded(result: tuple[Any, str, Path | None]) -> None:
            edited, kept, aside = result
            if self._analysis() is analysis:  # still the pair that was edited
                self.analysis_edited.emit(edited)
                self.message.emit(done + kept)
            if aside is not None:  # the saved set that could not be used is not lost
                self.notice.emit(kept_aside_notice(aside))

        def failed(exc: object, _tb: str) -> None:
            self.message.emit(f"Topics not changed: {exc}.")

        def finished() -> None:
            self._job = None

        job = Job(work, parent=self)
        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.finished.connect(finished)
        self._job = job
        job.start()

    def save_as(self, path: Path) -> bool:
        ts = self.topic_set()
        if ts is None:
            return False
        if path.suffix.lower() != ".toml":
            path = path.with_name(path.name + ".toml")
        from diptych.export.destination import write_atomically

        try:
            # checked first: a FIFO would block the window, a read-only file is not replaced
            path = write_atomically(path, topic_set_toml(ts).encode("utf-8"), what="topic set")
        except DiptychError as exc:
            self.message.emit(f"The topic set was not saved: {exc}.")
            return False
        except OSError as exc:
            self.message.emit(f"The topic set was not saved: {exc.strerror or exc}.")
            return False
        self.message.emit(f"Saved the topic set to {path}")
        return True

    def forget_pair_topics(self) -> bool:
        """Drop this pair's saved topics and go back to the manifest's or proposed ones."""
        analysis = self._analysis()
        if analysis is None:
            return False
        from diptych.core.compare.topics import topic_set_for_pair

        if self._job is not None:
            self.message.emit("Still applying the last change to the topics: try again.")
            return False
        try:
            aside = forget_pair_topic_set(analysis.a, analysis.b)
        except TopicsError as exc:
            self.message.emit(f"Could not forget the edited topics: {exc}.")
            return False
        ts = topic_set_for_pair(analysis.a, analysis.b)
        self._run(
            analysis, ts, "Back to the pair's own topics (your edits are forgotten)", keep=False
        )
        if aside is not None:  # a saved set that could not be used: set aside, not deleted
            self.notice.emit(kept_aside_notice(aside))
        return True
