"""The values Diptych's core passes around: articles, spans, topics, claims, highlights.

All offsets are code-point offsets into ``Article.text`` (Python ``str`` indices), half-open
``[start, end)``. The UI converts them to UTF-16 at its one boundary (``diptych.core.utf16``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

BlockKind = Literal["title", "byline", "heading", "paragraph", "quote", "list_item"]
StyleKind = Literal["bold", "italic", "link"]
Side = Literal["a", "b"]


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of code points in one article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Block:
    """A block of the article: title, byline, heading, paragraph, quote or list item.

    Blocks tile ``Article.text``: consecutive blocks are separated by exactly one "\\n", which
    belongs to no block. ``level`` is the heading level (1 = title-like) or list depth;
    ``number`` an ordered list item's number as the source wrote it (0: a bullet).
    """

    kind: BlockKind
    start: int
    end: int
    level: int = 0
    number: int = 0

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True)
class InlineStyle:
    """Bold, italic or a link (with its URL) over a range of the text."""

    kind: StyleKind
    start: int
    end: int
    url: str | None = None


@dataclass(frozen=True)
class ArticleMeta:
    """What is known about an article besides its text (from the file or a manifest)."""

    title: str = ""
    byline: str = ""
    date: str = ""  # ISO date when known (YYYY-MM-DD), else as written, else ""
    publication: str = ""
    url: str = ""  # canonical URL when known
    source_path: str = ""  # the file it was loaded from, absolute, or "" for in-memory text
    source_format: str = ""  # "markdown" | "text" | "html"
    encoding: str = ""  # the encoding the bytes were decoded with
    # a web page that could not be fetched, read from the copy kept when it last was: why it
    # could not be fetched, and that copy's date ("" when the page was fetched now)
    kept_copy: str = ""


@dataclass(frozen=True)
class RemovedText:
    """Text the loader left out of the article, kept so that it can be shown on request.

    ``kind`` says why: "furniture" (page chrome: menus, share and related boxes, comments,
    footers), "signature" and "headers" (an e-mail's), "front matter" (Markdown metadata),
    "running head", "page number" and "footnote mark" (a PDF's; a mark's ``at`` is right after
    the word it marked); "image" (a Markdown file's image: its alt text, else its file name,
    ``at`` where it stood; never fetched); what the HTML reader drops unread: "navigation", "aside", "footer",
    "banner", "search" (the page's landmarks, by element or ARIA role), "dialog", "control"
    (buttons, selects, text areas), "math" (MathML) and "hidden" (hidden by the page: the
    ``hidden`` attribute, ``display:none``, ``visibility:hidden``, ``aria-hidden``). A run of
    more than 200 words is listed cut, ending "… (+N more words)".
    ``at`` is the offset in ``Article.text`` where it stood (the start of the block that
    followed it, or the text's length when it came after the last block).
    ``inside``: a web page's "furniture" that stood inside its article (the page's own
    <article> or <main> element, or between blocks of the text kept), so it may be the
    article's own words; furniture outside it (menus, footers) is what a page is expected
    to lose.
    """

    kind: str
    text: str
    at: int
    inside: bool = False


@dataclass(frozen=True)
class Article:
    """One article: a canonical clean text and everything that indexes into it."""

    id: str  # canonical URL from a manifest, else the file's URI
    text: str
    blocks: tuple[Block, ...]
    styles: tuple[InlineStyle, ...]
    sentences: tuple[Span, ...]
    meta: ArticleMeta
    fingerprint: str  # "sha256:<hex>" of text encoded as UTF-8
    removed: tuple[RemovedText, ...] = ()  # what the loader left out, in document order

    @property
    def title(self) -> str:
        return self.meta.title

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def block_at(self, offset: int) -> int:
        """Index of the block containing ``offset`` (or the next block after a separator)."""
        lo, hi = 0, len(self.blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.blocks[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        return min(lo, len(self.blocks) - 1) if self.blocks else -1


@dataclass(frozen=True)
class Topic:
    """A named topic with its colour and the cue words/phrases that signal it."""

    name: str
    color: str  # "#rrggbb"
    cues: tuple[str, ...]


@dataclass(frozen=True)
class TopicSet:
    """A set of topics, from a TOML file or proposed from an article pair."""

    name: str
    topics: tuple[Topic, ...]
    proposed: bool = False  # True when derived from the articles, not from a file

    def color_of(self, topic: str | None) -> str:
        """The colour of the topic of that name (the first of that name), grey for none."""
        return self._colors.get(topic, "#888888")

    @cached_property
    def _colors(self) -> dict[str | None, str]:
        # made once per set, on first asking: colour_of is asked once per claim and per section
        # (thousands on a big pair); reversed so that of two topics of one name the first wins
        return {t.name: t.color for t in reversed(self.topics)}


@dataclass(frozen=True)
class TopicSection:
    """A contiguous run of blocks of one article assigned to one topic."""

    topic: str
    start: int  # code-point offset of the first block's start
    end: int  # code-point offset of the last block's end
    first_block: int
    last_block: int  # inclusive

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True)
class ArticleTopics:
    """The topic sections of both articles of a pair, under one topic set."""

    topic_set: TopicSet
    a: tuple[TopicSection, ...]
    b: tuple[TopicSection, ...]
    # said to the reader when the set saved for the pair was there but could not be used in
    # full (``topic_edits.SavedPairTopics.notice``): one sentence, "" when nothing went wrong
    notice: str = ""

    def sections(self, side: Side) -> tuple[TopicSection, ...]:
        return self.a if side == "a" else self.b


ClaimTier = Literal["strong", "possible"]
# why the engine calls a claim possible: which of its independent signals did not agree
# (``claim_doubts``): the articles look unrelated; the sentence with fewer content terms has a
# better partner; the shared words are scattered, no compact fragment beats chance; the
# meaning (word vectors) is no closer than chance; the paraphrase model says not the same
ClaimDoubt = Literal["unrelated", "better_partner", "scattered", "meaning", "model"]
CLAIM_DOUBTS: tuple[ClaimDoubt, ...] = (
    "unrelated",
    "better_partner",
    "scattered",
    "meaning",
    "model",
)
ClaimVerdictKind = Literal["same", "different"]
DiffOp = tuple[int, str]  # diff-match-patch convention: -1 only in A, 0 both, 1 only in B


@dataclass(frozen=True)
class ClaimPair:
    """A sentence (or clause) in A and one in B that state the same thing."""

    a: Span
    b: Span
    score: float
    topic: str | None
    shared_terms: tuple[str, ...]
    diff: tuple[DiffOp, ...]  # word diff of the cores (``a_core`` / ``b_core``)
    # "strong": several independent signals agree (see core/compare/claims, "Tier"); "possible": the
    # pair passed selection but not all of them
    tier: ClaimTier = "strong"
    # the engine's signals that did not agree, in ``CLAIM_DOUBTS`` order: empty for a claim the
    # engine calls strong and for a pair the reader added; a reader's verdict keeps them (the
    # engine's view, not the reader's)
    doubts: tuple[ClaimDoubt, ...] = ()
    # the shared fragment of each sentence (a clause of a long sentence); None = all of it
    a_core: Span | None = None
    b_core: Span | None = None
    # figures, dates or names that differ inside the matching fragments: (what A says, what B
    # says), either may be "" when only one side gives a figure
    differs: tuple[tuple[str, str], ...] = ()
    # the reader's verdict (kept in the store): "same" claim (then strong), "different"
    # (rejected: hidden from the claims, listed apart), None = not judged
    verdict: ClaimVerdictKind | None = None
    # the pair stands on the reader's verdict alone: the engine does not propose it (a pair the
    # reader added, or one it no longer finds); its score (1.0) is the reader's, not a measure
    added: bool = False

    @property
    def core_a(self) -> Span:
        """The shared fragment of A's sentence (the whole sentence when it all overlaps)."""
        return self.a_core or self.a

    @property
    def core_b(self) -> Span:
        return self.b_core or self.b


UNRELATED_NOTE = (
    "These two articles look unrelated: few of their closest sentences share more than a word "
    "or two. Only sentences that share several content words are listed."
)


@dataclass(frozen=True)
class ClaimsResult:
    """Overlapping claims of a pair (best first) and what only one side says.

    ``related`` is False when the two articles look unrelated: then only claims that share
    several content words are listed (a passage quoted in both still shows)."""

    claims: tuple[ClaimPair, ...]
    only_in_a: tuple[Span, ...]
    only_in_b: tuple[Span, ...]
    related: bool = True


@dataclass(frozen=True)
class AnchorPoint:
    """A pair of offsets (A, B) known to correspond: used to align scrolling."""

    a: int
    b: int
    weight: float = 1.0


AnchorStatus = Literal["anchored", "reanchored", "orphaned"]


@dataclass(frozen=True)
class TextQuoteSelector:
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class TextPositionSelector:
    start: int
    end: int


@dataclass(frozen=True)
class Highlight:
    """A user's highlight on one article, with its selectors and note."""

    id: str
    article_id: str
    quote: TextQuoteSelector
    position: TextPositionSelector
    fingerprint: str  # fingerprint of the article text the selectors were made on
    color: str = "yellow"
    note: str = ""
    created: str = ""  # ISO 8601 UTC
    modified: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    # the store's row version when this value was read (0: not from a store); a save that
    # names it is refused as a conflict if another window or process changed the row since
    version: int = 0
