"""``diptych article``, ``diptych topics``, ``diptych claims``: how files are read and what two
articles share, headless.

    diptych article FILE [--encoding CODEC] [--json]
    diptych topics  [A B] [--topics FILE.toml] [--json]
    diptych claims  [A B] [--topics FILE.toml] [--min-score X] [--json]

``topics --json``: ``{"topics": [{"name", "color", "a": [span], "b": [span]}], "notice"}``, a
span being ``{"start", "end", "text"}`` (code points) and ``notice`` the sentence saying why
the topic set saved for the pair could not be used (in full), or null (see README).
``claims --json``: ``{"claims": [...], "only_in_a", "only_in_b", "related", "topics_notice"}``,
``topics_notice`` being that sentence.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diptych.cli.options import (
    add_db,
    add_json,
    add_pair,
    add_topics,
    load_pair_of,
    pair_topics_said,
    print_json,
    say_kept_copies,
    shorten,
    visible,
)

if TYPE_CHECKING:  # the window's start builds these parsers: no core code at import
    from collections.abc import Sequence

    from diptych.core.model import Article, ArticleTopics, ClaimPair, Span


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "article",
        help="show how an article file is read",
        description="Load one article file and show its clean text, blocks and sentences.",
    )
    p.add_argument("file")
    p.add_argument(
        "--encoding", metavar="CODEC", help="read the bytes with this codec (e.g. cp1252)"
    )
    add_json(p)
    p.set_defaults(func=_cmd_article)

    p = subparsers.add_parser(
        "topics",
        help="topic sections of both articles",
        description="Locate each topic's sections in both articles.",
    )
    add_pair(p)
    add_topics(p)
    add_json(
        p,
        'print JSON: the topics with their sections in A and B, and "notice" (why the '
        "pair's saved topics could not be used, or null)",
    )
    p.set_defaults(func=_cmd_topics)

    p = subparsers.add_parser(
        "claims",
        help="overlapping claims of two articles",
        description="List sentence pairs that state the same thing in both articles, best first, "
        "and what only one says.",
    )
    add_pair(p)
    add_topics(p)
    p.add_argument(
        "--min-score",
        type=_unit_score,
        default=None,
        metavar="X",
        help="instead of the default selection, every candidate pair scoring at least X (0..1); "
        "0 lists them all",
    )
    add_db(p)  # whose verdicts are shown
    add_json(p)
    p.set_defaults(func=_cmd_claims)


def _unit_score(text: str) -> float:
    """A score from 0 to 1 (argparse type): 2, -1 or nan were taken, and listed nothing or
    everything without a word."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:  # nan too
        raise argparse.ArgumentTypeError(f"a score is from 0 to 1, not {text}")
    return value


def span_json(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def _cmd_article(args: argparse.Namespace) -> int:
    from diptych.core.reading.articles import load_article

    art = load_article(args.file, encoding=args.encoding)
    say_kept_copies(art)
    if args.json:
        out = {
            "id": art.id,
            "fingerprint": art.fingerprint,
            "title": art.meta.title,
            "byline": art.meta.byline,
            "date": art.meta.date,
            "text": art.text,
            "blocks": [{"kind": b.kind, "start": b.start, "end": b.end} for b in art.blocks],
            "sentences": [{"start": s.start, "end": s.end} for s in art.sentences],
            # what the loader left out (page furniture, a signature, front matter), with the
            # offset in "text" where it stood
            "removed": [
                {"kind": r.kind, "text": r.text, "at": r.at, "inside": r.inside}
                for r in art.removed
            ],
        }
        print_json(out)
        return 0
    print(f"id:          {visible(art.id)}")
    print(f"title:       {visible(art.meta.title)}")
    print(f"byline:      {visible(art.meta.byline)}")
    print(f"date:        {visible(art.meta.date)}")
    # PDF, EPUB and DOCX carry their own encoding: "read as" only for decoded text
    read_as = f", read as {art.meta.encoding}" if art.meta.encoding else ""
    print(f"source:      {art.meta.source_format}{read_as}")
    print(f"fingerprint: {art.fingerprint}")
    print(
        f"length:      {len(art.text)} characters, {len(art.blocks)} blocks, "
        f"{len(art.sentences)} sentences"
    )
    if art.removed:
        chars = sum(len(r.text) for r in art.removed)
        print(f"removed:     {len(art.removed)} blocks, {chars} characters (--json lists them)")
    print()
    for blk in art.blocks:
        print(f"{blk.kind:>9}  {shorten(art.text[blk.start : blk.end], 100)}")
    return 0


def _pair_with_topics(args: argparse.Namespace) -> tuple[Article, Article, ArticleTopics]:
    """The pair named by ``args.a``/``args.b`` (or the seed pair) and its topic sections under
    ``--topics`` or the pair's own topic set."""
    a, b = load_pair_of(args)
    return a, b, pair_topics_said(a, b, args.topics)


def _cmd_topics(args: argparse.Namespace) -> int:
    a, b, result = _pair_with_topics(args)
    tset = result.topic_set
    if args.json:
        topics_out = []
        for t in tset.topics:
            topics_out.append(
                {
                    "name": t.name,
                    "color": t.color,
                    "a": [span_json(a.text, s.start, s.end) for s in result.a if s.topic == t.name],
                    "b": [span_json(b.text, s.start, s.end) for s in result.b if s.topic == t.name],
                }
            )
        # why the reader's saved set could not be used (in full), as stderr says it too:
        # null when all is well
        print_json({"topics": topics_out, "notice": result.notice or None})
        return 0
    origin = "proposed from the two articles" if tset.proposed else "from a topic file"
    print(f"Topic set: {visible(tset.name)} ({origin})")
    for t in tset.topics:
        print(f"\n■ {visible(t.name)}  {visible(t.color)}")
        for side, art, secs in (("A", a, result.a), ("B", b, result.b)):
            for s in secs:
                if s.topic == t.name:
                    print(
                        f"  {side} [{s.start:>6}–{s.end:<6}] {shorten(art.text[s.start : s.end], 80)}"
                    )
    return 0


def _fragment(text: str, span: Span, core: Span, width: int) -> str:
    """The shared fragment of a claim's sentence on one line, an ellipsis where the sentence
    goes on before or after it (the whole sentence when it all overlaps)."""
    before = "…" if core.start > span.start else ""
    after = "…" if core.end < span.end else ""
    shown = shorten(text[core.start : core.end], width - len(before) - len(after))
    return before + shown + ("" if shown.endswith("…") else after)


def claims_text(a: Article, b: Article, claims: Sequence[ClaimPair]) -> str:
    """The claims as the panel lists them: strong claims, possible ones ("fewer signals
    agree"), then the ones the reader rejected, each group in the order ``claims`` has them
    (``find_claims`` and ``apply_verdicts`` give them best first, the reader's confirmed
    claims first among the strong); each claim's shared fragment, its topic, shared words and
    the figures, dates or names that differ."""
    from diptych.core.wording import counted, differs_said, doubts_said

    groups: dict[str, list[ClaimPair]] = {"strong": [], "possible": [], "rejected": []}
    for c in claims:
        tier = "rejected" if c.verdict == "different" else c.tier
        groups[tier].append(c)
    listed = len(groups["strong"]) + len(groups["possible"])
    parts = [
        f"{counted(listed, 'shared claim')}: {len(groups['strong'])} strong, "
        f"{len(groups['possible'])} possible"
        + (f"; {len(groups['rejected'])} rejected by you" if groups["rejected"] else "")
    ]
    headings = {
        "strong": "Strong claims (several independent signals agree), best first",
        "possible": "Possible claims (fewer signals agree), best first",
        "rejected": "Rejected (you marked them not the same)",
    }
    n = 0
    for tier, members in groups.items():
        if not members:
            continue
        parts.append(f"\n{headings[tier]}\n")
        for c in members:
            # the rejected are no claims of the pair any more: unnumbered, as in the panel
            if tier == "rejected":
                label = "  -"
            else:
                n += 1
                label = f"{n:>3}."
            if c.added:  # no score of the engine's: the reader's own pair
                said = "✓ same claim (a pair you added)"
            elif c.verdict == "same":
                said = f"score {c.score:.2f}  ✓ same claim (your verdict)"
            else:
                said = f"score {c.score:.2f}"
            parts.append(
                f"{label} {said}  topic {visible(c.topic or '-')}  "
                # each word cut (a 2,000-letter word shared made a line of 2,000 characters)
                f"shared: {', '.join(shorten(t, 40) for t in c.shared_terms[:6]) or '-'}"
            )
            parts.append(f"     A: {_fragment(a.text, c.a, c.core_a, 110)}")
            parts.append(f"     B: {_fragment(b.text, c.b, c.core_b, 110)}")
            parts.extend(f"     ≠ {differs_said(x, y, visible)}" for x, y in c.differs)
            if tier == "possible" and c.verdict is None and c.doubts:
                parts.append(f"     ? {doubts_said(c.doubts)}")
    return "\n".join(parts)


def _cmd_claims(args: argparse.Namespace) -> int:
    from diptych.core.compare.claims import find_claims
    from diptych.core.errors import StoreError
    from diptych.core.model import UNRELATED_NOTE
    from diptych.core.notes.claim_verdicts import unplaced_said, with_stored_verdicts

    if args.db is not None and not Path(args.db).is_file():
        # the default store may not exist yet (no verdicts); a store named on purpose must
        raise StoreError(f"No highlights store at {visible(args.db)}.")
    a, b, topics = _pair_with_topics(args)
    result = find_claims(a, b, topics=topics, min_score=args.min_score)
    # the reader's verdicts, if the store exists
    unplaced: list[Any] = []
    result = with_stored_verdicts(result, a, b, args.db, unplaced=unplaced)
    if unplaced:  # on stderr: the listing (and the JSON) stay what they always are
        print(f"diptych: {unplaced_said(len(unplaced))}.", file=sys.stderr)
    if args.json:
        print_json(
            {
                "claims": [
                    {
                        "a": span_json(a.text, c.a.start, c.a.end),
                        "b": span_json(b.text, c.b.start, c.b.end),
                        "score": round(c.score, 4),
                        "topic": c.topic,
                        "shared_terms": list(c.shared_terms),
                        "diff": [[op, txt] for op, txt in c.diff],
                        "tier": c.tier,
                        "doubts": list(c.doubts),
                        "a_core": span_json(a.text, c.core_a.start, c.core_a.end),
                        "b_core": span_json(b.text, c.core_b.start, c.core_b.end),
                        "differs": [list(d) for d in c.differs],
                        "verdict": c.verdict,
                    }
                    for c in result.claims
                ],
                "only_in_a": [span_json(a.text, s.start, s.end) for s in result.only_in_a],
                "only_in_b": [span_json(b.text, s.start, s.end) for s in result.only_in_b],
                "related": result.related,
                # why the reader's saved topic set was not used in full (each claim names its
                # topic), as topics --json says it; null when all is well
                "topics_notice": topics.notice or None,
            }
        )
        return 0
    print(f"A: {visible(_name(a))}\nB: {visible(_name(b))}\n")
    if not result.related:
        print(f"{UNRELATED_NOTE}\n")
    print(claims_text(a, b, result.claims))
    print(f"\nOnly in A: {len(result.only_in_a)} sentences; only in B: {len(result.only_in_b)}")
    return 0


def _name(article: Article) -> str:
    """An article's title, else its file name (a plain text file has no title: "A: " was
    printed bare), else its id."""
    return article.meta.title or Path(article.meta.source_path).name or article.id
