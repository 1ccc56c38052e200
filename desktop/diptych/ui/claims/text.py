"""The texts the claims panel writes: a sentence shortened to a line, untrusted text made
inert for HTML, and the word-level diff of a claim as HTML (``diff_html``). Qt-free."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from diptych.core.compare.terms import is_shouting, term_in, word_spans
from diptych.core.model import DiffOp
from diptych.ui.safe_text import visible


def shorten(text: str, limit: int = 110) -> str:
    """One line of at most ``limit`` characters, cut at a word boundary with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def _inert(text: str) -> str:
    """Untrusted ``text`` for the detail view's HTML: escaped, controls and bidi overrides as
    U+FFFD (``visible``)."""
    return html.escape(visible(text))


def _wordless(text: str) -> bool:
    return not any(c.isalnum() for c in text)


def _separators_as_shared(diff: Sequence[DiffOp]) -> list[DiffOp]:
    """``diff`` with each replacement of spacing or punctuation by spacing or punctuation
    ("bourgeois nationalist" / "bourgeois-nationalist") shown once, as shared: a struck space
    beside an underlined hyphen reads as "--", and no wording differs there. The form kept is
    the one that is not only white space (B's when both are)."""
    out: list[DiffOp] = []
    i = 0
    while i < len(diff):
        op, text = diff[i]
        if op != 0 and i + 1 < len(diff):
            op2, text2 = diff[i + 1]
            if op2 == -op and text and text2 and _wordless(text) and _wordless(text2):
                a_text, b_text = (text, text2) if op < 0 else (text2, text)
                out.append((0, b_text if b_text.strip() or not a_text.strip() else a_text))
                i += 2
                continue
        out.append((op, text))
        i += 1
    return out


_MOVED_TIP = "both say it, in another form or place"
_DIFF_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w]+")


def _side_term(diff: Sequence[DiffOp], side: int) -> Callable[[str], str | None]:
    """How a word of one side (-1: A, 1: B) becomes a term: as ``term_of``, but in a fragment
    written in capitals throughout "PRESIDENT" is the word "president" (``term_in``)."""
    text = "".join(t for op, t in diff if op in (0, side))
    shouting = is_shouting([text[s:e] for s, e in word_spans(text)])
    return lambda w: term_in(w, shouting)


def _edited_terms(diff: Sequence[DiffOp], side: int, term: Callable[[str], str | None]) -> set[str]:
    """The content terms of the words one side's edits hold (-1: A's, 1: B's)."""
    return {
        t for op, text in diff if op == side for w in _DIFF_WORD.findall(text) if (t := term(w))
    }


def diff_html(diff: Sequence[DiffOp], *, dark: bool = False) -> str:
    """HTML for a word-level diff: A-only words struck and red, B-only words green, shared
    words plain, and a word both sides say in another form or place (struck on one side,
    underlined on the other in the diff, which aligns words in order: "South America's most
    impoverished" / "most impoverished ... in South America") in plain italics on both. Text is
    escaped. Ops carry their own spacing; only where an A-only run is directly followed by its
    B-only replacement (or vice versa) is a space put between them."""
    a_color, b_color = ("#ff8a80", "#8fd694") if dark else ("#b3261e", "#1b7f2a")
    shown = _separators_as_shared(diff)
    term = {op: _side_term(shown, op) for op in (-1, 1)}
    moved = _edited_terms(shown, -1, term[-1]) & _edited_terms(shown, 1, term[1])

    def styled(op: int, text: str) -> str:
        esc = html.escape(visible(text))  # an override would turn the rest of it around
        if op < 0:
            return f'<s style="color:{a_color}" title="only in A">{esc}</s>'
        return f'<u style="color:{b_color}; font-weight:600">{esc}</u>'

    parts: list[str] = []
    prev, prev_op = "", 0
    for op, text in shown:
        if not text:
            continue
        replacement = prev_op != 0 and op != 0 and op != prev_op
        if replacement and prev and not prev[-1].isspace() and not text[0].isspace():
            parts.append(" ")
        if op == 0:
            parts.append(html.escape(visible(text)))
        else:
            run = ""  # words of this edit not said elsewhere by the other side
            after_moved = False
            for w in _DIFF_WORD.findall(text):
                if term[op](w) in moved:
                    if run:  # spacing between two such words is no change of its own
                        between = after_moved and _wordless(run)
                        parts.append(html.escape(visible(run)) if between else styled(op, run))
                        run = ""
                    parts.append(f'<i title="{_MOVED_TIP}">{html.escape(visible(w))}</i>')
                    after_moved = True
                else:
                    run += w
            if run:
                parts.append(styled(op, run))
        prev, prev_op = text, op
    return "".join(parts)
