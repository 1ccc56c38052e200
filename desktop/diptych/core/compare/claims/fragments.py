"""The shared fragment (core) of a claim pair and the word diff of the cores."""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from diptych.core.addresses import address_spans
from diptych.core.compare.claims.diff import _TOKEN_RE, _align, _diff_ops, _is_content, word_diff
from diptych.core.compare.claims.params import PARAMS
from diptych.core.compare.terms import STOPWORDS, is_shouting, read_as
from diptych.core.model import DiffOp

# where a clause ends: the core grows from its aligned words to the nearest of these (a comma
# or colon between two digits is part of a figure: "70,000", "4:17")
_CLAUSE_EDGE = re.compile(r"[;()\[\]—–]|\s-\s|(?<!\d)[,:]|[,:](?!\d)")
_OPENS = {")": "(", "]": "["}
# a list's item is at most this many words; "and" / "or" within this many words after a comma
# joins the next item
_LIST_ITEM = 4
_LIST_JOIN = 3
# stop words that may begin a list's item (a noun phrase); any other stop word begins an
# opening phrase or clause ("After talks,", "When he arrived,")
_DETERMINER_TEXT = """
    the a an this these those its their his her our my your all some many several each every
    few most both other another such
    """
_DETERMINERS = frozenset(_DETERMINER_TEXT.split())
# words that begin an opening phrase, not an item, though not stop words: prepositions,
# sentence adverbs, interjections
_OPENING_TEXT = """
    according following despite unlike besides along across amid amidst around behind beside
    beyond inside outside near throughout except regarding concerning considering given
    including meanwhile instead already yesterday today tomorrow oh yes well indeed moreover
    furthermore nevertheless nonetheless hence again
    """
_OPENING_WORDS = frozenset(_OPENING_TEXT.split())
_NUMBER_TEXT = """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred hundreds thousand thousands million millions billion billions
    trillion dozen dozens half quarter third score scores
    """
_NUMBER_WORDS = frozenset(_NUMBER_TEXT.split())
_DATE_TEXT = """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """
_DATE_WORDS = frozenset(_DATE_TEXT.split())
# capitalised words that are titles, not names (stop words are never names either)
_TITLE_TEXT = """
    president vice gen general secretary minister senator governor chief king queen prime
    """
_TITLES = frozenset(_TITLE_TEXT.split())


@dataclass(frozen=True)
class _Core:
    """The shared fragment of a pair of units: code-point offsets within each unit's text, and
    how many content words are aligned in order inside it."""

    a: tuple[int, int]
    b: tuple[int, int]
    aligned: int


def _token_starts(toks: Sequence[str]) -> list[int]:
    out = [0]
    for t in toks:
        out.append(out[-1] + len(t))
    return out


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    """The offsets of each matched pair of round or square brackets (opening, closing)."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in "([":
            stack.append(i)
        elif ch in ")]":
            at = next(
                (k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == _OPENS[ch]), -1
            )
            if at >= 0:
                pairs.append((stack[at], i))
                del stack[at:]
    return pairs


def _is_list_comma(text: str, edges: Sequence[re.Match[str]], k: int) -> bool:
    """Whether clause edge ``k`` is a comma between two items of a list, not between clauses.

    The stretch before it (from the edge before) must be a short item: at most ``_LIST_ITEM``
    words, no figure. After it, the list goes on through short items, each followed by another
    comma, to an item joined by "and" / "or" after its first word ("the Bolivian workers,
    peasants and indigenous majority"; "A, B, C and D"). An "and" right after a comma is not
    read as a list's: it joins clauses as often ("he examined the guards, and commanded"; "The
    third crew member, Michael Collins, orbited alone in Columbia, and for part of each
    orbit..."), so a core ending inside "A, B, and C" is left cut there."""

    def is_comma(i: int) -> bool:
        return 0 <= i < len(edges) and edges[i].group().strip() == ","

    def words(i: int) -> list[str]:
        """The words between edge ``i`` and the next (the text's ends for -1 / the last)."""
        lo = edges[i].end() if i >= 0 else 0
        hi = edges[i + 1].start() if i + 1 < len(edges) else len(text)
        return [w.lower() for w in re.findall(r"\w+", text[lo:hi])]

    def short_item(ws: list[str]) -> bool:
        return 1 <= len(ws) <= _LIST_ITEM and not any(w[0].isdigit() for w in ws)

    def noun_phrase_start(ws: list[str]) -> bool:
        """Whether a short stretch may be a list's item (a noun phrase), not an opening
        phrase: "After talks," "According to the GBI," "Already in beta," "Finally,"."""
        w = ws[0]
        if w in STOPWORDS:
            return w in _DETERMINERS
        return w not in _OPENING_WORDS and not w.endswith("ly")

    first = words(k - 1)
    if not is_comma(k) or not short_item(first) or not noun_phrase_start(first):
        return False
    j = k
    while True:
        after = words(j)
        if any(w in ("and", "or") for w in after[1:_LIST_JOIN]):
            return True
        if not (short_item(after) and is_comma(j + 1)):
            return False
        j += 1


def _grow_to_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``..``end`` grown to the clause around it (the nearest clause edges outside).

    A bracketed aside the core does not lie in is part of the clause around it, edges and all
    ("Movement toward Socialism (MAS) party", "the group (founded in 1990, in Paris) said"):
    only the brackets around the core bound it. A quotation mark the core opens or closes
    without its partner is left out ("“The Eagle has landed," he said": the core is the words,
    not the words and one quotation mark)."""
    pairs = _bracket_pairs(text) if "(" in text or "[" in text else []
    # an address is no clause's end: the core ended at "file" of "file:///etc/passwd"; and a
    # bracket inside one pairs with none outside it ("javascript:alert(1)")
    addresses = address_spans(text) if ":" in text or "www." in text.lower() else []
    pairs = [(o, c) for o, c in pairs if not any(a <= o < z or a <= c < z for a, z in addresses)]
    aside = [(o, c) for o, c in pairs if not (o < start and c >= end)]

    def edge_at(e: re.Match[str]) -> bool:
        at = e.start()
        return not any(o <= at <= c for o, c in aside) and not any(
            a <= at < z for a, z in addresses
        )

    edges = [e for e in _CLAUSE_EDGE.finditer(text) if edge_at(e)]
    # the edges the core lies between: the last ending at or before its start, the first
    # starting at or after its end (-1 / len(edges) for the text's own ends)
    k_left = -1
    while k_left + 1 < len(edges) and edges[k_left + 1].end() <= start:
        k_left += 1
    k_right = k_left + 1
    while k_right < len(edges) and edges[k_right].start() < end:
        k_right += 1
    # a comma between the items of a list ("the Bolivian workers, peasants and indigenous
    # majority") is no clause edge: the core takes in the whole list
    while k_left >= 0 and _is_list_comma(text, edges, k_left):
        k_left -= 1
    while k_right < len(edges) and _is_list_comma(text, edges, k_right):
        k_right += 1
    left = edges[k_left].end() if k_left >= 0 else 0
    right = edges[k_right].start() if k_right < len(edges) else len(text)
    # the closing quote of the clause before / the opening quote of the clause after
    while left < right and (
        text[left].isspace()
        or text[left] in "”’)"
        or (text[left] in "\"'" and (left + 1 == right or text[left + 1].isspace()))
    ):
        left += 1
    while right > left and (
        text[right - 1].isspace()
        or text[right - 1] in "“‘("
        or (text[right - 1] in "\"'" and (right - 1 == left or text[right - 2].isspace()))
    ):
        right -= 1
    # a quotation mark without its partner inside the core
    core = text[left:right]
    if (core[:1] == "“" and "”" not in core) or (core[:1] == '"' and core.count('"') % 2):
        left += 1
    core = text[left:right]
    if (core[-1:] == "”" and "“" not in core) or (core[-1:] == '"' and core.count('"') % 2):
        right -= 1
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def _inside(toks: Sequence[str], starts: Sequence[int], lo: int, hi: int) -> list[str]:
    """The content tokens that start within ``lo``..``hi``."""
    return [t for t in toks[bisect_left(starts, lo) : bisect_left(starts, hi)] if _is_content(t)]


def _with_reordered(
    text: str,
    toks: Sequence[str],
    starts: Sequence[int],
    ordinal: Sequence[int],
    core: tuple[int, int],
    other: set[str],
    key: Callable[[str], str],
    gap: int,
) -> tuple[int, int]:
    """``core`` grown to hold each run, outside it, of two or more distinct terms of ``other``
    (the other side's core) no more than ``gap`` content words apart, with its clause."""
    lo, hi = core
    run: list[int] = []

    def close() -> None:
        nonlocal lo, hi
        if len({key(toks[i]) for i in run}) >= 2:
            r0, r1 = _grow_to_clause(text, starts[run[0]], starts[run[-1] + 1])
            lo, hi = min(lo, r0), max(hi, r1)
        run.clear()

    i0, i1 = bisect_left(starts, core[0]), bisect_left(starts, core[1])
    for i in itertools.chain(range(i0), range(i1, len(toks))):
        t = toks[i]
        if not _is_content(t) or key(t) not in other:
            continue
        if run and (
            ordinal[i] - ordinal[run[-1]] - 1 > gap or starts[run[-1]] < core[0] <= starts[i]
        ):
            close()
        run.append(i)
    close()
    return lo, hi


def _term_key(toks: Sequence[str], memo: dict[str, str | None]) -> Callable[[str], str]:
    """A token's content term (its lower-case form for a stop word), as ``_align`` read the
    tokens ``toks`` of one sentence (``memo``: the terms it looked up)."""
    shouting = is_shouting([t for t in toks if _is_content(t)])

    def key(tok: str) -> str:
        return memo.get(read_as(tok, shouting)) or tok.lower()

    return key


def _has_content(toks: Sequence[str]) -> bool:
    return any(_is_content(t) for t in toks)


def claim_core(x: str, y: str, idf: dict[str, float], gap: int = PARAMS.core_gap) -> _Core:
    """The shared fragment of two sentences (see ``core_and_diff``)."""
    return core_and_diff(x, y, idf, gap)[0]


def core_and_diff(
    x: str,
    y: str,
    idf: dict[str, float],
    gap: int = PARAMS.core_gap,
    memo: dict[str, str | None] | None = None,
) -> tuple[_Core, tuple[DiffOp, ...]]:
    """The shared fragment of two sentences ``x`` and ``y``.

    Their content words are aligned in order (by term, so "confronted" meets "confront"); runs
    of aligned words no further apart than ``gap`` content words on both sides form fragments;
    the fragment with the most IDF weight, grown to the clause around it on each side, is the
    core. A side whose every content word lies inside its core keeps the whole sentence."""
    memo = {} if memo is None else memo
    tx, ty, anchors = _align(x, y, by_term=True, memo=memo)
    whole = _Core((0, len(x)), (0, len(y)), 0)
    if anchors is None:
        return whole, word_diff(x, y)
    if not anchors:
        return whole, _diff_ops(tx, ty, [])
    # a token's term, as the alignment read it (a sentence in capitals throughout reads its
    # capital words as ordinary words: ``term_in``)
    key_x, key_y = _term_key(tx, memo), _term_key(ty, memo)
    ord_x = list(itertools.accumulate(_is_content(t) for t in tx))
    ord_y = list(itertools.accumulate(_is_content(t) for t in ty))
    clusters: list[list[tuple[int, int]]] = [[anchors[0]]]
    for (px, py), (ax, ay) in itertools.pairwise(anchors):
        if ord_x[ax] - ord_x[px] - 1 > gap or ord_y[ay] - ord_y[py] - 1 > gap:
            clusters.append([])
        clusters[-1].append((ax, ay))

    def weight(c: list[tuple[int, int]]) -> float:
        return sum(idf.get(key_x(tx[ax]), 1.0) for ax, _ in c)

    best = max(clusters, key=lambda c: (weight(c), len(c)))
    # every fragment of two or more aligned words is shared too: the core runs from the first
    # to the last of them (one sentence may share two clauses with the other)
    shown = [c for c in clusters if len(c) >= 2 or c is best]
    sx, sy = _token_starts(tx), _token_starts(ty)
    (fx, fy), (lx, ly) = shown[0][0], shown[-1][-1]
    a0, a1 = _grow_to_clause(x, sx[fx], sx[lx + 1])
    b0, b1 = _grow_to_clause(y, sy[fy], sy[ly + 1])

    # words shared in another order, which an alignment in order leaves out ("the country's
    # first indigenous president, Morales was a former leader of the cocalero union" against
    # "the leader of the coca growers' union and the first president from the country's
    # indigenous population"): where two or more content terms of the other core stand
    # together (no more than ``gap`` content words apart) outside this core, their clause is
    # part of it too. Both sides are read against the other's core as the alignment made it.
    a0, a1, b0, b1 = (
        *_with_reordered(
            x, tx, sx, ord_x, (a0, a1), {key_y(t) for t in _inside(ty, sy, b0, b1)}, key_x, gap
        ),
        *_with_reordered(
            y, ty, sy, ord_y, (b0, b1), {key_x(t) for t in _inside(tx, sx, a0, a1)}, key_y, gap
        ),
    )

    def outside(toks: list[str], starts: list[int], lo: int, hi: int) -> bool:
        return _has_content([t for t, s0 in zip(toks, starts, strict=False) if s0 < lo or s0 >= hi])

    if not outside(tx, sx, a0, a1):
        a0, a1 = 0, len(x)
    if not outside(ty, sy, b0, b1):
        b0, b1 = 0, len(y)
    core = _Core((a0, a1), (b0, b1), len(best))
    if (a0, a1) == (0, len(x)) and (b0, b1) == (0, len(y)):
        return core, _diff_ops(tx, ty, anchors)
    # the diff of the cores, from the same alignment: the anchors inside both cores, moved to
    # the cores' own tokens (a core edge falls between tokens; one that does not drops the
    # anchors of that token)
    cx, cy = _TOKEN_RE.findall(x[a0:a1]), _TOKEN_RE.findall(y[b0:b1])
    at_x = {s0 + a0: i for i, s0 in enumerate(_token_starts(cx)[:-1])}
    at_y = {s0 + b0: i for i, s0 in enumerate(_token_starts(cy)[:-1])}
    inner = [
        (at_x[sx[ax]], at_y[sy[ay]])
        for ax, ay in anchors
        if sx[ax] in at_x
        and sy[ay] in at_y
        and sx[ax + 1] <= a1
        and sy[ay + 1] <= b1
        and cx[at_x[sx[ax]]] == tx[ax]
        and cy[at_y[sy[ay]]] == ty[ay]
    ]
    return core, _diff_ops(cx, cy, inner)


# --------------------------------------------------------------------------- compact shared terms


def _runs(terms: Sequence[str], shared: set[str], gap: int) -> list[set[str]]:
    """The shared terms of one unit in runs: a new run starts where more than ``gap`` content
    terms lie between two occurrences of shared terms."""
    runs: list[set[str]] = []
    last = -gap - 2
    for i, t in enumerate(terms):
        if t not in shared:
            continue
        if i - last - 1 > gap:
            runs.append(set())
        runs[-1].add(t)
        last = i
    return runs


def compact_shared(
    terms_a: Sequence[str], terms_b: Sequence[str], gap: int = PARAMS.core_gap
) -> list[frozenset[str]]:
    """The sets of shared content terms that stand close together on both sides: each run of
    shared terms in A (no more than ``gap`` content terms between neighbours, as in the core)
    intersected with each run in B. Order is free ("the coca growers' union leader" and "a
    leader of the coca union" share one set), distance is not: terms a sentence shares only
    scattered over its length ("party" at the start, "women" at the end) fall apart."""
    shared = set(terms_a) & set(terms_b)
    out: list[frozenset[str]] = []
    for x in _runs(terms_a, shared, gap):
        for y in _runs(terms_b, shared, gap):
            both = frozenset(x & y)
            if both and both not in out:
                out.append(both)
    return out


def fragment_share(
    terms_a: Sequence[str],
    terms_b: Sequence[str],
    idf: dict[str, float],
    gap: int = PARAMS.core_gap,
) -> float:
    """The share (0..1) of two units' TF-IDF dot product that the best compact set of shared
    terms (``compact_shared``) carries alone. Both vectors' norms cancel in the ratio, so the
    term cosine of that set alone is this share of the units' term cosine."""
    ca, cb = Counter(terms_a), Counter(terms_b)

    def w(t: str) -> float:
        return (1.0 + math.log(ca[t])) * (1.0 + math.log(cb[t])) * idf.get(t, 1.0) ** 2

    total = sum(w(t) for t in ca.keys() & cb.keys())
    if total <= 0.0:
        return 0.0
    best = max((sum(w(t) for t in s) for s in compact_shared(terms_a, terms_b, gap)), default=0.0)
    return best / total
