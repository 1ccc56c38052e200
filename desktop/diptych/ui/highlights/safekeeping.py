"""Keeping the note being typed when Diptych is stopped: a crash draft, and quit signals.

``NoteDraft``: while a note has unsaved text, the controller writes it (at most every
``DRAFT_MS``) to a small JSON file beside the store, replaced atomically, readable only by
the user (when the store's disk is full, to a spare in the user's runtime folder, as a note
that cannot be saved is the one that most needs it); it is removed once the store has the text. After a crash or ``kill -9`` the next
start finds it and puts the text back (``HighlightController`` does that after loading).

``install_quit_signals(app, on_quit)``: SIGTERM and SIGINT (a logout, ``kill``, Ctrl+C in the
terminal) run ``on_quit`` on the UI thread through Qt's event loop. A Python signal handler only
runs when Python gets control, and Qt's loop is C++, so the handler's wake-up byte is written
to a socket that a ``QSocketNotifier`` watches (``signal.set_wakeup_fd``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import signal
import socket
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, SignalInstance
from PySide6.QtGui import QGuiApplication

from diptych.core.errors import DiptychError

if TYPE_CHECKING:
    # names for the types only: app.py imports this module for the quit signals before the
    # first paint, and the editor and the state would bring the store's code with them
    from diptych.ui.highlights.note_editor import NoteEditor
    from diptych.ui.highlights.state import Placed


class NoteKeeperHost(Protocol):
    """What the safekeeper needs of the highlights (``HighlightController`` provides it);
    typed here so that this module does not import the controller that owns it."""

    note_editor: NoteEditor
    status_message: SignalInstance
    notice_requested: SignalInstance  # what must stay on screen a while (a file named)

    def save_pending(self) -> bool: ...
    def stored_note(self, key: str) -> str: ...
    def placed(self, hid: str) -> tuple[str, Placed] | None: ...
    def highlight_of_key(self, key: str) -> str: ...
    def edit_key(self, key: str) -> bool: ...
    def save_note_key(self, key: str, text: str, base_version: int | None = None) -> bool: ...
    def note_base_version(self, key: str) -> int: ...
    def set_note_base(self, key: str, version: int) -> None: ...
    def set_tags(self, hid: str, tags: tuple[str, ...]) -> bool: ...


log = logging.getLogger(__name__)

DRAFT_MS = 1000  # the draft lags the typing by at most this much
DRAFT_VERSION = 1


@dataclass(frozen=True)
class Draft:
    """Unsaved text of one note: ``key`` is the highlight id (own note) or ``link:<id>``."""

    key: str
    text: str
    base: str  # the stored text the edit started from
    written: float  # unix time
    base_version: int = 0  # the row version of ``base`` (0: not known, an older draft)
    tags: str | None = None  # the tag field as typed, not yet saved (None: nothing unsent)
    tags_of: str = ""  # the highlight those tags belong to


def draft_path_for(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".note-draft.json")


def spare_draft_path_for(store_path: Path) -> Path:
    """Where the draft goes when it cannot be written beside the store (its disk is full): the
    user's runtime folder (a RAM disk that a crash or kill -9 leaves alone), else the temp
    folder; named after the store, so the next start on that store finds it."""
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    digest = hashlib.sha256(str(store_path.absolute()).encode("utf-8", "surrogatepass"))
    return Path(base) / f"diptych-note-draft-{digest.hexdigest()[:16]}.json"


class NoteDraft:
    """The crash draft file of one store (see the module docstring); ``spare``: where it is
    written when ``path`` cannot be (the store's disk is full), read back from either."""

    def __init__(self, path: Path, spare: Path | None = None) -> None:
        self.path = path
        self.spare = spare

    def write(
        self,
        key: str,
        text: str,
        base: str,
        base_version: int = 0,
        tags: tuple[str, str] | None = None,
    ) -> bool:
        """Replace the draft (``tags``: the highlight id and its tag field as typed, when
        not saved yet); False (logged) when the file cannot be written, nor the spare."""
        data: dict[str, object] = {"version": DRAFT_VERSION, "key": key, "text": text}
        data.update(base=base, base_version=base_version)
        if tags is not None:
            data.update(tags_of=tags[0], tags=tags[1])
        data["written"] = time.time()
        if self._write_at(self.path, data):
            if self.spare is not None:
                with contextlib.suppress(OSError):
                    self.spare.unlink()  # an older draft written there while the disk was full
            return True
        return self.spare is not None and self._write_at(self.spare, data)

    @staticmethod
    def _write_at(path: Path, data: dict[str, object]) -> bool:
        try:
            fd, tmp = tempfile.mkstemp(prefix=".draft-", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(data, f, ensure_ascii=False)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except (OSError, ValueError) as exc:
            log.warning("could not write the note draft %s: %s", path, exc)
            return False
        return True

    def clear(self) -> None:
        for path in (self.path, self.spare):
            if path is not None:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()

    def set_aside(self) -> NoteDraft | None:
        """Move the draft to a file of its own beside it (``….kept-<time>``), out of the way
        of the next note typed, which replaces the draft file; None (logged) if it cannot."""
        source = self._newest()[0]
        if source is None:
            source = self.path
        stamp = time.strftime("%Y%m%dT%H%M%S")
        target = source.with_name(f"{source.name}.kept-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = source.with_name(f"{source.name}.kept-{stamp}-{n}")
        try:
            os.rename(source, target)
        except OSError as exc:
            log.warning("could not set the note draft %s aside: %s", source, exc)
            return None
        return NoteDraft(target)

    def read(self) -> Draft | None:
        """The draft left behind (the newer one when both files hold one), or None (absent,
        or not ours: then it is left alone)."""
        return self._newest()[1]

    def _newest(self) -> tuple[Path | None, Draft | None]:
        found: list[tuple[Path | None, Draft | None]] = [(None, None)]
        for path in (self.path, self.spare):
            if path is None or (path is self.spare and not _own_file(path)):
                continue
            d = self._read_at(path)
            if d is not None:
                found.append((path, d))
        return max(found, key=lambda pd: pd[1].written if pd[1] is not None else -1.0)

    @staticmethod
    def _read_at(path: Path) -> Draft | None:
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("could not read the note draft %s: %s", path, exc)
            return None
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("version") != DRAFT_VERSION:
                raise ValueError("unknown format")
            key, text, base = data["key"], data["text"], data.get("base", "")
            written = float(data.get("written", 0.0))
            base_version = data.get("base_version", 0)
            if not (isinstance(key, str) and isinstance(text, str) and isinstance(base, str)):
                raise ValueError("unexpected field types")
            if not isinstance(base_version, int) or isinstance(base_version, bool):
                raise ValueError("unexpected field types")
            tags, tags_of = data.get("tags"), data.get("tags_of", "")
            if not (tags is None or isinstance(tags, str)) or not isinstance(tags_of, str):
                raise ValueError("unexpected field types")
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring the note draft %s: %s", path, exc)
            return None
        return Draft(key, text, base, written, base_version, tags, tags_of)


def _own_file(path: Path) -> bool:
    """A regular file of this user's (the spare lies in a shared temp folder)."""
    try:
        st = path.lstat()
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    return stat.S_ISREG(st.st_mode) and (getuid is None or st.st_uid == getuid())


class QuitSignals(QObject):
    """SIGTERM / SIGINT -> ``on_quit(signum)`` on the UI thread (see the module docstring)."""

    def __init__(self, on_quit: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_quit = on_quit
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        self._old_handlers = {
            sig: signal.signal(sig, self._handler) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)

    def _handler(self, signum: int, _frame: FrameType | None) -> None:
        # nothing to do here: the wake-up byte (the signal number) reaches _on_readable
        pass

    def _on_readable(self, *_args: object) -> None:
        received = b""
        with contextlib.suppress(BlockingIOError, InterruptedError):
            while chunk := self._read.recv(64):
                received += chunk
        if received:
            self._on_quit(received[0])

    def uninstall(self) -> None:
        self._notifier.setEnabled(False)
        self._notifier.activated.disconnect(self._on_readable)
        for sig, old in self._old_handlers.items():
            signal.signal(sig, old)
        signal.set_wakeup_fd(self._old_fd)
        self._read.close()
        self._write.close()


def install_quit_signals(
    on_quit: Callable[[int], None], parent: QObject | None = None
) -> QuitSignals:
    """Run ``on_quit(signum)`` on the UI thread when SIGTERM or SIGINT arrives."""
    return QuitSignals(on_quit, parent)


class NoteSafekeeper(QObject):
    """Keeps ``ctl``'s note editor text safe: the crash draft while it is unsaved, a save on
    session end (``QGuiApplication.commitDataRequest``) and on ``save_for_quit`` (the quit
    signals), and putting a draft left by a crash back after the next load."""

    @property
    def ctl(self) -> NoteKeeperHost:
        # the parent, not an attribute: a Python reference cycle with the controller would
        # leave both to the garbage collector, which may run on a worker thread and delete
        # Qt objects there
        return cast("NoteKeeperHost", self.parent())

    def __init__(self, owner: QObject, draft: NoteDraft | None) -> None:
        """``owner`` is the controller: the parent of the safekeeper, and its ``ctl``."""
        super().__init__(owner)
        ctl = self.ctl
        self.draft = draft
        self.quitting = False  # saved for a quit: the window closes without asking
        self._restored = False
        # a draft that could not be put back, set aside: tried again after each later load
        # (a backup restored, another window's import may bring its highlight back)
        self._kept: NoteDraft | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_MS)
        self._timer.timeout.connect(self.write_draft)
        ctl.note_editor.text_edited.connect(self._on_text_edited)
        # tags typed without Enter are kept in the draft too; once sent, it is rewritten
        ctl.note_editor.tags_typed.connect(self._on_text_edited)
        ctl.note_editor.tags_change_requested.connect(self._on_text_edited)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.commitDataRequest.connect(self._on_commit_data)

    def _on_text_edited(self, *_args: object) -> None:
        if self.draft is not None and not self._timer.isActive():
            self._timer.start()

    def write_draft(self) -> None:
        """Write the editor's unsaved text to the draft (or drop the draft: nothing unsaved)."""
        self._timer.stop()
        if self.draft is None:
            return
        ed = self.ctl.note_editor
        key, hid = ed.current_id(), ed.highlight_id()
        unsent_tags = ed.has_unsent_tags() and hid is not None
        if key is None or not (ed.has_unsaved() or unsent_tags):
            self.draft.clear()
            return
        tags = (hid, ed.tags_text()) if unsent_tags and hid is not None else None
        self.draft.write(key, ed.text(), ed.saved_text(), self.ctl.note_base_version(key), tags)

    def note_saved(self) -> None:
        """The store has what the editor shows: the draft is not needed any more."""
        if self.draft is not None and not self.ctl.note_editor.has_unsaved():
            self._timer.stop()
            self.write_draft()  # cleared, or kept for tags typed and not sent yet

    def save_for_quit(self) -> bool:
        """Save the note being typed (SIGTERM, SIGINT, logout). When the store refuses, the
        draft keeps it for the next start. After this the window closes without asking.
        True when nothing is left unsaved."""
        self.quitting = True
        saved = self.ctl.save_pending()
        if not saved:
            self.write_draft()
        return saved

    def _on_commit_data(self, *_args: object) -> None:
        # the session is ending (logout): save now, the window may get no closeEvent
        if not self.ctl.save_pending():
            self.write_draft()

    def restore_once(self) -> None:
        """After the first load: a draft left by a crash goes back into the editor (and is
        saved by the autosave), or straight into the store when its highlight is not open.
        A draft that cannot go back (its highlight is not in the store) is set aside in a
        file of its own, named to the user, and tried again after each later load."""
        if self.draft is None:
            return
        if not self._restored:
            self._restored = True
            self._put_back(self.draft, again=False)
        elif self._kept is not None:
            self._put_back(self._kept, again=True)

    def _keep_aside(self, source: NoteDraft) -> Path:
        """Where ``source``'s text stays: a file the next note typed does not replace (asked
        the first time only: after a later load the draft is in such a file already)."""
        kept = source.set_aside()
        if kept is not None:
            self._kept = kept
            return kept.path
        return source.path

    def _done_with(self, source: NoteDraft, again: bool) -> None:
        source.clear()
        if again:
            self._kept = None

    def _put_back(self, source: NoteDraft, *, again: bool) -> None:
        d = source.read()
        if d is None:
            if again:
                self._kept = None
            return
        ctl = self.ctl
        tags_kept = d.tags is None  # no tags typed, or they are saved now
        if d.tags is not None and ctl.placed(d.tags_of) is not None:
            # tags typed without Enter when Diptych stopped: saved now (undoable)
            when = time.strftime("%H:%M", time.localtime(d.written))
            tags_kept = ctl.set_tags(d.tags_of, tuple(d.tags.split(",")))
            if tags_kept:
                ctl.status_message.emit(
                    f"Saved the tags you were typing at {when}, when Diptych stopped"
                )
        try:
            stored = ctl.stored_note(d.key)
        except DiptychError as exc:
            if again:
                return  # told already; tried again after the next load
            path = self._keep_aside(source)
            log.warning("a note draft for %s was kept in %s: %s", d.key, path, exc)
            ctl.notice_requested.emit(
                f"An unsaved note could not be put back ({exc}); it is kept in {path}"
            )
            return
        if stored == d.text:
            if tags_kept:  # else the draft stays for the next start
                self._done_with(source, again)
            return
        when = time.strftime("%H:%M", time.localtime(d.written))
        # saved elsewhere since the draft's text was typed (another window, the CLI): the
        # draft is saved against the version it was typed on, so that save asks whose to keep
        # instead of writing over theirs
        changed = stored != d.base
        if changed and d.base_version <= 0:  # an older draft: no version to check against
            if not again:
                path = self._keep_aside(source)
                ctl.notice_requested.emit(
                    f"The note you were typing at {when} was changed in another window since; "
                    f"your text is kept in {path}"
                )
            self._kept = None  # nothing to try again: the user decides
            return
        base_version = d.base_version if changed else None
        if ctl.placed(ctl.highlight_of_key(d.key)) is not None and ctl.edit_key(d.key):
            ctl.note_editor.restore_unsaved(d.text)
            if base_version is not None:
                ctl.set_note_base(d.key, base_version)
            if again:  # the editor's draft holds it now
                self.write_draft()
                self._done_with(source, again)
            ctl.status_message.emit(
                f"Put back the note you were typing at {when}, when Diptych stopped"
            )
        elif ctl.save_note_key(d.key, d.text, base_version):
            self._done_with(source, again)
            ctl.status_message.emit(
                f"Saved the note you were typing at {when}, when Diptych stopped"
            )
