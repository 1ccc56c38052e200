"""Options and output helpers shared by the subcommands, each defined once.

``add_pair`` (articles A and B, default: the seed pair), ``add_db`` (the highlights store),
``add_json``, ``add_topics``; ``open_store`` opens ``--db`` and reports what the store had to
say at open on stderr; ``print_json`` and ``shorten`` for output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diptych.core.notes.store import Store


def add_pair(p: argparse.ArgumentParser, *, all_flag: bool = False) -> None:
    """Positional A and B (both optional: the seed pair); ``all_flag`` adds ``--all``."""
    p.add_argument(
        "a", nargs="?", help="article A (a file or an http(s) URL); default: the seed pair"
    )
    p.add_argument("b", nargs="?", help="article B")
    if all_flag:
        p.add_argument(
            "--all", action="store_true", help="every highlight in the store, as stored (no files)"
        )


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", help="highlights store (default: the user's store)")


def add_json(p: argparse.ArgumentParser, help: str = "print JSON") -> None:
    p.add_argument("--json", action="store_true", help=help)


def add_topics(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--topics", metavar="FILE.toml", help="a topic set (default: the pair's, or proposed)"
    )


def open_store(args: argparse.Namespace) -> Store:
    """The store named by ``--db`` (default: the user's), its open-time notices on stderr."""
    from diptych.core.notes.store import Store

    db = getattr(args, "db", None)
    store = Store.open(Path(db) if db else None)
    for notice in store.notices:
        print(f"diptych: {notice}", file=sys.stderr)
    return store


def print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def shorten(s: str, width: int) -> str:
    """``s`` on one line, cut to ``width`` characters with an ellipsis."""
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"
