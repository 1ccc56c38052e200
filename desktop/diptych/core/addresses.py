"""Web and file addresses written in running text ("file:///etc/passwd", "https://x.org/a,b",
"javascript:alert(1)", "mailto:a@b.org", "www.example.org"): one piece of a sentence, whose
colons, commas, periods and brackets are not the sentence's punctuation."""

from __future__ import annotations

import re

# a scheme and what follows it to the next space, "www." and a word, or any "scheme://"
# ("git+ssh://host/x")
ADDRESS = re.compile(
    r"(?:\b(?:https?|ftp|file|mailto|javascript|data|vbscript):|\bwww\.)\S+|\S+://\S+",
    re.IGNORECASE,
)
# an address's start, at the start of a word (after any opening quote or bracket)
_STARTS = re.compile(
    r"[\"'“‘«(\[<]*(?:(?:https?|ftp|file|mailto|javascript|data|vbscript):|www\.|[\w.+-]+://)",
    re.IGNORECASE,
)
# what an address ends with that is the sentence's, not the address's ("…/a, and")
_AFTER_ADDRESS = ".,;:!?'\"”’"
_OPENS = {")": "(", "]": "["}


def address_spans(text: str) -> list[tuple[int, int]]:
    """Where the addresses of ``text`` are: each to its next space, without the punctuation
    after it, nor a closing bracket it did not open ("(see https://x.org/m)")."""
    spans = []
    for m in ADDRESS.finditer(text):
        start, end = m.span()
        while end > start:
            last = text[end - 1]
            if last in _AFTER_ADDRESS or (
                last in _OPENS
                and text.count(_OPENS[last], start, end) < text.count(last, start, end)
            ):
                end -= 1
            else:
                break
        spans.append((start, end))
    return spans


def address_before(text: str, pos: int, reach: int = 2000) -> bool:
    """The word (all up to the space before it) that ends at ``pos`` is an address: a period
    after "mailto:info@x.org" or "https://x.org/gen" is no abbreviation's, initial's or
    acronym's."""
    start, lo = pos, max(0, pos - reach)
    while start > lo and not text[start - 1].isspace():
        start -= 1
    return _STARTS.match(text, start, pos) is not None
