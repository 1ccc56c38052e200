"""Proposals: themes two articles share, proposed as topics when no topic set fits."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from diptych.core.compare.terms import content_terms, term_of, word_spans
from diptych.core.compare.topics.assignment import (
    _BODY_KINDS,
    _tokenize,
    _Tokenized,
    _topics_for_pair,
)
from diptych.core.compare.topics.cues import _token_of
from diptych.core.compare.topics.names import topic_name_problem, without_addresses
from diptych.core.model import Article, Topic, TopicSet

# Distinct colours for proposed topics (red, blue, green, purple, orange, teal).
_PALETTE = ("#d64541", "#2e86de", "#20a35a", "#8e44ad", "#e67e22", "#16a085")

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
        # the words of a web or file address are no theme ("https", "www", "passwd")
        text = without_addresses(article.text[blk.start : blk.end])
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
    both articles. Words of web or file addresses are left out, and a word no topic may be
    called (``topics.names``: a 2,000-letter "word") names no theme and is no cue. Deterministic. Fewer than 3 only when the articles share too few words;
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
        # a word no topic may be called (a 2,000-letter "word") is no name and no cue either
        words = [w for i in ranked if topic_name_problem(w := surface(terms[i])) is None]
        return Topic(name=_best_phrase(words), color=color, cues=tuple(words))

    def nameable(cluster: list[int]) -> bool:
        return any(topic_name_problem(surface(terms[i])) is None for i in cluster)

    # Themes in salience order; a theme that only one article develops is no anchor, and a
    # new theme can take blocks from an earlier one, so check all of them each time.
    clusters = [c for c in clusters if nameable(c)]
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
