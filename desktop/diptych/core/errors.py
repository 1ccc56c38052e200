"""The one error type users see: a clear, one-line message about their input."""

from __future__ import annotations


class DiptychError(Exception):
    """A problem with the user's input or environment, stated in one clear line."""


class ArticleError(DiptychError):
    """An article file could not be opened or read (missing, binary, empty, undecodable...)."""


class TopicsError(DiptychError):
    """A topic set file is missing or malformed."""


class StoreError(DiptychError):
    """The highlights database could not be opened or written."""
