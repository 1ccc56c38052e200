"""Where a highlight is: W3C selectors made from a range, and found again after the text changed.

A highlight is described by a ``TextQuoteSelector`` (the exact text plus up to
``CONTEXT_CHARS`` = 32 code points of prefix and suffix) and a ``TextPositionSelector``
(code-point offsets), together with the fingerprint of the text it was made on.

``describe(text, start, end)`` makes both selectors. ``resolve(...)`` finds the highlight in a
(possibly edited) text, in this order:

1. **Unchanged fingerprint** → the stored position, status ``"anchored"``. Without a
   fingerprint (an annotation from another client) the same when the text is plainly the one
   it was made on: the position holds the exact quote and the context as given (the W3C model
   makes prefix and suffix optional; other clients keep them short), with some context or a
   quote found nowhere else; or, without a position selector, the quote and its context read
   exactly at one place only. ``"reanchored"`` is for text that changed.
2. **Changed text, snapshot known** → map the old range to the new text through a
   diff-match-patch diff of snapshot → new text (``diff_main``; positions mapped exactly as
   ``diff_xIndex`` does, with a bisect table so a thousand highlights cost one diff). The range
   there (snapped to the nearest exact copy of the quote close by, or aligned with an edit
   distance) is accepted when the quote still matches closely (edit similarity ≥ 0.7, ≥ 0.85
   under 20 characters, exact under 5): status ``"reanchored"``. Where the diff did not keep
   the text around the highlight (a rewrite), short quotes also need their context to match,
   unless the character diff (before its semantic cleanup) kept every character of the
   quote and the quote occurs once in the old text and once in the new one: a two-word quote
   next to an edit has little context left to agree, but its words did not move.
3. **Fuzzy quote search** (the Hypothesis client's ``matchQuote`` is the model): near the
   expected place first, then everywhere; candidate places are voted by the quote's rarest
   words (exact pieces for text without word breaks), ranked by a quote-sized alignment,
   aligned by edit distance and scored ``(50·quote + 20·prefix + 20·suffix + 2·position) / 92``.
   Quotes under 12 characters need an exact match *and* matching context, so "the" never
   lands on some other "the"; longer ones need a close quote match or clearly matching
   context.
4. Otherwise **orphaned**: the caller keeps the highlight and lists it; nothing is moved.

Never onto other words: a place is refused when its sentence states other **facts** (numbers,
number words, names) than the highlight's did ("Copper prices rose by thirty percent" is not
"Lithium prices rose by forty percent", however alike the letters); with the snapshot one fact
may change where the diff kept the highlight's own words and the new sentence was not in the
old text (a corrected figure). A short quote found away from where the diff maps it needs
*both* sides of its context (one side is what any place right after a deleted sentence has),
or its very sentence around it. Another old copy of the quote that the diff kept is that copy's
words, and where two old copies compete for one new place (a deletion between two copies can
be read either way) the one whose facts and context fit owns it.

For many highlights on the same article use :class:`Reanchorer`, which computes each
snapshot's diff (and the word index of the new text) once. Measured: 1,000 highlights after an
edit near the top of a 1 MB text in 20–45 ms; 1,000 without snapshots 0.4–1 s; 1,000 in a
completely rewritten 1 MB text (all orphaned) 5–7 s (``tests/benchmarks/bench_store.py``).

The package, one concern per module (like hypothesis/client's ``src/annotator/anchoring/``):
``selectors`` (``describe``, ``Resolution``), ``position_map`` (diff mapping), ``quote_match``
(fuzzy scores and thresholds), ``facts`` (numbers, names, sentences) and ``reanchorer``
(``Reanchorer``, ``resolve``). The public names are re-exported here.
"""

from __future__ import annotations

from diptych.core.notes.anchoring.position_map import DIFF_TIMEOUT_S, PositionMap
from diptych.core.notes.anchoring.reanchorer import Reanchorer, resolve
from diptych.core.notes.anchoring.selectors import (
    CONTEXT_CHARS,
    ORPHANED,
    Resolution,
    ResolutionStatus,
    describe,
    unplaced,
)

__all__ = [
    "CONTEXT_CHARS",
    "DIFF_TIMEOUT_S",
    "ORPHANED",
    "PositionMap",
    "Reanchorer",
    "Resolution",
    "ResolutionStatus",
    "describe",
    "resolve",
    "unplaced",
]
