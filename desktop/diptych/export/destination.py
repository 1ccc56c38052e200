"""Where an export may be written, and writing it there all at once.

``check_destination(path)`` refuses, with one clear line, anything but a regular file or
nothing: a folder, a device (``/dev/full``, ``/dev/null``), a FIFO, a socket, a symbolic link
to nothing, a read-only file (also for root, who could write it anyway), a missing or
read-only folder. ``AtomicFile`` then writes the bytes beside it and renames them over it in
one step: a failure (a full disk, a cancel, ``kill -9``) leaves the old file as it was and no
temporary file behind. A new file gets the mode the umask allows (``0666 & ~umask``); a
replaced file keeps its own mode. Never wider.

No Qt here: the CLI's Markdown and W3C exports use it too.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from diptych.core.errors import DiptychError

if TYPE_CHECKING:
    from diptych.core.model import Article

#: (what it is, its path): a file an export must never replace
Kept = Iterable[tuple[str, Path]]


def protected_files(
    articles: Sequence[Article | None] = (), store_path: str | Path | None = None
) -> list[tuple[str, Path]]:
    """What an export never replaces: each article's own file (a web page's kept copy too)
    and the highlights database with its log and index."""
    kept: list[tuple[str, Path]] = []
    for side, art in zip("AB", articles, strict=False):
        if art is not None and art.meta.source_path:
            kept.append((f"the file of article {side}", Path(art.meta.source_path)))
    if store_path is not None:
        db = Path(store_path)
        kept.append(("the highlights database", db))
        kept.append(("the highlights database's log", Path(f"{db}-wal")))
        kept.append(("the highlights database's index", Path(f"{db}-shm")))
    return kept


def _current_umask() -> int:
    """The process umask, read without changing it where Linux tells it (``os.umask`` sets it
    for every thread for a moment)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode a new file gets, as ``open()`` would give it: ``0666`` less the umask."""
    return 0o666 & ~_current_umask()


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EDQUOT:
        return "the disk quota is used up"
    return exc.strerror or str(exc)


def check_destination(out: Path, *, what: str = "file", keep: Kept = ()) -> Path:
    """The path to write ``out`` to (a symbolic link to a regular file: that file), or a
    ``DiptychError`` saying why nothing will be written there. ``keep``: files it must not
    be (``protected_files``: the articles exported, the highlights database), by identity,
    so another name or a link to one of them is refused too."""
    if out.is_symlink():
        target = out.resolve()
        if not target.exists():
            raise DiptychError(f"{out} is a symbolic link to nothing; give a file name")
        out = target
    try:
        st = out.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise DiptychError(f"cannot write {out}: {_why(exc)}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise DiptychError(f"{out} is a folder; give a {what} name")
        if not stat.S_ISREG(st.st_mode):
            kind = (
                "a device"
                if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                else "a FIFO"
                if stat.S_ISFIFO(st.st_mode)
                else "a socket"
                if stat.S_ISSOCK(st.st_mode)
                else "not a regular file"
            )
            raise DiptychError(f"{out} is {kind}, not a {what}; nothing was written")
        for label, path in keep:
            try:
                other = os.stat(path)
            except OSError:
                continue
            if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
                raise DiptychError(
                    f"{out} is {label}; an export never replaces it: give another file name"
                )
        if not st.st_mode & 0o222:
            raise DiptychError(f"{out} is read-only; it was left as it is")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise DiptychError(f"cannot write {out}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise DiptychError(f"cannot write {out}: folder {folder} is not writable")
    return out


class AtomicFile:
    """A file that appears at ``out`` complete or not at all.

    On Linux the bytes go to an unnamed file (``O_TMPFILE``) in the destination folder, so even
    a crash or ``kill -9`` mid-write leaves nothing behind; ``publish()`` links it under a
    temporary name and renames that over ``out`` (atomic; an existing file is replaced only
    then). Elsewhere a hidden named temporary file is used and removed on any failure. Errors
    while writing or publishing are ``DiptychError``s that say the old file was kept.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.folder = out.parent if str(out.parent) else Path(".")
        self._named: Path | None = None
        self._published = False
        try:
            fd = os.open(self.folder, os.O_TMPFILE | os.O_WRONLY, 0o600)
        except (AttributeError, OSError):
            try:
                fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=self.folder)
            except OSError as exc:
                raise DiptychError(f"cannot write in {self.folder}: {_why(exc)}") from None
            self._named = Path(name)
        self.fh = os.fdopen(fd, "wb")

    def failed(self, exc: OSError) -> DiptychError:
        """The one-line error for ``exc`` met while writing."""
        kept = f"; {self.out} was kept as it was" if self.out.exists() else ""
        return DiptychError(f"cannot write {self.out}: {_why(exc)}{kept}")

    def write(self, data: bytes) -> None:
        try:
            self.fh.write(data)
        except OSError as exc:
            raise self.failed(exc) from None

    def publish(self) -> None:
        """Flush to disk and give the file its final name in one atomic step."""
        try:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            try:
                mode = self.out.stat().st_mode & 0o777  # a replaced file keeps its mode
            except FileNotFoundError:
                mode = new_file_mode()
            if self._named is None:
                self._named = self._name_anonymous()
            os.chmod(self._named, mode)
            os.replace(self._named, self.out)
            self._named = None
            self._published = True
            _fsync_dir(self.folder)
        except OSError as exc:
            raise self.failed(exc) from None

    def _name_anonymous(self) -> Path:
        """Give the unnamed (O_TMPFILE) file a hidden temporary name beside ``out``."""
        name = self.folder / f".{self.out.name}.{os.getpid()}.{id(self):x}.part"
        fd = self.fh.fileno()
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            at_fdcwd, at_symlink_follow = -100, 0x400
            rc = libc.linkat(
                at_fdcwd,
                f"/proc/self/fd/{fd}".encode(),
                at_fdcwd,
                os.fsencode(name),
                at_symlink_follow,
            )
            if rc == 0:
                return name
        except (OSError, AttributeError):
            pass
        # No linkat through /proc: copy the bytes to a named temporary file.
        tmp_fd, tmp_name = tempfile.mkstemp(
            prefix=f".{self.out.name}.", suffix=".part", dir=self.folder
        )
        try:
            with os.fdopen(tmp_fd, "wb") as dst, open(f"/proc/self/fd/{fd}", "rb") as src:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
        except OSError:
            os.unlink(tmp_name)
            raise
        return Path(tmp_name)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError):  # a failed flush of unwritten bytes: nothing kept
            self.fh.close()
        if self._named is not None:
            with contextlib.suppress(OSError):
                self._named.unlink()


def write_atomically(out: str | Path, data: bytes, *, what: str = "file", keep: Kept = ()) -> Path:
    """Write ``data`` to ``out`` through :class:`AtomicFile` after :func:`check_destination`
    (``keep``: files it must not replace); the path written."""
    dest = check_destination(Path(out).expanduser(), what=what, keep=keep)
    with AtomicFile(dest) as fh:
        fh.write(data)
        fh.publish()
    return dest


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
