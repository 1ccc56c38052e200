"""What differs inside a claim: numbers, number words, dates and names."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from diptych.core.compare.claims.diff import _TOKEN_RE, _is_content
from diptych.core.compare.claims.fragments import _DATE_WORDS, _NUMBER_WORDS, _TITLES
from diptych.core.compare.terms import STOPWORDS, word_spans
from diptych.core.model import DiffOp

# number words written as digits elsewhere ("two" / "2"); the rest compare as written
# ("one" is no figure: "one of the largest")
_UNITS = """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen
    """
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
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


@dataclass
class _Side:
    """One side of a run of edits: its text and its words (offsets in that text)."""

    text: str
    words: list[_Word]


def _words(text: str) -> list[_Word]:
    return [_Word(text[s:e], s, e) for s, e in word_spans(text)]


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
    words: Sequence[_Word], i: int, text: str, opening: bool, lead: str = ""
) -> str | None:
    """What a figure word says, to compare with the other side's (None: not a figure)."""
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
        if w[0].isdigit() or low in _NUMBER_VALUES or low == "half" or fraction is not None:
            if fraction is not None:
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


def _phrases(
    side: _Side, keys: dict[int, str], joins: frozenset[str] = frozenset(), *, numbers: bool = False
) -> _Phrases:
    """Neighbouring words that have a key, as phrases of the text as written, each with its
    keys: the words of ``joins`` between two of them belong to the phrase. ``numbers``: a
    phrase that states one number has that number as its one key."""
    out: _Phrases = []
    first = last = -1
    for i in range(len(side.words) + 1):
        if i < len(side.words) and i in keys:
            if first < 0:
                first = i
            last = i
            continue
        if i < len(side.words) and first >= 0 and side.words[i].text.lower() in joins:
            continue
        if first >= 0:
            out.extend(_phrase(side, keys, first, last, numbers=numbers))
            first = last = -1
    return out


def _phrase(side: _Side, keys: dict[int, str], first: int, last: int, *, numbers: bool) -> _Phrases:
    """The phrase of ``side.words[first:last + 1]``; ``numbers``: when its words state no one
    number but "and" joins them ("by 2006 and $750"), the figures of a list, one phrase each."""
    ws = side.words
    value = _value([w.text for w in ws[first : last + 1]]) if numbers else None
    ands = [i for i in range(first, last + 1) if i not in keys and ws[i].text.lower() == "and"]
    if numbers and value is None and ands:
        out: _Phrases = []
        starts = [first, *(i + 1 for i in ands)]
        for lo, hi in zip(starts, [*(i - 1 for i in ands), last], strict=True):
            while lo <= hi and lo not in keys:
                lo += 1
            while hi >= lo and hi not in keys:
                hi -= 1
            if lo <= hi:
                out.extend(_phrase(side, keys, lo, hi, numbers=True))
        return out
    keyed = {value} if value else {keys[k] for k in range(first, last + 1) if k in keys}
    return [_Phrase(side.text[ws[first].start : ws[last].end], keyed, first, last)]


# an equal text a figure at a run's end or start stands right beside: a word, only a space
# between them ("12" + " million dollars"; "Police said " + "40")
_WORD_FIRST = re.compile(r"\s+\w")
_WORD_LAST = re.compile(r"\w\s+\Z")
# a figure joined to the word after it ("6-year-old"), and what stands between the two ends of
# a range or two figures of a list ("5 cents to 25", "5-25", "by 2006 and $750")
_COMPOUND = re.compile(r"[-‐‑]\w")
# a date said in words, relative to the day of writing ("yesterday", "last month", "a decade
# ago"): a side that says one gives a date, though no figure
_PERIOD = (
    r"(?:day|week|weekend|month|year|decade|century|centurie|spring|summer|autumn|fall|winter"
    r"|morning|afternoon|evening|night|quarter)s?"
)
_RELATIVE_DATE = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|overnight"
    rf"|(?:last|this|next|past|coming|previous|following|earlier|later)\s+{_PERIOD}"
    rf"|(?:\w+\s+)?{_PERIOD}\s+ago)\b",
    re.IGNORECASE,
)
_RANGE = re.compile(r"\b(?:to|and|or)\b|\A\s*[-–]\s*\Z", re.IGNORECASE)


def _may_be_figure(word: str) -> bool:
    """A quick test: ``word`` may be a figure or a date."""
    return word[0].isdigit() or word.lower() in _FIGURE_WORDS


def _slot_ends(x: str, y: str, before: str, after: str) -> tuple[str, ...]:
    """The ends of a run of edits (``x`` on side A, ``y`` on side B, ``before`` and ``after``
    the equal texts around it, "" at an end of the fragment) where both sides put a word that
    may be a figure or a date right beside a shared word: "start", "end" or both. The two then
    fill the same slot of the same statement, however differently the rest of the run is worded
    ("could reach 12" / "will now cost the regional council around 15", then " million
    dollars"). Names are not asked there: in a longer rewording a name beside a shared word is
    as often the same one said another way ("Latin America" / "Latin American regimes", "European
    Union" / "EU meeting") as another one."""
    ends: list[str] = []
    for end, beside in (("start", before), ("end", after)):
        if not (
            (_WORD_LAST.search(beside) if end == "start" else _WORD_FIRST.match(beside))
            and _has_content(beside)
        ):
            continue
        words: list[str] = []
        for t in (x, y):
            sp = word_spans(t)
            if not sp:
                break
            s0, e0 = sp[0] if end == "start" else sp[-1]
            if (s0 if end == "start" else len(t) - e0) != 0:
                break  # punctuation or a space between the word and the shared text
            words.append(t[s0:e0])
        if len(words) == 2 and all(_may_be_figure(w) for w in words):
            ends.append(end)
    return tuple(ends)


def _has_content(text: str) -> bool:
    return any(_is_content(t) for t in _TOKEN_RE.findall(text))


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


def _bare(key: str) -> str:
    """A name's key without its dots and apostrophes ("u.s." / "us", "qa'eda" / "qaeda")."""
    return "".join(c for c in key if c.isalnum())


def _edits_within(x: str, y: str, most: int) -> bool:
    """Whether ``x`` becomes ``y`` in at most ``most`` letters added, dropped or changed."""
    if abs(len(x) - len(y)) > most:
        return False
    row = list(range(len(y) + 1))
    for i, cx in enumerate(x, 1):
        prev, row[0] = row[0], i
        for j, cy in enumerate(y, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (cx != cy))
        if min(row) > most:
            return False
    return row[-1] <= most


def _one_name(x: str, y: str, abbreviations: Container[str]) -> bool:
    """Whether the name keys ``x`` and ``y`` may be one name written two ways: the same letters
    ("U.S." / "US", "Qa'eda" / "Qaeda"), an abbreviation written with a full stop and the name
    it begins ("Tenn." / "Tennessee"), a name and its adjective ("Russia" / "Russian"), or a
    long name (7 letters or more) spelled a letter apart, two when 10 or more ("Schroder" /
    "Schroeder", "Extremadura" / "Extramadura"; "Kerry" / "Perry" are two names)."""
    a, b = _bare(x), _bare(y)
    if not a or not b:
        return False
    if a == b:
        return True
    (short, s_key), (long, _l) = sorted(((a, x), (b, y)), key=lambda t: len(t[0]))
    if (
        len(short) >= 3
        and long.startswith(short)
        and (s_key in abbreviations or long[len(short) :] in _ADJECTIVE_ENDINGS)
    ):
        return True
    n = len(short)
    return a[0] == b[0] and n >= 7 and _edits_within(a, b, 2 if n >= 10 else 1)


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


def _within_bound(a: _Phrases, b: _Phrases) -> bool:
    """One figure a side, one of them (not both) said as a bound the other is within: "more
    than 150" / "160", "above $1.18" / "$1.1860", "under 20" / "18"."""
    if len(a) != 1 or len(b) != 1 or bool(a[0].bound) == bool(b[0].bound):
        return False
    if len(a[0].keys) != 1 or len(b[0].keys) != 1:
        return False
    bounded, other = (a[0], b[0]) if a[0].bound else (b[0], a[0])
    x, y = _number(next(iter(bounded.keys))), _number(next(iter(other.keys)))
    if x is None or y is None:
        return False
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
    if len(a) != 1 or len(b) != 1 or a[0].rough == b[0].rough:
        return False  # two round figures that differ are two estimates: a difference
    if len(a[0].keys) != 1 or len(b[0].keys) != 1:
        return False
    (ka,), (kb,) = a[0].keys, b[0].keys
    x, y = _number(ka), _number(kb)
    if x is None or y is None:
        return False
    if _CLOCK.fullmatch(ka) or _CLOCK.fullmatch(kb):
        return abs(x - y) < 0.5
    return any(
        p.rough and abs(x - y) <= 0.5 * _unit(k) * (1 + 1e-9) for p, k in ((a[0], ka), (b[0], kb))
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
    if len(a) != 1 or len(b) != 1 or a[0].unit != "percent" or b[0].unit != "percent":
        return False
    if len(a[0].keys) != 1 or len(b[0].keys) != 1:
        return False
    x, y = _number(next(iter(a[0].keys))), _number(next(iter(b[0].keys)))
    return x is not None and y is not None and abs(x + y - 100) < 1e-9


def _differing(
    a: _Phrases,
    b: _Phrases,
    in_a: set[str],
    in_b: set[str],
    *,
    one_sided: bool,
    same: Callable[[str, set[str]], bool] | None = None,
    silent: tuple[bool, bool] = (True, True),
) -> tuple[str, str] | None:
    """The phrases of ``a`` and ``b`` that say something the other side does not say (``in_a``
    / ``in_b``: the keys of that side's words left unaligned anywhere in its fragment).
    ``same``: whether a key stands for one of the other side's keys written another way (an
    initial, an acronym, a spelling). ``one_sided``: report a side's phrases when the other gives none at all ("dozens massacred"
    / "the toll of dead"), and ``silent`` says that side (A, B) gives no other figure or date
    anywhere in its fragment, in digits or in words ("yesterday", "a decade ago"): the reader
    is told it "gives no other figure or date"; but when the other gave some and they are all said
    on this side too, what is left is added detail ("Sunday, October 20" / "Oct. 20")."""

    if _roughly_same(a, b) or _within_bound(a, b):
        return None

    def left(phrases: _Phrases, other: set[str]) -> _Phrases:
        return [
            p
            for p in phrases
            if any(k not in other and not (same and same(k, other)) for k in p.keys)
        ]

    pa, pb = _same_unit(left(a, in_b), left(b, in_a))
    if _shares_of_a_whole(pa, pb):
        return None
    la, lb = [p.text for p in pa], [p.text for p in pb]
    if la and lb:
        return ", ".join(la), ", ".join(lb)
    if one_sided and (la or lb) and not (a and b) and silent[0 if lb else 1]:
        return ", ".join(la), ", ".join(lb)
    return None


def _relative_date(diff: Sequence[DiffOp], op: int) -> bool:
    """Whether side ``op`` of the diff says a date in words ("yesterday", "last month", "a
    decade ago") with at least one of its words where the other side says something else,
    and the other side does not say that date too (elsewhere)."""
    text = "".join(t for o, t in diff if o in (0, op))
    other = " ".join("".join(t for o, t in diff if o in (0, -op)).casefold().split())
    edits: list[tuple[int, int]] = []
    at = 0
    for o, t in diff:
        if o in (0, op):
            if o == op:
                edits.append((at, at + len(t)))
            at += len(t)
    return any(
        s < m.end() and m.start() < e and " ".join(m.group().casefold().split()) not in other
        for m in _RELATIVE_DATE.finditer(text)
        for s, e in edits
    )


class LowerCaseWords:
    """The words either article writes in lower case (made when first asked): a capital on
    one of them may be a sentence's, not a name's ("And he said, Tell these things")."""

    def __init__(self, text_a: str, text_b: str) -> None:
        self._texts = (text_a, text_b)
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            found = (w for t in self._texts for w in re.findall(r"\w+", t))
            self._words = frozenset(w for w in found if w.islower())
        return word in self._words


def claim_differs(
    diff: Sequence[DiffOp],
    max_words: int = 4,
    *,
    lower_case: Container[str] = frozenset(),
) -> tuple[tuple[str, str], ...]:
    """Figures, dates and names that differ inside a claim's matching fragments.

    Reads the word diff of the cores: in each run of edits where both sides say something
    short in the same place (one replaces the other, at most ``max_words`` content words a
    side: a longer run is a different wording, not a different fact), the numbers (digits or
    number words, "two" and "2" the same, "2 ½" and "2.5" too), dates (months and weekdays,
    "Nov." and "November" the same) and, when both sides name someone, capitalised names
    ("Judæa" and "Judaea" the same, an initial "J." the same as any name it may stand for, an
    acronym the same as the words it spells out, "U.S." and "United States", an abbreviation
    with a full stop the same as the name it begins, "R-Tenn." and "Tennessee", a name and its
    adjective, "Russia" and "Russian", a long name and one spelled a letter apart). In
    a longer run, the figure or date each side puts at the same end of it, right beside a word
    both share, fills the same slot of the statement however the rest is reworded ("could
    reach 12" / "will now cost the regional council around 15", then " million dollars"): both
    are compared, when each is a figure of its own (not one end of a range, "5 cents to 25",
    nor part of a compound, "6-year-old"). A round figure on one side ("about 10", "shortly
    after four") and the precise one it rounds to on the other ("9.6", "4:17") are the same
    fact, and so are a figure said as a bound ("more than 150", "above $1.18") and one within
    it on the other side ("160", "$1.1860"). Figures are compared unit with unit where both are written ("$", "%", "miles",
    "km"...): one quantity in two units ("52km" / "32 miles") is no difference, and two
    percentages adding up to 100 are likely the two shares of one whole. What one side says and the
    other says too, unaligned elsewhere in its fragment, is no difference (the same fact in
    another order); one the other side says only where it is aligned with another word of
    this side is ("2 died and 2 were hurt" / "2 died and 5 were hurt"). A run where only one
    side adds words is extra detail, not a disagreement. A figure or date one side gives
    where the other gives none is named only when the other gives no figure or date of its own
    anywhere in its fragment, in digits or in words ("yesterday", "last month", "a decade
    ago"): the reader is told it "gives no other figure or date". The first word of a fragment is never
    a name (it is capitalised because it starts the sentence); a capitalised word the articles
    also write in lower case (``lower_case``: "the word of God" where "a god" is written too)
    is a name only beside another capitalised word ("Times Square"); a fragment written all
    in capitals (a headline) names no one by its capitals. Returns (what A says, what B says) per
    run, each side's figures or names as written, separated by ", " ("600 million", "half a
    billion"; "dozens, hundreds"); a side without a figure says ""."""
    text_a = "".join(t for op, t in diff if op <= 0)
    text_b = "".join(t for op, t in diff if op >= 0)
    caps = {op: not any(c.islower() for c in t) for op, t in ((-1, text_a), (1, text_b))}
    texts = {-1: text_a, 1: text_b}
    spans = {op: word_spans(t) for op, t in texts.items()}  # each side's words, once
    ends = {op: [e for _s, e in sp] for op, sp in spans.items()}
    # where each side's first word starts, in that side's text
    firsts = {op: sp[0][0] if sp else -1 for op, sp in spans.items()}
    # the runs of edits, each side's text with its offset in the side's fragment
    runs: list[dict[int, tuple[str, int]]] = []
    # the equal texts before and after each run ("" at an end of the fragment)
    beside: list[list[str]] = []
    cur: dict[int, tuple[str, int]] | None = None
    at = {-1: 0, 1: 0}
    equal = ""  # the last equal text
    for op, text in diff:
        if op == 0:
            if cur is not None:
                beside[-1][1] = text
            cur = None
            equal = text
            at[-1] += len(text)
            at[1] += len(text)
            continue
        if cur is None:
            cur = {}
            runs.append(cur)
            beside.append([equal, ""])
        prev, start = cur.get(op, ("", at[op]))
        cur[op] = (prev + text, start)
        at[op] += len(text)

    # the runs where both sides say something short in the same place (content words, and
    # figures that are stop words too: "in May", "may" being one)
    def short(text: str) -> bool:
        n = 0
        for s0, e0 in word_spans(text):
            w = text[s0:e0]
            n += _is_content(w) or (w[0].isupper() and w.lower() in _DATE_WORDS)
            if n > max_words:
                return False
        return n > 0

    asked = [-1 in run and 1 in run and short(run[-1][0]) and short(run[1][0]) for run in runs]
    # the longer runs where both sides still put a figure, date or name at the same end of the
    # run, right beside a word both share: the same slot of the statement, reworded around it
    slots = [
        _slot_ends(run[-1][0], run[1][0], *around) if -1 in run and 1 in run and not ask else ()
        for run, ask, around in zip(runs, asked, beside, strict=True)
    ]
    if not any(asked) and not any(slots):
        return ()
    # each run's figures and names, side by side, and its words
    found: list[dict[int, tuple[_Phrases, _Phrases]]] = []
    parts: list[dict[int, _Side]] = []
    for run in runs:
        found.append({})
        parts.append({})
        for op, (text, offset) in run.items():
            part = _Side(text, _words(text))
            parts[-1][op] = part
            opening = {i for i, w in enumerate(part.words) if w.start + offset == firsts[op]}
            # the word before the run, in the side's text ("in" of "in May")
            j = bisect.bisect_right(ends[op], offset) - 1
            lead = texts[op][spans[op][j][0] : spans[op][j][1]] if j >= 0 else ""
            fig = {
                i: k
                for i in range(len(part.words))
                if (k := _figure_key(part.words, i, part.text, i in opening, lead)) is not None
            }
            named = [
                i not in fig and _is_name(w, i in opening, caps[op])
                for i, w in enumerate(part.words)
            ]
            nam = {
                i: _fold(w.text)
                for i, w in enumerate(part.words)
                if named[i]
                and (
                    w.text.lower() not in lower_case
                    or any(0 <= k < len(named) and named[k] for k in (i - 1, i + 1))
                )
            }
            before = [lead, *(w.text for w in part.words)] if lead else [w.text for w in part.words]
            shift = 1 if lead else 0
            found[-1][op] = (
                [
                    p._replace(
                        rough=_is_rough(before[: p.first + shift]),
                        bound=_bound(before[: p.first + shift]),
                        unit=_measure(
                            texts[op],
                            offset + part.words[p.first].start,
                            offset + part.words[p.last].end,
                        ),
                    )
                    for p in _phrases(part, fig, _FIGURE_JOINS, numbers=True)
                ],
                _phrases(part, nam),
            )
    # every figure and name a side gives where the other side has no word aligned with it: one
    # the other side gives too, in another place, is no difference ("In 2019 the party won" /
    # "The party won ... in 2019")
    unaligned: dict[int, tuple[set[str], set[str]]] = {-1: (set(), set()), 1: (set(), set())}
    for sides in found:
        for op, (fig_p, nam_p) in sides.items():
            for kind, phrases in ((0, fig_p), (1, nam_p)):
                for p in phrases:
                    unaligned[op][kind].update(p.keys)

    def slot_figure(end: str, phrases: _Phrases, part: _Side) -> _Phrases:
        """The figure at that end of its run, if one is there and it is a figure on its own:
        not one end of a range ("5 cents to 25") nor part of a compound ("6-year-old")."""
        if not phrases:
            return []
        k = 0 if end == "start" else len(phrases) - 1
        p = phrases[k]
        if p.first != 0 if end == "start" else p.last != len(part.words) - 1:
            return []
        if end == "start" and _COMPOUND.match(part.text, part.words[p.last].end):
            return []
        j = k + 1 if end == "start" else k - 1
        if 0 <= j < len(phrases):
            other = phrases[j]
            lo, hi = sorted((p, other), key=lambda q: q.first)
            between = part.text[part.words[lo.last].end : part.words[hi.first].start]
            if _RANGE.search(between) and hi.first - lo.last <= 3:
                return []
        return [p]

    # names written two ways: the words an acronym of the other side spells out, and the
    # names written with a full stop after them (abbreviations: "Tenn.")
    spelled: set[str] = set()
    abbreviations: set[str] = set()
    for run_parts in parts:
        for op, part in run_parts.items():
            for w in part.words:
                if _ABBREVIATED.match(part.text, w.end - w.text.endswith(".")):
                    abbreviations.add(_fold(w.text))
                if (letters := _acronym(w.text)) is None:
                    continue
                for other_parts in parts:
                    if -op in other_parts:
                        words = [v.text for v in other_parts[-op].words]
                        if (got := _spelled_out(letters, words)) is not None:
                            spelled.add(_fold(w.text))
                            spelled.update(got)

    def one_name(key: str, others: set[str]) -> bool:
        return (
            key in spelled
            or _initial_matches(key, others)
            or any(_one_name(key, o, abbreviations) for o in others)
        )

    # whether a side gives no figure or date the other does not, anywhere in its fragment:
    # then a figure only the other side gives is one this side "gives no other figure or date" for
    silent = tuple(
        not (unaligned[op][0] - unaligned[-op][0]) and not _relative_date(diff, op)
        for op in (-1, 1)
    )
    out: list[tuple[str, str]] = []
    for sides, ask, edges, run_parts in zip(found, asked, slots, parts, strict=True):
        said: tuple[str, str] | None
        if ask:
            said = _differing(
                sides[-1][0],
                sides[1][0],
                unaligned[-1][0],
                unaligned[1][0],
                one_sided=True,
                silent=(silent[0], silent[1]),
            )
            if said is None:
                said = _differing(
                    sides[-1][1],
                    sides[1][1],
                    unaligned[-1][1],
                    unaligned[1][1],
                    one_sided=False,
                    same=one_name,
                )
            if said is not None:
                out.append(said)
            continue
        for edge in edges:  # the figures at that end, when both sides give one there
            said = _differing(
                slot_figure(edge, sides[-1][0], run_parts[-1]),
                slot_figure(edge, sides[1][0], run_parts[1]),
                unaligned[-1][0],
                unaligned[1][0],
                one_sided=False,
            )
            if said is not None:
                out.append(said)
    return tuple(out)
