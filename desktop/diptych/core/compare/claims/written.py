"""Reading written forms inside a claim: figures and number words, units of measure, dates
and names (acronyms, abbreviations, spelling variants), round figures and bounds."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA

from diptych.core.compare.claims.fragments import _DATE_WORDS, _NUMBER_WORDS, _TITLES
from diptych.core.compare.claims.name_forms import same_given_name
from diptych.core.compare.terms import STOPWORDS

# number words written as digits elsewhere ("two" / "2"); the rest compare as written
# ("one" is no figure: "one of the largest")
_UNITS = """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen
    """
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_TENS_WORDS = frozenset(_TENS.split())
# what says a figure before it is a share ("one per cent", "one percent")
_PER = frozenset({"per", "percent", "pct"})
_NUMBER_VALUES = {w: str(i) for i, w in enumerate(_UNITS.split(), start=2)} | {
    w: str(10 * i) for i, w in enumerate(_TENS.split(), start=2)
}
# abbreviated months and weekdays (dates only when written with a full stop or beside a number:
# "Jan" is a name, "Sat" a verb)
_DATE_ABBREVIATIONS = {
    "jan": "january",
    "feb": "february",
    "mar": "march",
    "apr": "april",
    "jun": "june",
    "jul": "july",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
    "mon": "monday",
    "tue": "tuesday",
    "tues": "tuesday",
    "wed": "wednesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
}
# number words that multiply what comes before them ("five hundred million", "half a billion")
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9}
_SCALES["trillion"] = 10**12
# scale words written short, right after the figure ("$36.9bn")
_SCALE_ABBREVIATIONS = {"bn": "billion", "mn": "million", "trn": "trillion"}
# a number joined by a hyphen to the capitals before it is part of a name: "PG-13", "F-16"
_CODE = re.compile(r"\b[A-Z]+[-‐‑]\Z")
# every word that may be a figure or a date, as a quick first test
_FIGURE_WORDS = _NUMBER_WORDS | _NUMBER_VALUES.keys() | _DATE_WORDS | _DATE_ABBREVIATIONS.keys()
# words that say the figure after them is a round one ("about 10", "shortly after four")
_ROUGHLY = frozenset(
    {"about", "around", "roughly", "approximately", "nearly", "almost", "some", "circa"}
)
_SHORTLY = frozenset({"shortly", "just", "soon"})
_NEAR = frozenset({"after", "before"})
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
# words that join the parts of one figure: "six and a half", "half a billion"
_FIGURE_JOINS = frozenset({"and", "a", "an"})
_LIGATURES = str.maketrans(
    {"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ø": "o", "Ø": "O"}
)


@lru_cache(maxsize=100_000)
def _fold(word: str) -> str:
    """A word without case, accents, ligatures or a possessive ending ("Judæa" / "Judaea",
    "Chávez" / "Chavez")."""
    plain = unicodedata.normalize("NFKD", word.translate(_LIGATURES)).replace("’", "'")
    folded = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return folded.removesuffix("'s").removesuffix("'")  # "Joseph’s" / "Joseph's" / "Joseph"


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int


class _Phrase(NamedTuple):
    """Neighbouring words of a run that say one figure, date or name: as written, their keys,
    and the indices of the first and last of them among the run's words."""

    text: str
    keys: set[str]
    first: int
    last: int
    rough: bool = False  # said as a round figure ("about 10", "shortly after four")
    # said as a bound: ">" "more than 150", "above $1.18", "at least"; "<" "under 20"; or ""
    bound: str = ""
    # what the figure counts or measures, when written beside it ("$", "percent", "mile"), or
    # None (``_measure``)
    unit: str | None = None


_Phrases = list[_Phrase]


def _date_of(
    words: Sequence[_Word], i: int, text: str, opening: bool, lead: str = ""
) -> str | None:
    """The month or weekday word ``words[i]`` stands for, or None: a date is written with a
    capital ("may" is a verb), and the first word of a fragment ("May the protests end") or an
    abbreviation ("Jan", "Sat") only when a number stands beside it or, for an abbreviation, a
    full stop follows it ("Nov. 10")."""
    w = words[i]
    low = _fold(w.text)
    full = low if low in _DATE_WORDS else _DATE_ABBREVIATIONS.get(low)
    if full is None or not w.text[0].isupper():
        return None
    beside_number = any(0 <= k < len(words) and words[k].text[0].isdigit() for k in (i - 1, i + 1))
    if low != full and not (beside_number or text[w.end : w.end + 1] == "."):
        return None
    if opening and not beside_number:
        return None
    # "May" and "March" open wishes and orders too ('said, May God make you like Ephraim'):
    # a date only beside a number or after a word that leads into one ("in May", "last March")
    if full in _VERB_MONTHS and not beside_number:
        before = words[i - 1].text.lower() if i > 0 else lead.lower()
        if before not in _INTO_DATE:
            return None
    return full


_VERB_MONTHS = frozenset({"may", "march"})
_INTO_DATE = frozenset(
    [
        "in",
        "on",
        "of",
        "by",
        "until",
        "till",
        "since",
        "from",
        "during",
        "through",
        "to",
        "last",
        "next",
        "early",
        "late",
        "mid",
        "before",
        "after",
        "between",
        "and",
        "or",
    ]
)


def _fraction(word: str) -> float | None:
    """The value of a vulgar fraction written as one character ("½": 0.5), or None."""
    if len(word) != 1 or unicodedata.category(word) != "No":
        return None
    v = unicodedata.numeric(word, None)
    return v if v is not None and 0 < v < 1 else None


def _figure_key(
    words: Sequence[_Word], i: int, text: str, opening: bool, lead: str = "", trail: str = ""
) -> str | None:
    """What a figure word says, to compare with the other side's (None: not a figure).
    ``lead`` and ``trail``: the words before and after ``words`` in the side's text."""
    w = words[i]
    if w.text[0].isdigit():
        if _CODE.search(text, 0, w.start):
            return None  # "PG-13", "F-16": part of a name, no figure
        return w.text.replace(",", "")
    if (f := _fraction(w.text)) is not None:
        return str(f)
    low = w.text.lower()
    after_digit = text[w.start - 1].isdigit() if w.start else i == 0 and lead[-1:].isdigit()
    if low in _SCALE_ABBREVIATIONS and after_digit:
        return _SCALE_ABBREVIATIONS[low]  # "$36.9bn"
    if low == "one":
        # the last word of a number in words ("Sixty-one"), or one of a scale or a percentage
        # ("one million", "one per cent"); else no figure ("one of the largest")
        tens = i > 0 and words[i - 1].text.lower() in _TENS_WORDS
        joined = tens and text[words[i - 1].end : w.start] in ("-", "‐", "‑", " ")
        after = (words[i + 1].text if i + 1 < len(words) else trail).lower()
        return "1" if joined or after in _SCALES or after in _PER else None
    if low not in _FIGURE_WORDS:
        return None
    low = _fold(w.text)
    if low in _NUMBER_WORDS or low in _NUMBER_VALUES:
        return _NUMBER_VALUES.get(low, low)
    return _date_of(words, i, text, opening, lead)


def _value(words: Sequence[str]) -> str | None:
    """The number a figure of several words states ("six and a half": 6.5, "twenty-five
    thousand" and "25,000": 25000, "half a billion" and "five hundred million": 500000000), or
    None when it is no plain number ("dozens", "October 20")."""
    total = current = 0.0
    counted = False  # the last word added to ``current`` was a number, not a scale
    for w in words:
        low = _SCALE_ABBREVIATIONS.get(w.lower(), w.lower())
        if low in _FIGURE_JOINS:
            continue
        fraction = _fraction(w)
        if (
            w[0].isdigit()
            or low in _NUMBER_VALUES
            or low in ("half", "one")
            or fraction is not None
        ):
            if low == "one":
                v = 1.0  # a figure only where _figure_key read it as one ("Sixty-one")
            elif fraction is not None:
                v = fraction
            elif w[0].isdigit():
                try:
                    v = float(w.replace(",", ""))
                except ValueError:
                    return None
            else:
                v = 0.5 if low == "half" else float(_NUMBER_VALUES[low])
            if counted and not (
                low == "half" or fraction is not None or (current % 100 >= 20 and v < 10)
            ):
                return None  # "2019 2020", not "twenty five", "six and a half" or "2 ½"
            current += v
            counted = True
        elif low in _SCALES:
            if low in ("dozen", "hundred"):
                current = (current or 1) * _SCALES[low]
            else:
                total += (current or 1) * _SCALES[low]
                current = 0.0
            counted = False
        else:
            return None
    v = total + current
    return str(int(v)) if v == int(v) else str(v)


def _is_name(w: _Word, opening: bool, all_caps: bool) -> bool:
    low = w.text.lower()
    return (
        w.text[0].isupper()
        and not opening
        and not all_caps
        and low not in _TITLES
        and low not in _DATE_WORDS
        and low not in STOPWORDS
    )


def _may_be_figure(word: str) -> bool:
    """A quick test: ``word`` may be a figure or a date."""
    return word[0].isdigit() or word.lower() in _FIGURE_WORDS


def _initial_matches(key: str, others: set[str]) -> bool:
    """A single letter (an initial, "J.") stands for any name with that first letter."""
    if len(key) == 1:
        return any(o[:1] == key for o in others)
    return any(len(o) == 1 and key[:1] == o for o in others)


# a full stop that closes an abbreviation, not a sentence: a comma, a bracket or a word in
# lower case follows it ("R-Tenn., said", "Calif.)", "Tenn. senator")
_ABBREVIATED = re.compile(r"\.(?:[,;:)\]]|\s+[a-z0-9])")
# what a name's adjective adds to it ("Russia" / "Russian", "Japan" / "Japanese")
_ADJECTIVE_ENDINGS = frozenset({"n", "an", "ian", "ese", "ish", "i", "ic"})
# what a plural or a possessive written without its apostrophe adds ("Turks", "Partys")
_PLURAL_ENDINGS = frozenset({"s", "es"})


def _bare(key: str) -> str:
    """A name's key without its dots and apostrophes ("u.s." / "us", "qa'eda" / "qaeda")."""
    return "".join(c for c in key if c.isalnum())


def _one_name(x: str, y: str, abbreviations: Container[str]) -> bool:
    """Whether the name keys ``x`` and ``y`` may be one name written two ways: the same letters
    ("U.S." / "US", "Qa'eda" / "Qaeda"), an abbreviation written with a full stop and the name
    it begins ("Tenn." / "Tennessee"), a name and its adjective ("Russia" / "Russian"), its
    plural or its possessive without the apostrophe ("Turk" / "Turks", "Ragusas" / "Ragusa's"),
    a given name and its short form ("Timothy" / "Tim", ``name_forms``), or a name of five letters
    or more spelled a letter apart or with two letters swapped, two when 10 or more ("Ahmad" /
    "Ahmed", "Jeffrey" / "Jeffery", "Extremadura" / "Extramadura"). Of five or six letters the
    two must also end alike ("Hamas" / "Hamad" are two names; "Kerry" / "Perry", "Iran" /
    "Iraq" too: first letters differ, or too short to tell)."""
    a, b = _bare(x), _bare(y)
    if not a or not b:
        return False
    if a == b:
        return True
    (short, s_key), (long, _l) = sorted(((a, x), (b, y)), key=lambda t: len(t[0]))
    if len(short) >= 3 and long.startswith(short):
        ending = long[len(short) :]
        if s_key in abbreviations or ending in _ADJECTIVE_ENDINGS or ending in _PLURAL_ENDINGS:
            return True
    if same_given_name(a, b):
        return True
    n = len(short)
    if a[0] != b[0] or n < 5 or (n < 7 and a[-1] != b[-1]):
        return False
    most = 2 if n >= 10 else 1
    return OSA.distance(a, b, score_cutoff=most) <= most


def _acronym(word: str) -> str | None:
    """The letters of a word written as an acronym ("U.S.": "us", "DNC": "dnc"), or None."""
    letters = word.replace(".", "")
    return (
        letters.lower() if len(letters) >= 2 and letters.isalpha() and letters.isupper() else None
    )


def _spelled_out(acronym: str, words: Sequence[str]) -> list[str] | None:
    """The capitalised words among ``words`` whose initials spell ``acronym``, in a row (stop
    words written in lower case between them are skipped: "Securities and Exchange
    Commission" for "SEC"), as keys, or None."""
    for i, first in enumerate(words):
        if not first[0].isupper() or first[0].lower() != acronym[0]:
            continue
        got: list[str] = []
        for w in words[i:]:
            if len(got) == len(acronym):
                break
            if w[0].isupper() and w[0].lower() == acronym[len(got)]:
                got.append(_fold(w))
            elif not (w.islower() and w in STOPWORDS):
                break
        if len(got) == len(acronym):
            return got
    return None


def _is_rough(before: Sequence[str]) -> bool:
    """Whether the words ``before`` a figure (nearest last) say it is a round one: "about",
    "around", "nearly"..., or "shortly after" / "just before" a time."""
    last = [w.lower() for w in before[-2:]]
    if not last:
        return False
    return last[-1] in _ROUGHLY or (len(last) == 2 and last[-1] in _NEAR and last[0] in _SHORTLY)


# the words before a figure that say it is a bound, nearest last
_ABOVE = frozenset(
    {
        ("above",),
        ("over",),
        ("exceeding",),
        ("topping",),
        ("more", "than"),
        ("greater", "than"),
        ("at", "least"),
        ("upwards", "of"),
        ("excess", "of"),
    }
)
_BELOW = frozenset(
    {("below",), ("under",), ("less", "than"), ("fewer", "than"), ("at", "most"), ("up", "to")}
)


def _bound(before: Sequence[str]) -> str:
    """Whether the words ``before`` a figure (nearest last) say it is a bound: ">" ("more
    than", "above", "at least"...), "<" ("under", "less than", "up to"...) or "" (none)."""
    last = tuple(w.lower() for w in before[-2:])
    for bound, words in ((">", _ABOVE), ("<", _BELOW)):
        if last[-1:] in words or (len(last) == 2 and last in words):
            return bound
    return ""


_Figure = tuple[_Phrase, str, float]  # a figure's phrase, its one key, and its value


def _one_figure_each(a: _Phrases, b: _Phrases) -> tuple[_Figure, _Figure] | None:
    """The figure of each side when each gives one phrase of one key that reads as a number
    (``_number``), else None: what ``_within_bound``, ``_roughly_same`` and
    ``_shares_of_a_whole`` compare."""
    if len(a) != 1 or len(b) != 1 or len(a[0].keys) != 1 or len(b[0].keys) != 1:
        return None
    (ka,), (kb,) = a[0].keys, b[0].keys
    x, y = _number(ka), _number(kb)
    if x is None or y is None:
        return None
    return (a[0], ka, x), (b[0], kb, y)


def _within_bound(a: _Phrases, b: _Phrases) -> bool:
    """One figure a side, one of them (not both) said as a bound the other is within: "more
    than 150" / "160", "above $1.18" / "$1.1860", "under 20" / "18"."""
    two = _one_figure_each(a, b)
    if two is None or bool(two[0][0].bound) == bool(two[1][0].bound):
        return False
    (bounded, _kx, x), (_other, _ky, y) = two if two[0][0].bound else two[::-1]
    return y >= x if bounded.bound == ">" else y <= x


def _number(key: str) -> float | None:
    """A figure's key as a number (a clock time in hours: "4:17" is 4.28), or None."""
    if _CLOCK.fullmatch(key):
        h, m = key.split(":")
        return int(h) + int(m) / 60
    try:
        return float(key)
    except ValueError:
        return None


def _unit(key: str) -> float:
    """The precision a figure is written to: its last decimal place ("34.7": 0.1), or for a
    whole number its last digit that is no trailing zero ("600": 100, "15": 1)."""
    if "." in key:
        return 10.0 ** -len(key.split(".", 1)[1])
    digits = key.lstrip("-")
    return 10.0 ** (len(digits) - len(digits.rstrip("0"))) if digits.strip("0") else 1.0


def _roughly_same(a: _Phrases, b: _Phrases) -> bool:
    """One figure a side, one of them (not both) said as a round figure ("about", "some",
    "shortly after") that the other rounds to: "about 10" / "9.6", "some $65 billion" / "$64.7
    billion", "about 600" / "612", and a time within half an hour ("shortly after four" /
    "4:17"). "Around 15" / "12" and "about 320" / "about 300" still differ."""
    two = _one_figure_each(a, b)
    if two is None or two[0][0].rough == two[1][0].rough:
        return False  # two round figures that differ are two estimates: a difference
    (pa, ka, x), (pb, kb, y) = two
    if _CLOCK.fullmatch(ka) or _CLOCK.fullmatch(kb):
        return abs(x - y) < 0.5
    return any(
        p.rough and abs(x - y) <= 0.5 * _unit(k) * (1 + 1e-9) for p, k in ((pa, ka), (pb, kb))
    )


# units of measure, as ``_unit_key`` gives them, each with the name it is compared by (a
# figure followed by any other word counts something: "40 protesters" / "25 young students"
# may be the same people, "52km" / "32 miles" are one distance)
_MEASURE_TEXT = """
    mile km kilometre kilometer metre meter cm centimetre centimeter mm millimetre millimeter
    foot feet ft inch yard yd kg kilo kilogram gram lb pound ounce oz ton tonne litre liter
    gallon barrel acre hectare sq mph kph knot degree fahrenheit celsius second minute hour
    day week month year decade century dollar euro yen cent penny pence peso rupee yuan
    """
_MEASURES = {u: u for u in _MEASURE_TEXT.split()} | {"dollar": "$", "euro": "€", "feet": "foot"}
_CURRENCY = re.compile(r"([$€£¥])\s*\Z")
_PERCENT = re.compile(r"\s*(?:%|per\s*cent\b|percent\b|pct\b)", re.IGNORECASE)
_NEXT_IN_LIST = re.compile(r"\s+(?:and|to|or)\s+[$€£¥]?\d[\d,.]*")
_UNIT_WORD = re.compile(r"[ \t-]?([^\W\d_]+)")


def _measure(text: str, start: int, end: int) -> str | None:
    """What the figure at ``text[start:end]`` counts or measures, as written beside it: a
    currency sign before it ("$"), or the word right after it, only a space or a hyphen
    between, or after the last figure of its list ("between 30 and 80 pounds"), when it is a
    unit of measure ("percent" for "%", "per cent" and "pct"; "mile"
    for "miles", "km" for "52km"; "year" for "10-year"), or None (any other word, a stop word,
    punctuation or nothing there)."""
    if m := _CURRENCY.search(text, 0, start):
        return m.group(1)
    while True:
        if m := _NEXT_IN_LIST.match(text, end):  # "between 30 and 80 pounds": pounds
            end = m.end()
            continue
        if _PERCENT.match(text, end):
            return "percent"
        m = _UNIT_WORD.match(text, end)
        if m is None or m.group(1).lower() in STOPWORDS:
            return None
        if m.group(1).lower() not in _SCALES:  # "4.6 billion kilometres": the kilometres
            unit = _unit_key(m.group(1))
            return _MEASURES.get(unit, unit) if unit in _MEASURES else None
        end = m.end()


def _unit_key(word: str) -> str:
    """A unit word as compared: folded, without a plural "s" ("Miles": "mile")."""
    word = _fold(word)
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _same_unit(a: list[_Phrase], b: list[_Phrase]) -> tuple[list[_Phrase], list[_Phrase]]:
    """The figures of each side that may count the same thing as one of the other's: a figure
    whose unit is written is dropped when every figure of the other side has a unit written
    and none is its unit ("52km" / "32 miles": one distance in two units; "$2.57, or 9%" /
    "8.76 per cent": the dollars have no counterpart)."""

    def kept(xs: list[_Phrase], ys: list[_Phrase]) -> list[_Phrase]:
        units = {y.unit for y in ys}
        if not ys or None in units:
            return xs
        return [x for x in xs if x.unit is None or x.unit in units]

    return kept(a, b), kept(b, a)


def _shares_of_a_whole(a: list[_Phrase], b: list[_Phrase]) -> bool:
    """One percentage a side, the two adding up to 100: likely the two shares of one whole
    ("pays 80 percent" / "would pay 20 percent"), not a disagreement a reader can rely on."""
    two = _one_figure_each(a, b)
    if two is None or not two[0][0].unit == two[1][0].unit == "percent":
        return False
    (_pa, _ka, x), (_pb, _kb, y) = two
    return abs(x + y - 100) < 1e-9
