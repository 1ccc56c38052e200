"""Main-text extraction quality on real web pages: Diptych, trafilatura and readability-lxml
side by side (run on demand, prints numbers; not a test).

    PYTHONPATH=desktop .venv/bin/python tests/benchmarks/bench_extraction.py [--halves]
        [--limit N] [--worst N] [--data DIR] [--save RUN.json] [--against RUN.json]

``--save`` keeps each page's title, title verdict and F1 per extractor; ``--against`` a saved
run prints every page whose title verdict changed (and whose F1 moved by 0.01 or more), so a
change can be checked page by page for pages it lost.

Data: ``../shared/data/article-extraction-benchmark`` beside the checkout (181 pages with the
main text a person marked; see its README), or ``--data``; without it the script says so and
exits 0. Scores follow the suite's own ``evaluate.py``: word 4-shingles as multisets, each
page's precision and recall (normalised per page), their means over pages, and F1 of the two
means.

Titles: the suite marks no headline, so the reference is the page URL's slug (the headline's
words as the site wrote them into its address, independent of the page's markup). Pages whose
URL has no slug of four or more words are left out of the title count. A title is right when
it holds at least 80 % of the slug's words and at most four words more than the slug (the
site's name left in a title is wrong). Both sides are counted alike: the slug's short numbers
("50th", "4-1") count in its length as the title's do, though they are not words to find (ids
and dates look the same); an abbreviation with dots ("U.S.", "C.A.R.E.") is one word, found
as "us" or "u s"; "Jupiter's" is found as "jupiters" or "jupiter s"; a Cyrillic title is
transliterated as its slug was ("Скайрим" is "skajrim", "ы" "y" or "yi"); an id in the slug
("id119898") is no word. ``--halves`` prints every figure for the two halves of the pages
split by their id, so that a change tuned on one half can be checked on the other.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"

_TOKEN = re.compile(r"\w+")
Extractor = Callable[[str], tuple[str, str]]  # html -> (body text, title)
PageResult = tuple[tuple[float, float, float], bool | None, str]  # (tp, fp, fn), right, title


# ------------------------------------------------------------------------------ the metric


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        a, b = t.get(key, 0), p.get(key, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(F1, precision, recall) as the suite computes them."""
    p = statistics.mean(_precision(*r) for r in rows if r[0] + r[1] > 0) if rows else 0.0
    r = statistics.mean(_recall(*r) for r in rows if r[0] + r[2] > 0) if rows else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


# ---------------------------------------------------------------------------- the titles


_SLUG_STOP = {"html", "htm", "php", "aspx", "shtml", "index", "amp", "story", "article", "news"}
_SLUG_ID = re.compile(r"[a-z]?\d[\da-z]*|id[a-z]*\d\w*")  # "1080p", "14848176", "id119898"
_SLUG_NUMBER = re.compile(r"\d{1,4}(?:st|nd|rd|th|s)?")  # "4", "50th", "1990s": the headline's


def _slug(url: str) -> tuple[list[str], int]:
    """The headline words of a URL's slug (its longest path segment of hyphenated words),
    and how many short numbers that segment holds."""
    best: list[str] = []
    numbers = 0
    for seg in urlsplit(url).path.split("/"):
        seg = unquote(seg).rsplit(".", 1)[0] if "." in seg[-6:] else unquote(seg)
        tokens = [w for w in re.split(r"[-_+]+", seg.lower()) if w]
        words = [w for w in tokens if not w.isdigit() and w not in _SLUG_STOP]
        words = [w for w in words if not _SLUG_ID.fullmatch(w)]
        if len(words) > len(best) and len(seg.split("-")) >= 4:
            best = words
            numbers = sum(1 for w in tokens if _SLUG_NUMBER.fullmatch(w))
    return (best, numbers) if len(best) >= 4 else ([], 0)


def slug_words(url: str) -> list[str]:
    return _slug(url)[0]


_CYRILLIC = dict(zip("абвгдезийклмнопрстуфхцыэ", "abvgdezijklmnoprstufhcye", strict=True))
_CYRILLIC.update({"ж": "zh", "ч": "ch", "ш": "sh", "щ": "sch", "ю": "yu", "я": "ya"})
_CYRILLIC.update({"ё": "e", "ь": "", "ъ": ""})
# the spellings transliterations differ by, folded on both sides (applied in this order)
_FOLDS = (("shch", "sch"), ("yi", "y"), ("kh", "h"), ("ts", "c"), ("ja", "ya"), ("ju", "yu"))
_ABBREVIATION = re.compile(r"\b(?:\w\.){2,}")  # "U.S.", "C.A.R.E."


def _fold(word: str) -> str:
    for a, b in _FOLDS:
        word = word.replace(a, b)
    return word


def _title_tokens(text: str, apostrophes: bool = False) -> list[str]:
    text = text.lower()
    if not apostrophes:
        text = text.replace("'", "").replace("’", "")
    text = "".join(_CYRILLIC.get(c, c) for c in text)
    return [_fold(w) for w in _TOKEN.findall(text)]


def title_right(title: str, slug: list[str], numbers: int = 0) -> bool:
    """``numbers``: how many short numbers the slug had (they count in its length)."""
    words = _title_tokens(_ABBREVIATION.sub(lambda m: m.group().replace(".", ""), title))
    if not words:
        return False
    # "u s" as well as "us"; "jupiter s" (a slug's "Jupiter's") as well as "jupiters"
    have = set(words) | set(_title_tokens(title, apostrophes=True))
    have |= {w.rstrip("s") for w in have}
    folded = [_fold(w) for w in slug]
    hits = sum(1 for w in folded if w in have or w.rstrip("s") in have)
    return hits >= 0.8 * len(slug) and len(words) <= len(slug) + numbers + 4


# ----------------------------------------------------------------------------- extractors


def _diptych(html: str) -> tuple[str, str]:
    from diptych.core.reading.articles import article_from_text

    art = article_from_text(html, "html")
    body = "\n".join(
        art.text[b.start : b.end] for b in art.blocks if b.kind not in ("title", "byline")
    )
    return body, art.meta.title


def _trafilatura(html: str) -> tuple[str, str]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return "", ""
    return doc.text or "", doc.title or ""


def _readability(html: str) -> tuple[str, str]:
    import lxml.html
    from readability import Document

    d = Document(html)
    summary = d.summary(html_partial=True)
    body = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    return body, d.short_title()


EXTRACTORS: dict[str, Extractor] = {
    "diptych": _diptych,
    "trafilatura": _trafilatura,
    "readability-lxml": _readability,
}


# ---------------------------------------------------------------------------------- main


def _decode(data: bytes) -> str:
    from diptych.core.reading.encoding import decode_bytes

    return decode_bytes(data, html=True)[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    ap.add_argument("--halves", action="store_true", help="also score each half of the pages")
    ap.add_argument("--worst", type=int, default=0, help="list Diptych's N worst pages")
    ap.add_argument("--only", action="append", choices=sorted(EXTRACTORS), help="extractors")
    ap.add_argument("--save", type=Path, help="write each page's titles and scores here (JSON)")
    ap.add_argument("--against", type=Path, help="list the pages that changed since a --save")
    args = ap.parse_args(argv)
    truth_file = args.data / "ground-truth.json"
    if not truth_file.is_file():
        print(f"skipped: no benchmark data at {args.data}")
        return 0
    sys.path.insert(0, str(ROOT / "desktop"))
    import logging

    logging.disable(logging.CRITICAL)  # the extractors' own warnings about odd pages
    truth: dict[str, dict[str, str]] = json.loads(truth_file.read_text(encoding="utf-8"))
    ids = sorted(truth)
    if args.limit:
        ids = ids[: args.limit]
    pages = {
        i: _decode(gzip.decompress((args.data / "html" / f"{i}.html.gz").read_bytes())) for i in ids
    }
    names = args.only or list(EXTRACTORS)
    halves = {"all": ids, "half 1": ids[0::2], "half 2": ids[1::2]} if args.halves else {"all": ids}
    results: dict[str, dict[str, PageResult]] = {}
    times: dict[str, float] = {}
    for name in names:
        fn = EXTRACTORS[name]
        res: dict[str, PageResult] = {}
        t0 = time.perf_counter()
        for i in ids:
            try:
                body, title = fn(pages[i])
            except Exception as exc:  # an extractor failing on a page scores zero there
                print(f"  {name} failed on {i[:12]}: {type(exc).__name__}: {exc}", file=sys.stderr)
                body, title = "", ""
            slug, numbers = _slug(truth[i]["url"])
            res[i] = (
                tp_fp_fn(truth[i]["articleBody"], body),
                title_right(title, slug, numbers) if slug else None,
                title,
            )
        times[name] = time.perf_counter() - t0
        results[name] = res
    n_titled = sum(1 for i in ids if slug_words(truth[i]["url"]))
    print(f"{len(ids)} pages ({n_titled} with a headline slug for the title check)\n")
    print(
        f"{'extractor':<18} {'set':<7} {'F1':>6} {'prec':>6} {'recall':>6} {'titles':>9} {'s/page':>7}"
    )
    for name in names:
        for label, sub in halves.items():
            rows = [results[name][i][0] for i in sub]
            f1, p, r = metrics(rows)
            titled = [results[name][i][1] for i in sub if results[name][i][1] is not None]
            tl = f"{sum(bool(t) for t in titled)}/{len(titled)}"
            per = times[name] / len(ids) if label == "all" else float("nan")
            print(f"{name:<18} {label:<7} {f1:6.4f} {p:6.4f} {r:6.4f} {tl:>9} {per:7.3f}")
    if args.worst and "diptych" in results:
        print("\nDiptych's worst pages (F1, precision, recall):")
        scored = []
        for i in ids:
            tp, fp, fn = results["diptych"][i][0]
            p, r = _precision(tp, fp, fn), _recall(tp, fp, fn)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            others = {n: metrics([results[n][i][0]])[0] for n in names if n != "diptych"}
            scored.append((f1, p, r, i, others))
        for f1, p, r, i, others in sorted(scored)[: args.worst]:
            rest = " ".join(f"{n[:5]}={v:.2f}" for n, v in others.items())
            print(f"  {f1:.2f} {p:.2f} {r:.2f}  {i[:16]}  {rest}  {truth[i]['url'][:70]}")
    run = {
        name: {
            i: {"title": t, "right": ok, "f1": round(metrics([rows])[0], 4)}
            for i, (rows, ok, t) in res.items()
        }
        for name, res in results.items()
    }
    if args.against:
        _print_changes(json.loads(args.against.read_text(encoding="utf-8")), run, truth)
    if args.save:
        args.save.write_text(json.dumps(run, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _print_changes(
    before: dict[str, dict[str, dict[str, Any]]],
    after: dict[str, dict[str, dict[str, Any]]],
    truth: dict[str, dict[str, str]],
) -> None:
    """The pages whose title verdict changed, or whose F1 moved by 0.01 or more."""
    for name, pages in after.items():
        old = before.get(name, {})
        lines = []
        for i, now in pages.items():
            was = old.get(i)
            if was is None:
                continue
            f1_now, f1_was = float(now["f1"]), float(was["f1"])
            if now["right"] != was["right"]:
                mark = "+" if now["right"] else "-"
                was_title = f"  (was {was['title']!r:.70})" if was["title"] != now["title"] else ""
                lines.append(f"  {mark} title  {i[:12]}  {now['title']!r:.80}{was_title}")
            if abs(f1_now - f1_was) >= 0.01:
                lines.append(
                    f"  {'+' if f1_now > f1_was else '-'} F1 {f1_was:.2f} -> {f1_now:.2f}  {i[:12]}  {truth[i]['url'][:60]}"
                )
        print(f"\n{name}: {len(lines)} changes against the saved run")
        print("\n".join(lines))


if __name__ == "__main__":
    raise SystemExit(main())
