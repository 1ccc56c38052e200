"""A quotation with its source, for "Copy with citation": plain text, one paragraph.

``cite(article, start, end)`` gives::

    “The council will vote next month.”
    — Jane Doe, “The harbour floods again”, Harbour News, 2019-11-13. https://example.org/a

Parts the article does not have are left out (no author: no "— ,"); whitespace in the quote is
collapsed to single spaces, and a quote longer than ``max_chars`` is cut at a word with "…".
"""

from __future__ import annotations

import re

from diptych.core.model import Article


def cite(article: Article, start: int, end: int, *, max_chars: int = 4000) -> str:
    """The passage ``article.text[start:end]`` (code points) and where it comes from."""
    quote = re.sub(r"\s+", " ", article.text[max(0, start) : max(start, end)]).strip()
    if len(quote) > max_chars:
        cut = quote.rfind(" ", 0, max_chars)
        quote = quote[: cut if cut > max_chars // 2 else max_chars].rstrip() + "…"
    meta = article.meta
    title = article.title or meta.title
    parts = [
        p for p in (meta.byline, f"“{title}”" if title else "", meta.publication, meta.date) if p
    ]
    source = ", ".join(parts)
    if not source and meta.source_path:
        source = meta.source_path
    line = f"— {source}." if source else ""
    if meta.url:
        line = f"{line} {meta.url}".strip()
    return f"“{quote}”" + (f"\n{line}" if line else "")
