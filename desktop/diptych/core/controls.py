"""The characters that must not act where untrusted text is shown (panes, labels, tooltips,
exports): C0 and C1 controls and DEL, and the bidirectional controls. One definition for every
place that shows them inertly (``ui.safe_text``, ``export.model``, the Markdown escaper, the
note editor, the panes). Besides, the characters that draw nothing (``INVISIBLE``): a topic
name may not hold them, and the terminal shows them escaped."""

from __future__ import annotations

# C0 controls less tab and newline, DEL, and C1 controls: as ranges for a regex class
C0_C1 = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# direction marks: they reorder no letter (right-to-left text needs them)
BIDI_MARKS = "\u061c\u200e\u200f"
# embeddings, overrides, isolates and their ends: they reorder the letters after them (an
# unclosed U+202E draws the rest of its paragraph mirrored)
BIDI_REORDERING = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# a regex class of everything above (a label or tooltip of one line: a mark there can still
# flip a file name's parts)
HIDDEN_CLASS = f"[{C0_C1}{BIDI_MARKS}{BIDI_REORDERING}]"
# what acts in a document's text (exports, as in the panes): direction marks are kept, the
# reader's Hebrew or Arabic note needs them
ACTING_CLASS = f"[{C0_C1}{BIDI_REORDERING}]"
# what draws nothing and is no space (as regex class contents): the zero-width space, word
# joiner and byte order mark, the Hangul fillers (letters to Python, a blank on screen), the
# Mongolian vowel separator, the invisible operators, the deprecated format characters, the
# interlinear annotation marks and the tag characters; not the zero-width joiner and
# non-joiner (some scripts spell with them) nor the variation selectors (emoji)
INVISIBLE = (
    "\u200b\u2060\ufeff\u115f\u1160\u3164\uffa0\u180e\u2061-\u2064\u206a-\u206f"
    "\ufff9-\ufffb\U000e0000-\U000e007f"
)
