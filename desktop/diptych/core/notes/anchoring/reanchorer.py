"""The reanchorer: finds highlights again in a changed text, trying the cheap ways first."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Container
from dataclasses import dataclass

from rapidfuzz import fuzz

from diptych.core.model import TextPositionSelector, TextQuoteSelector
from diptych.core.notes.anchoring.facts import (
    _TOKEN_RE,
    _fact_changes,
    _has_as_words,
    _once,
    _sentence_around,
    _sentence_span,
    _word_edges,
)
from diptych.core.notes.anchoring.position_map import PositionMap
from diptych.core.notes.anchoring.quote_match import (
    _LOCAL_SPAN,
    _PIECE_CAP,
    _REFINED_CANDIDATES,
    _W_POS,
    _W_PREFIX,
    _W_QUOTE,
    _W_SUFFIX,
    _W_TOTAL,
    _WORD_RE,
    _WORDS_VOTING,
    _align,
    _best_voted,
    _context_score,
    _min_context_score,
    _min_quote_score,
    _min_quote_score_near,
    _min_side_score,
    _similarity,
    _snaps,
)
from diptych.core.notes.anchoring.selectors import CONTEXT_CHARS, ORPHANED, Resolution, describe


@dataclass(frozen=True)
class _Origin:
    """Where the highlight was made: the snapshot, the range in it, and how much of that
    range the diff to the new text kept."""

    text: str
    start: int
    end: int
    kept: float


def resolve(
    quote: TextQuoteSelector,
    position: TextPositionSelector | None,
    old_fingerprint: str,
    old_text: str | None,
    new_text: str,
    new_fingerprint: str,
) -> Resolution:
    """Find one highlight in ``new_text`` (see the module docstring for the order of tries).

    ``old_text`` is the snapshot the selectors were made on, or None when it is unknown
    (e.g. an imported annotation); ``position`` may be None when only a quote is known.
    """
    return Reanchorer(new_text, new_fingerprint).resolve(quote, position, old_fingerprint, old_text)


def _places(text: str, needle: str) -> int:
    """How many places of ``text`` read ``needle`` exactly (overlapping ones counted)."""
    n, at = 0, text.find(needle)
    while at != -1:
        n += 1
        at = text.find(needle, at + 1)
    return n


class _LazyTaken:
    """Where the new text holds another old copy of the quote, kept unchanged by the diff:
    those are that copy's words, not this highlight's (when the highlighted sentence is
    deleted, the same words in the next sentence are not it). Worked out on the first
    question only: most highlights are found before anyone asks."""

    def __init__(self, pm: PositionMap, old_text: str, exact: str, start: int) -> None:
        self._args = (pm, old_text, exact, start)
        self._places: frozenset[int] | None = None

    def __contains__(self, place: object) -> bool:
        if self._places is None:
            pm, old_text, exact, start = self._args
            m, out = len(exact), set()
            i, seen = old_text.find(exact), 0
            while i != -1 and seen < 5000:
                if i != start and pm.kept(i, i + m) == 1.0:
                    out.add(pm.map(i))
                i, seen = old_text.find(exact, i + 1), seen + 1
            self._places = frozenset(out)
        return place in self._places


class Reanchorer:
    """Resolves many highlights against one new text, sharing work between them.

    Diffs are computed once per distinct old snapshot (keyed by its fingerprint); the word
    index the fuzzy search uses is built once, when first needed.
    """

    def __init__(self, new_text: str, new_fingerprint: str) -> None:
        self.text = new_text
        self.fingerprint = new_fingerprint
        self._maps: dict[str, tuple[PositionMap, PositionMap]] = {}
        self._words: dict[str, list[int]] | None = None

    def _word_index(self) -> dict[str, list[int]]:
        """Where each word (lower-cased) of the new text starts, in order."""
        if self._words is None:
            idx: dict[str, list[int]] = {}
            for m in _WORD_RE.finditer(self.text):
                idx.setdefault(m.group().lower(), []).append(m.start())
            self._words = idx
        return self._words

    def _map_for(self, old_fingerprint: str, old_text: str) -> tuple[PositionMap, PositionMap]:
        """The semantic and the raw map (see :meth:`PositionMap.pair_between`)."""
        maps = self._maps.get(old_fingerprint)
        if maps is None:
            maps = PositionMap.pair_between(old_text, self.text)
            self._maps[old_fingerprint] = maps
        return maps

    def resolve(
        self,
        quote: TextQuoteSelector,
        position: TextPositionSelector | None,
        old_fingerprint: str,
        old_text: str | None,
    ) -> Resolution:
        """Find one highlight; see :func:`resolve`. An orphan whose quote and context read
        at several places says how many (``Resolution.places``, counted by :meth:`_search`)."""
        text = self.text
        exact = quote.exact
        if not exact:
            return ORPHANED
        pos_ok = (
            position is not None
            and 0 <= position.start < position.end <= len(text)
            and text[position.start : position.end] == exact
        )
        if old_fingerprint and old_fingerprint == self.fingerprint and pos_ok:
            assert position is not None
            return Resolution("anchored", position.start, position.end, 1.0)
        if not old_fingerprint and pos_ok:
            # No fingerprint (an imported annotation): the position holds the exact quote and
            # its context, however short, so it is where it was made.
            assert position is not None
            if self._confirmed(quote, position.start, position.end):
                return Resolution("anchored", position.start, position.end, 1.0)
        if not old_fingerprint and position is None:
            # Nor a position: the one place where the quote and its context (as given) read
            # exactly is where it was made. (A position that no longer holds the quote says
            # the text changed.)
            needle = quote.prefix + exact + quote.suffix
            at = text.find(needle)
            if at != -1 and text.find(needle, at + 1) == -1:
                s0 = at + len(quote.prefix)
                if self._confirmed(quote, s0, s0 + len(exact)):
                    return Resolution("anchored", s0, s0 + len(exact), 1.0)

        hint: int | None = position.start if position is not None else None
        taken: Container[int] = frozenset()
        origin: _Origin | None = None
        if (
            old_text is not None
            and position is not None
            and 0 <= position.start < position.end <= len(old_text)
        ):
            pm, raw = self._map_for(old_fingerprint, old_text)
            ns = pm.map(position.start)
            ne = pm.map(position.end - 1) + 1
            hint = ns
            # Where the diff kept most of the text around the highlight, it vouches for the
            # place; after a rewrite it does not, and the quote's context must agree.
            kept = pm.kept(
                max(0, position.start - CONTEXT_CHARS),
                min(len(old_text), position.end + CONTEXT_CHARS),
            )
            origin = _Origin(
                old_text, position.start, position.end, pm.kept(position.start, position.end)
            )
            kept_here = self._kept_in_place(quote, raw, origin)
            if kept_here is not None:
                return kept_here
            rivals = self._rivals(pm, old_text, exact, position.start, ns)
            taken = _LazyTaken(pm, old_text, exact, position.start)
            found = self._near(
                quote,
                ns,
                max(ne, ns + 1),
                origin,
                trusted=kept >= 0.5,
                rivals=rivals,
                taken=taken,
            )
            if found is not None:
                return found
        return self._search(quote, hint, taken, origin)

    def _kept_in_place(
        self, quote: TextQuoteSelector, raw: PositionMap, origin: _Origin
    ) -> Resolution | None:
        """The highlight where the character diff kept every character of the quote, when
        the quote occurs once in the old text and once in the new one, with the same word
        boundaries: those are its own words, whatever edits changed its context. A two-word
        quote next to an edit has little context left to agree (most of its 32+32 code
        points are new), and the semantic cleanup may count it as replaced; neither says
        the words moved. Only the same facts (see :meth:`_same_facts`) are accepted."""
        exact, text, old = quote.exact, self.text, origin.text
        m = len(exact)
        if raw.kept(origin.start, origin.end) < 1.0:
            return None
        ns = raw.map(origin.start)
        if text[ns : ns + m] != exact or not (_once(old, exact) and _once(text, exact)):
            return None
        if _word_edges(old, origin.start, origin.end) != _word_edges(text, ns, ns + m):
            return None  # letters glued onto the quote's first or last word: its words changed
        if not self._same_facts(quote, ns, ns + m, origin, mapped_exact=True):
            return None
        return Resolution("reanchored", ns, ns + m, self._score(quote, ns, ns + m, 1.0, 1.0))

    @staticmethod
    def _rivals(
        pm: PositionMap, old_text: str, exact: str, start: int, ns: int
    ) -> list[TextQuoteSelector]:
        """Other copies of the quote in the old text (with their context) that map to the new
        place or within a context's length of it: then the diff's choice between them is
        arbitrary (delete "Lithium prices rose… Lithium" or "prices rose… Lithium Lithium"?)
        and does not say whose words the new place holds."""
        m = len(exact)
        lo, hi = max(0, start - _LOCAL_SPAN), min(len(old_text), start + m + _LOCAL_SPAN)
        out: list[TextQuoteSelector] = []
        i = old_text.find(exact, lo, hi)
        while i != -1:
            if i != start and abs(pm.map(i) - ns) <= m + CONTEXT_CHARS:
                out.append(describe(old_text, i, i + m)[0])
            i = old_text.find(exact, i + 1, hi)
        return out

    def _confirmed(self, quote: TextQuoteSelector, start: int, end: int) -> bool:
        """The quote at ``[start, end)`` (where it is, exactly) is confirmed: its prefix and
        suffix, as long as they were given (the W3C model makes both optional and other
        clients keep them short), are the text there, and either one of them was given or
        the quote occurs nowhere else."""
        text, p, s = self.text, quote.prefix, quote.suffix
        if p and text[max(0, start - len(p)) : start] != p:
            return False
        if s and text[end : end + len(s)] != s:
            return False
        return bool(p or s) or self._unique(quote.exact)

    def _unique(self, exact: str) -> bool:
        first = self.text.find(exact)
        return first != -1 and self.text.find(exact, first + 1) == -1

    # -- scoring -------------------------------------------------------------------------

    def _sides(self, quote: TextQuoteSelector, start: int, end: int) -> tuple[float, float]:
        """How well the prefix and the suffix match the text around ``[start, end)``."""
        text = self.text
        p = _context_score(
            quote.prefix, text[max(0, start - len(quote.prefix)) : start], start == 0
        )
        s = _context_score(quote.suffix, text[end : end + len(quote.suffix)], end == len(text))
        return p, s

    def _context(self, quote: TextQuoteSelector, start: int, end: int) -> float:
        p, s = self._sides(quote, start, end)
        return (p + s) / 2

    def _both_sides(self, quote: TextQuoteSelector, start: int, end: int) -> bool:
        """Each side of the context supports ``[start, end)`` as much as a short quote
        found away from its diff-mapped place needs."""
        return min(self._sides(quote, start, end)) >= _min_side_score(len(quote.exact))

    def _fact_changes(self, quote: TextQuoteSelector, start: int, end: int) -> int:
        """How many facts (numbers, names) ``text[start:end]`` and the rest of its sentence
        state differently from the quote and the rest of its sentence, as far as the context
        reaches."""
        text, limit = self.text, 40
        lo, hi = max(0, start - len(quote.prefix)), min(len(text), end + len(quote.suffix))
        while lo > 0 and limit and text[lo - 1].isalnum() and text[lo].isalnum():
            lo, limit = lo - 1, limit - 1  # whole words on this side
        while 0 < hi < len(text) and limit and text[hi - 1].isalnum() and text[hi].isalnum():
            hi, limit = hi + 1, limit - 1
        stored_full = quote.prefix + quote.exact + quote.suffix
        a, b = _sentence_span(stored_full, len(quote.prefix), len(stored_full) - len(quote.suffix))
        stored = _TOKEN_RE.findall(stored_full[a:b])
        fa, fb = _sentence_span(text[lo:hi], start - lo, end - lo)
        found = _TOKEN_RE.findall(text[lo + fa : lo + fb])
        # The context's first/last word may be cut in two ("ithium" for "Lithium"): it is the
        # same word when the word there ends/starts with it.
        if stored and found:
            if a == 0 and found[0].casefold().endswith(stored[0].casefold()):
                stored[0] = found[0]
            if b == len(stored_full) and found[-1].casefold().startswith(stored[-1].casefold()):
                stored[-1] = found[-1]
        return _fact_changes(stored, found)

    def _same_facts(
        self,
        quote: TextQuoteSelector,
        start: int,
        end: int,
        origin: _Origin | None = None,
        *,
        mapped_exact: bool = False,
    ) -> bool:
        """``text[start:end]`` and its sentence state the facts the highlight's words stated:
        the same numbers and names; never a look-alike sentence about something else, nor the
        same words in such a sentence.

        Without the snapshot the quote and its context are compared, strictly. With it
        (``origin``) whole sentences are, and one fact may differ where both sides of the
        context still match and the new sentence was not in the old text: the same sentence,
        corrected ("forty" became "forty-two"): where the diff kept most of the highlight's
        own words. A sentence that was already there is another sentence. Where the diff maps
        the exact quote (``mapped_exact``) only that counts: the rest of its sentence may
        have been edited, other figures included.
        """
        if origin is None:
            return self._fact_changes(quote, start, end) == 0
        oa, ob = _sentence_around(origin.text, origin.start, origin.end)
        na, nb = _sentence_around(self.text, start, end)
        old, new = origin.text[oa:ob], self.text[na:nb]
        if old == new:
            return True
        changes = _fact_changes(_TOKEN_RE.findall(old), _TOKEN_RE.findall(new))
        if changes == 0:
            return True
        if mapped_exact:
            return not _has_as_words(origin.text, new)
        return (
            changes == 1
            and origin.kept >= 0.5
            and not _has_as_words(origin.text, new)
            and min(self._sides(quote, start, end)) >= 0.8
        )

    def _same_sentence(self, start: int, end: int, origin: _Origin | None) -> bool:
        """``[start, end)`` is at the same place of the very sentence it was made in (one long
        enough to say so: 40 code points or more), whatever is around that sentence now."""
        if origin is None:
            return False
        oa, ob = _sentence_around(origin.text, origin.start, origin.end)
        na, nb = _sentence_around(self.text, start, end)
        return (
            ob - oa >= 40
            and origin.start - oa == start - na
            and origin.end - oa == end - na
            and origin.text[oa:ob] == self.text[na:nb]
        )

    def _owns(
        self, quote: TextQuoteSelector, rivals: list[TextQuoteSelector], start: int, end: int
    ) -> bool:
        """Whether ``[start, end)`` is this quote's rather than a rival copy's: fewer changed
        facts around it, then the closer context (a tie goes to this quote: same words)."""

        def claim(q: TextQuoteSelector) -> tuple[int, float]:
            return self._fact_changes(q, start, end), -self._context(q, start, end)

        mine = claim(quote)
        return all(mine <= claim(r) for r in rivals)

    def _score(self, quote: TextQuoteSelector, start: int, end: int, q: float, pos: float) -> float:
        p, s = self._sides(quote, start, end)
        return (_W_QUOTE * q + _W_PREFIX * p + _W_SUFFIX * s + _W_POS * pos) / _W_TOTAL

    # -- step 2: around the diff-mapped range ---------------------------------------------

    def _near(
        self,
        quote: TextQuoteSelector,
        ns: int,
        ne: int,
        origin: _Origin,
        *,
        trusted: bool,
        rivals: list[TextQuoteSelector],
        taken: Container[int],
    ) -> Resolution | None:
        text, exact = self.text, quote.exact
        m = len(exact)
        # Unless the diff kept the surroundings, a short quote needs its context too: after a
        # rewrite the diff maps into unrelated text, where a short word may well occur. When
        # another copy of the quote competed for the mapped place, the place must be ours.
        owned = not rivals or self._owns(quote, rivals, ns, ne)
        min_ctx = 0.0 if trusted and owned else _min_context_score(m)
        # Away from the mapped place even a trusted diff needs some support from the context:
        # when a highlighted "the" is deleted, the next "the" is not the same words.
        min_ctx_near = max(min_ctx, 0.5 * _min_context_score(m))
        if (
            text[ns:ne] == exact
            and self._context(quote, ns, ne) >= min_ctx
            and owned
            and self._same_facts(quote, ns, ne, origin, mapped_exact=not rivals)
        ):
            return Resolution("reanchored", ns, ne, self._score(quote, ns, ne, 1.0, 1.0))
        slack = max(m, CONTEXT_CHARS)
        lo, hi = max(0, ns - slack), min(len(text), ne + slack)
        # The nearest exact copy close by (a diff of repeated words can shift the mapping).
        best: int | None = None
        i = text.find(exact, lo, hi)
        while i != -1:
            if best is None or abs(i - ns) < abs(best - ns):
                best = i
            i = text.find(exact, i + 1, hi)
        if (
            best is not None
            and best not in taken
            and (
                self._context(quote, best, best + m) >= min_ctx_near
                or self._same_sentence(best, best + m, origin)
            )
            and self._same_facts(quote, best, best + m, origin)
        ):
            return Resolution(
                "reanchored", best, best + m, self._score(quote, best, best + m, 1.0, 1.0)
            )
        # The quote itself was edited: align it around the mapped range.
        a_lo, a_hi = max(0, ns - m // 2 - 4), min(len(text), ne + m // 2 + 4)
        start, end, q = _align(exact, text, a_lo, a_hi, _snaps(quote))
        if (
            end > start
            and q >= _min_quote_score_near(m)
            and self._context(quote, start, end) >= (min_ctx if start == ns else min_ctx_near)
            and (start == ns or not rivals or self._both_sides(quote, start, end))
            and not (start in taken and text[start:end] == exact)
            and self._same_facts(quote, start, end, origin)
        ):
            return Resolution("reanchored", start, end, self._score(quote, start, end, q, 1.0))
        return None

    # -- step 3: fuzzy quote search ------------------------------------------------------

    def _candidates(self, exact: str, lo: int, hi: int) -> list[int]:
        """Approximate start offsets in ``text[lo:hi]`` of places that share words (or, for
        text without word breaks, exact pieces) with the quote, best supported first."""
        by_words = self._candidates_by_words(exact, lo, hi)
        return by_words if by_words is not None else self._candidates_by_pieces(exact, lo, hi)

    def _candidates_by_words(self, exact: str, lo: int, hi: int) -> list[int] | None:
        """Votes of the quote's rarest words, each occurrence voting for the start it implies.
        None when the quote has too few words to go by."""
        words: dict[str, int] = {}
        for m in _WORD_RE.finditer(exact):
            w = m.group().lower()
            if len(w) < 40:  # one long run (e.g. CJK without spaces) says nothing here
                words.setdefault(w, m.start())
        if len(words) < 3:
            return None
        idx = self._word_index()
        ranked = sorted(words.items(), key=lambda kv: len(idx.get(kv[0], ())))
        votes: dict[int, int] = {}
        for used, (w, off) in enumerate(ranked[:_WORDS_VOTING]):
            where = idx.get(w, [])
            a, b = bisect_right(where, lo - 1), bisect_right(where, hi - 1)
            if b - a > _PIECE_CAP and used >= 2:
                break  # the remaining words are all common: they add noise, not evidence
            for i in where[a : min(b, a + 4 * _PIECE_CAP)]:
                key = max(0, i - off) // 8
                votes[key] = votes.get(key, 0) + 1
        return _best_voted(votes)

    def _candidates_by_pieces(self, exact: str, lo: int, hi: int) -> list[int]:
        """Start offsets implied by exact occurrences of fixed-size pieces of the quote."""
        text = self.text
        m = len(exact)
        k = max(4, m // 3) if m < 32 else max(8, m // 8)
        pieces = [(o, exact[o : o + k]) for o in range(0, m - k + 1, k)]
        if (m - k) % k:
            pieces.append((m - k, exact[m - k :]))
        votes: dict[int, int] = {}
        common: list[tuple[int, str]] = []
        for off, piece in pieces:
            hits: list[int] = []
            i = text.find(piece, lo, hi)
            while i != -1 and len(hits) < _PIECE_CAP:
                hits.append(i)
                i = text.find(piece, i + 1, hi)
            if i != -1:
                common.append((off, piece))  # too common to tell places apart
                continue
            for i in hits:
                # Bucket by 8 so pieces of one match shifted by small edits vote together.
                key = max(0, i - off) // 8
                votes[key] = votes.get(key, 0) + 1
        if not votes and common:
            off, piece = common[0]
            i = text.find(piece, lo, hi)
            while i != -1 and len(votes) < _PIECE_CAP:
                votes[max(0, i - off) // 8] = 1
                i = text.find(piece, i + 1, hi)
        return _best_voted(votes)

    def _search(
        self,
        quote: TextQuoteSelector,
        hint: int | None,
        taken: Container[int] = frozenset(),
        origin: _Origin | None = None,
    ) -> Resolution:
        """Fuzzy quote search: near the hint first (a clear match there ends the search),
        then the whole text. Exact copies starting at ``taken`` are other words (see
        ``_LazyTaken``)."""
        m, n = len(quote.exact), len(self.text)
        if n == 0:
            return ORPHANED
        if hint is not None and n > 8 * _LOCAL_SPAN:
            lo, hi = max(0, hint - _LOCAL_SPAN - 2 * m), min(n, hint + _LOCAL_SPAN + 3 * m)
            local, _ = self._search_in(quote, hint, lo, hi, taken, origin)
            if local is not None:
                q = _similarity(quote.exact, self.text[local.start : local.end])
                ctx = self._context(quote, local.start, local.end)
                if (q == 1.0 and ctx >= 0.8) or (q >= 0.9 and ctx >= 0.9):
                    return local
        best, rejected = self._search_in(quote, hint, 0, n, taken, origin)
        if best is not None:
            return best
        places = _places(self.text, quote.prefix + quote.exact + quote.suffix)
        return Resolution(
            "orphaned", -1, -1, round(rejected, 4), places=places if places > 1 else 0
        )

    def _search_in(
        self,
        quote: TextQuoteSelector,
        hint: int | None,
        lo_bound: int,
        hi_bound: int,
        taken: Container[int] = frozenset(),
        origin: _Origin | None = None,
    ) -> tuple[Resolution | None, float]:
        """The best acceptable match in ``text[lo_bound:hi_bound]`` (or None) and the best
        rejected score."""
        text, exact = self.text, quote.exact
        m, n = len(exact), len(text)
        min_q, min_ctx = _min_quote_score(m), _min_context_score(m)
        spans: list[tuple[int, int, float]] = []
        if m < 12:
            # Short quotes are only accepted exact: every exact occurrence is a candidate.
            i = text.find(exact, lo_bound, hi_bound)
            while i != -1 and len(spans) < 5000:
                spans.append((i, i + m, 1.0))
                i = text.find(exact, i + 1, hi_bound)
        else:
            # Rank the candidate places by a cheap quote-sized alignment (C++), then align
            # the few best exactly.
            prelim: list[tuple[float, int, int]] = []
            for approx in self._candidates(exact, lo_bound, hi_bound):
                lo = max(0, approx - m // 2 - 16)
                hi = min(n, approx + m + m // 2 + 24)
                window = text[lo:hi]
                if len(window) <= m:
                    prelim.append((fuzz.ratio(exact, window), lo, hi))
                    continue
                al = fuzz.partial_ratio_alignment(exact, window)
                if al is not None:
                    prelim.append((al.score, lo, hi))
            prelim.sort(reverse=True)
            floor = 100 * (min(min_q, 0.7) - 0.1)  # the Indel ratio is >= the similarity
            for sc, lo, hi in prelim[:_REFINED_CANDIDATES]:
                if sc < floor:
                    break
                spans.append(_align(exact, text, lo, hi, _snaps(quote)))
        best: Resolution | None = None
        best_rejected = 0.0
        seen: set[tuple[int, int]] = set()
        for start, end, q in spans:
            if end <= start or (start, end) in seen or (start in taken and q == 1.0):
                continue
            seen.add((start, end))
            pos = 1.0 - abs(start - hint) / n if hint is not None else 0.5
            score = self._score(quote, start, end, q, max(0.0, pos))
            ctx = self._context(quote, start, end)
            # Accept a close quote match with enough context, or an edited quote whose
            # surroundings are clearly the same (a short quote needs both sides of its
            # context), or the exact quote in its very sentence; never other facts (numbers,
            # names).
            if not (
                (
                    ((q >= min_q and ctx >= min_ctx) or (m >= 8 and q >= 0.7 and ctx >= 0.75))
                    and self._both_sides(quote, start, end)
                )
                or (q == 1.0 and self._same_sentence(start, end, origin))
                or (q == 1.0 and not (quote.prefix or quote.suffix) and self._unique(exact))
            ) or not self._same_facts(quote, start, end, origin):
                best_rejected = max(best_rejected, score)
                continue
            if best is None or score > best.score:
                best = Resolution("reanchored", start, end, score)
        return best, best_rejected
