"""Topics: named themes with cue words, located as contiguous sections of each article.

A topic set comes from a TOML file (``resources/topics/*.toml`` or the user's own)::

    name = "Bolivia coup 2019"
    [[topic]]
    name = "lithium"
    color = "#20a35a"
    cues = ["lithium", "mining", "electric vehicles"]

Cues are matched on content terms (``diptych.core.compare.terms``: case-folded, stop words out, Porter2
stems) with one guard against the stemmer's collisions: the text word must extend the cue word
once inflections are set aside. "resign" finds "resigned" and "resignation", "protest" finds
"protesters", but "mineral" does not find "miners". A phrase matches its words in sequence.

How blocks get a topic (``assign_topics``): every body block (paragraph, quote, list item) gets
a score per topic, its cue *density*: each cue hit weighs by how specific the cue is (inverse
block frequency over the pair, so a cue found everywhere says little), repeats count
sub-linearly, and the sum is divided by the square root of the block's length relative to a
typical block. The smoothing across neighbouring blocks is a best-path (Viterbi) labelling:
changing topic between neighbours costs ``SWITCH_COST``, opening or closing a section
``ENTER_COST``, and a block left without topic earns ``NONE_SCORE``. So a few cue-less blocks
inside a section join it, a long off-topic stretch gets no topic, and a block changes topic
only when its own evidence clearly outweighs the cost of leaving its neighbours' topic.
Headings take the topic of the block after them, and their cues count double there (a heading
is the author's label for its section); title, byline and a deck (a heading between the title
and the first paragraph) belong to no section.

For a pair without a topic set, ``propose_topics`` finds what both articles dwell on: words and
two-word phrases salient in both (relative frequency in each, times the square of inverse block
frequency over the pair), grouped into themes by co-occurrence in paragraphs (average-linkage
clustering); themes that share a word ("director Elena", "Elena Sarkis") are one theme. Each is
named by its best phrase and kept when it finds sections in both articles. Two articles whose
vocabularies barely overlap (cosine of their content-word counts under ``_MIN_PAIR_SIMILARITY``)
get no topics at all: a chance shared word ("bound", "fear") is no theme.
"""

from __future__ import annotations

import math
import re
import tomllib
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from diptych.core.compare.terms import content_terms, term_of, word_spans
from diptych.core.errors import DiptychError, TopicsError
from diptych.core.model import Article, ArticleTopics, Topic, TopicSection, TopicSet

__all__ = [
    "ENTER_COST",
    "MAX_TOPICS_FILE_BYTES",
    "NONE_SCORE",
    "SWITCH_COST",
    "assign_topics",
    "load_topic_set",
    "propose_topics",
    "seed_topic_set",
    "topic_at",
    "topic_set_for_pair",
    "topics_for_pair",
]

MAX_TOPICS_FILE_BYTES = 1_000_000

# Viterbi costs, in units of the mean weight of one cue hit (see the module docstring).
# Changing from one topic to another costs SWITCH_COST; starting or ending a section costs
# ENTER_COST; a block left without topic earns NONE_SCORE. So a run of up to
# 2 * ENTER_COST / NONE_SCORE (3.75) cue-less blocks inside a section joins it, a longer one
# splits it; a cue-less block between two sections joins one of them (NONE_SCORE is less than
# 2 * ENTER_COST - SWITCH_COST); a lone block away from any section needs more than
# 2 * ENTER_COST + NONE_SCORE (1.9 hits' worth) of evidence to open a section of its own.
SWITCH_COST = 1.0
ENTER_COST = 0.75
NONE_SCORE = 0.4
HEADING_WEIGHT = 2.0

# Block kinds that carry the article's body, and those that stand for what follows them.
_BODY_KINDS = frozenset({"paragraph", "quote", "list_item"})
_HEADING_KINDS = frozenset({"heading"})

_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
_TOPIC_KEYS = frozenset({"name", "color", "cues"})
_TOP_KEYS = frozenset({"name", "description", "topic"})

# Distinct colours for proposed topics (red, blue, green, purple, orange, teal).
_PALETTE = ("#d64541", "#2e86de", "#20a35a", "#8e44ad", "#e67e22", "#16a085")


# --------------------------------------------------------------------------- topic set files


def load_topic_set(path: str | Path) -> TopicSet:
    """Read and validate a topic set TOML file; raise ``TopicsError`` with one clear line."""
    p = Path(path)
    try:
        if p.is_dir():
            raise TopicsError(f"{p}: is a directory, not a topic set file")
        size = p.stat().st_size
        if size > MAX_TOPICS_FILE_BYTES:
            raise TopicsError(
                f"{p}: {size} bytes is too large for a topic set "
                f"(limit {MAX_TOPICS_FILE_BYTES} bytes)"
            )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise TopicsError(f"{p}: no such topic set file") from None
    except OSError as exc:
        raise TopicsError(f"{p}: cannot read topic set ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise TopicsError(f"{p}: not UTF-8 text (a topic set is a UTF-8 TOML file)") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TopicsError(f"{p}: not valid TOML ({exc})") from None
    try:
        return _topic_set_from_data(data, default_name=p.stem)
    except TopicsError as exc:
        raise TopicsError(f"{p}: {exc}") from None


def _topic_set_from_data(data: dict[str, object], *, default_name: str) -> TopicSet:
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise TopicsError(
            f"unknown top-level key {unknown[0]!r} (expected name, description, [[topic]])"
        )
    name = data.get("name", default_name)
    if not isinstance(name, str) or not name.strip():
        raise TopicsError("'name' must be a non-empty string")
    tables = data.get("topic")
    if tables is None:
        raise TopicsError("no [[topic]] tables (a topic set needs at least one topic)")
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise TopicsError("'topic' must be an array of tables ([[topic]])")
    if not tables:
        raise TopicsError("no [[topic]] tables (a topic set needs at least one topic)")
    topics: list[Topic] = []
    seen: set[str] = set()
    for i, table in enumerate(tables, 1):
        topics.append(_topic_from_table(table, i))
        key = topics[-1].name.casefold()
        if key in seen:
            raise TopicsError(f"topic {topics[-1].name!r} is defined twice")
        seen.add(key)
    return TopicSet(name=name.strip(), topics=tuple(topics), proposed=False)


def _topic_from_table(table: dict[str, object], index: int) -> Topic:
    where = f"topic #{index}"
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise TopicsError(f"{where}: 'name' must be a non-empty string")
    name = name.strip()
    where = f"topic {name!r}"
    unknown = sorted(set(table) - _TOPIC_KEYS)
    if unknown:
        raise TopicsError(f"{where}: unknown key {unknown[0]!r} (expected name, color, cues)")
    color = table.get("color")
    if not isinstance(color, str) or not _COLOR_RE.match(color):
        raise TopicsError(f"{where}: 'color' must be a colour like \"#1f77b4\", got {color!r}")
    cues = table.get("cues")
    if not isinstance(cues, list) or not cues:
        raise TopicsError(f"{where}: 'cues' must be a non-empty list of words or phrases")
    clean: list[str] = []
    for cue in cues:
        if not isinstance(cue, str) or not cue.strip():
            raise TopicsError(f"{where}: every cue must be a non-empty string, got {cue!r}")
        if not content_terms(cue):
            raise TopicsError(
                f"{where}: cue {cue!r} has only stop words, so it can never match anything"
            )
        clean.append(cue.strip())
    return Topic(name=name, color=color.lower(), cues=tuple(clean))


def seed_topic_set() -> TopicSet:
    """The topic set the seed pair's manifest names (shipped in ``resources/topics``)."""
    from diptych.core.resources import resource_path, seed_pair

    pair = seed_pair()
    name = pair.topics or "bolivia-coup-2019"
    return load_topic_set(resource_path("topics", f"{name}.toml"))


def topic_set_for_pair(a: Article, b: Article) -> TopicSet:
    """The pair's own topic set: the manifest's when ``a`` and ``b`` are the seed pair, else a
    proposed one. (A set the reader saved for the pair comes first: ``pair.pair_topics``.)"""
    from diptych.core.resources import seed_pair

    try:
        pair = seed_pair()
    except DiptychError:
        return propose_topics(a, b)
    if pair.topics and {a.id, b.id} == {pair.a.url, pair.b.url}:
        return seed_topic_set()
    return propose_topics(a, b)


# --------------------------------------------------------------------------- assignment


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


@dataclass(frozen=True)
class _BlockHits:
    """Cue hits of one article's blocks: per body block, the hit cues and its term count."""

    body: tuple[int, ...]  # indices of body blocks
    hits: tuple[tuple[_Cue, ...], ...]  # per body block
    lengths: tuple[int, ...]  # content terms per body block
    heading_hits: tuple[tuple[_Cue, ...], ...]  # per body block: hits in the headings before it


def _section_headings(article: Article) -> frozenset[int]:
    """Indices of the headings that open a section: all headings except a deck (a subtitle
    between the title and the first body block, which belongs to the title)."""
    out: set[int] = set()
    after_title = False
    seen_body = False
    for i, blk in enumerate(article.blocks):
        if blk.kind in _BODY_KINDS:
            seen_body = True
        elif blk.kind == "title":
            after_title = True
        elif blk.kind in _HEADING_KINDS and (seen_body or not after_title):
            out.add(i)
    return frozenset(out)


@dataclass(frozen=True)
class _Tokenized:
    """An article's section headings and body blocks as tokens: (block index, is heading,
    tokens), in order. Made once per article, matched against any number of topic sets."""

    blocks: tuple[tuple[int, bool, tuple[Token, ...]], ...]


def _tokenize(article: Article) -> _Tokenized:
    headings = _section_headings(article)
    out = []
    for i, blk in enumerate(article.blocks):
        if i in headings or blk.kind in _BODY_KINDS:
            out.append((i, i in headings, tuple(_tokens(article.text[blk.start : blk.end]))))
    return _Tokenized(tuple(out))


def _block_hits(tok: _Tokenized, matcher: _CueMatcher) -> _BlockHits:
    body: list[int] = []
    hits: list[tuple[_Cue, ...]] = []
    lengths: list[int] = []
    heads: list[tuple[_Cue, ...]] = []
    heading_hits: list[_Cue] = []  # a heading announces the block after it: its cues count there
    for i, is_heading, tokens in tok.blocks:
        if is_heading:
            heading_hits.extend(matcher.hits(tokens))
            continue
        body.append(i)
        hits.append(tuple(matcher.hits(tokens)))
        lengths.append(len(tokens))
        heads.append(tuple(heading_hits))
        heading_hits = []
    return _BlockHits(tuple(body), tuple(hits), tuple(lengths), tuple(heads))


def _cue_weights(matcher: _CueMatcher, corpus: Iterable[_BlockHits]) -> list[float]:
    """Inverse block frequency of each distinct cue over all body blocks of the corpus,
    scaled so that the mean weight of one hit is 1 (the unit of SWITCH_COST / NONE_SCORE)."""
    df = [0] * matcher.n_keys
    n_blocks = 0
    for bh in corpus:
        for block_hits in bh.hits:
            n_blocks += 1
            for key in {c.key for c in block_hits}:
                df[key] += 1
        for block_hits in bh.heading_hits:
            for key in {c.key for c in block_hits}:
                df[key] += 1
    idf = [math.log((n_blocks + 1) / (d + 0.5)) for d in df]
    total = sum(idf[k] * d for k, d in enumerate(df))
    count = sum(df)
    mean = total / count if count and total > 0 else 1.0
    return [w / mean for w in idf]


def _block_scores(bh: _BlockHits, weights: Sequence[float], n_topics: int) -> np.ndarray:
    """Cue density per body block and topic (rows: body blocks, columns: topics)."""
    scores = np.zeros((len(bh.body), n_topics))
    if not bh.body:
        return scores
    ref = max(1.0, float(np.median(np.array(bh.lengths, dtype=float))))
    for row, (block_hits, length) in enumerate(zip(bh.hits, bh.lengths, strict=True)):
        counts = Counter((c.topic, c.key) for c in block_hits)
        norm = math.sqrt(max(float(length), ref) / ref)
        for (topic, key), n in counts.items():
            scores[row, topic] += weights[key] * (1.0 + math.log(n)) / norm
        # A heading is the author's own label for the section it opens: its cues count
        # HEADING_WEIGHT times, unnormalised, for the block after it.
        for (topic, key), n in Counter((c.topic, c.key) for c in bh.heading_hits[row]).items():
            scores[row, topic] += HEADING_WEIGHT * weights[key] * (1.0 + math.log(n))
    return scores


def _viterbi(scores: np.ndarray) -> list[int]:
    """Best labelling of blocks with topics (column index) or none (-1), see module docstring.

    The article is taken to begin and end outside every topic, so a section always pays
    ``ENTER_COST`` to start and to end, and cue-less blocks at either end stay without topic.
    """
    n, t = scores.shape
    if n == 0:
        return []
    none = t  # the last state is "no topic"
    emit = np.concatenate([scores, np.full((n, 1), NONE_SCORE)], axis=1)
    cost = np.full((t + 1, t + 1), SWITCH_COST)
    cost[none, :] = ENTER_COST
    cost[:, none] = ENTER_COST
    np.fill_diagonal(cost, 0.0)
    best = emit[0] - cost[none]
    back = np.zeros((n, t + 1), dtype=np.int64)
    for i in range(1, n):
        cand = best[:, None] - cost  # cand[prev, cur]
        back[i] = np.argmax(cand, axis=0)  # first maximum: deterministic
        best = cand[back[i], np.arange(t + 1)] + emit[i]
    best = best - cost[:, none]
    state = int(np.argmax(best))
    path = [state]
    for i in range(n - 1, 0, -1):
        state = int(back[i, state])
        path.append(state)
    path.reverse()
    return [s if s < t else -1 for s in path]


def _sections(
    article: Article, topic_set: TopicSet, body: Sequence[int], labels: Sequence[int]
) -> tuple[TopicSection, ...]:
    """Contiguous sections from body-block labels; headings join the section after them."""
    label_of_block: dict[int, int] = dict(zip(body, labels, strict=True))
    headings = _section_headings(article)
    blocks = article.blocks
    per_block: list[int] = [-1] * len(blocks)
    following = -1  # label of the next body block, scanning backwards
    for i in range(len(blocks) - 1, -1, -1):
        if i in label_of_block:
            following = label_of_block[i]
            per_block[i] = following
        elif i in headings:
            per_block[i] = following
    out: list[TopicSection] = []
    i = 0
    while i < len(blocks):
        label = per_block[i]
        if label < 0:
            i += 1
            continue
        j = i
        while j + 1 < len(blocks) and per_block[j + 1] == label:
            j += 1
        out.append(
            TopicSection(
                topic=topic_set.topics[label].name,
                start=blocks[i].start,
                end=blocks[j].end,
                first_block=i,
                last_block=j,
            )
        )
        i = j + 1
    return tuple(out)


def _assign(
    article: Article, topic_set: TopicSet, matcher: _CueMatcher, bh: _BlockHits, w: list[float]
) -> tuple[TopicSection, ...]:
    scores = _block_scores(bh, w, matcher.n_topics)
    labels = _viterbi(scores)
    return _sections(article, topic_set, bh.body, labels)


def assign_topics(
    article: Article, topic_set: TopicSet, *, context: Sequence[Article] = ()
) -> tuple[TopicSection, ...]:
    """Contiguous topic sections of ``article`` (each block in at most one), in text order.

    Cue weights come from the blocks of ``article`` and of the ``context`` articles (the other
    article of a pair), so a cue common to the whole pair counts less than a specific one.
    """
    if not topic_set.topics or not article.blocks:
        return ()
    matcher = _CueMatcher(topic_set)
    bh = _block_hits(_tokenize(article), matcher)
    corpus = [bh, *(_block_hits(_tokenize(c), matcher) for c in context)]
    return _assign(article, topic_set, matcher, bh, _cue_weights(matcher, corpus))


def topics_for_pair(a: Article, b: Article, topic_set: TopicSet) -> ArticleTopics:
    """Topic sections of both articles under one topic set, cue weights shared by the pair."""
    return _topics_for_pair(a, b, topic_set, _tokenize(a), _tokenize(b))


def _topics_for_pair(
    a: Article, b: Article, topic_set: TopicSet, tok_a: _Tokenized, tok_b: _Tokenized
) -> ArticleTopics:
    if not topic_set.topics:
        return ArticleTopics(topic_set=topic_set, a=(), b=())
    matcher = _CueMatcher(topic_set)
    bh_a = _block_hits(tok_a, matcher)
    bh_b = _block_hits(tok_b, matcher)
    w = _cue_weights(matcher, (bh_a, bh_b))
    return ArticleTopics(
        topic_set=topic_set,
        a=_assign(a, topic_set, matcher, bh_a, w),
        b=_assign(b, topic_set, matcher, bh_b, w),
    )


def topic_at(sections: Sequence[TopicSection], offset: int) -> str | None:
    """The topic of the section containing ``offset`` (sections in text order), else None."""
    starts = [s.start for s in sections]
    i = bisect_right(starts, offset) - 1
    if i >= 0 and sections[i].start <= offset < sections[i].end:
        return sections[i].topic
    return None


# --------------------------------------------------------------------------- proposals

# How many salient shared terms are grouped into themes; the least average similarity (cosine
# of their paragraph profiles) at which two groups still merge; how much of a word's use must
# fall inside a salient two-word phrase for the phrase to stand for it ("working class").
_CANDIDATE_TERMS = 36
_MERGE_SIMILARITY = 0.35
_PHRASE_SHARE = 2 / 3
_MIN_TOPICS, _MAX_TOPICS = 3, 6
# Below this cosine of the two articles' content-word counts the pair is unrelated and gets no
# proposed topics. Measured on the test corpus: related pairs 0.23 (a river survey and a news
# report on the same flood wall) to 0.98, unrelated ones 0.004 to 0.115 (a library garden and
# the river survey share "work", "team", "wall").
_MIN_PAIR_SIMILARITY = 0.15
# Two themes are one when this share of the smaller one's words are in the other.
_DUPLICATE_SHARE = 0.5
_MAX_TRIALS = 12  # themes tried (each trial locates sections in both articles)

# Everyday words that are not stop words but name no theme ("able", "various", "way"): kept
# out of proposed topics (a general English list in the spirit of the SMART stop list).
_GENERIC_TEXT = """
    able accord across actual actually add ago ahead allow almost alone along already always
    announce anyway appear area around ask away back bad base become begin behind best better big
    bring call came carry case cause certain chief clear close come common consider continue
    could create day decide describe despite develop different do early else end entire
    especially even event ever example except expect fact far feel few find first follow former full get
    give go good got great group half happen hard help high hold include increase indeed keep
    kind know large last late later lead least leave less let level likely little long look lot
    low main major make man mean meanwhile men mention might month move much name near nearly
    need never new next note number offer old open order others part particular past people
    perhaps place play point possible present probably provide put reach real really reason
    recent recently regard remain report result run said say second see seem send set several
    show side significant similar simply since small so-called soon special stand start still
    stop
    suggest sure take tell term thing think third thousand three time today told took top try
    turn two unless use usual various via want way week went whole wide within word year yet
    young zero one four five six seven eight nine ten hundred million billion percent
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
    """
# With their inflections: "make" is a stop word, but "makes" is not and named a theme.
_GENERIC_TERMS = frozenset(
    t
    for w in _GENERIC_TEXT.split()
    for form in (w, w + "s", w + "es", w + "d", w + "ed", w + "ing")
    if (t := term_of(form)) is not None
)


@dataclass(frozen=True)
class _ArticleTerms:
    blocks: tuple[tuple[str, ...], ...]  # terms (words and two-word phrases) of each body block
    surfaces: dict[str, Counter[str]]  # term -> its forms as written


def _article_terms(article: Article) -> _ArticleTerms:
    """Content terms of each body block, plus two-word phrases ("working class", "right-wing"):
    neighbouring content words with only a space or hyphen between them."""
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    blocks: list[tuple[str, ...]] = []
    for blk in article.blocks:
        if blk.kind not in _BODY_KINDS:
            continue
        text = article.text[blk.start : blk.end]
        terms: list[str] = []
        prev: tuple[str, int] | None = None  # previous word's term and start
        last_end = -1
        for s, e in word_spans(text):
            word = text[s:e]
            tok = _token_of(word)
            if tok is None:
                prev = None
                continue
            term = tok[0]
            terms.append(term)
            surfaces[term][word] += 1
            gap = text[last_end:s]
            if prev is not None and gap in (" ", "-", "\u2011"):
                phrase = f"{prev[0]} {term}"
                terms.append(phrase)
                surfaces[phrase][text[prev[1] : e]] += 1
            prev, last_end = (term, s), e
        blocks.append(tuple(terms))
    return _ArticleTerms(tuple(blocks), dict(surfaces))


def _display_form(forms: Counter[str]) -> str:
    """How to write a term in a topic name: its commonest form, lower-case unless it is a
    name (never written in lower case, e.g. "Morales", "MAS")."""
    ranked = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))
    lower = [f for f, _ in ranked if f == f.lower()]
    if lower:
        return lower[0]
    return ranked[0][0]


def _salient_shared_terms(ta: _ArticleTerms, tb: _ArticleTerms) -> list[tuple[str, float]]:
    """Terms both articles dwell on, most salient first.

    Salience: geometric mean of the term's relative frequency in A and in B, times the square
    of its inverse block frequency over the pair. The square matters: a theme's words gather
    in a few paragraphs, while the words spread over every paragraph (the shared subject, a
    protagonist's name) anchor nothing. A word used mostly inside one salient two-word phrase
    gives way to the phrase.
    """
    tf_a = Counter(t for blk in ta.blocks for t in blk)
    tf_b = Counter(t for blk in tb.blocks for t in blk)
    total_a, total_b = sum(tf_a.values()), sum(tf_b.values())
    if not total_a or not total_b:
        return []
    df: Counter[str] = Counter()
    for blk in (*ta.blocks, *tb.blocks):
        df.update(set(blk))
    n = len(ta.blocks) + len(tb.blocks)
    scored: dict[str, float] = {}
    for term in tf_a.keys() & tf_b.keys():
        words = term.split(" ")
        if any(not w[0].isalpha() or len(w) < 3 or w in _GENERIC_TERMS for w in words):
            continue  # numbers, fragments and everyday words name no theme
        idf = math.log(n / df[term])
        if idf <= 0:
            continue
        scored[term] = math.sqrt(tf_a[term] / total_a * tf_b[term] / total_b) * idf * idf
    for phrase in [t for t in scored if " " in t]:
        uses = tf_a[phrase] + tf_b[phrase]
        for word in phrase.split(" "):
            if word in scored and uses >= _PHRASE_SHARE * (tf_a[word] + tf_b[word]):
                scored[phrase] = max(scored[phrase], scored.pop(word))
    return sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))


def _theme_word(term: str) -> bool:
    """A single content word that could name a theme (no number, fragment or everyday word)."""
    return " " not in term and term[0].isalpha() and len(term) >= 3 and term not in _GENERIC_TERMS


def pair_similarity(ta: _ArticleTerms, tb: _ArticleTerms) -> float:
    """Cosine of the two articles' counts of theme words: how much they talk about the same
    things (0 for no shared word, 1 for the same text)."""
    ca = Counter(t for blk in ta.blocks for t in blk if _theme_word(t))
    cb = Counter(t for blk in tb.blocks for t in blk if _theme_word(t))
    dot = sum(ca[t] * cb[t] for t in ca.keys() & cb.keys())
    norm = math.sqrt(sum(v * v for v in ca.values()) * sum(v * v for v in cb.values()))
    return dot / norm if norm else 0.0


def _words_of(terms: Iterable[str]) -> set[str]:
    return {w for t in terms for w in t.split(" ")}


def _merge_duplicate_themes(clusters: list[list[int]], terms: Sequence[str]) -> list[list[int]]:
    """Themes that share most of their words ("director Elena" and "Elena Sarkis", "port
    director") merged into one, in order of first appearance."""
    merged: list[list[int]] = []
    for c in clusters:
        words = _words_of(terms[i] for i in c)
        for m in merged:
            other = _words_of(terms[i] for i in m)
            if len(words & other) >= _DUPLICATE_SHARE * min(len(words), len(other)):
                m.extend(c)
                m.sort()
                break
        else:
            merged.append(list(c))
    return merged


def _block_profiles(terms: Sequence[str], ta: _ArticleTerms, tb: _ArticleTerms) -> np.ndarray:
    """Each term's presence (0/1) over the body blocks of A then B, rows L2-normalised: two
    terms' cosine is how much they share paragraphs."""
    index = {t: i for i, t in enumerate(terms)}
    blocks = (*ta.blocks, *tb.blocks)
    prof = np.zeros((len(terms), len(blocks)))
    for j, blk in enumerate(blocks):
        for term in set(blk):
            i = index.get(term)
            if i is not None:
                prof[i, j] = 1.0
    norms = np.linalg.norm(prof, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: np.ndarray = prof / norms
    return result


def _cluster_terms(sim: np.ndarray) -> list[list[int]]:
    """Average-linkage agglomerative clustering, merging while similarity ≥ the threshold.
    Ties go to the lower indices (the more salient terms): deterministic."""
    n = sim.shape[0]
    members: list[list[int]] = [[i] for i in range(n)]
    total = sim.astype(float).copy()  # total[x, y]: summed similarity between clusters x, y
    alive = np.ones(n, dtype=bool)
    while alive.sum() > 1:
        sizes = np.array([max(1, len(m)) for m in members], dtype=float)
        avg = total / np.outer(sizes, sizes)
        mask = np.triu(np.outer(alive, alive), k=1)
        avg = np.where(mask, avg, -np.inf)
        flat = int(np.argmax(avg))  # first maximum in row-major order: lowest indices
        x, y = divmod(flat, n)
        if avg[x, y] < _MERGE_SIMILARITY:
            break
        members[x] = sorted(members[x] + members[y])
        members[y] = []
        total[x, :] += total[y, :]
        total[:, x] += total[:, y]
        alive[y] = False
    return [m for m in members if m]


def _best_phrase(ranked: Sequence[str]) -> str:
    """A theme's name: its best-ranked term, or the two-word phrase among the top three that
    contains it ("lithium" → "lithium reserves" when both rank high): one phrase, not a list."""
    best = ranked[0]
    if " " in best:
        return best
    for w in ranked[1:3]:
        if " " in w and _same_words(best, w):
            return w
    return best


def _same_words(x: str, y: str) -> bool:
    """Whether one name word's terms are all in the other's ("right" and "right-wing")."""
    tx, ty = set(content_terms(x)), set(content_terms(y))
    return tx <= ty or ty <= tx


def _sections_in_both(
    pair: tuple[Article, Article, _Tokenized, _Tokenized], topics: Sequence[Topic]
) -> set[str]:
    a, b, tok_a, tok_b = pair
    found = _topics_for_pair(a, b, TopicSet("trial", tuple(topics), True), tok_a, tok_b)
    return {s.topic for s in found.a} & {s.topic for s in found.b}


def propose_topics(a: Article, b: Article) -> TopicSet:
    """3–6 topics from what both articles dwell on, each named by its best phrase.

    Salient shared terms are grouped into themes by co-occurrence in paragraphs, themes that
    share most of their words merged; themes are ranked by total salience, named by their most
    salient and central term (``_best_phrase``), and kept only if their cues find a section in
    both articles. Deterministic. Fewer than 3 only when the articles share too few words;
    none for unrelated articles (``pair_similarity`` under ``_MIN_PAIR_SIMILARITY``).
    """
    ta, tb = _article_terms(a), _article_terms(b)
    name = "Proposed from both articles"
    if pair_similarity(ta, tb) < _MIN_PAIR_SIMILARITY:
        return TopicSet(name=name, topics=(), proposed=True)  # unrelated: no shared theme
    salient = _salient_shared_terms(ta, tb)[:_CANDIDATE_TERMS]
    if not salient:
        return TopicSet(name=name, topics=(), proposed=True)
    pair = (a, b, _tokenize(a), _tokenize(b))
    terms = [t for t, _ in salient]
    sal = np.array([s for _, s in salient])
    prof = _block_profiles(terms, ta, tb)
    sim = prof @ prof.T
    clusters = _cluster_terms(sim)
    clusters.sort(key=lambda c: (-float(sal[c].sum()), c[0]))
    clusters = _merge_duplicate_themes(clusters, terms)
    clusters.sort(key=lambda c: (-float(sal[c].sum()), c[0]))

    def surface(term: str) -> str:
        forms = ta.surfaces.get(term, Counter()) + tb.surfaces.get(term, Counter())
        return _display_form(forms)

    def topic_of(cluster: list[int], color: str) -> Topic:
        # Name by salience times the root of centrality (mean similarity to the rest of the
        # theme): the theme's own words first, a word that merely sits nearby later.
        def rank(i: int) -> tuple[float, int]:
            others = [j for j in cluster if j != i]
            central = float(sim[i, others].mean()) if others else 1.0
            return (-float(sal[i]) * math.sqrt(central), i)

        ranked = sorted(cluster, key=rank)
        words = [surface(terms[i]) for i in ranked]
        return Topic(name=_best_phrase(words), color=color, cues=tuple(words))

    # Themes in salience order; a theme that only one article develops is no anchor, and a
    # new theme can take blocks from an earlier one, so check all of them each time.
    chosen: list[list[int]] = []
    for cluster in clusters[:_MAX_TRIALS]:
        if len(chosen) == _MAX_TOPICS:
            break
        trial = [*chosen, cluster]
        topics = [topic_of(c, _PALETTE[i]) for i, c in enumerate(trial)]
        if {t.name for t in topics} <= _sections_in_both(pair, topics):
            chosen = trial
    if len(chosen) < _MIN_TOPICS:
        # Few themes with sections in both: add the most salient remaining ones that still
        # have a section in both on their own, so the reader gets anchors to try.
        for cluster in clusters[:_MAX_TRIALS]:
            if len(chosen) >= _MIN_TOPICS:
                break
            if cluster in chosen:
                continue
            alone = topic_of(cluster, _PALETTE[0])
            if alone.name in _sections_in_both(pair, [alone]):
                chosen.append(cluster)
    topics = [topic_of(c, _PALETTE[i]) for i, c in enumerate(chosen)]
    return TopicSet(name=name, topics=tuple(topics), proposed=True)
