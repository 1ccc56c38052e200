"""The ``diptych`` command: the GUI by default, subcommands for headless work.

Exit codes: 0 ok, 2 usage, 1 a clear one-line error on stderr (no traceback for bad input).
Subcommands other than the core ones live in their own modules (``SUBCOMMAND_MODULES``), each
with a ``register(subparsers)`` that adds its parser and sets ``func``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from typing import Any

from diptych import __version__
from diptych.core.errors import DiptychError
from diptych.core.model import Article, ArticleTopics

SUBCOMMAND_MODULES = ("diptych.cli_highlights", "diptych.cli_export", "diptych.cli_desktop")
SUBCOMMANDS = {"article", "topics", "claims", "highlights", "export-pdf", "install-desktop-entry"}


def _span_json(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def _shorten(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _add_pair_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("a", nargs="?", help="article A (.md, .txt, .html); default: the seed pair")
    p.add_argument("b", nargs="?", help="article B")


def _add_topics_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--topics", metavar="FILE.toml", help="a topic set (default: the pair's, or proposed)"
    )


def _cmd_article(args: argparse.Namespace) -> int:
    from diptych.core.reading.articles import load_article

    art = load_article(args.file, encoding=args.encoding)
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
        }
        _print_json(out)
        return 0
    print(f"id:          {art.id}")
    print(f"title:       {art.meta.title}")
    print(f"byline:      {art.meta.byline}")
    print(f"date:        {art.meta.date}")
    print(f"source:      {art.meta.source_format}, read as {art.meta.encoding}")
    print(f"fingerprint: {art.fingerprint}")
    print(
        f"length:      {len(art.text)} characters, {len(art.blocks)} blocks, "
        f"{len(art.sentences)} sentences"
    )
    print()
    for blk in art.blocks:
        print(f"{blk.kind:>9}  {_shorten(art.text[blk.start : blk.end], 100)}")
    return 0


def _pair_with_topics(args: argparse.Namespace) -> tuple[Article, Article, ArticleTopics]:
    """The pair named by ``args.a``/``args.b`` (or the seed pair) and its topic sections under
    ``--topics`` or the pair's own topic set."""
    from diptych.core.compare.pair import load_pair, pair_topics

    a, b = load_pair(args.a, args.b)
    return a, b, pair_topics(a, b, topics_file=args.topics)


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
                    "a": [
                        _span_json(a.text, s.start, s.end) for s in result.a if s.topic == t.name
                    ],
                    "b": [
                        _span_json(b.text, s.start, s.end) for s in result.b if s.topic == t.name
                    ],
                }
            )
        _print_json({"topics": topics_out})
        return 0
    origin = "proposed from the two articles" if tset.proposed else "from a topic file"
    print(f"Topic set: {tset.name} ({origin})")
    for t in tset.topics:
        print(f"\n■ {t.name}  {t.color}")
        for side, art, secs in (("A", a, result.a), ("B", b, result.b)):
            for s in secs:
                if s.topic == t.name:
                    print(
                        f"  {side} [{s.start:>6}–{s.end:<6}] {_shorten(art.text[s.start : s.end], 80)}"
                    )
    return 0


def _cmd_claims(args: argparse.Namespace) -> int:
    from diptych.core.compare.claims import find_claims
    from diptych.core.model import UNRELATED_NOTE

    a, b, topics = _pair_with_topics(args)
    result = find_claims(a, b, topics=topics, min_score=args.min_score)
    if args.json:
        _print_json(
            {
                "claims": [
                    {
                        "a": _span_json(a.text, c.a.start, c.a.end),
                        "b": _span_json(b.text, c.b.start, c.b.end),
                        "score": round(c.score, 4),
                        "topic": c.topic,
                        "shared_terms": list(c.shared_terms),
                        "diff": [[op, txt] for op, txt in c.diff],
                    }
                    for c in result.claims
                ],
                "only_in_a": [_span_json(a.text, s.start, s.end) for s in result.only_in_a],
                "only_in_b": [_span_json(b.text, s.start, s.end) for s in result.only_in_b],
                "related": result.related,
            }
        )
        return 0
    print(f"A: {a.meta.title}\nB: {b.meta.title}\n")
    if not result.related:
        print(f"{UNRELATED_NOTE}\n")
    print(f"{len(result.claims)} overlapping claims (best first)\n")
    for i, c in enumerate(result.claims, 1):
        print(
            f"{i:>3}. score {c.score:.2f}  topic {c.topic or '-'}  "
            f"shared: {', '.join(c.shared_terms[:6])}"
        )
        print(f"     A: {_shorten(a.text[c.a.start : c.a.end], 110)}")
        print(f"     B: {_shorten(b.text[c.b.start : c.b.end], 110)}")
    print(f"\nOnly in A: {len(result.only_in_a)} sentences; only in B: {len(result.only_in_b)}")
    return 0


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


class _VersionAction(argparse.Action):
    """``--version``: Diptych's version, then each third-party reader's ("trafilatura: 2.3.1",
    or "trafilatura: missing (...)" when it cannot be imported)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        kwargs.pop("nargs", None)
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kw: Any) -> None:
        from diptych.core.reading.readers import reader_status

        lines = [f"diptych {__version__}", *(f"{n}: {v}" for n, v in reader_status())]
        sys.stdout.write("\n".join(lines) + "\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diptych",
        description="Read two articles side by side. Without a subcommand, opens the window "
        "(on files A and B if given, else the last pair, else the seed pair).",
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show the version and the readers found"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "article",
        help="show how an article file is read",
        description="Load one article file and show its clean text, blocks and sentences.",
    )
    p.add_argument("file")
    p.add_argument(
        "--encoding", metavar="CODEC", help="read the bytes with this codec (e.g. cp1252)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_cmd_article)

    p = sub.add_parser(
        "topics",
        help="topic sections of both articles",
        description="Locate each topic's sections in both articles.",
    )
    _add_pair_args(p)
    _add_topics_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_cmd_topics)

    p = sub.add_parser(
        "claims",
        help="overlapping claims of two articles",
        description="List sentence pairs that state the same thing in both articles, best first, and what only one says.",
    )
    _add_pair_args(p)
    _add_topics_arg(p)
    p.add_argument(
        "--min-score",
        type=float,
        default=None,
        metavar="X",
        help="keep pairs scoring at least X (0..1)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_cmd_claims)

    for name in SUBCOMMAND_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        mod.register(sub)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="diptych", add_help=False)
    p.add_argument("a", nargs="?")
    p.add_argument("b", nargs="?")
    p.add_argument("--db", metavar="PATH")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    first = next((x for x in argv if not x.startswith("-")), None)
    wants_help_or_version = any(x in ("-h", "--help", "--version") for x in argv)
    if first not in SUBCOMMANDS and not wants_help_or_version:
        gargs, rest = _gui_parser().parse_known_args(argv)
        if rest:
            build_parser().error(f"unrecognized arguments: {' '.join(rest)}")
        from diptych.ui.app import run_gui

        return run_gui(gargs.a, gargs.b, db=gargs.db)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except DiptychError as exc:
        print(f"diptych: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
