"""What differs inside a claim: numbers, number words, dates and names."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass

from diptych.core.compare.claims.diff import _TOKEN_RE, _is_content
from diptych.core.compare.claims.fragments import _DATE_WORDS
from diptych.core.compare.claims.name_forms import countries_of, is_given_name
from diptych.core.compare.claims.written import (
    _ABBREVIATED,
    _FIGURE_JOINS,
    _acronym,
    _bound,
    _figure_key,
    _fold,
    _initial_matches,
    _is_name,
    _is_rough,
    _may_be_figure,
    _measure,
    _one_name,
    _Phrase,
    _Phrases,
    _roughly_same,
    _same_unit,
    _shares_of_a_whole,
    _spelled_out,
    _value,
    _within_bound,
    _Word,
)
from diptych.core.compare.terms import word_spans
from diptych.core.model import DiffOp

# what begins the key of a name phrase that names a country as a whole ("@US:united states")
COUNTRY = "@"


@dataclass
class _Side:
    """One side of a run of edits: its text and its words (offsets in that text)."""

    text: str
    words: list[_Word]


def _words(text: str) -> list[_Word]:
    return [_Word(text[s:e], s, e) for s, e in word_spans(text)]


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


def _as_country(phrase: _Phrase) -> _Phrase:
    """A name phrase that names a country as a whole ("United States", "U.S.", "American",
    "Britain") keyed by the countries it may name and its words ("@US:united states"), so that
    ``_same_country`` reads it as one name (the side's unaligned keys get its words too)."""
    codes = countries_of(phrase.text)
    if not codes:
        return phrase
    return phrase._replace(keys={f"{COUNTRY}{'+'.join(sorted(codes))}:{_fold(phrase.text)}"})


def _country_words(key: str) -> list[str]:
    """The words of a country's name phrase, from its key."""
    return key.partition(":")[2].split()


def _countries_of_key(key: str) -> frozenset[str]:
    """The countries a name key may name: a country phrase's, or a word's own ("russian")."""
    if key.startswith(COUNTRY):
        return frozenset(key[1:].partition(":")[0].split("+"))
    return countries_of(key)


def _same_country(key: str, others: set[str]) -> bool:
    """Whether name key ``key`` and one of ``others`` may name one country ("United States" /
    "American", "UK" / "Britain", "Russia's" / "Russian")."""
    mine = _countries_of_key(key)
    return bool(mine) and any(mine & _countries_of_key(o) for o in others)


# a name as written: capitalised words ("New York", "St. Louis")
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
# what follows a member of a list of names: more members, then "and" or "or" and the last
_LIST_AFTER = re.compile(rf"(?:\s*,\s*{_NAME})*\s*,?\s+(?:and|or)\s+{_NAME}")
# what joins a member to the name right after it, and the one right before it
_NEXT_MEMBER = re.compile(rf"\s*(?:,\s*|\s(?:and|or)\s+)(?={_NAME})")
_PREVIOUS_MEMBER = re.compile(rf"(?:{_NAME})(?:\s*,|\s+(?:and|or))\s*\Z")


def _added_to_list(text: str, offset: int, part: _Side, phrase: _Phrase) -> bool:
    """Whether the name ``phrase`` of a run of edits (``part``, at ``offset`` in the side's
    ``text``) is a member of a list of names whose member right beside it lies outside the run,
    a name both sides give: "in Houston, New York and London" where the other side says "in
    Times Square in New York". Then this side names one more place or person, which is no
    difference unless the other side's name is a member of the list in the same way ("Paris,
    New York and London" / "Houston, New York and London")."""
    start = offset + part.words[phrase.first].start
    end = offset + part.words[phrase.last].end
    run_end = offset + len(part.text)
    nxt = _NEXT_MEMBER.match(text, end)
    if nxt and nxt.end() >= run_end and _LIST_AFTER.match(text, end):
        return True
    before = text[:start]
    prev = _PREVIOUS_MEMBER.search(before)
    if prev is None or prev.start() >= offset:
        return False
    return before.rstrip().endswith(("and", "or")) or bool(_LIST_AFTER.match(text, end))


# the words before a name that say it is a person's ("Senator Kerry", "Mr. Stevens", "said
# spokeswoman Sonya Soutus"), nearest last
_PERSON_TITLE_TEXT = """
    mr mrs ms miss dr sir dame lady lord rep sen gov adm col lt sgt capt maj cmdr gen general
    president vice secretary minister senator governor chief king queen prince princess prime
    premier chancellor mayor judge justice chairman chairwoman chair spokesman spokeswoman
    spokesperson commander detective officer director professor prof rev reverend pope bishop
    cardinal sheikh ayatollah rabbi imam colonel captain major lieutenant sergeant admiral
    ambassador envoy congressman congresswoman representative leader coach jr sr
    """
_PERSON_TITLES = frozenset(_PERSON_TITLE_TEXT.split())


_INITIAL = re.compile(r"[A-Z]\.\s")
# a name written in full: two to four capitalised words in a row ("Luis Fernando Camacho")
_FULL_NAME = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}")
# a title and the name after it, up to four capitalised words ("Gen. Williams Kaliman")
_TITLED = re.compile(r"\b(\w+)\.?\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})")


def _kind_of_name(
    text: str, offset: int, part: _Side, phrase: _Phrase, persons: Container[str]
) -> str | None:
    """What a name phrase of a run of edits names, when that can be told: "country" (a
    country, its short name or demonym: ``name_forms``) or "person" (a title right before it or
    at its start, "Senator Kerry", "Gen. Williams Kaliman", an initial first, "J. R. Smith", or
    a known given name first, "Ben Deutsch", or a name either article gives after a title
    elsewhere: ``persons``, a ``PersonNames``); None for any other name (a place, a company,
    a team, an office), whose difference from the other side's name is most often one
    referent named two ways ("the Pentagon" / "the Defense Department", "UConn" / "the
    Huskies") or two slots of the statement: of 78 such differs of two names on the
    paraphrase documents, about 4 were real disagreements."""
    if phrase.keys and all(k.startswith(COUNTRY) for k in phrase.keys):
        return "country"
    words = phrase.text.split()
    start = offset + part.words[phrase.first].start
    before = re.findall(r"[\w'’]+", text[max(0, start - 40) : start])
    if (before and before[-1].casefold() in _PERSON_TITLES) or (
        words[0].rstrip(".").casefold() in _PERSON_TITLES
    ):
        return "person"
    if _INITIAL.match(phrase.text) and len(words) > 1:
        return "person"  # "J. R. Smith"
    # (a phrase naming a country has its key by now: claim_differs keys them before names
    # are compared)
    if is_given_name(_fold(words[0])):
        return "person"
    if any(k in persons for k in phrase.keys):
        return "person"  # named after a title elsewhere in either article
    return None


def _has_content(text: str) -> bool:
    return any(_is_content(t) for t in _TOKEN_RE.findall(text))


def _differing(
    a: _Phrases,
    b: _Phrases,
    in_a: set[str],
    in_b: set[str],
    *,
    one_sided: bool,
    same: Callable[[str, set[str]], bool] | None = None,
    silent: Callable[[int], bool] = lambda _side: True,
) -> tuple[str, str] | None:
    """The phrases of ``a`` and ``b`` that say something the other side does not say (``in_a``
    / ``in_b``: the keys of that side's words left unaligned anywhere in its fragment).
    ``same``: whether a key stands for one of the other side's keys written another way (an
    initial, an acronym, a spelling). ``one_sided``: report a side's phrases when the other gives none at all ("dozens massacred"
    / "the toll of dead"), and ``silent(side)`` says that side (0 for A, 1 for B; asked only
    then) gives no other figure or date anywhere in its fragment, in digits or in words ("yesterday", "a decade ago"): the reader
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
    if one_sided and (la or lb) and not (a and b) and silent(0 if lb else 1):
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

    @functools.cached_property
    def _words(self) -> frozenset[str]:
        found = (w for t in self._texts for w in re.findall(r"\w+", t))
        return frozenset(w for w in found if w.islower())

    def __contains__(self, word: object) -> bool:
        return word in self._words


class PersonNames:
    """What the two articles tell of the names in them (made when first asked): the words of
    the names either gives right after a person's title ("leader Luis Fernando Camacho", "Gen.
    Williams Kaliman", "Mr. Nash"), folded, so that a name written elsewhere without its title
    ("met Camacho") is a person's too; and which words stand together in one name written in
    full ("Saddam Hussein", "Evan Nash"), so that one side's "Saddam" and the other's "Hussein"
    are one person."""

    def __init__(self, text_a: str, text_b: str) -> None:
        self._texts = (text_a, text_b)

    @functools.cached_property
    def _titled(self) -> frozenset[str]:
        return frozenset(
            _fold(w)
            for text in self._texts
            for m in _TITLED.finditer(text)
            if m.group(1).casefold() in _PERSON_TITLES
            for w in m.group(2).split()
        )

    @functools.cached_property
    def _full_names(self) -> dict[str, set[int]]:
        """Each word of a name written in full, to the names (numbered) it is a word of."""
        names: dict[str, set[int]] = {}
        full = (m.group() for text in self._texts for m in _FULL_NAME.finditer(text))
        for n, name in enumerate(full):
            for w in name.split():
                names.setdefault(_fold(w), set()).add(n)
        return names

    def __contains__(self, word: object) -> bool:
        return word in self._titled

    def together(self, x: str, y: str) -> bool:
        """Whether name keys ``x`` and ``y`` are words of one name either article writes in
        full (two to four capitalised words in a row)."""
        return bool(self._full_names.get(x, set()) & self._full_names.get(y, set()))


def claim_differs(
    diff: Sequence[DiffOp],
    max_words: int = 4,
    *,
    lower_case: Container[str] = frozenset(),
    persons: Container[str] = frozenset(),
) -> tuple[tuple[str, str], ...]:
    """Figures, dates and names that differ inside a claim's matching fragments.

    Reads the word diff of the cores: in each run of edits where both sides say something
    short in the same place (one replaces the other, at most ``max_words`` content words a
    side: a longer run is a different wording, not a different fact), the numbers (digits or
    number words, "two" and "2" the same, "2 ½" and "2.5" too), dates (months and weekdays,
    "Nov." and "November" the same) and, when both sides name a person or both a country
    (``_kind_of_name``; other names, places, companies, offices, are most often one referent
    named two ways, and are not compared), capitalised names ("Judæa" and "Judaea" the same, an initial "J." the same as any name it may stand for, an
    acronym the same as the words it spells out, "U.S." and "United States", an abbreviation
    with a full stop the same as the name it begins, "R-Tenn." and "Tennessee", a name and its
    adjective, "Russia" and "Russian", its plural or possessive written without the
    apostrophe, "Turks" and "Partys", a given name and its short form, "Timothy" and "Tim", a
    country and its short names or demonym, "United States", "U.S." and "American", a name of
    five letters or more and one spelled a letter apart; see ``written._one_name`` and
    ``name_forms``); a name one side adds to a list that holds a name both give ("in Times
    Square in New York" / "in Houston, New York and London") is no difference, unless the other
    side's name is a member of that list too ("Paris, New York and London"). In
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
    starts = {op: [s for s, _e in sp] for op, sp in spans.items()}
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
            # and the word after it ("million" of "one" + " million")
            t = bisect.bisect_left(starts[op], offset + len(text))
            trail = texts[op][spans[op][t][0] : spans[op][t][1]] if t < len(spans[op]) else ""
            fig = {
                i: k
                for i in range(len(part.words))
                if (k := _figure_key(part.words, i, part.text, i in opening, lead, trail))
                is not None
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
    # countries are read where two names are compared (their table takes 0.2 s to load, once)
    if any(ask and sides[-1][1] and sides[1][1] for sides, ask in zip(found, asked, strict=True)):
        for sides in found:
            for op, (fig_p, nam_p) in sides.items():
                sides[op] = (fig_p, [_as_country(p) for p in nam_p])
    # every figure and name a side gives where the other side has no word aligned with it: one
    # the other side gives too, in another place, is no difference ("In 2019 the party won" /
    # "The party won ... in 2019")
    unaligned: dict[int, tuple[set[str], set[str]]] = {-1: (set(), set()), 1: (set(), set())}
    for sides in found:
        for op, (fig_p, nam_p) in sides.items():
            for kind, phrases in ((0, fig_p), (1, nam_p)):
                for p in phrases:
                    unaligned[op][kind].update(p.keys)
                    # a country's name said, and each of its words ("North" of "North Korea")
                    for k in p.keys:
                        if k.startswith(COUNTRY):
                            unaligned[op][kind].update(_country_words(k))

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
    # names written with a full stop after them (abbreviations: "Tenn."); read once, and only
    # when a name is left unsaid on the other side (most claims never ask)
    @functools.cache
    def written_two_ways() -> tuple[set[str], set[str]]:
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
        return spelled, abbreviations

    def one_name(key: str, others: set[str]) -> bool:
        if key.startswith(COUNTRY) and all(
            w in others or one_name(w, others) for w in _country_words(key)
        ):
            return True  # every word of a country's name said ("Solomon Islands" / "Solomons")
        if key in _PERSON_TITLES:
            return True  # a title, not a name ("Adm. Hal" / "Navy Admiral Harold")
        if isinstance(persons, PersonNames) and any(persons.together(key, o) for o in others):
            return True  # one person's given name and surname ("Saddam" / "Hussein")
        spelled, abbreviations = written_two_ways()
        return (
            key in spelled
            or _initial_matches(key, others)
            or any(_one_name(key, o, abbreviations) for o in others)
            or _same_country(key, others)
        )

    # whether a side (0 for A, 1 for B) gives no figure or date the other does not, anywhere in
    # its fragment: then a figure only the other side gives is one this side "gives no other
    # figure or date" for; read once a side, and only for a figure one side gives alone
    @functools.cache
    def silent(side: int) -> bool:
        op = (-1, 1)[side]
        return not (unaligned[op][0] - unaligned[-op][0]) and not _relative_date(diff, op)

    def listed(
        run: dict[int, tuple[str, int]],
        sides: dict[int, tuple[_Phrases, _Phrases]],
        run_parts: dict[int, _Side],
        op: int,
    ) -> bool:
        """Whether a name of side ``op`` of the run is one added to a list of names (asked
        only of a run whose figures do not differ)."""
        return any(_added_to_list(texts[op], run[op][1], run_parts[op], p) for p in sides[op][1])

    out: list[tuple[str, str]] = []
    for run, sides, ask, edges, run_parts in zip(runs, found, asked, slots, parts, strict=True):
        said: tuple[str, str] | None
        if ask:
            said = _differing(
                sides[-1][0],
                sides[1][0],
                unaligned[-1][0],
                unaligned[1][0],
                one_sided=True,
                silent=silent,
            )
            if said is None and listed(run, sides, run_parts, -1) == listed(
                run, sides, run_parts, 1
            ):
                name_kinds = {
                    op: [
                        _kind_of_name(texts[op], run[op][1], run_parts[op], p, persons)
                        for p in sides[op][1]
                    ]
                    for op in (-1, 1)
                }
                # names of one kind compared, a person with a person, a country with a country
                for name_kind in ("person", "country"):
                    said = _differing(
                        [
                            p
                            for p, k in zip(sides[-1][1], name_kinds[-1], strict=True)
                            if k == name_kind
                        ],
                        [
                            p
                            for p, k in zip(sides[1][1], name_kinds[1], strict=True)
                            if k == name_kind
                        ],
                        unaligned[-1][1],
                        unaligned[1][1],
                        one_sided=False,
                        same=one_name,
                    )
                    if said is not None:
                        break
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
