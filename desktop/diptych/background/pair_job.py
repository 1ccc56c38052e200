"""Opening a pair in the background, as plain Python: read both files, report the articles,
analyse them, report the analysis.

``run_request(req, report, ...)`` is the job the window's loader runs on a worker thread
(``diptych.ui.worker.PairLoader``); it never raises, and says what happened through
``report(kind, args)``:

``("progress", (text,))``, ``("articles", (a, b, prepared))``, ``("analysis", (PairAnalysis,))``,
``("failed", (side, message))`` for a user's bad input (side "a", "b" or ""),
``("crashed", (traceback_text,))`` for anything unexpected. A cancelled job reports nothing more.

Big files are parsed, and long pairs analysed, in child processes (``child_process``) so the
window's thread never waits for the interpreter lock; parsed articles come from the parse
cache (``article_cache``) when their files have not changed.
"""

from __future__ import annotations

import dataclasses
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diptych.background.cancel import JobCancelled
from diptych.background.child_process import BackgroundProcess, ChildError, ChildUnavailable
from diptych.core.errors import DiptychError
from diptych.core.model import Article
from diptych.core.reading.web import is_url

if TYPE_CHECKING:  # imported when analysing: the analysis code takes a while to load
    from diptych.core.compare.pair import PairAnalysis

PREPARE_MIN_CHARS = 20_000  # shorter articles are quicker to build on the UI thread
PROCESS_MIN_CHARS = 250_000  # pairs at least this long are analysed in a child process
PROCESS_MIN_BYTES = 150_000  # files at least this big are read and parsed in a child process


@dataclass(frozen=True)
class SeedArticle:
    """One article of the seed pair, for a side whose file could not be shown."""

    side: str  # "a" or "b": which seed article


# a side is given as an Article already loaded, a file to read (path, encoding or None), or
# a seed article
Source = Article | tuple[str, str | None] | SeedArticle
Report = Callable[[str, tuple[Any, ...]], None]
Cancelled = Callable[[], bool] | None  # asked while a page is fetched: True stops it


@dataclass(frozen=True)
class PairRequest:
    """What to load: each side an Article or (path, encoding); ``seed`` loads the seed pair.

    ``prepare(article)``, when given, is called in the job for each article of at least
    ``PREPARE_MIN_CHARS`` characters; its results (the panes' documents, built ahead) are
    reported with the articles, so a long article costs the UI thread next to nothing.
    ``shown``: the window shows these articles already; analyse only.
    """

    a: Source | None = None
    b: Source | None = None
    seed: bool = False
    prepare: Callable[[Article], object] | None = None
    shown: bool = False


def _load_source(src: Source, report: Report | None = None, cancelled: Cancelled = None) -> Article:
    if isinstance(src, Article):
        return src
    if isinstance(src, SeedArticle):
        from diptych.background.article_cache import load_seed_pair_cached

        return load_seed_pair_cached()[0 if src.side == "a" else 1]
    from diptych.background.article_cache import load_article_cached

    path, encoding = src
    if report is None:
        return load_article_cached(path, encoding)
    name = _shown_name(path)

    def pages(done: int, total: int) -> None:
        report("progress", (f"Reading {name}: page {done} of {total}…",))

    def fetching(done: int, expected: int | None) -> None:
        of = f" of {_size(expected)}" if expected else ""
        report("progress", (f"Fetching {name}: {_size(done)}{of}…",))

    return load_article_cached(path, encoding, progress=pages, fetching=fetching, cancel=cancelled)


def _shown_name(path: str) -> str:
    """A file's name, or a web address without its scheme."""
    if is_url(path):
        return path.split("://", 1)[1]
    return Path(path).name


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} kB"


_NO_MEMORY = "not enough memory to open this file"


class _SideFailed(Exception):
    def __init__(self, side: str, message: str) -> None:
        super().__init__(message)
        self.side = side
        self.message = message


def _parse_in_child(src: Source | None) -> bool:
    """A big file not parsed before: parsing it here would starve the UI thread of the GIL."""
    if not isinstance(src, tuple):
        return False
    try:
        if os.path.getsize(src[0]) < PROCESS_MIN_BYTES:
            return False
    except OSError:
        return False  # load_article says what is wrong with it
    from diptych.background.article_cache import has_article

    return not has_article(src[0], src[1])


def _load_pair(
    req: PairRequest,
    report: Report,
    process: BackgroundProcess | None,
    cancelled: Cancelled = None,
) -> tuple[Article, Article]:
    """Both sides of a non-seed request; raises ``_SideFailed`` for a file the user must be
    told about."""
    assert req.a is not None and req.b is not None
    sources: dict[str, Source] = {"a": req.a, "b": req.b}
    loaded: dict[str, Article] = {}
    files: dict[str, tuple[str, str | None]] = {
        s: src for s, src in sources.items() if isinstance(src, tuple)
    }
    in_child = [s for s in files if process is not None and _parse_in_child(files[s])]

    def here(side: str) -> None:
        src = sources[side]
        if isinstance(src, tuple):
            verb = "Fetching" if is_url(src[0]) else "Reading"
            report("progress", (f"{verb} {_shown_name(src[0])}…",))
        try:
            loaded[side] = _load_source(src, report, cancelled)
        except DiptychError as exc:
            if cancelled is not None and cancelled():
                raise JobCancelled from exc  # the user stopped it: nothing to report
            raise _SideFailed(side, str(exc)) from exc
        except MemoryError as exc:
            raise _SideFailed(side, _NO_MEMORY) from exc

    # what is read here comes first (a web page, a small file): its failure is said at once,
    # not after a long PDF has been read for the other side; both sides read here are tried
    # before one is said, so two bad files are one message, not "the other file is shown"
    # followed by a second box saying it is not
    failures: list[_SideFailed] = []
    for side in ("a", "b"):
        if side not in in_child:
            try:
                here(side)
            except _SideFailed as exc:
                failures.append(exc)
    if len(failures) == 2:
        raise _SideFailed("", "\n".join(f"{f.side.upper()}: {f.message}" for f in failures))
    if failures:
        raise failures[0]
    if in_child and process is not None:
        names = " and ".join(Path(files[s][0]).name for s in in_child)
        report("progress", (f"Reading {names}…",))

        def pages(index: int, done: int, total: int) -> None:
            name = Path(files[in_child[index]][0]).name
            report("progress", (f"Reading {name}: page {done} of {total}…",))

        try:
            arts = process.load_articles([files[s] for s in in_child], pages)
        except ChildError as exc:
            raise _SideFailed(in_child[exc.index], str(exc)) from exc
        except MemoryError as exc:
            raise _SideFailed(in_child[0], _NO_MEMORY) from exc
        except ChildUnavailable:
            arts = []  # no child could start: read them here (slower for the window)
        loaded.update(zip(in_child, arts, strict=False))
    for side in in_child:
        if side not in loaded:
            here(side)
    return loaded["a"], loaded["b"]


def _analyse(a: Article, b: Article, process: BackgroundProcess | None) -> PairAnalysis:
    from diptych.core.compare.pair import analyze_pair

    if len(a.text) + len(b.text) >= PROCESS_MIN_CHARS and process is not None:
        # long texts: numeric code would hold the GIL long enough to freeze the window
        try:
            analysis = process.analyse(a, b)
        except ChildUnavailable:  # no child could start: analyse here (slower window)
            return analyze_pair(a, b)
        # the child's result holds copies of the articles: point it at the ones shown
        return dataclasses.replace(analysis, a=a, b=b)
    return analyze_pair(a, b)


def run_request(
    req: PairRequest,
    report: Report,
    wait_for_paint: Callable[[], object] = lambda: None,
    process: BackgroundProcess | None = None,
    cancelled: Cancelled = None,
) -> None:
    """The job itself (testable without threads): calls ``report(kind, args)``;
    ``wait_for_paint()`` returns once the UI has shown the articles (the analysis then starts,
    instead of competing with the first paint for the interpreter)."""
    try:
        if req.seed:
            from diptych.background.article_cache import load_seed_pair_cached

            report("progress", ("Reading the seed pair…",))
            a, b = load_seed_pair_cached()
        else:
            a, b = _load_pair(req, report, process, cancelled)
        if not req.shown:
            prepared: dict[str, object] = {}
            if req.prepare is not None:
                for key, art in (("a", a), ("b", b)):
                    if len(art.text) >= PREPARE_MIN_CHARS:
                        prepared[key] = req.prepare(art)
            report("articles", (a, b, prepared))
        wait_for_paint()
        report("progress", ("Finding topics and shared claims…",))
        report("analysis", (_analyse(a, b, process),))
    except JobCancelled:
        return
    except _SideFailed as exc:
        report("failed", (exc.side, exc.message))
    except DiptychError as exc:
        report("failed", ("", str(exc)))
    except MemoryError:
        report("failed", ("", _NO_MEMORY))
    except Exception:
        report("crashed", (traceback.format_exc(),))
