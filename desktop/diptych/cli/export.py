"""``diptych export-pdf``: the annotated PDF of a pair, headless.

    diptych export-pdf [A B] --out FILE.pdf [--layout sequential|parallel]
                       [--page-size a4|letter] [--db PATH] [--topics FILE.toml]
                       [--no-claims] [--no-notes] [--no-cover] [--title TEXT]

Highlights and notes come from the store (``--db``, default: the user's store), re-anchored in
the articles' current text; highlights that no longer match go to the appendix.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diptych.core.model import ClaimPair

from diptych.cli.options import (
    add_db,
    add_pair,
    add_topics,
    load_pair_of,
    open_store,
    say_topics_notice,
    visible,
)


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "export-pdf",
        help="annotated PDF of the pair (highlights as PDF annotations)",
        description="Write an annotated PDF of two articles: sequential (cover, A, B, appendix "
        "of claims and notes) or parallel (facing columns aligned by topic). Highlights become "
        "real PDF highlight annotations with their notes.",
    )
    add_pair(p)
    p.add_argument("--out", "-o", required=True, metavar="FILE.pdf", help="the PDF to write")
    p.add_argument("--layout", choices=("sequential", "parallel"), default="sequential")
    p.add_argument("--page-size", choices=("a4", "letter"), default="a4")
    add_db(p)
    add_topics(p)
    p.add_argument("--title", help="title for the cover and metadata")
    p.add_argument("--author", help="annotation author (default: your login name)")
    p.add_argument("--no-claims", action="store_true", help="leave out the overlapping claims")
    p.add_argument("--no-notes", action="store_true", help="leave out the notes appendix")
    p.add_argument("--no-highlights", action="store_true", help="no highlight annotations")
    p.add_argument("--no-cover", action="store_true", help="no cover page")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing on success")
    p.set_defaults(func=_cmd_export_pdf)


def _pair_title(args: argparse.Namespace) -> str | None:
    if args.title:
        return str(args.title)
    if args.a is None and args.b is None:
        from diptych.core.resources import seed_pair

        return seed_pair().name
    return None


def _cmd_export_pdf(args: argparse.Namespace) -> int:
    from diptych.core.compare.pair import analyze_pair
    from diptych.core.notes.claim_verdicts import with_verdicts
    from diptych.export.from_store import default_author, inputs_from_store
    from diptych.export.model import Include
    from diptych.export.pdf import export_pdf

    a, b = load_pair_of(args)
    analysis = analyze_pair(a, b, topics_file=args.topics)
    say_topics_notice(analysis.topics)
    author = args.author if args.author is not None else default_author()
    with open_store(args) as store:
        inputs = inputs_from_store(store, a, b, author=author)
        # the reader's verdicts: confirmed claims marked, rejected ones left out
        claims = with_verdicts(analysis.claims, a, b, store)[0]
    include = Include(
        cover=not args.no_cover,
        highlights=not args.no_highlights,
        claims=not args.no_claims,
        notes=not args.no_notes,
    )

    def progress(fraction: float, message: str) -> None:
        if not args.quiet and sys.stderr.isatty():
            print(f"\r{fraction * 100:3.0f}% {message:<40}", end="", file=sys.stderr)

    result = export_pdf(
        args.out,
        a,
        b,
        highlights=inputs.highlights,
        orphans=inputs.orphans,
        links=inputs.links,
        claims=claims,
        topics=analysis.topics,
        layout=args.layout,
        page_size=args.page_size,
        include=include,
        title=_pair_title(args),
        author=author,
        progress=progress,
        store_path=store.path,
    )
    if not args.quiet:
        from diptych.core.wording import counted

        if sys.stderr.isatty():
            print("\r" + " " * 46 + "\r", end="", file=sys.stderr)
        orphan_note = f", {result.orphans} orphaned (in the appendix)" if result.orphans else ""
        print(
            f"{visible(str(result.path))}: {counted(result.pages, 'page')}, {args.layout}, "
            f"{args.page_size.upper()}; {counted(result.highlights, 'highlight')} as "
            f"{counted(result.annotations, 'annotation')}{orphan_note}; "
            f"{_claims_said(claims.claims) if include.claims else counted(0, 'claim')} "
            f"({result.seconds:.1f} s)"
        )
    return 0


def _claims_said(claims: Sequence[ClaimPair]) -> str:
    """What the appendix lists, as the cover says it: the numbered claims (strong or confirmed
    by the reader), then the possible ones; rejected ones are not exported."""
    from diptych.core.wording import counted
    from diptych.export.render import split_claims

    numbered, possible = split_claims(claims)
    return counted(len(numbered), "claim") + (f" (+{len(possible)} possible)" if possible else "")
