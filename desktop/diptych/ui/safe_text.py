"""Showing untrusted text (notes, article text, titles, URLs, file names, messages) in Qt
labels and tooltips.

Qt guesses whether a label's or tooltip's text is rich text (``Qt::mightBeRichText``); a note
or a link target such as ``"<img src=file:///etc/passwd>"`` would then be rendered as HTML,
and its image loaded from disk (a FIFO blocks the UI thread; ``/dev/zero`` exhausts memory).
``as_rich(text)`` escapes the text and wraps it so Qt always treats it as rich text it can
only display literally; ``plain_tip(text)`` also breaks long lines. Both pass the text through
``visible(text)`` first: control characters and bidirectional overrides (which reorder what
follows, U+202E) are shown as U+FFFD instead of acting.
"""

from __future__ import annotations

import re
import textwrap

from diptych.core.controls import HIDDEN_CLASS

# C0 controls except TAB and LF, DEL, C1 controls, bidi embeddings/overrides/isolates and marks
_HIDDEN = re.compile(HIDDEN_CLASS)


def escape(text: str) -> str:
    """``text`` with ``& < > " '`` as character references: what ``escape(text)`` does,
    without importing ``html`` (its entity table costs the start a few ms)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def visible(text: str) -> str:
    """``text`` with line/paragraph separators as line breaks and other control characters
    (C0, DEL, C1, bidi controls) replaced by U+FFFD, so nothing in it acts on the display."""
    text = text.replace("\r\n", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return _HIDDEN.sub("\ufffd", text)


def one_line(text: str) -> str:
    """``visible`` text on one line, its runs of white space (line breaks too) one space: a
    name or title shown in a label, a chip or a tree row."""
    return " ".join(visible(text).split())


def as_rich(text: str) -> str:
    """``text`` as rich text that shows these characters literally (line breaks kept), with
    control and bidi characters as U+FFFD (``visible``): a U+202E in a file name would
    otherwise reverse what follows it."""
    return "<p style='white-space: pre-wrap'>" + escape(visible(text)) + "</p>"


TIP_COLUMNS = 80  # tooltip lines are broken here (Qt would wrap rich text very narrowly)


def plain_tip(text: str) -> str:
    """A tooltip (or label) for untrusted ``text``: literal, nothing loaded, nothing hidden;
    long lines broken at ``TIP_COLUMNS`` so the tooltip is as wide as it needs."""
    lines = []
    for line in visible(text).split("\n"):
        lines.append(
            textwrap.fill(line, TIP_COLUMNS, break_long_words=True, break_on_hyphens=False)
            if len(line) > TIP_COLUMNS
            else line
        )
    return "<p style='white-space: pre'>" + escape("\n".join(lines)) + "</p>"
