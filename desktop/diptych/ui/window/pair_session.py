"""The pair on the desk: which files, their articles and their analysis, and how a pair is
opened (in the background, through the ``PairLoader``), restored at start and swapped.

``PairSession`` holds the state and talks to the loader; it knows no widget. The window
shows what it reports:

``reading(sides)``                 those sides' files are being read (no text to show yet)
``articles_ready(a, b, prepared, changed)``  the articles to show (``changed``: the sides
                                   whose article is new) and documents built ahead for them
``analysis_ready(PairAnalysis)``   topics, claims and anchors of the articles shown
``failed(side, message, next)``    a file could not be opened; ``next`` says what is shown
                                   instead: "kept" (the open pair stays), "seed-side" (the good
                                   file stays, the seed article takes the bad one's side) or
                                   "seed-pair" (nothing else to show)
``crashed(traceback)``, ``progress(text)``, ``busy_changed(bool)``
``stopped(sides)``                 the user stopped reading (``stop_reading``): those sides
                                   show what they showed before (the seed pair if nothing)
``reloaded(side, summary)``        ``reload(side)`` brought the page again; ``summary`` says
                                   what changed ("2 paragraphs changed", "the page has not
                                   changed")
``kept_copy(side, message)``       the web page opened on ``side`` could not be fetched: its
                                   copy kept from before is shown; ``message`` says why and
                                   the copy's date. (A reload that cannot fetch the page is a
                                   ``failed(side, message, "kept")``: nothing new came.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from diptych.background import pair_job
from diptych.background.pair_job import PairRequest, SeedArticle, Source
from diptych.core.model import Article, Side
from diptych.core.reading.web import file_address_path, is_url
from diptych.ui.desk_state import DeskState, SavedPair
from diptych.ui.worker import PairLoader

if TYPE_CHECKING:  # the analysis code loads in the worker, after the first paint
    from diptych.core.compare.pair import PairAnalysis

SIDES: tuple[Side, Side] = ("a", "b")


def other_side(side: str) -> Side:
    return "b" if side == "a" else "a"


class PairSession(QObject):
    """Opening, restoring and swapping the pair (see the module docstring)."""

    reading = Signal(tuple)
    articles_ready = Signal(object, object, object, tuple)
    analysis_ready = Signal(object)
    failed = Signal(str, str, str)
    crashed = Signal(str)
    progress = Signal(str)
    busy_changed = Signal(bool)
    stopped = Signal(tuple)
    reloaded = Signal(str, str)
    kept_copy = Signal(str, str)

    def __init__(self, state: DeskState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.loader = PairLoader(self)
        self._articles: dict[str, Article | None] = {"a": None, "b": None}
        self._sources: dict[str, str] = {"a": "", "b": ""}  # file paths; "" = seed article
        self._pending_sources: tuple[str, str] = ("", "")
        self._analysis: PairAnalysis | None = None
        self._pending_tops: tuple[int, int] | None = None
        self._fallback_to_seed = False
        self._last_request = PairRequest(seed=True)
        self._reading: tuple[str, ...] = ()  # sides whose files are being read
        self._reloading: dict[str, Article] = {}  # side -> the article shown before a reload
        # set by the window: False when the user keeps an unsaved note instead
        self.may_replace: Callable[[], bool] = lambda: True
        # set by the window: called on the UI thread as a request starts, returns what builds a
        # pane's document for an article in the worker (with the panes' style of that moment)
        self.make_prepare: Callable[[], Callable[[Article], object] | None] = lambda: None
        self.loader.progress.connect(lambda _job, text: self.progress.emit(text))
        self.loader.articles_ready.connect(self._on_articles)
        self.loader.analysis_ready.connect(self._on_analysis)
        self.loader.failed.connect(self._on_failed)
        self.loader.crashed.connect(lambda _job, text: self.crashed.emit(text))
        self.loader.busy_changed.connect(self.busy_changed)

    # -- what is open ------------------------------------------------------------------------
    def article(self, side: str) -> Article | None:
        return self._articles[side]

    def source(self, side: str) -> str:
        """The file shown on ``side`` ("" for a seed article)."""
        return self._sources[side]

    def analysis(self) -> PairAnalysis | None:
        return self._analysis

    def has_pair(self) -> bool:
        return self._articles["a"] is not None and self._articles["b"] is not None

    def take_pending_tops(self) -> tuple[int, int] | None:
        """The scroll positions to restore once the restored pair is shown (once)."""
        tops, self._pending_tops = self._pending_tops, None
        return tops

    # -- opening -----------------------------------------------------------------------------
    def open_pair(self, a: str | Path, b: str | Path, *, encoding: str | None = None) -> int:
        """Read and analyse two files (in the background); returns the request id (0: the
        user kept the open pair)."""
        a, b = _given(a), _given(b)
        req = PairRequest(a=(str(a), encoding), b=(str(b), encoding))
        return self._start(req, (_located(a), _located(b)), SIDES)

    def open_side(self, side: str, path: str | Path, *, encoding: str | None = None) -> int:
        """Replace one side's article with a file; the other side stays as it is."""
        path = _given(path)
        other = self._articles[other_side(side)]
        assert other is not None, "open_side needs an open pair"
        src: dict[str, Source] = {side: (str(path), encoding), other_side(side): other}
        srcs = dict(self._sources)
        srcs[side] = _located(path)
        req = PairRequest(a=src["a"], b=src["b"])
        return self._start(req, (srcs["a"], srcs["b"]), (side,))

    def open_seed_pair(self) -> int:
        return self._start(PairRequest(seed=True), ("", ""), SIDES)

    def is_reading(self) -> bool:
        """Whether a file or page is being read or fetched (what ``stop_reading`` stops)."""
        return bool(self._reading)

    def stop_reading(self) -> bool:
        """Stop the fetch or read under way (False if there is none). What was shown stays;
        with nothing shown yet, the seed pair is opened."""
        if not self._reading:
            return False
        sides, self._reading = self._reading, ()
        self._reloading.clear()
        self._fallback_to_seed = False
        self.loader.cancel_all()
        self.stopped.emit(sides)
        if self._articles["a"] is None or self._articles["b"] is None:
            self.open_seed_pair()
        return True

    def reload(self, side: str) -> int:
        """Fetch the web page shown on ``side`` again and show it in place, under the same
        identity (its canonical URL), so that its highlights anchor on the new text; the
        ``reloaded`` signal says what changed. 0 if the side shows no web page (or the user
        kept an unsaved note)."""
        src, art = self._sources[side], self._articles[side]
        if art is None or not is_url(src):
            return 0
        job = self.open_side(side, src)
        if job:
            self._reloading[side] = art
        return job

    def restore(self, saved: SavedPair | None) -> str:
        """Open the saved pair (and later its scroll positions), or the seed pair on a first
        start or when a file of it is gone. Returns a notice for the user ("" if none)."""
        if saved is None or saved.is_seed:
            if saved is not None:
                self._pending_tops = (saved.top_a, saved.top_b)
            self.open_seed_pair()
            return ""
        present = {s: p for s, p in zip(SIDES, (saved.a, saved.b), strict=True) if p}
        missing = [
            s
            for s in SIDES
            if s not in present or not (is_url(present[s]) or Path(present[s]).is_file())
        ]
        if len(missing) == 2:
            self.open_seed_pair()
            gone = saved.a or saved.b
            return f"{gone} is no longer there: showing the seed pair instead."
        if missing:
            # the good file stays; the seed article takes the other side
            bad, good = missing[0], other_side(missing[0])
            self._fallback_to_seed = True
            self._open_with_seed_side(bad, present[good])
            what = present.get(bad)
            if what:
                return f"{what} is no longer there: the seed article is shown in its place."
            return ""
        self._pending_tops = (saved.top_a, saved.top_b)
        self._fallback_to_seed = True
        self.open_pair(saved.a, saved.b)
        return ""

    def _open_with_seed_side(self, seed_side: str, path: str, encoding: str | None = None) -> int:
        good = other_side(seed_side)
        src: dict[str, Source] = {seed_side: SeedArticle(seed_side), good: (path, encoding)}
        sources = {seed_side: "", good: _located(path)}
        return self._start(PairRequest(a=src["a"], b=src["b"]), (sources["a"], sources["b"]), SIDES)

    def swap(self) -> None:
        """Exchange A and B (articles, files, analysis); an analysis under way is asked for
        again, swapped. The caller shows the result."""
        a, b = self._articles["a"], self._articles["b"]
        if a is None or b is None:
            return
        self._articles = {"a": b, "b": a}
        self._sources = {"a": self._sources["b"], "b": self._sources["a"]}
        self._analysis = self._analysis.swapped() if self._analysis is not None else None
        if self.loader.is_busy():
            # an analysis of the unswapped pair is on its way: ask for the swapped one
            self._pending_sources = (self._sources["a"], self._sources["b"])
            self.loader.request(PairRequest(a=b, b=a))

    def replace_analysis(self, analysis: PairAnalysis) -> None:
        """The same pair's analysis after the reader edited its topics (same articles)."""
        if self._analysis is not None and (analysis.a, analysis.b) == (
            self._analysis.a,
            self._analysis.b,
        ):
            self._analysis = analysis

    def released(self) -> None:
        """The articles are on screen: the analysis may start."""
        self.loader.release()

    def _start(self, req: PairRequest, sources: tuple[str, str], sides: tuple[str, ...]) -> int:
        if self._articles["a"] is not None and not self.may_replace():
            return 0
        self._pending_sources = sources
        self._last_request = req
        req = replace(req, prepare=self.make_prepare())
        cached = self._cached_articles(req)
        if cached is not None:
            # parsed before and unchanged since: nothing to read or parse again
            req = replace(req, a=cached[0], b=cached[1], seed=False)
            if max(len(cached[0].text), len(cached[1].text)) < pair_job.PREPARE_MIN_CHARS:
                # short: shown now (quickest start), analysed in the background
                job = self.loader.request(replace(req, shown=True))
                self._on_articles(job, cached[0], cached[1], {})
                return job
            # long: their documents are built in the worker (here they would freeze the
            # window for a quarter of a second per MB)
        self._reloading.clear()
        self._reading = tuple(sides)
        self.reading.emit(tuple(s for s in sides if self._articles[s] is None))
        return self.loader.request(req)

    @staticmethod
    def _cached_articles(req: PairRequest) -> tuple[Article, Article] | None:
        """Both articles of the request from the parse cache, or None (nothing is parsed)."""
        from diptych.background.article_cache import peek_article, peek_seed_pair

        if req.seed:
            return peek_seed_pair()
        out = []
        for src in (req.a, req.b):
            if isinstance(src, Article):
                out.append(src)
            elif isinstance(src, SeedArticle):
                seeds = peek_seed_pair()
                if seeds is None:
                    return None
                out.append(seeds[0 if src.side == "a" else 1])
            elif src is None:
                return None
            else:
                art = peek_article(src[0], src[1])
                if art is None:
                    return None
                out.append(art)
        return out[0], out[1]

    # -- the loader's reports ------------------------------------------------------------------
    def _on_articles(self, _job: int, a: Article, b: Article, prepared: dict[str, object]) -> None:
        changed = []
        for side, art, src in (
            ("a", a, self._pending_sources[0]),
            ("b", b, self._pending_sources[1]),
        ):
            if self._articles[side] is not art:
                self._articles[side] = art
                changed.append(side)
            self._sources[side] = src
        self._fallback_to_seed = False
        self._reading = ()
        self._analysis = None
        # remembered as soon as it is open, not only on a clean quit: after a crash or a
        # kill -9 the next start shows this pair (its scroll positions are saved on quit)
        saved = self.state.pair()
        if saved is None or (saved.a, saved.b) != (self._sources["a"], self._sources["b"]):
            self.state.save_pair(SavedPair(self._sources["a"], self._sources["b"]))
        if self._sources["a"] or self._sources["b"]:
            self.state.add_recent_pair(self._sources["a"], self._sources["b"])
        else:
            self.state.sync()
        reloaded, self._reloading = self._reloading, {}
        self.articles_ready.emit(a, b, prepared, tuple(changed))
        for side in changed:
            now = self._articles[side]
            if now is not None and now.meta.kept_copy and side not in reloaded:
                self.kept_copy.emit(side, now.meta.kept_copy)
        for side, before in reloaded.items():
            from diptych.core.reading.web import what_changed

            now = self._articles[side] or before
            if now.meta.kept_copy:  # not fetched: the copy kept, which the pane showed
                self.failed.emit(side, now.meta.kept_copy, "kept")
                continue
            self.reloaded.emit(side, what_changed(before, now))

    def _on_analysis(self, _job: int, analysis: PairAnalysis) -> None:
        if analysis.a is not self._articles["a"] or analysis.b is not self._articles["b"]:
            return
        self._analysis = analysis
        self.analysis_ready.emit(analysis)

    def _on_failed(self, _job: int, side: str, message: str) -> None:
        self._reading = ()
        self._reloading.clear()
        fallback = self._articles["a"] is None or self._fallback_to_seed
        self._fallback_to_seed = False
        if not fallback:
            self.failed.emit(side, message, "kept")
            return
        req = self._last_request
        good = other_side(side) if side in SIDES else ""
        good_src = (req.a if good == "a" else req.b) if good else None
        if isinstance(good_src, tuple) and not isinstance(
            req.a if side == "a" else req.b, SeedArticle
        ):
            # one bad file: the good one stays, the seed article takes the bad one's side
            self.failed.emit(side, message, "seed-side")
            self._fallback_to_seed = True  # if the good one fails too: the seed pair
            self._open_with_seed_side(side, good_src[0], good_src[1])
            return
        self.failed.emit(side, message, "seed-pair")
        self.open_seed_pair()


def _located(path: str | Path) -> str:
    """Where an article comes from, as remembered: a web address as it is, a file absolute."""
    return str(path) if is_url(str(path)) else str(Path(path).absolute())


def _given(path: str | Path) -> str | Path:
    """A file or web address as given; a ``file://`` address (as Diptych's exports name
    articles) as the file it names, not a relative path "file:/…" that is nowhere."""
    if isinstance(path, str) and not is_url(path) and not Path(path).exists():
        return file_address_path(path) or path
    return path
