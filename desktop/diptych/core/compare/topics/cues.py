"""Cue words: light stemming of a topic's cues and the matcher that finds them in a text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from diptych.core.compare.terms import term_of, word_spans
from diptych.core.model import TopicSet


def _light_stem(word: str) -> str:
    """The word with only its inflection removed (plural, -ed, -ing, final e), lower-cased.

    Cue words match text words with the same content term *and* whose light stem extends the
    cue's: "resign" finds "resigned" and "resignation", "protest" finds "protesters", but
    "mineral" does not find "miners" nor "nationalization" "national", which Porter2 cuts to
    the same stem.
    """
    w = word.lower().replace("’", "'").replace(".", "")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("sses"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


Token = tuple[str, str]  # (content term, light stem) of one word


@lru_cache(maxsize=200_000)
def _token_of(word: str) -> Token | None:
    """The (content term, light stem) of one surface word, or None for a stop word."""
    term = term_of(word)
    return None if term is None else (term, _light_stem(word))


def _tokens(text: str) -> list[Token]:
    out: list[Token] = []
    for s, e in word_spans(text):
        tok = _token_of(text[s:e])
        if tok is not None:
            out.append(tok)
    return out


@dataclass(frozen=True)
class _Cue:
    tokens: tuple[Token, ...]
    topic: int  # index into the topic set
    key: int  # index of the distinct cue (cues with the same words share one)

    def matches(self, tokens: Sequence[Token], i: int) -> bool:
        k = len(self.tokens)
        if k > len(tokens) - i:
            return False
        for (cue_term, cue_light), (term, light) in zip(
            self.tokens, tokens[i : i + k], strict=True
        ):
            if cue_term != term or not light.startswith(cue_light):
                return False
        return True


class _CueMatcher:
    """Finds cue hits in a block's tokens: longest phrase first, no overlaps."""

    def __init__(self, topic_set: TopicSet) -> None:
        keys: dict[tuple[Token, ...], int] = {}
        by_first: dict[str, list[_Cue]] = defaultdict(list)
        seen: set[tuple[tuple[Token, ...], int]] = set()
        for ti, topic in enumerate(topic_set.topics):
            for cue in topic.cues:
                tokens = tuple(_tokens(cue))
                if not tokens or (tokens, ti) in seen:
                    continue
                seen.add((tokens, ti))
                key = keys.setdefault(tokens, len(keys))
                by_first[tokens[0][0]].append(_Cue(tokens, ti, key))
        for cues in by_first.values():
            cues.sort(key=lambda c: -len(c.tokens))
        self.by_first = dict(by_first)
        self.n_keys = len(keys)
        self.n_topics = len(topic_set.topics)

    def hits(self, tokens: Sequence[Token]) -> list[_Cue]:
        out: list[_Cue] = []
        i, n = 0, len(tokens)
        while i < n:
            cands = self.by_first.get(tokens[i][0])
            step = 1
            if cands:
                best_len = 0
                topics_hit: set[int] = set()
                for cue in cands:
                    k = len(cue.tokens)
                    if best_len and k < best_len:
                        break  # only the longest matching phrase counts, for every topic
                    if cue.topic not in topics_hit and cue.matches(tokens, i):
                        best_len = k
                        topics_hit.add(cue.topic)  # one hit per topic and word
                        out.append(cue)
                step = max(1, best_len)
            i += step
        return out
