"""Loading and analysing a pair off the UI thread.

``PairLoader.request(...)`` starts a job on a QThreadPool and returns its id. The job reads the
files it is given (``load_article``), reports the articles as soon as they are read (so the
panes can show text while the analysis runs), then runs ``analyze_pair`` and reports the
result. Only the newest request's results are delivered; older ones are dropped silently.

Signals (all delivered on the UI thread, each with the request id first):
``progress(id, text)``, ``articles_ready(id, a, b, prepared)``, ``analysis_ready(id, PairAnalysis)``,
``failed(id, side, message)`` for a user's bad input (``DiptychError``; side "a", "b" or ""),
``crashed(id, traceback_text)`` for anything unexpected.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from diptych.core.errors import DiptychError
from diptych.core.model import Article
from diptych.ui.analysis_process import (
    AnalysisCancelled,
    BackgroundProcess,
    ChildError,
    ChildUnavailable,
)

PREPARE_MIN_CHARS = 20_000  # shorter articles are quicker to build on the UI thread
PROCESS_MIN_CHARS = 250_000  # pairs at least this long are analysed in a child process
PROCESS_MIN_BYTES = 150_000  # files at least this big are read and parsed in a child process

# a side is given as an Article already loaded, or as a file to read (path, encoding or None)
Source = Article | tuple[str, str | None]


@dataclass(frozen=True)
class PairRequest:
    """What to load: each side an Article or (path, encoding); ``seed`` loads the seed pair.

    With ``style`` (and ``ui_thread``), the job also builds each article's document for the
    panes (``PreparedArticle``), so a long article costs the UI thread next to nothing.
    """

    a: Source | None = None
    b: Source | None = None
    seed: bool = False
    style: Any = None  # DocumentStyle
    ui_thread: Any = None  # QThread the prepared documents are handed to
    shown: bool = False  # the window shows these articles already: analyse only


def _load_source(src: Source) -> Article:
    if isinstance(src, Article):
        return src
    from diptych.ui.article_cache import load_article_cached

    path, encoding = src
    return load_article_cached(path, encoding)


_NO_MEMORY = "not enough memory to open this file"


class _SideFailed(Exception):
    def __init__(self, side: str, message: str) -> None:
        super().__init__(message)
        self.side = side
        self.message = message


def _parse_in_child(src: Source | None) -> bool:
    """A big file not parsed before: parsing it here would starve the UI thread of the GIL."""
    if src is None or isinstance(src, Article):
        return False
    try:
        if os.path.getsize(src[0]) < PROCESS_MIN_BYTES:
            return False
    except OSError:
        return False  # load_article says what is wrong with it
    from diptych.ui.article_cache import has_article

    return not has_article(src[0], src[1])


def _load_pair(
    req: PairRequest,
    report: Callable[[str, tuple[Any, ...]], None],
    process: BackgroundProcess | None,
) -> tuple[Article, Article]:
    """Both sides of a non-seed request; raises ``_SideFailed`` for a file the user must be
    told about."""
    assert req.a is not None and req.b is not None
    sources = {"a": req.a, "b": req.b}
    loaded: dict[str, Article] = {}
    in_child = [s for s in ("a", "b") if process is not None and _parse_in_child(sources[s])]
    if in_child and process is not None:
        names = " and ".join(Path(sources[s][0]).name for s in in_child)  # type: ignore[index]
        report("progress", (f"Reading {names}…",))
        try:
            arts = process.load_articles([sources[s] for s in in_child])  # type: ignore[misc]
        except ChildError as exc:
            raise _SideFailed(in_child[exc.index], str(exc)) from exc
        except MemoryError as exc:
            raise _SideFailed(in_child[0], _NO_MEMORY) from exc
        except ChildUnavailable:
            arts = []  # no child could start: read them here (slower for the window)
        loaded.update(zip(in_child, arts, strict=False))
    for side in ("a", "b"):
        if side in loaded:
            continue
        src = sources[side]
        if not isinstance(src, Article):
            report("progress", (f"Reading {Path(src[0]).name}…",))
        try:
            loaded[side] = _load_source(src)
        except DiptychError as exc:
            raise _SideFailed(side, str(exc)) from exc
        except MemoryError as exc:
            raise _SideFailed(side, _NO_MEMORY) from exc
    return loaded["a"], loaded["b"]


def run_request(
    req: PairRequest,
    report: Callable[[str, tuple[Any, ...]], None],
    wait_for_paint: Callable[[], object] = lambda: None,
    process: BackgroundProcess | None = None,
) -> None:
    """The job itself (plain Python, testable without threads): calls ``report(kind, args)``;
    ``wait_for_paint()`` returns once the UI has shown the articles (the analysis then starts,
    instead of competing with the first paint for the interpreter)."""
    side = ""
    try:
        if req.seed:
            from diptych.ui.article_cache import load_seed_pair_cached

            report("progress", ("Reading the seed pair…",))
            a, b = load_seed_pair_cached()
        else:
            a, b = _load_pair(req, report, process)
        if not req.shown:
            prepared: dict[str, Any] = {}
            if req.style is not None:
                from diptych.ui.reader_pane import prepare_article

                for key, art in (("a", a), ("b", b)):
                    if len(art.text) >= PREPARE_MIN_CHARS:
                        prepared[key] = prepare_article(art, req.style, req.ui_thread)
            report("articles", (a, b, prepared))
        wait_for_paint()
        report("progress", ("Finding topics and shared claims…",))
        if len(a.text) + len(b.text) >= PROCESS_MIN_CHARS and process is not None:
            # long texts: numeric code would hold the GIL long enough to freeze the window
            try:
                analysis = process.analyse(a, b)
                # the child's result holds copies of the articles: point it at the ones shown
                analysis = dataclasses.replace(analysis, a=a, b=b)
            except ChildUnavailable:  # no child could start: analyse here (slower window)
                from diptych.core.compare.pair import analyze_pair

                analysis = analyze_pair(a, b)
        else:
            from diptych.core.compare.pair import analyze_pair

            analysis = analyze_pair(a, b)
        report("analysis", (analysis,))
    except AnalysisCancelled:
        return
    except _SideFailed as exc:
        report("failed", (exc.side, exc.message))
    except DiptychError as exc:
        report("failed", (side, str(exc)))
    except MemoryError:
        report("failed", (side, _NO_MEMORY))
    except Exception:
        report("crashed", (traceback.format_exc(),))


PAINT_WAIT_S = 1.5  # longest the analysis waits for the UI to show the text


class _Job(QRunnable):
    def __init__(self, loader: PairLoader, job_id: int, req: PairRequest) -> None:
        super().__init__()
        self._loader = loader
        self._id = job_id
        self._req = req
        self.process = BackgroundProcess()
        self.setAutoDelete(True)

    def run(self) -> None:
        def report(kind: str, args: tuple[Any, ...]) -> None:
            # RuntimeError: the window closed while this job ran; nobody to tell
            with contextlib.suppress(RuntimeError):
                self._loader._relay.emit(self._id, kind, args)

        try:
            run_request(
                self._req,
                report,
                lambda: self._loader._painted.wait(PAINT_WAIT_S),
                self.process,
            )
        finally:
            self._loader._forget(self)


class PairLoader(QObject):
    """Runs pair jobs on a thread pool and relays their results to the UI thread."""

    progress = Signal(int, str)
    articles_ready = Signal(int, object, object, object)  # id, a, b, {side: PreparedArticle}
    analysis_ready = Signal(int, object)
    failed = Signal(int, str, str)
    crashed = Signal(int, str)
    busy_changed = Signal(bool)

    # internal: (job id, kind, args) from the worker thread, queued to this object's thread
    _relay = Signal(int, str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one analysis at a time; newer requests queue
        self._next_id = 0
        self._current = 0
        self._pending = 0
        self._relay.connect(self._on_relay)
        self._painted = threading.Event()
        self._jobs: list[_Job] = []
        self._jobs_lock = threading.Lock()

    def request(self, req: PairRequest) -> int:
        """Start loading/analysing; earlier requests' results will be ignored."""
        self._next_id += 1
        self._current = self._next_id
        self._painted.clear()
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        with self._jobs_lock:
            for old in self._jobs:
                old.process.kill()  # an analysis nobody will look at
            job = _Job(self, self._current, req)
            self._jobs.append(job)
        self._pool.start(job)
        return self._current

    def _forget(self, job: _Job) -> None:
        with self._jobs_lock:
            if job in self._jobs:
                self._jobs.remove(job)

    def cancel_all(self) -> None:
        """Stop child analyses (the window is closing)."""
        with self._jobs_lock:
            for job in self._jobs:
                job.process.kill()

    def release(self) -> None:
        """The UI has painted the articles: the analysis may start."""
        self._painted.set()

    def current(self) -> int:
        return self._current

    def is_busy(self) -> bool:
        return self._pending > 0

    def wait(self, msecs: int = -1) -> bool:
        """Block until all jobs finished (tests and shutdown)."""
        return self._pool.waitForDone(msecs)

    def _on_relay(self, job_id: int, kind: str, args: tuple[Any, ...]) -> None:
        final = kind in ("analysis", "failed", "crashed")
        if final:
            self._pending = max(0, self._pending - 1)
        if job_id == self._current:
            if kind == "progress":
                self.progress.emit(job_id, *args)
            elif kind == "articles":
                self.articles_ready.emit(job_id, *args)
            elif kind == "analysis":
                self.analysis_ready.emit(job_id, *args)
            elif kind == "failed":
                self.failed.emit(job_id, *args)
            elif kind == "crashed":
                self.crashed.emit(job_id, *args)
        if final and self._pending == 0:
            self.busy_changed.emit(False)
