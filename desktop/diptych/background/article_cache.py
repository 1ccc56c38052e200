"""A cache of parsed articles, so that reopening the last pair shows text without re-parsing.

Parsed ``Article`` values are pickled into the user cache dir (``platformdirs``), keyed by the
file's path, size, modification time, the forced encoding, and the modification times of the
core parsing code (so a changed parser never serves stale results). It holds only what can be
rebuilt from the files; a missing, unreadable or damaged entry is simply a miss. Entries are
written atomically with user-only permissions; the oldest beyond ``MAX_ENTRIES`` are removed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from diptych import __version__
from diptych.core.model import Article

MAX_ENTRIES = 40
FORMAT = 1


def cache_dir() -> Path:
    """``<user cache dir>/diptych/articles``. On Linux the XDG rule is applied here, as
    platformdirs applies it (importing platformdirs costs the window's start-up ~10 ms)."""
    if sys.platform.startswith("linux") and "ANDROID_DATA" not in os.environ:
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not base.strip():
            base = os.path.expanduser("~/.cache")
        return Path(base) / "diptych" / "articles"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("diptych", appauthor=False)) / "articles"


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Changes whenever any core module changes (parsers included, in every subpackage)."""
    import diptych.core as core

    parts = []
    for d in core.__path__:
        for p in sorted(Path(d).rglob("*.py")):
            try:
                st = p.stat()
            except OSError:
                continue
            parts.append(f"{p.relative_to(d)}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def _key(paths: list[Path], extra: str) -> str | None:
    h = hashlib.sha256(f"{FORMAT}|{__version__}|{extra}|{_code_stamp()}".encode())
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            return None
        h.update(f"|{p.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:40]


class YieldingFile:
    """A binary file whose ``read``/``write`` are Python methods, for ``pickle``.

    Pickling or unpickling a long article straight to/from a real file is one C call that
    holds the interpreter lock throughout (tens of ms; hundreds when the machine is busy
    and the thread gets preempted meanwhile), and the window's thread waits for it. Through
    this wrapper, pickle calls back into Python for every frame (about 64 KB), where Python
    can hand the lock to the UI thread.
    """

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh

    def write(self, data: bytes) -> int:
        return self._fh.write(data)

    def read(self, n: int = -1) -> bytes:
        return self._fh.read(n)

    def readinto(self, buf: bytearray | memoryview) -> int:
        n: int = self._fh.readinto(buf)  # type: ignore[attr-defined]
        return n

    def readline(self) -> bytes:
        return self._fh.readline()


def _read(key: str) -> object | None:
    try:
        with open(cache_dir() / f"{key}.pickle", "rb") as fh:
            value: object = pickle.load(YieldingFile(fh))
            return value
    except Exception:  # a damaged or foreign entry is a miss, never an error
        return None


def _write(key: str, value: object) -> None:
    d = cache_dir()
    try:
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, YieldingFile(fh), protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, d / f"{key}.pickle")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        entries = sorted(d.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # no cache is fine


def cached(paths: list[Path], extra: str, load: Callable[[], object]) -> object:
    """``load()``'s result for these files, from the cache when their stamps match."""
    key = _key(paths, extra)
    if key is not None:
        hit = _read(key)
        if hit is not None:
            return hit
    value = load()
    if key is not None:
        _write(key, value)
    return value


def peek(paths: list[Path], extra: str) -> object | None:
    """The cached value for these files if there is one (never parses anything)."""
    key = _key(paths, extra)
    return _read(key) if key is not None else None


def _seed_files() -> list[Path]:
    from importlib.util import find_spec

    spec = find_spec("diptych.seeds")
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        return []
    seeds = Path(locations[0])
    return sorted(p for p in seeds.iterdir() if p.suffix in (".md", ".txt", ".toml", ".html"))


def has_article(path: str | Path, encoding: str | None = None) -> bool:
    """Whether the cache holds an entry for this file as it is now (nothing is read)."""
    key = _key([Path(path)], f"article|{encoding or ''}")
    return key is not None and (cache_dir() / f"{key}.pickle").is_file()


def peek_article(path: str | Path, encoding: str | None = None) -> Article | None:
    value = peek([Path(path)], f"article|{encoding or ''}")
    return value if isinstance(value, Article) else None


def peek_seed_pair() -> tuple[Article, Article] | None:
    value = peek(_seed_files(), "seed-pair")
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, Article) for v in value):
        return value[0], value[1]
    return None


def load_article_cached(
    path: str | Path,
    encoding: str | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    fetching: Callable[[int, int | None], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Article:
    """``progress(pages done, pages)`` for a PDF parsed here; ``fetching(bytes, expected)``
    and ``cancel()`` for a URL (see ``load_article``)."""
    from diptych.core.reading.web import is_url

    if is_url(str(path)):  # fetched again (and its snapshot replaced) each time it is opened
        from diptych.core.reading.articles import load_article

        return load_article(str(path), fetching=fetching, cancel=cancel, progress=progress)

    def load() -> Article:
        from diptych.core.reading.articles import load_article

        return load_article(Path(path), encoding=encoding or None, progress=progress)

    value = cached([Path(path)], f"article|{encoding or ''}", load)
    assert isinstance(value, Article)
    return value


def load_seed_pair_cached() -> tuple[Article, Article]:
    files = _seed_files()

    def load() -> tuple[Article, Article]:
        from diptych.core.reading.articles import load_seed_pair

        return load_seed_pair()

    value = cached(files, "seed-pair", load)
    assert isinstance(value, tuple) and len(value) == 2
    return value[0], value[1]
