"""``diptych highlights``: the highlights store, headless.

    diptych highlights list   [A B | --all] [--db PATH] [--json]
    diptych highlights export [A B | --all] --format w3c|markdown [--db PATH] [--out FILE]
    diptych highlights import FILE.json [--db PATH]
    diptych highlights add    A --quote TEXT [--occurrence N] [--color C] [--note N]
                              [--tag T ...] [--db PATH] [--json]
    diptych highlights link   ID1 ID2 [--note N] [--db PATH]
    diptych highlights backups [--db PATH]
    diptych highlights restore-backup FILE [--db PATH]

``list`` and ``export`` work on the pair given (default: the seed pair), resolved against the
files' current text (so an edited file shows re-anchored / orphaned highlights); ``--all`` takes
every highlight in the store as stored. What the store had to say at open (a damaged file moved
aside, read-only because newer...) goes to stderr.
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
    open_store,
    pair_topics_said,
    print_json,
    say_kept_copies,
    shorten,
    visible,
)
from diptych.core.errors import DiptychError, StoreError

if TYPE_CHECKING:
    from diptych.export.destination import Kept


def register(subparsers: Any) -> None:
    hp = subparsers.add_parser(
        "highlights",
        help="list, add, import and export highlights and notes",
        description="Work with the highlights store: list highlights resolved against the "
        "current article files, add one, link two, import/export W3C Web Annotations or "
        "Markdown notes, list and restore backups.",
    )
    sub = hp.add_subparsers(dest="highlights_command", metavar="ACTION")
    hp.set_defaults(func=lambda args: _usage(hp))

    p = sub.add_parser(
        "list",
        help="highlights of a pair, with where they are now",
        description="List the highlights of articles A and B (default: the seed pair), "
        "resolved against the files' current text: anchored, reanchored or orphaned.",
    )
    add_pair(p, all_flag=True)
    add_db(p)
    add_json(p)
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser(
        "export",
        help="W3C Web Annotation JSON-LD or Markdown notes",
        description="Export the highlights, notes and links of A and B (default: the seed "
        "pair; --all: the whole store) as W3C Web Annotations (JSON-LD) or Markdown.",
    )
    add_pair(p, all_flag=True)
    add_db(p)
    p.add_argument("--format", choices=("w3c", "markdown"), default="w3c")
    p.add_argument("--out", "-o", metavar="FILE", help="write here (default: stdout)")
    add_topics(p)
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser(
        "import",
        help="import W3C Web Annotations",
        description="Import a W3C Web Annotation file: an AnnotationCollection, a list, or one "
        "Annotation. Highlights on articles not opened yet are kept and reported.",
    )
    p.add_argument("file", metavar="FILE.json")
    add_db(p)
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser(
        "add",
        help="highlight a passage of an article file",
        description="Highlight the text given with --quote in article file A.",
    )
    p.add_argument("a", metavar="A", help="the article (a file or an http(s) URL)")
    p.add_argument("--quote", required=True, help="the exact text to highlight")
    p.add_argument(
        "--occurrence",
        type=int,
        default=None,
        metavar="N",
        help="which occurrence when the text occurs more than once (1 = first)",
    )
    p.add_argument("--color", default="yellow", help="yellow, green, blue, pink or purple")
    p.add_argument("--note", default="", help="a note")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    add_db(p)
    add_json(p, help="print the new highlight as JSON")
    p.set_defaults(func=_cmd_add)

    p = sub.add_parser(
        "link",
        help="link two highlights",
        description="Link two highlights (by id) with a shared note.",
    )
    p.add_argument("first", metavar="ID1")
    p.add_argument("second", metavar="ID2")
    p.add_argument("--note", default="")
    add_db(p)
    p.set_defaults(func=_cmd_link)

    p = sub.add_parser(
        "backups",
        help="list the store's backups",
        description="List the store's backups, newest first, with their check result.",
    )
    add_db(p)
    p.set_defaults(func=_cmd_backups)

    p = sub.add_parser(
        "restore-backup",
        help="restore the store from a backup",
        description="Replace the store by a backup; the current file is moved aside, not deleted.",
    )
    p.add_argument("backup", metavar="FILE")
    add_db(p)
    p.set_defaults(func=_cmd_restore)


def _usage(p: argparse.ArgumentParser) -> int:
    p.print_help()
    return 2


def _articles(args: argparse.Namespace) -> list[Any] | None:
    if getattr(args, "all", False):
        if args.a is not None or args.b is not None:
            raise DiptychError("give files or --all, not both")
        return None
    a, b = load_pair_of(args)
    return [a, b]


def _write_out(text: str, out: str | None, keep: Kept = ()) -> None:
    """``text`` to stdout, or to the file ``out`` all at once (see
    ``diptych.export.destination``: only a regular file or nothing is replaced, never one of
    ``keep``: the articles exported, the store)."""
    if not out:
        sys.stdout.write(text)
        return
    from diptych.export.destination import write_atomically

    write_atomically(out, text.encode("utf-8"), keep=keep)


def _cmd_list(args: argparse.Namespace) -> int:
    from diptych.core.notes.anchoring import unplaced

    articles = _articles(args)
    rows: list[dict[str, Any]] = []
    said: list[str] = []  # where highlights came from (a renamed file), files that are gone
    with open_store(args) as store:
        if articles is None:
            for h in store.all_highlights():
                rows.append(
                    {
                        "id": h.id,
                        "article": h.article_id,
                        "color": h.color,
                        "quote": h.quote.exact,
                        "note": h.note,
                        "start": h.position.start,
                        "end": h.position.end,
                        "status": "stored",
                    }
                )
        else:
            for side, art in zip("AB", articles, strict=True):
                opened = store.open_article(art)
                if opened.moved is not None:
                    said.append(f"{side}: {opened.moved.describe()}")
                for r in opened.highlights:
                    h = r.highlight
                    found = r.status != "orphaned"
                    rows.append(
                        {
                            "id": h.id,
                            # the article it is stored under: a copy's highlights stay there
                            "article": h.article_id,
                            "color": h.color,
                            "quote": art.text[r.start : r.end] if found else h.quote.exact,
                            "note": h.note,
                            "start": r.start,
                            "end": r.end,
                            "status": r.status,
                            # an orphan whose quote reads at several places: how many
                            # (said in the text list; the --json rows keep their keys)
                            "places": r.places,
                        }
                    )
            lost = store.lost_articles()
            if lost:
                from diptych.core.wording import lost_highlights

                said.append(
                    f"{lost_highlights(sum(x.count for x in lost), len(lost))} "
                    f"({', '.join(x.path for x in lost[:3])}{', …' if len(lost) > 3 else ''}): "
                    "--all lists them; open a file from its new place and they come with it."
                )
    for line in said:
        # with --json stdout stays the list of rows (their keys unchanged): stderr says it
        print(visible(line), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print_json([{k: v for k, v in row.items() if k != "places"} for row in rows])
        return 0
    if not rows:
        print("No highlights.")
        return 0
    for row in rows:
        where = (
            f"[{row['start']}–{row['end']}]"
            if row["start"] >= 0
            else f"[{unplaced(row.get('places', 0))}]"
        )
        color = shorten(row["color"], 20)
        print(f"{row['status']:<10} {color:<7} {where:<16} “{shorten(row['quote'], 60)}”")
        if row["note"]:
            print(f"{'':>35}note: {shorten(row['note'], 70)}")
        print(f"{'':>35}{visible(row['id'])}  {visible(row['article'])}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from diptych.core.notes.interchange import export_markdown, export_w3c, w3c_json

    articles = _articles(args)
    with open_store(args) as store:
        if args.format == "w3c":
            text = w3c_json(export_w3c(store, articles))
        else:
            topics = None
            if articles is not None:
                topics = _topics_for(articles, args.topics)
            text = export_markdown(store, articles, topics=topics)
        from diptych.export.destination import protected_files

        keep = protected_files(articles or (), store_path=store.path)
    _write_out(text, args.out, keep)
    if args.out:
        print(f"wrote {visible(args.out)}", file=sys.stderr)
    return 0


def _topics_for(articles: list[Any], topics_file: str | None) -> Any:
    a, b = articles
    return pair_topics_said(a, b, topics_file)


def _cmd_import(args: argparse.Namespace) -> int:
    from diptych.core.notes.interchange import import_w3c, load_w3c_file

    data = load_w3c_file(args.file)
    with open_store(args) as store:
        report = import_w3c(store, data)
    print(visible(report.summary()))
    for line in report.skipped:  # ids and reasons from the file: shown, never acted on
        print(f"  skipped {visible(line)}")
    for line in report.differing:
        print(f"  not taken {visible(line)}")
    for line in report.unplaced:
        print(f"  not placed {visible(line)}")
    for line in report.new_ids:
        print(f"  new id {visible(line)}")
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    from diptych.core.notes.store.values import COLORS
    from diptych.core.reading.articles import load_article

    if args.color not in COLORS:  # the window and the exports know these five only
        raise DiptychError(
            f"--color {visible(args.color)}: say yellow, green, blue, pink or purple"
        )
    if args.occurrence is not None and args.occurrence < 1:
        raise DiptychError(f"--occurrence {args.occurrence}: count from 1 (the first)")
    art = load_article(args.a)
    say_kept_copies(art)
    quote = args.quote
    if not quote:
        raise DiptychError("--quote is empty")
    starts = []
    i = art.text.find(quote)
    while i != -1:
        starts.append(i)
        i = art.text.find(quote, i + 1)
    if not starts:
        raise DiptychError(f"the text {shorten(quote, 60)!r} does not occur in {args.a}")
    if args.occurrence is None and len(starts) > 1:
        raise DiptychError(
            f"the text occurs {len(starts)} times in {args.a}; say which with --occurrence N"
        )
    n = args.occurrence or 1
    if not 1 <= n <= len(starts):
        raise DiptychError(f"--occurrence {n}: the text occurs {len(starts)} times")
    start = starts[n - 1]
    with open_store(args) as store:
        h = store.add_highlight(
            art, start, start + len(quote), color=args.color, note=args.note, tags=args.tag
        )
    if args.json:
        print_json(
            {
                "id": h.id,
                "article": h.article_id,
                "color": h.color,
                "quote": h.quote.exact,
                "note": h.note,
                "start": h.position.start,
                "end": h.position.end,
                "status": "anchored",
            }
        )
    else:
        print(h.id)
    return 0


def _cmd_link(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        lk = store.link(args.first, args.second, args.note)
    print(lk.id)
    return 0


def _cmd_backups(args: argparse.Namespace) -> int:
    from diptych.core.notes.store import check_file

    with open_store(args) as store:
        backups = store.backups()
        if not backups:
            print(f"No backups yet (they go to {visible(str(store.backup_dir))}).")
        for b in backups:
            print(f"{visible(str(b))}  {check_file(b)}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    backup = Path(args.backup)
    if not backup.is_file():
        raise StoreError(f"no backup file {backup}")
    with open_store(args) as store:
        moved = store.restore_backup(backup)
        print(visible(f"restored {store.path} from {backup}; the previous file is kept at {moved}"))
    return 0
