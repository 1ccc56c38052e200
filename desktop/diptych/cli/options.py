"""Options and output helpers shared by the subcommands, each defined once.

``add_pair`` (articles A and B, default: the seed pair), ``add_db`` (the highlights store),
``add_json``, ``add_topics``; ``open_store`` opens ``--db`` and reports what the store had to
say at open on stderr, ``say_topics_notice`` why a pair's saved topics could not be used; ``print_json``, ``shorten`` and ``visible`` for output (untrusted text
reaches the terminal with its control characters escaped).
"""

from __future__ import annotations

import argparse
import re
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diptych.core.model import Article, ArticleTopics
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
    from diptych.core.notes.store import WAITING_MESSAGE, Store

    db = getattr(args, "db", None)
    store = Store.open(Path(db) if db else None)
    for notice in store.notices:
        print(f"diptych: {visible(notice)}", file=sys.stderr)
    said: list[bool] = []

    def on_wait(_seconds: float) -> None:
        # another program holds the store's lock: say so once, not a silent half minute
        if not said:
            said.append(True)
            limit = round(store.wait_timeout_s)
            print(
                f"diptych: {WAITING_MESSAGE} ({visible(str(store.path))}; up to {limit} s)",
                file=sys.stderr,
                flush=True,
            )

    store.on_wait = on_wait
    return store


def say_kept_copies(*articles: Article) -> None:
    """On stderr, for each web page read from the copy kept before because it could not be
    fetched now: why, and the copy's date (the output itself stays what it always is)."""
    for art in articles:
        if art.meta.kept_copy:
            print(f"diptych: {visible(art.meta.kept_copy)}", file=sys.stderr)


def say_topics_notice(topics: ArticleTopics) -> None:
    """On stderr: why the topic set the reader saved for the pair could not be used (in full),
    when it could not (``ArticleTopics.notice``; the output itself stays what it always is)."""
    if topics.notice:
        print(f"diptych: {visible(topics.notice)}", file=sys.stderr)


def pair_topics_said(a: Article, b: Article, topics_file: str | None) -> ArticleTopics:
    """The pair's topic sections (``pair_topics``: ``--topics``, else the reader's saved set,
    else the pair's own), with its notice said on stderr (``say_topics_notice``)."""
    from diptych.core.compare.pair import pair_topics

    topics = pair_topics(a, b, topics_file=topics_file)
    say_topics_notice(topics)
    return topics


def load_pair_of(args: argparse.Namespace) -> tuple[Article, Article]:
    """Articles ``args.a`` and ``args.b`` (or the seed pair), kept copies said on stderr."""
    from diptych.core.compare.pair import load_pair

    a, b = load_pair(args.a, args.b)
    say_kept_copies(a, b)
    return a, b


def print_json(obj: object) -> None:
    """``obj`` as JSON on stdout, UTF-8 as written, but every character a terminal would act
    on (``_unsafe`` less C0, which json escapes itself: DEL, C1 controls, bidi controls, line
    separators) as a ``\\uXXXX`` escape: the same JSON to a parser, and an article's U+202E
    no longer turns the rest of the terminal's line around."""
    import json  # here: the window's start imports this module

    text = json.dumps(obj, ensure_ascii=False, indent=2)
    # outside strings JSON has only ASCII, so every such character is inside a string, where
    # an escape means the same character (one beyond U+FFFF as its two surrogates' escapes)
    sys.stdout.write(_unsafe(in_json=True).sub(lambda m: _json_escape(m.group()), text))
    sys.stdout.write("\n")


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


@cache
def _unsafe(in_json: bool = False) -> re.Pattern[str]:
    """What a terminal would act on instead of showing: C0 controls (ESC starts escape
    sequences, BEL rings), DEL, C1 controls (CSI...), and the bidirectional controls and
    separators that reorder or break what is shown; and what it would show as nothing
    (``INVISIBLE``: a topic name of Hangul fillers read as an empty name where a U+202E was
    escaped). ``in_json``: less C0 (the JSON's own newlines and indentation; json escapes C0
    in strings). Made when first needed: building the parsers imports no core module."""
    from diptych.core.controls import INVISIBLE

    c0 = "" if in_json else "\x00-\x1f"
    return re.compile(
        f"[{c0}\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029{INVISIBLE}]"
    )


def _escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(s: str) -> str:
    """``s`` with every control character and every character that draws nothing written as
    an escape (``\\x1b``, ``\\u202e``, ``\\u3164``, ``\\U000e0041``), so untrusted text
    printed to a terminal is only ever shown, and all of it."""
    return _unsafe().sub(lambda m: _escape(m.group()), s)


def shorten(s: str, width: int) -> str:
    """``s`` on one line, controls visibly escaped, cut to ``width`` characters with an
    ellipsis."""
    s = visible(" ".join(s.split()))
    return s if len(s) <= width else s[: width - 1] + "…"
