"""Site chrome removal by prose-likeness, the same for every format.

Size (~900 lines, over the ~600 this project aims at): one scoring model — block features,
the maximum-sum segment, its extensions over the title group and the extractors' votes — whose
constants interact and were tuned together on the extraction benchmark; kept in one file so
that they are read and changed together.

Each block gets a prose score in [0, 1] from what distinguishes running prose from menus,
banners, footers and tables of contents: sentence-final punctuation, the density of function
(stop) words, length, the share of capitalised words, link density and second-person address
("your inbox"). The article is the contiguous run of blocks with the largest total of
``(score - 0.5) * words`` (a maximum-sum segment), so short chrome inside the article (a
heading) is crossed while chrome outside it, however prose-like one line of it may be, is left
out unless joined to the article without a gap. Crossing a section break (two blank lines, a
rule) costs extra, and a copyright line starts the footer. Headings, code, table rows and lists
of text are neutral, so the run passes through them and takes those touching it. The run is
then extended backwards over the title group (headings, byline, date, a short lede) up to a
section break, and link lists inside it are dropped.

Format evidence joins in where a format has it: for HTML, blocks inside containers whose class
or id names page furniture ("comments", "sidebar", "cookie-consent") and blocks trafilatura's
extraction leaves out count against; for e-mail, headers and signature are known. The prose
score alone does the work on pages without such hints (a test strips every class and id). No
rule knows any site's wording.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from diptych.core.reading.rawblocks import RawBlock

# Function words of English and a few other Latin-script languages. Their density separates
# sentences from labels; it is a property of languages, not of any site.
STOP = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "also",
        "its",
        "upon",
        "since",
        "though",
        "whose",
        "yet",
        "el",
        "la",
        "los",
        "las",
        "de",
        "del",
        "que",
        "y",
        "en",
        "un",
        "una",
        "por",
        "con",
        "para",
        "es",
        "se",
        "lo",
        "al",
        "como",
        "más",
        "pero",
        "sus",
        "le",
        "ya",
        "o",
        "le",
        "la",
        "les",
        "des",
        "du",
        "et",
        "est",
        "une",
        "un",
        "pour",
        "dans",
        "qui",
        "que",
        "sur",
        "pas",
        "par",
        "au",
        "avec",
        "ce",
        "il",
        "elle",
        "ne",
        "sont",
        "der",
        "die",
        "das",
        "und",
        "ist",
        "nicht",
        "ein",
        "eine",
        "zu",
        "den",
        "mit",
        "von",
        "sich",
        "auf",
        "für",
        "dem",
        "des",
        "im",
        "als",
        "auch",
        "es",
    ]
)
_SECOND_PERSON = frozenset(["you", "your", "yours", "you're", "you'll", "yourself"])
_WORD = re.compile(r"[^\W\d_]+")  # letters only: fast, and enough for ratios
# A sentence end, then perhaps closing quotes or brackets, then perhaps citation marks or a
# bracketed note ("sacred. [M1 / MP]", "in 2019.[3][4]")
_TERMINAL_END = re.compile(r"[.!?…。！？؟۔][\"'”’»)\]]*(?:\s*\[[^\[\]\n]{1,30}\])*$")
_DATE = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:"
    r"\d{1,2}\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>\d{4})"
    r"|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4})"
    r"|(?P<y3>\d{4})-(?P<mo3>\d{2})-(?P<d3>\d{2})"
    r")(?:[ ,T]+\d{1,2}:\d{2}.*)?$",
    re.IGNORECASE,
)
_MONTHS = {
    m[:3]: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_BYLINE = re.compile(r"^(?:by|par|von|por)\s+(.{2,80})$", re.IGNORECASE)
_NAME = re.compile(
    r"^(?:[A-Z][\w’'.-]*\.?|van|von|de|da|del|der|la|le|bin|al)(?:\s+(?:[A-Z][\w’'.-]*\.?|van|von|de|da|del|der|la|le|bin|al)){1,4}$"
)


# Crossing a section break (two blank lines, a rule) costs as much as ~25 words of chrome: the
# page's sections are joined only by a substantial amount of prose on both sides.
SECTION_BREAK_COST = 12.0
# A copyright line ("© 2024 ...") ends the article on most pages, but also credits photos
# inside articles: crossing it costs as much as ~60 words of prose after it.
COPYRIGHT_BREAK_COST = 30.0
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)


@dataclass
class Features:
    words: int
    stop_ratio: float
    cap_ratio: float
    you_ratio: float
    link_density: float
    terminal: bool
    sentences: int
    score: float


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s+\S")
_SAMPLE_CHARS = 4000  # ratios of a long block are measured on its start (keeps this linear)


def features(blk: RawBlock) -> Features:
    """The block's prose features (cached on the block: they are asked for repeatedly)."""
    cached = blk.cache.get("features")
    if isinstance(cached, Features):
        return cached
    f = _features(blk)
    blk.cache["features"] = f
    return f


def _features(blk: RawBlock) -> Features:
    text = blk.text
    sample = text if len(text) <= _SAMPLE_CHARS else text[:_SAMPLE_CHARS]
    words = _WORD.findall(sample)
    n_sample = len(words)
    cjk = len(_CJK.findall(sample))
    if cjk:  # Chinese, Japanese and Korean write no spaces: count ~0.6 word per character
        n_sample += int(cjk * 0.6)
    n = n_sample if sample is text else max(n_sample, len(text.split()))
    low = list(map(str.lower, words))
    stop = sum(map(STOP.__contains__, low))
    you = sum(map(_SECOND_PERSON.__contains__, low))
    firsts = [w[0] for w in words]
    caps = sum(map(str.isupper, firsts))
    cased = caps + sum(map(str.islower, firsts))
    link_chars = sum(e - s for k, s, e, _u in blk.styles if k in ("link", "anchor"))
    link_density = min(1.0, link_chars / max(1, len(text)))
    terminal = bool(_TERMINAL_END.search(text))
    sentences = len(_SENTENCE_END.findall(sample)) + (1 if terminal else 0)
    cap_ratio = caps / cased if cased else 0.0
    stop_ratio = stop / n_sample if n_sample else 0.0
    you_ratio = you / n_sample if n_sample else 0.0
    # a bulleted list of sentences, as some articles are written, often has no final stops
    sentence_item = blk.kind == "list_item" and blk.explicit and n >= 6 and stop_ratio >= 0.2
    score = 0.15
    if terminal:
        score += 0.3
    elif (n >= 8 and text.endswith(":")) or sentence_item:
        score += 0.2
    score += 0.25 * min(1.0, stop_ratio / 0.3) if cased else 0.2 * min(1.0, n / 12)
    score += 0.15 * min(1.0, n / 25)
    score += 0.1 if (any(c in sample for c in ",，、،") or sentences > 1) and n >= 6 else 0.0
    if n >= 12 and not terminal and not text.endswith(":") and not sentence_item:
        score -= 0.2  # long, yet no sentence ends: a list
    score -= 0.35 * link_density
    score -= 0.25 * max(0.0, cap_ratio - 0.35) / 0.65 if n > 2 else 0.0
    score -= 0.3 * min(1.0, you_ratio * 10)
    if n == 0:
        score = 0.0
    return Features(
        n,
        stop_ratio,
        cap_ratio,
        you_ratio,
        link_density,
        terminal,
        sentences,
        max(0.0, min(1.0, score)),
    )


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL_END.search(text))


_TIME_FIRST = re.compile(
    r"^\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}\b)?[\s,]+", re.IGNORECASE
)


def iso_date(text: str) -> str | None:
    """ISO date of a date line ("13 November 2019", "Nov. 13, 2019", "2019-11-13", also after
    a time: "11:11 PM EST Nov 19, 2019"), else None."""
    text = _TIME_FIRST.sub("", text.strip(), count=1)
    m = _DATE.match(text.strip())
    if not m:
        return None
    try:
        if m.group("y3"):
            y, mo, d = int(m.group("y3")), int(m.group("mo3")), int(m.group("d3"))
        else:
            mname = (m.group("m1") or m.group("m2") or "")[:3].lower()
            if mname not in _MONTHS:
                return None
            mo = _MONTHS[mname]
            y = int(m.group("y1") or m.group("y2"))
            d = int(text.strip().split()[0]) if m.group("m1") else int(m.group("d2"))
            if m.group("m1"):
                d = int(re.findall(r"\d{1,2}", text)[0])
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        return f"{y:04d}-{mo:02d}-{d:02d}"
    except (ValueError, IndexError):
        return None


def byline_name(text: str) -> str | None:
    """The name in a byline ("By Jane Roe", "Bill Van Auken"), else None."""
    t = text.strip()
    if len(t) > 80 or (ends_sentence(t) and not t.endswith(".")):
        return None
    m = _BYLINE.match(t)
    if m:
        return m.group(1).strip()
    return t if _NAME.match(t) and not ends_sentence(t) else None


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CJK_INNER_STOP = re.compile(r"[。！？][」』”’）]*(?=\S)")
_BYLINE_SPLIT = re.compile(
    r"\s*[·•|—–]\s*|\s+-\s+|\s+on\s+(?=\S*\s*\d|[A-Z][a-z]+\s+\d)"
    r"|(?<=\d{4})\s+by\s+(?=[A-Z])"  # "Posted on March 5, 2024 by Ann Lee"
)
_BYLINE_VERB = re.compile(
    r"^(?:(?:posted|written|published|updated|reported)\s+(?=by\b)"
    r"|(?:posted|published|updated)\s+on\s+(?=\S*\s*\d|[A-Z][a-z]+\.?\s+\d)"
    r"|(?:posted|published|updated)\s+(?=\d)"  # "Published 11:11 PM EST Nov 19, 2019"
    r"|(?:published|posted|updated|last updated|date|dated)\s*:\s*)",
    re.IGNORECASE,
)


def byline_parts(text: str) -> tuple[str | None, str | None] | None:
    """(name, ISO date) of a byline or date line ("By Sam Okafor · January 14, 2025",
    "13 November 2019", "Posted by Ann Lee on 3 May 2024"); None if the line is not one."""
    t = _BYLINE_VERB.sub("", text.strip())
    if not t or len(t) > 120:
        return None
    name: str | None = None
    date: str | None = None
    for part in _BYLINE_SPLIT.split(t):
        part = part.strip(" ,")
        if not part:
            continue
        d = iso_date(part)
        if d is not None and date is None:
            date = d
            continue
        n = byline_name(part)
        if n is not None and name is None:
            name = n
            continue
        return None
    if name is None and date is None:
        return None
    return name, date


def headline_like(blk: RawBlock, f: Features, *, bare: bool = True) -> bool:
    """A heading by markup, or (``bare``: plain text, which has no markup) a bare line that
    reads like one."""
    if blk.kind == "heading":
        return True
    if not bare or blk.kind != "paragraph" or f.words == 0 or f.words > 16 or len(blk.text) > 140:
        return False
    t = blk.text
    if t.endswith((".", ",", ";", ":", "。", "，", "；", "：", "۔")) and not t.endswith(
        ("..", "…")
    ):
        return False
    if _CJK_INNER_STOP.search(t):
        return False  # CJK sentences need no space after their stop
    if f.link_density > 0.5:
        return False
    first = next((c for c in t if c.isalnum()), "")
    return bool(first) and not first.islower() and f.sentences <= 1


def rejoin_split_paragraphs(blocks: list[RawBlock]) -> list[RawBlock]:
    """Join paragraphs a scrape split mid-sentence: the first ends without terminal
    punctuation and the next starts in lower case."""
    out: list[RawBlock] = []
    parts: list[str] = []  # texts of the last block of ``out`` and what joins it (linear)
    length = 0
    for blk in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == blk.kind == "paragraph"
            and not prev.explicit
            and not prev.chrome
            and not blk.chrome
            and not prev.role
            and not blk.role
            and not _closes(parts[-1])
            and blk.text[:1].islower()
        ):
            off = length + 1
            parts.append(blk.text)
            # one paragraph: what an extractor kept of either half, it kept of the whole
            if blk.extracted:
                prev.extracted = True
            if blk.readable:
                prev.readable = True
            length += 1 + len(blk.text)
            prev.styles.extend((k, s + off, e + off, u) for k, s, e, u in blk.styles)
            if blk.removed_before or blk.removed_after:  # listed after the joined paragraph
                prev.removed_after = [
                    *prev.removed_after,
                    *blk.removed_before,
                    *blk.removed_after,
                ]
            continue
        if prev is not None and len(parts) > 1:
            prev.text = " ".join(parts)
        out.append(blk)
        parts = [blk.text]
        length = len(blk.text)
    if out and len(parts) > 1:
        out[-1].text = " ".join(parts)
    return out


def _closes(text: str) -> bool:
    return bool(re.search(r"[.!?…:;。！？؟\"'”’»)\]]$", text))


@dataclass
class Selection:
    blocks: list[RawBlock]
    title_index: int  # index in ``blocks`` of the title, -1 if none
    indices: list[int]  # for each kept block, its index in the blocks given


def select_article(
    blocks: list[RawBlock], *, bare_headings: bool = True, evidence: bool = True
) -> Selection:
    """The article's blocks (chrome removed) and where its title is. ``bare_headings``: the
    format has no heading markup (plain text), so short standalone lines may be headings.
    ``evidence``: count what trafilatura left out against a block."""
    if not blocks:
        return Selection([], -1, [])
    feats = [features(b) for b in blocks]
    _mark_calls_to_action(blocks, feats)
    weights: list[float] = []
    breaks: list[float] = []
    for b, f in zip(blocks, feats, strict=True):
        if b.chrome:
            weights.append(-1e9)
        else:
            w = (f.score - 0.5) * max(1, f.words)
            # a copyright line, or what the page names furniture (comments, sidebar...), is
            # never a gain
            if b.boiler or _COPYRIGHT.match(b.text):
                w = min(w, -0.3 * max(1, f.words))
            elif evidence and b.extracted is False:  # trafilatura left it out
                w = min(w, -0.05 * max(1, f.words))
            elif _content_structure(b, f):
                # headings, code, tables and lists of text are not prose but not chrome either:
                # they cost little, so the article's run passes through them
                w = max(w, -0.5)
            weights.append(w)
        breaks.append(SECTION_BREAK_COST if b.gap_before >= 2 else 0.0)
    for i in range(len(blocks) - 1):
        if _COPYRIGHT.match(blocks[i].text):
            # a copyright notice starts the page's footer: crossing it takes a lot of prose
            breaks[i + 1] = max(breaks[i + 1], COPYRIGHT_BREAK_COST)
    start, end, total = _max_segment(weights, breaks)
    if total <= 0:  # no prose at all: a list, a poem, a title only; keep what is not chrome
        rest = [i for i, b in enumerate(blocks) if not b.chrome]
        return Selection([blocks[i] for i in rest], -1, rest)

    # a table's rows and a list's items are data, not prose: a table or a list (of text, not
    # of links) touching the article belongs to it
    def attached(i: int) -> bool:
        b = blocks[i]
        if b.chrome or b.boiler:
            return False
        if b.role == "row":
            return feats[i].link_density < 0.5
        return b.role == "code" or (
            b.kind == "list_item" and b.explicit and feats[i].link_density < 0.3
        )

    while end + 1 < len(blocks) and attached(end + 1):
        end += 1
    while True:  # the title group above, and above a list or table the lines introducing it
        start = _extend_back(blocks, feats, start, bare_headings)
        if not (start > 0 and attached(start - 1)):
            break
        while start > 0 and attached(start - 1):
            start -= 1
    kept: list[RawBlock] = []
    idx: list[int] = []
    for i in range(start, end + 1):
        b, f = blocks[i], feats[i]
        if b.chrome:
            continue
        if f.link_density >= 0.6 and f.score < 0.35 and b.kind != "heading" and not b.role:
            continue  # link lists inside the run: "related", "share", tag clouds
        kept.append(b)
        idx.append(i)
    return _with_headline(blocks, feats, kept, idx, start, title_index(kept, bare_headings))


def _with_headline(
    blocks: Sequence[RawBlock],
    feats: Sequence[Features],
    kept: list[RawBlock],
    idx: list[int],
    start: int,
    title: int,
) -> Selection:
    """The selection, with the page's h1 taken in front when none of ``kept`` is a title: it
    may sit just before a rule or a "source" line that stopped the article (the heading alone,
    not what lies between)."""
    if title < 0:
        for i in range(start - 1, max(-1, start - 7), -1):
            b = blocks[i]
            if b.kind == "heading" and b.level <= 1 and not b.chrome:
                if feats[i].link_density < 0.5:
                    kept.insert(0, b)
                    idx.insert(0, i)
                    title = 0
                break
    return Selection(kept, title, idx)


# A block only one of the two extractors kept is kept when it reads as prose: inside the
# stretch both agree on, from this prose score; before or after it, from a higher one and
# with few links (captions, teasers and "about us" boxes score lower).
ONE_VOTE_INSIDE = 0.6
ONE_VOTE_OUTSIDE = 0.75


def select_by_votes(blocks: list[RawBlock]) -> Selection:
    """The article of a web page from three opinions on each block: trafilatura's and
    readability-lxml's extractions (``extracted``, ``readable``) and our prose score. What both
    extractors kept is kept; what one kept is kept if it reads as prose; what neither kept is
    left out, wherever it stands, so a gallery or an advertisement in the middle of the
    article no longer cuts it short. Then the title group above the first kept block
    (headline, byline, date) is taken as ``select_article`` takes it."""
    feats = [features(b) for b in blocks]
    votes = [int(b.extracted is True) + int(b.readable is True) for b in blocks]
    t_words = sum(f.words for b, f in zip(blocks, feats, strict=True) if b.extracted)
    r_words = sum(f.words for b, f in zip(blocks, feats, strict=True) if b.readable)
    both_words = sum(f.words for f, v in zip(feats, votes, strict=True) if v == 2)
    if both_words < 0.5 * min(t_words, r_words):
        # they read different parts of the page as the article: the one whose text reads
        # more like prose is taken alone
        def prose(pick: list[bool]) -> float:
            return sum((f.score - 0.5) * f.words for f, p in zip(feats, pick, strict=True) if p)

        t_pick = [b.extracted is True for b in blocks]
        r_pick = [b.readable is True for b in blocks]
        t_head, r_head = (
            _under_headline(blocks, feats, t_pick),
            _under_headline(blocks, feats, r_pick),
        )
        if t_head != r_head:
            # only one of them reads the text right under the page's headline, where an
            # article starts; the other read a teaser list or comments further down
            pick = t_pick if t_head else r_pick
        else:
            pick = t_pick if prose(t_pick) >= prose(r_pick) else r_pick
        votes = [2 * int(p) for p in pick]
    # the article is where both agree, outside containers the page names as furniture
    # (comments, share, related), which both extractors sometimes take for text
    both = [i for i, v in enumerate(votes) if v == 2 and not blocks[i].boiler] or [
        i for i, v in enumerate(votes) if v == 2
    ]
    if not both:
        return select_article(blocks, bare_headings=False)
    # the core is the stretch where agreement outweighs what neither kept (a maximum-sum
    # segment): a teaser that repeats the lede far above the article does not stretch it
    ours = set(select_article(blocks, bare_headings=False, evidence=False).indices)
    weights = [
        (
            f.words
            if v == 2 and not b.boiler
            else -(0.3 if i in ours else 1.0) * f.words
            if v == 0
            else 0.0
        )
        for i, (b, f, v) in enumerate(zip(blocks, feats, votes, strict=True))
    ]
    lo, hi, _total = _max_segment(weights, [0.0] * len(blocks))
    if hi < lo:
        lo, hi = both[0], both[-1]
    # text the page shows twice (a gallery's captions under the thumbnails and again in its
    # viewer, a pull quote) is not the article's where only one extractor kept it
    seen = Counter(
        " ".join(b.text.split()) for b, f in zip(blocks, feats, strict=True) if f.words >= 5
    )
    repeated = [
        votes[i] == 1
        and b.kind != "quote"
        and feats[i].words >= 5
        and seen[" ".join(b.text.split())] > 1
        for i, b in enumerate(blocks)
    ]
    idx: list[int] = []
    for i in range(lo, hi + 1):
        b, f, v = blocks[i], feats[i], votes[i]
        if b.chrome or repeated[i]:
            continue
        if v == 0:
            # inside the article, what our own filter keeps (its structure: headings, lists,
            # code, table cells, which extractors tend to drop) stays
            if not (i in ours and not b.boiler and f.link_density < 0.3):
                continue
        elif v == 1:
            # structure one extractor kept stays too, but not list items that do not read
            # as prose: a gallery's captions are a list
            structure = (
                _content_structure(b, f) and (b.kind != "list_item" or f.score >= 0.5)
            ) or byline_parts(b.text) is not None
            if f.score < ONE_VOTE_INSIDE and not (structure and i in ours):
                continue
        idx.append(i)

    # beyond that stretch, the article runs on over prose next to it that one extractor or
    # our own filter keeps (a last paragraph after an embed they stopped at, a table or list
    # touching the text), up to the first block that is neither
    def runs_on(j: int) -> bool:
        b, f = blocks[j], feats[j]
        if b.chrome or b.boiler or b.kind == "heading" or repeated[j]:
            return False  # a heading after the article opens another section
        if votes[j] == 1 and b.kind == "quote" and b.explicit and f.link_density < 0.5:
            return True  # an embedded post one extractor kept, its attribution linked
        if f.link_density >= 0.3:
            return False
        if votes[j] == 1 and (f.score >= ONE_VOTE_OUTSIDE or (b.kind == "quote" and b.explicit)):
            return True  # prose, or a quotation (an embedded post) one extractor kept
        if b.kind == "list_item" and f.score < 0.5 and votes[j] < 2:
            return False  # captions of a gallery next to the article
        return j in ours and (f.score >= ONE_VOTE_OUTSIDE or _content_structure(b, f))

    def label_between(j: int) -> bool:
        # a word or two neither extractor kept ("Advertisement") where the text runs on
        b = blocks[j]
        return (
            votes[j] == 0
            and feats[j].words <= 3
            and b.kind != "heading"
            and not b.chrome
            and j + 1 < len(blocks)
            and runs_on(j + 1)
        )

    j = hi + 1
    while j < len(blocks) and (runs_on(j) or label_between(j)):
        if runs_on(j):
            idx.append(j)
        j += 1
    j = lo - 1
    while j >= 0 and runs_on(j):
        idx.insert(0, j)
        j -= 1
    # what both may keep after the article: a short line addressing the reader ("Have a
    # tip? Write to...", "Subscribe to our newsletters") or a copyright line
    while len(idx) > 1:
        b, f = blocks[idx[-1]], feats[idx[-1]]
        if not ((f.you_ratio >= 0.08 and f.words <= 25) or _COPYRIGHT.match(b.text)):
            break
        idx.pop()
    start = idx[0]
    head = _extend_back(blocks, feats, start, False)
    idx[:0] = [
        i
        for i in range(head, start)
        if not blocks[i].chrome
        and (headline_like(blocks[i], feats[i], bare=False) or byline_parts(blocks[i].text))
    ]
    kept = [blocks[i] for i in idx]
    return _with_headline(blocks, feats, kept, idx, idx[0], title_index(kept, False))


# Words of other text (breadcrumbs, share buttons, a dateline) that may stand between a page's
# headline and the first paragraph of its article.
_UNDER_HEADLINE_GAP = 40


def _under_headline(blocks: list[RawBlock], feats: list[Features], pick: list[bool]) -> bool:
    """Whether the first substantial paragraph of ``pick`` follows the page's first top-level
    heading with little text between them."""
    h1 = next(
        (i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1 and not b.chrome),
        None,
    )
    if h1 is None:
        return False
    first = next((i for i, p in enumerate(pick) if p and feats[i].words >= 20), None)
    if first is None or first < h1:
        return False
    return sum(f.words for f in feats[h1 + 1 : first]) <= _UNDER_HEADLINE_GAP


def title_index(kept: list[RawBlock], bare_headings: bool) -> int:
    """Index of the title among the article's blocks: the first heading-like block, after a
    kicker or dateline at most; -1 if the text does not open with one."""
    for j, b in enumerate(kept):
        if headline_like(b, features(b), bare=bare_headings):
            return j
        if byline_parts(b.text) is None:
            break  # a title comes before the text (after a kicker or dateline at most)
    return -1


_BARE_URL = re.compile(r"^(?:<?[a-z][a-z0-9+.-]*://\S+>?|www\.\S+)$", re.IGNORECASE)


def scrape_marks(blocks: list[RawBlock]) -> list[bool]:
    """For each block, whether it shows that the text was copied from a web page or a mail
    archive: format chrome (a signature), a line mostly of links or a bare URL, a copyright
    line, a line of labels that reads as no prose at all, or one of three or more short
    unpunctuated lines in a row (a menu, a share box, a teaser list). A list of text that the
    markup calls a list is none of these."""
    feats = [features(b) for b in blocks]
    marks: list[bool] = []
    for b, f in zip(blocks, feats, strict=True):
        text = b.text
        marks.append(
            b.chrome
            or b.boiler
            or f.link_density >= 0.5
            or bool(_COPYRIGHT.match(text))
            or bool(_BARE_URL.match(text))
            or (
                f.score < 0.2
                and f.words >= 3
                and not headline_like(b, f)  # a title in Title Case scores low too
                and byline_parts(text) is None
            )
        )

    def labelish(i: int) -> bool:
        b, f = blocks[i], feats[i]
        if b.kind == "list_item" and b.explicit and f.link_density < 0.3:
            return False
        if b.kind == "heading" or byline_parts(b.text) is not None:
            return False
        return 0 < f.words <= 8 and not f.terminal

    run = 0
    for i in range(len(blocks)):
        run = run + 1 if labelish(i) else 0
        if run >= 3:
            for j in range(i - run + 1, i + 1):
                marks[j] = True
    return marks


def content_structure(b: RawBlock) -> bool:
    """Whether the markup makes ``b`` a heading, a list item, a quote, a table row or code
    (of text, not of links): structure, not prose, but not page furniture either."""
    return _content_structure(b, features(b))


def _content_structure(b: RawBlock, f: Features) -> bool:
    if b.role == "code":
        return True
    if b.role == "row":
        return f.link_density < 0.5  # a row of links is a layout table's menu
    if b.explicit and b.kind in ("heading", "list_item", "quote"):
        return f.link_density < 0.3
    return False


def _mark_calls_to_action(blocks: list[RawBlock], feats: list[Features]) -> None:
    """A short line ending with ':' followed by a block that is mostly a link ("Subscribe:",
    "To contact us visit:") is a call to action, not prose."""
    for i in range(len(blocks) - 1):
        if (
            blocks[i].text.endswith(":")
            and feats[i].words <= 20
            and feats[i + 1].link_density > 0.6
        ):
            feats[i].score = min(feats[i].score, 0.1)
            # a line broken just before it belongs to the same box
            j = i - 1
            while (
                j >= max(0, i - 3)
                and blocks[j + 1].gap_before == 0
                and not ends_sentence(blocks[j].text)
            ):
                feats[j].score = min(feats[j].score, 0.1)
                j -= 1


def _max_segment(weights: list[float], breaks: list[float]) -> tuple[int, int, float]:
    """Maximum-sum contiguous segment; extending a segment across a section break costs
    ``breaks[i]`` (starting a new segment after it is free)."""
    best = (0, -1, 0.0)
    cur_start, cur = 0, float("-inf")
    for i, w in enumerate(weights):
        extended = cur + w - breaks[i]
        if extended <= w:
            cur_start, cur = i, w
        else:
            cur = extended
        if cur > best[2]:
            best = (cur_start, i, cur)
    return best


def _extend_back(
    blocks: list[RawBlock], feats: list[Features], start: int, bare_headings: bool
) -> int:
    """Include the title group before the prose run: headings, byline and date lines and a
    short lede, up to a section break (two blank lines, a rule) or anything chrome-like."""
    i = start
    taken = 0
    heads = 0
    top_level = 0
    topmost_heading = -1
    while i > 0 and taken < 6:
        if blocks[i].gap_before >= 2:
            break
        b, f = blocks[i - 1], feats[i - 1]
        if b.chrome or b.boiler or f.link_density > 0.5:
            break
        # a bare line is a title only if it stands alone; lines packed together are a menu
        standalone = b.explicit or ((b.gap_before >= 1 or i - 1 == 0) and blocks[i].gap_before >= 1)
        is_head = headline_like(b, f, bare=bare_headings) and standalone and heads < 3
        if is_head and b.kind == "heading" and b.level and top_level and b.level >= top_level:
            break  # a second h1 above the title is the site's name, not the article's
        if is_head and b.kind == "heading" and b.level:
            top_level = b.level if not top_level else min(top_level, b.level)
        is_meta = byline_parts(b.text) is not None
        is_lede = (f.terminal or b.text.endswith(":")) and f.score >= 0.3 and f.words <= 60
        # "On Monday, Oskar wrote:" before a quotation belongs to it
        is_intro = b.text.endswith(":") and blocks[i].kind == "quote" and f.words <= 40
        if not (is_head or is_meta or is_lede or is_intro):
            break
        i -= 1
        taken += 1
        if is_head:
            topmost_heading = i
            heads += 1
    if topmost_heading >= 0:
        return topmost_heading  # byline/date lines above the title belong to the page
    return i
