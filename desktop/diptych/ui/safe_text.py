"""Showing untrusted text (titles, URLs, file names, messages) in Qt labels and tooltips.

Qt guesses whether a label's or tooltip's text is rich text (``Qt::mightBeRichText``); a link
target such as ``"<img src=file:///etc/passwd>"`` would then be rendered as HTML, and its image
loaded from disk. ``as_rich(text)`` escapes the text and wraps it so Qt always treats it as rich
text it can only display literally.
"""

from __future__ import annotations

import html


def as_rich(text: str) -> str:
    """``text`` as rich text that shows exactly these characters (line breaks kept)."""
    return "<p style='white-space: pre-wrap'>" + html.escape(text) + "</p>"
