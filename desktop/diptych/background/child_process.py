"""Reading and analysing large articles in child processes, so the UI thread never waits for
the GIL.

Parsing a long article and matching claims between two are CPU-bound Python and numeric code.
In a thread of the GUI process they hold Python's interpreter lock nearly all the time, and
the UI thread, which needs that lock for every event a Python widget handles, waits up to a
switch interval (5 ms) per event: measured, opening two 1 MB articles froze the window for
0.2 to 0.8 s at a time. Child processes have their own interpreter and lock.

``BackgroundProcess.load_articles(sources)`` reads and parses files, one child per file (they
run side by side), through the parse cache; ``BackgroundProcess.analyse(a, b)`` runs
``analyze_pair``. Values travel as pickles through temporary files with user-only
permissions, read back in small frames (``YieldingFile``) so the UI thread gets the lock in
between. ``kill()`` stops the children of a request nobody wants any more. Children run at a
lower priority (``nice``): on a busy machine the window keeps its CPU. No Qt is imported in
them. A child ends as soon as the window's process is gone (killed with -9, crashed): it
holds the read end of a pipe on its stdin, which the parent never writes to, and the end of
that pipe means nobody will read its result; it removes its work files and exits (measured:
an orphaned analysis of two 3 MB articles otherwise ran on for half a minute with 640 MB,
beside the analysis of the reopened window, and left a copy of both articles in /tmp).

Run as ``python -m diptych.background.child_process KIND IN OUT`` (internal). No Qt here:
the module is checked importable with Qt blocked (tests/core/test_core_is_qt_free.py).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diptych.background.cancel import JobCancelled
from diptych.core.errors import DiptychError
from diptych.core.model import Article

if TYPE_CHECKING:
    import subprocess

    from diptych.core.compare.pair import PairAnalysis

CHILD_NICENESS = 10  # background work yields the CPU to the window (Unix)
PARENT_GONE_EXIT = 3  # a child's exit status when its parent's end of the stdin pipe closed
# (index of the source, pages done, pages in all): a PDF's pages as a child reads them
PageProgress = Callable[[int, int, int], None]


class AnalysisCancelled(JobCancelled):
    """The run was stopped because a newer request replaced it."""


class ChildUnavailable(Exception):
    """No child process could be started (or given its input): do the work in this process."""


class ChildError(DiptychError):
    """The child reported a user-facing error (bad file, ...); ``index`` says which input."""

    def __init__(self, message: str, index: int = 0) -> None:
        super().__init__(message)
        self.index = index


class BackgroundProcess:
    """The child processes of one request."""

    def __init__(self) -> None:
        self._procs: list[subprocess.Popen[bytes]] = []
        self._lock = threading.Lock()
        self._killed = False
        self._pages: PageProgress | None = None  # relays a loading child's pages

    def kill(self) -> None:
        with self._lock:
            self._killed = True
            for proc in self._procs:
                if proc.poll() is None:
                    proc.kill()

    def load_articles(
        self, sources: list[tuple[str, str | None]], progress: PageProgress | None = None
    ) -> list[Article]:
        """``load_article_cached(path, encoding)`` for each source, each in its own child;
        ``progress(index, pages done, pages)`` is called (from another thread) as a child
        reads a PDF's pages.

        Raises ``ChildError`` (with the index of the source) for a file the user must be told
        about, ``MemoryError`` when a child ran out of memory."""
        self._pages = progress
        results = self._run([("load", src) for src in sources])
        out = []
        for value in results:
            assert isinstance(value, Article)
            out.append(value)
        return out

    def analyse(self, a: Article, b: Article) -> PairAnalysis:
        """``analyze_pair(a, b)`` computed in a child process (raises what it raised)."""
        from diptych.core.compare.pair import PairAnalysis

        value = self._run([("analyse", (a, b))])[0]
        assert isinstance(value, PairAnalysis)
        return value

    def _run(self, tasks: list[tuple[str, Any]]) -> list[Any]:
        progress = self._pages if all(kind == "load" for kind, _p in tasks) else None
        # imported here, in the worker thread: the window's start-up does not wait for them
        import pickle
        import tempfile

        from diptych.background.article_cache import (
            YieldingFile,
        )  # the lock passes to the UI thread

        try:
            work = tempfile.TemporaryDirectory(prefix="diptych-work-")
        except OSError as exc:
            raise ChildUnavailable(str(exc)) from exc
        with work as d:
            started: list[tuple[subprocess.Popen[bytes], Path]] = []
            try:
                self._start_all(tasks, Path(d), started, progress is not None)
            except OSError as exc:  # no room for the input, no Python to run, ...
                for proc, _dst in started:
                    proc.kill()
                    proc.wait()
                    _close_stdin(proc)
                raise ChildUnavailable(str(exc)) from exc
            readers = [
                threading.Thread(target=_relay_pages, args=(proc, i, progress), daemon=True)
                for i, (proc, _dst) in enumerate(started)
                if progress is not None and proc.stdout is not None
            ]
            for t in readers:
                t.start()
            errors = []
            for proc, _dst in started:
                assert proc.stderr is not None
                errors.append(proc.stderr.read())
                proc.wait()
                _close_stdin(proc)
            for t in readers:
                t.join()
            if self._killed:
                raise AnalysisCancelled()
            results = []
            for i, ((proc, dst), err) in enumerate(zip(started, errors, strict=True)):
                if proc.returncode != 0 or not dst.exists():
                    tail = err.decode("utf-8", "replace").strip()[-3000:]
                    if tail.rsplit("\n", 1)[-1].startswith("MemoryError"):
                        raise MemoryError()
                    raise RuntimeError(
                        f"the background process failed (exit {proc.returncode}):\n{tail}"
                    )
                with open(dst, "rb") as fh:
                    kind, value = pickle.load(YieldingFile(fh))
                if kind == "error":
                    raise ChildError(value, i)
                results.append(value)
        return results

    def _start_all(
        self,
        tasks: list[tuple[str, Any]],
        d: Path,
        started: list[tuple[subprocess.Popen[bytes], Path]],
        pages: bool = False,
    ) -> None:
        import pickle
        import subprocess

        from diptych.background.article_cache import YieldingFile

        for i, (kind, payload) in enumerate(tasks):
            src, dst = d / f"in-{i}.pickle", d / f"out-{i}.pickle"
            fd = os.open(src, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(payload, YieldingFile(fh), protocol=pickle.HIGHEST_PROTOCOL)
            with self._lock:
                if self._killed:
                    raise AnalysisCancelled()
                proc = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "diptych.background.child_process",
                        kind,
                        str(src),
                        str(dst),
                    ],
                    # never written to: its end tells the child that this process is gone
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE if pages else subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
                self._procs.append(proc)
            started.append((proc, dst))


def _close_stdin(proc: subprocess.Popen[bytes]) -> None:
    if proc.stdin is not None:
        with contextlib.suppress(OSError):
            proc.stdin.close()


def _relay_pages(proc: subprocess.Popen[bytes], index: int, progress: PageProgress) -> None:
    """Pass a child's "page DONE TOTAL" lines on to ``progress`` until it closes stdout."""
    assert proc.stdout is not None
    for line in proc.stdout:
        parts = line.split()
        if len(parts) == 3 and parts[0] == b"page" and parts[1].isdigit() and parts[2].isdigit():
            progress(index, int(parts[1]), int(parts[2]))


def _say_page(done: int, total: int) -> None:
    """In a child: one page of a PDF read (the parent relays it as progress)."""
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.write(f"page {done} {total}\n")
        sys.stdout.flush()


# held while a child opens its input or writes its result; the parent-watch takes it for good
# before it removes the work files. Without it, the watch removed the input as the child was
# about to open it: the child failed, its exit ended the watch before it removed the folder, and
# an empty work folder stayed behind (a third of the runs of the kill -9 test)
_WORK_FILES = threading.Lock()


def _end_with_parent(src: str, dst: str) -> None:
    """In a child: once the parent's end of stdin closes (the parent exited, or was killed,
    without waiting for this child), remove the work files and exit at once; nobody will
    read the result. A thread, so it watches while the work holds the interpreter lock only
    between Python's switches (every 5 ms)."""

    def watch() -> None:
        # the file descriptor itself: a thread blocked in sys.stdin's buffered reader at exit
        # holds its lock, and Python aborts the process ("could not acquire lock ... at
        # interpreter shutdown")
        try:
            if not stat.S_ISFIFO(os.fstat(0).st_mode):
                return  # not started by BackgroundProcess (by hand, a terminal): no watch
            while os.read(0, 4096):
                pass  # the parent writes nothing; anything written is ignored
        except OSError:
            pass  # a broken pipe is its end too
        # never while the input is opened or the result written (the lock is not given back:
        # the process ends here)
        _WORK_FILES.acquire()
        for path in (src, dst):
            with contextlib.suppress(OSError):
                os.remove(path)
        with contextlib.suppress(OSError):
            os.rmdir(os.path.dirname(src))  # the parent's work folder, when it is empty
        os._exit(PARENT_GONE_EXIT)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _child(kind: str, src: str, dst: str) -> int:
    import pickle

    _end_with_parent(src, dst)
    # background work: when CPUs are short, the window's process goes first
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(CHILD_NICENESS)
    with _WORK_FILES, open(src, "rb") as fh:
        payload = pickle.load(fh)
    try:
        if kind == "load":
            from diptych.background.article_cache import load_article_cached

            path, encoding = payload
            result: tuple[str, Any] = (
                "ok",
                load_article_cached(path, encoding, progress=_say_page),
            )
        elif kind == "analyse":
            from diptych.core.compare.pair import analyze_pair

            a, b = payload
            result = ("ok", analyze_pair(a, b))
        else:
            raise SystemExit(f"unknown task {kind!r}")
    except DiptychError as exc:
        result = ("error", str(exc))
    with _WORK_FILES:
        fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], sys.argv[2], sys.argv[3]))
