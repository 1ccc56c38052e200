"""``main``: the window by default, a subcommand for headless work.

Exit codes: 0 ok, 2 usage, 1 a clear one-line error on stderr (no traceback for bad input).
Each subcommand group is a module of this package with a ``register(subparsers)`` that adds its
parsers and sets ``func``; the names that select a subcommand (rather than a file to open in the
window) are read from those parsers. ``diptych`` with no arguments (the window on the last pair)
builds no parser at all: the groups and argparse are imported when one is built.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from types import ModuleType


def _groups() -> tuple[ModuleType, ...]:
    from diptych.cli import analysis, desktop, export, highlights

    return (analysis, highlights, export, desktop)


def _version_action() -> type[argparse.Action]:
    import argparse

    from diptych import __version__

    class _VersionAction(argparse.Action):
        """``--version``: Diptych's version, then each third-party reader's ("trafilatura:
        2.3.1", or "trafilatura: missing (...)" when it cannot be imported)."""

        def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
            kwargs.pop("nargs", None)
            super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

        def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kw: Any) -> None:
            from diptych.core.reading.readers import reader_status

            lines = [f"diptych {__version__}", *(f"{n}: {v}" for n, v in reader_status())]
            sys.stdout.write("\n".join(lines) + "\n")
            parser.exit()

    return _VersionAction


def _build() -> tuple[argparse.ArgumentParser, frozenset[str]]:
    import argparse

    parser = argparse.ArgumentParser(
        prog="diptych",
        description="Read two articles side by side. Without a subcommand, opens the window "
        "(on files A and B if given, else the last pair, else the seed pair).",
    )
    parser.add_argument(
        "--version", action=_version_action(), help="show the version and the readers found"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in _groups():
        group.register(sub)
    return parser, frozenset(sub.choices)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand."""
    return _build()[0]


def command_names() -> frozenset[str]:
    """The subcommands, as their parsers name them."""
    return _build()[1]


def _gui_parser() -> argparse.ArgumentParser:
    import argparse

    from diptych.cli.options import add_db, add_pair

    p = argparse.ArgumentParser(prog="diptych", add_help=False)
    add_pair(p)
    add_db(p)
    return p


def _unknown_word(a: str | None, b: str | None) -> bool:
    """One word given that is no file and no web address: a mistyped command, most likely."""
    if a is None or b is not None or "://" in a:
        return False
    try:
        return not Path(a).expanduser().exists()
    except OSError:
        return False


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        # the window on the last pair: nothing to parse, so no parser is built (a faster start)
        from diptych.ui.app import run_gui

        return run_gui(None, None, db=None)
    from diptych.cli.options import visible
    from diptych.core.errors import DiptychError

    parser, commands = _build()
    first = next((x for x in argv if not x.startswith("-")), None)
    wants_help_or_version = any(x in ("-h", "--help", "--version") for x in argv)
    if first not in commands and not wants_help_or_version:
        gargs, rest = _gui_parser().parse_known_args(argv)
        if rest:
            parser.error(f"unrecognized arguments: {' '.join(rest)}")
        if _unknown_word(gargs.a, gargs.b):
            print(
                f"diptych: {visible(gargs.a)} is neither a file nor a command; commands: "
                f"{', '.join(sorted(commands))} (diptych --help says more)",
                file=sys.stderr,
            )
            return 2
        from diptych.ui.app import run_gui

        return run_gui(gargs.a, gargs.b, db=gargs.db)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except DiptychError as exc:
        print(f"diptych: {visible(' '.join(str(exc).splitlines()))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
