"""Analysing a large pair in a separate process, so the UI thread never waits for the GIL.

Claim matching on long articles runs numeric code that can hold Python's interpreter lock
for hundreds of milliseconds at a time; in a thread of the GUI process that freezes the
window. ``analyze_in_subprocess(a, b)`` runs ``analyze_pair`` in a child Python (no Qt is
imported there), passing the articles and the result as pickles through temporary files
with user-only permissions. ``AnalysisProcess.kill()`` stops a run that is no longer wanted.
The child runs at a lower priority (``nice``), so on a busy machine the window keeps its CPU.

Run as ``python -m diptych.ui.analysis_process IN OUT`` (internal).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diptych.core.errors import DiptychError
from diptych.core.model import Article

if TYPE_CHECKING:
    import subprocess

CHILD_NICENESS = 10  # the analysis yields the CPU to the window (Unix)


class AnalysisCancelled(Exception):
    """The run was stopped because a newer request replaced it."""


class AnalysisProcess:
    """One child process analysing one pair."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._killed = False

    def kill(self) -> None:
        with self._lock:
            self._killed = True
            if self._proc is not None and self._proc.poll() is None:
                self._proc.kill()

    def run(self, a: Article, b: Article) -> Any:
        """``analyze_pair(a, b)`` computed in a child process (raises what it raised)."""
        # imported here, in the worker thread: the window's start-up does not wait for them
        import pickle
        import subprocess
        import tempfile

        from diptych.ui.article_cache import YieldingFile  # the lock passes to the UI thread

        with tempfile.TemporaryDirectory(prefix="diptych-analysis-") as d:
            src, dst = Path(d) / "in.pickle", Path(d) / "out.pickle"
            fd = os.open(src, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((a, b), YieldingFile(fh), protocol=pickle.HIGHEST_PROTOCOL)
            with self._lock:
                if self._killed:
                    raise AnalysisCancelled()
                self._proc = subprocess.Popen(
                    [sys.executable, "-m", "diptych.ui.analysis_process", str(src), str(dst)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
            _out, err = self._proc.communicate()
            if self._killed:
                raise AnalysisCancelled()
            if self._proc.returncode != 0 or not dst.exists():
                tail = err.decode("utf-8", "replace").strip()[-3000:]
                raise RuntimeError(
                    f"the analysis process failed (exit {self._proc.returncode}):\n{tail}"
                )
            with open(dst, "rb") as fh:
                kind, value = pickle.load(YieldingFile(fh))
        if kind == "error":
            raise DiptychError(value)
        return value


def _child(src: str, dst: str) -> int:
    import pickle

    # background work: when CPUs are short, the window's process goes first
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(CHILD_NICENESS)
    from diptych.core.pair import analyze_pair

    with open(src, "rb") as fh:
        a, b = pickle.load(fh)
    try:
        result: tuple[str, Any] = ("ok", analyze_pair(a, b))
    except DiptychError as exc:
        result = ("error", str(exc))
    fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], sys.argv[2]))
