"""The third-party readers Diptych relies on, imported in one place and never silently.

Each is imported on first use. An import that fails (a missing package, or one whose own
dependency is missing, as trafilatura without ``lxml_html_clean`` under lxml >= 5.2) is logged
once as an error naming the package and what is lost, and ``reader_status`` reports it, so
``diptych --version`` says "trafilatura: missing (...)" instead of the HTML path quietly
running without it.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from importlib import metadata
from types import ModuleType

log = logging.getLogger("diptych.readers")


@dataclass(frozen=True)
class Reader:
    name: str  # the distribution's name, as pip knows it
    module: str  # what is imported
    purpose: str  # what the user loses without it


READERS: tuple[Reader, ...] = (
    Reader("trafilatura", "trafilatura", "web pages: main-text candidate and metadata"),
    Reader("lxml_html_clean", "lxml_html_clean", "trafilatura's HTML cleaner (lxml >= 5.2)"),
    Reader("readability-lxml", "readability", "web pages: main-text candidate"),
    Reader("pypdfium2", "pypdfium2", "PDF files"),
    Reader("mammoth", "mammoth", "Word (DOCX) files"),
    Reader("urllib3", "urllib3", "opening a URL"),
    Reader(
        "publicsuffixlist",
        "publicsuffixlist",
        "opening a URL: a canonical link on another host of the same site is believed",
    ),
)

_loaded: dict[str, ModuleType | None] = {}
_errors: dict[str, str] = {}


def _reader(name: str) -> Reader:
    for r in READERS:
        if r.name == name:
            return r
    raise KeyError(name)


def load(name: str) -> ModuleType | None:
    """The reader's module, or None when it cannot be imported (logged once as an error)."""
    if name in _loaded:
        return _loaded[name]
    r = _reader(name)
    try:
        mod: ModuleType | None = importlib.import_module(r.module)
    except Exception as exc:  # ImportError, or anything its own imports raise
        mod = None
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        _errors[name] = reason
        log.error("%s cannot be imported (%s); lost: %s", r.name, reason, r.purpose)
    _loaded[name] = mod
    return mod


def require(name: str) -> ModuleType:
    """The reader's module; when it cannot be imported, an ``ArticleError`` saying what is
    missing and what it is for (the error is logged once too)."""
    mod = load(name)
    if mod is None:
        from diptych.core.errors import ArticleError

        r = _reader(name)
        raise ArticleError(
            f"{r.purpose[0].upper()}{r.purpose[1:]} need {r.name}, which cannot be imported "
            f"({_errors.get(name, 'not importable')}); reinstall Diptych to bring it back."
        )
    return mod


def reader_status() -> list[tuple[str, str]]:
    """(name, version or "missing (reason)") for every reader, importing each."""
    out: list[tuple[str, str]] = []
    for r in READERS:
        if load(r.name) is None:
            out.append((r.name, f"missing ({_errors.get(r.name, 'not importable')})"))
            continue
        try:
            version = metadata.version(r.name)
        except metadata.PackageNotFoundError:
            version = "present"
        out.append((r.name, version))
    return out


def forget() -> None:
    """Import again on next use (for tests, after changing what is importable)."""
    _loaded.clear()
    _errors.clear()
