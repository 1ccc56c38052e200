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

The package: ``files`` (topic set files and defaults), ``cues`` (cue words, light stems, the
matcher), ``assignment`` (cue hits, Viterbi sections), ``proposals`` (themes two articles
share) and ``names`` (what a topic may be called: no web address, control character or
2,000-letter word, whether the reader types it, a file gives it or it is proposed). The public names (and the private ones tests use) are re-exported here.
"""

from __future__ import annotations

from diptych.core.compare.topics.assignment import (
    ENTER_COST,
    HEADING_WEIGHT,
    NONE_SCORE,
    SWITCH_COST,
    assign_topics,
    topic_at,
    topics_for_pair,
)
from diptych.core.compare.topics.cues import Token
from diptych.core.compare.topics.files import (
    MAX_TOPICS_FILE_BYTES,
    load_topic_set,
    read_saved_topic_set,
    seed_topic_set,
    topic_set_for_pair,
)
from diptych.core.compare.topics.proposals import (
    _article_terms,
    _merge_duplicate_themes,
    pair_similarity,
    propose_topics,
)

__all__ = [
    "ENTER_COST",
    "HEADING_WEIGHT",
    "MAX_TOPICS_FILE_BYTES",
    "NONE_SCORE",
    "SWITCH_COST",
    "Token",
    "_article_terms",
    "_merge_duplicate_themes",
    "assign_topics",
    "load_topic_set",
    "pair_similarity",
    "propose_topics",
    "read_saved_topic_set",
    "seed_topic_set",
    "topic_at",
    "topic_set_for_pair",
    "topics_for_pair",
]
