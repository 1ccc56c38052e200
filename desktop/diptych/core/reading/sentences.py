"""Sentence spans of an article: never across blocks, covering every non-space character.

A boundary candidate is terminal punctuation (``. ! ? …`` and CJK/Arabic stops), optionally
followed by closing quotes or brackets, then whitespace. A candidate is rejected when the word
before it is an abbreviation that is normally followed by more of the same sentence ("Gen.",
"Dr.", "No. 240"), an initial ("George W. Bush", "J. R. R."; the pronoun "I" after a lower-case
word is no initial: "Here am I. And"), or a dotted acronym ("U.S.")
followed by a word that does not open sentences; and when the next word starts in lower case.
Decimals ("2.5") and dashes never split, since they have no space after the mark; nor does a
web or file address ("file:///etc/passwd", "https://x.org/a.b?c"), which has none in it, and
the period after one ends the sentence as after any word ("mailto:info@x.org. Officials").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from diptych.core.addresses import address_before
from diptych.core.model import Block, Span

# Titles and abbreviations that are (almost) never the last word of a sentence.
_ABBREV_NEVER_FINAL = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "fr",
        "sr",
        "st",
        "mt",
        "ft",
        "pres",
        "supt",
        "insp",
        "det",
        "hon",
        "messrs",
        "mme",
        "mlle",
        "sra",
        "vol",
        "vols",
        "fig",
        "figs",
        "chap",
        "para",
        "cf",
        "approx",
        "ca",
        "dept",
        "univ",
        "vs",
        "v",
        "e.g",
        "i.e",
        "viz",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
# Abbreviations after which a number follows as part of the same sentence ("No. 240").
_ABBREV_BEFORE_NUMBER = frozenset(
    ["no", "nos", "vol", "vols", "fig", "figs", "art", "sec", "ch", "chap", "p", "pp", "para", "op"]
)

# Words that commonly open a sentence: after "U.S." they mean a new sentence began.
_SENTENCE_OPENERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "there",
        "here",
        "his",
        "her",
        "their",
        "our",
        "my",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "however",
        "meanwhile",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "as",
        "after",
        "before",
        "when",
        "while",
        "if",
        "although",
        "though",
        "since",
        "because",
        "what",
        "who",
        "why",
        "how",
        "where",
        "which",
        "no",
        "not",
        "nor",
        "one",
        "some",
        "many",
        "most",
        "all",
        "both",
        "each",
        "every",
        "such",
        "then",
        "thus",
        "still",
        "also",
        "even",
        "only",
        "now",
        "today",
        "yesterday",
        "tomorrow",
    ]
)

_TERMINAL = re.compile(r"(?:(?:\.{2,}|[.!?…。！？؟۔]+)[\"'”’»)\]]*(?=\s)|[。！？]+[”’」』）]*)\s*")
_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*(\w[\w'’-]*)?")

_ACRONYM = re.compile(r"(?:[^\W\d_]{1,4}\.)+[^\W\d_]{1,4}")  # U.S, e.g, Ph.D, a.m

MAX_SENTENCE_CHARS = 5000  # longer runs without a stop are cut at a space (one 5 MB line...)


def _word_before(text: str, pos: int) -> str:
    """The word (letters, dots, apostrophes, hyphens) ending at ``pos``, at most 40 chars."""
    i = pos
    lo = max(0, pos - 40)
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in ".'’-_"):
        i -= 1
    return text[i:pos]


def _is_boundary(text: str, mark_start: int, mark_end: int, next_start: int) -> bool:
    mark = text[mark_start:mark_end]
    nxt = _NEXT_WORD.match(text, next_start)
    next_word = nxt.group(1) if nxt and nxt.group(1) else ""
    next_char = next_word[:1] if next_word else text[next_start]
    if next_char.islower():
        return False  # "“Why?” he asked", "etc. and", "U.S. imperialists"
    if not mark.startswith(".") or mark.startswith(".."):
        return True  # ! ? … and ellipses followed by a capital
    if mark_end - mark_start > 1 and mark[1:2] not in ("", ".") and mark[1] in "\"'”’»)]":
        return True  # a period inside closing quotes: ." .”  ends the sentence
    word = _word_before(text, mark_start).lstrip("'’-_")
    low = word.lower().rstrip(".")
    if not word:
        return True
    if address_before(text, mark_start):
        # "mailto:info@x.org. Officials", "https://x.org/gen. The": an address's last
        # word is no abbreviation, initial or acronym
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        # an initial: "George W. Bush", "J. R. R. Tolkien"; but the pronoun I after a
        # lower-case word ends a sentence: "Here am I. And he said", "So did I. Then"
        if word != "I":
            return False
        j = mark_start - 1  # the "I"; the word before it, across the spaces
        while j > 0 and text[j - 1].isspace():
            j -= 1
        return _word_before(text, j)[:1].islower()
    if _ACRONYM.fullmatch(word.rstrip(".")):
        # dotted acronym ("U.S", "e.g", "Ph.D"): a new sentence only if a sentence opener follows
        return next_word.lower() in _SENTENCE_OPENERS and low not in ("e.g", "i.e")
    if low in _ABBREV_BEFORE_NUMBER and next_char.isdigit():
        return False
    return low not in _ABBREV_NEVER_FINAL


# A number or a short lower-case Roman numeral with its period, all a "sentence" would hold
_ENUMERATOR = re.compile(r"\(?(?:\d{1,3}|[ivx]{1,4})[.)]")


def _split_text(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (absolute offsets), trimmed of whitespace."""
    pos = start
    for m in _TERMINAL.finditer(text, start, end):
        next_start = m.end()  # the match includes the whitespace after the mark
        if next_start >= end:
            break
        mark_end = m.start() + len(m.group().rstrip())
        if _ENUMERATOR.fullmatch(text, pos, mark_end):
            continue  # "1." "12." "iv." before a note or list item: its opening, not a sentence
        if _is_boundary(text, m.start(), mark_end, next_start):
            if mark_end - pos <= MAX_SENTENCE_CHARS and not text[pos].isspace():
                yield pos, mark_end  # the common case: already trimmed
            else:
                yield from _trimmed(text, pos, mark_end)
            pos = next_start
    yield from _trimmed(text, pos, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
            yield start, cut
            start = cut
        else:
            yield start, cut
            start = cut + 1
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def split_sentences(text: str, blocks: Iterable[Block]) -> tuple[Span, ...]:
    """Sentence spans of ``text``, block by block (a sentence never crosses a block)."""
    out: list[Span] = []
    for blk in blocks:
        for s, e in _split_text(text, blk.start, blk.end):
            out.append(Span(s, e))
    return tuple(out)
