"""Fact checks: the numbers and names a quote states, and the sentence around a place."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

# A fact is a number (digits or a number word) or a name (a capitalised word that is not one
# of the function words a sentence starts with). A look-alike sentence that states other facts
# ("Copper prices rose by thirty percent" for "Lithium prices rose by forty percent") is
# different words, however similar its letters.
_TOKEN_RE = re.compile(r"\d+(?:[.,:]\d+)*|\w+")
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"'”’)\]]|$)|\n")
_SENTENCE_BREAKS = (". ", "! ", "? ", "… ", ".\n", "\n")
_NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred thousand million billion trillion dozen half quarter third twice thrice
    first second fourth fifth sixth seventh eighth ninth tenth""".split()  # noqa: SIM905
)
_FUNCTION_WORDS = frozenset(
    """a an the this that these those it its he she they we i you his her their our my your
    in on at by for from with of to into onto over under after before since during until
    and but or nor so yet if when while as than then there here where what which who whom
    whose why how all any some many most much more few no not none each every both either
    neither also however meanwhile still only even just such is are was were be been has have
    had do does did will would can could may might must shall should mr mrs ms dr""".split()  # noqa: SIM905
)


def _is_fact(token: str) -> bool:
    if any(c.isdigit() for c in token):
        return True
    low = token.casefold()
    return low in _NUMBER_WORDS or (token[:1].isupper() and low not in _FUNCTION_WORDS)


def _once(text: str, part: str) -> bool:
    first = text.find(part)
    return first != -1 and text.find(part, first + 1) == -1


def _has_as_words(text: str, part: str) -> bool:
    """``part`` occurs in ``text`` with no letter or digit glued to either end: "one quiver
    …" is not in "stone quiver …" (a plain ``in`` would say it is)."""
    at = text.find(part)
    while at != -1:
        if _word_edges(text, at, at + len(part)) == (False, False):
            return True
        at = text.find(part, at + 1)
    return False


def _word_edges(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether a letter or digit touches ``[start, end)`` on the left and on the right."""
    return text[start - 1 : start].isalnum() if start else False, text[end : end + 1].isalnum()


def _sentence_span(full: str, lo: int, hi: int) -> tuple[int, int]:
    """The part of ``full`` in the sentence(s) holding ``[lo, hi)``: the context is cut at the
    nearest sentence ends (another sentence's words say nothing about this one's facts)."""
    a = 0
    for m in _SENTENCE_END.finditer(full, 0, lo):
        a = m.end()
    end = _SENTENCE_END.search(full, max(lo, hi - 1))
    return a, end.end() if end else len(full)


def _sentence_around(text: str, start: int, end: int, reach: int = 600) -> tuple[int, int]:
    """The span of the sentence(s) of ``text`` holding ``[start, end)`` (without the spaces
    before), looked for at most ``reach`` code points each way."""
    lo = max(0, start - reach)
    a = lo
    for brk in _SENTENCE_BREAKS:
        i = text.rfind(brk, lo, start)
        if i >= 0:
            a = max(a, i + len(brk))
    while a < start and text[a].isspace():
        a += 1
    found = _SENTENCE_END.search(text, max(start, end - 1), min(len(text), end + reach))
    return a, found.end() if found else min(len(text), end + reach)


def _fact_changes(stored: list[str], found: list[str]) -> int:
    """How many facts (numbers, names) the words ``found`` state differently from ``stored``,
    word by word: the larger of the facts removed and the facts added by the edits that turn
    one into the other."""
    lost: set[str] = set()
    gained: set[str] = set()
    matcher = SequenceMatcher(None, [t.casefold() for t in stored], [t.casefold() for t in found])
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            lost.update(t.casefold() for t in stored[i1:i2] if _is_fact(t))
            gained.update(t.casefold() for t in found[j1:j2] if _is_fact(t))
    return max(len(lost - gained), len(gained - lost))
