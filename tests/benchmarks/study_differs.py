"""What the claims' ``differs`` show, set by set, and how often it is a real disagreement.

Run: ``PYTHONPATH=desktop .venv/bin/python tests/benchmarks/study_differs.py [--sample N]
[--all] [--seed S]``

Lists every claim with differs on the paraphrase documents (MSRP training split, as
``eval_claims.py`` loads them), the seed pair, the Apollo 11 pair and the translation set
(chapter by chapter), with per set the count of claims with differs and of differs shown.
Prints all of them on the small sets and a fixed random sample (``--seed``, default 11) of the
paraphrase documents' differs for reading (``--all``: every one). Each differ read by hand is
classified in ``tests/data/differs_study_labels.tsv`` (set, what A says, what B says, kind);
the script reports, for the differs it shows now, how many of them were read and of which
kind, and the precision (true disagreements / read differs shown). Differs not in the file
are listed as unread.

Kinds: ``true`` (the two articles disagree on that figure, date or name), ``detail`` (one side
gives a figure or date the other does not: shown as "B says X where A gives no figure or
date", which is true as written), ``name`` (one name written two ways: an acronym, an
abbreviation, a misspelling, a first name / surname), ``unit`` (one quantity in two units),
``joined`` (figures of two statements read as one: "2006 and $750"), ``other`` (any other
false alarm: complementary shares, different slots of the statement, a word that is no name).

Read (2026-12-04, before the fixes): 60 of the 714 paraphrase differs drawn at random (seed
11), the 16 other differs of the claims they belong to, and every differ on the other sets.
Precision: true / read shown, and (true + detail) / read shown, detail being true as worded:

    set           claims differs | read  true detail name unit joined other | true  +detail
    paraphrase       608     714 |   76    24     15    8    2      2    25 | 0.32  0.51
      (the 60 drawn)             |   60    16     14    7    2      1    20 | 0.27  0.50
    seed pair          3       3 |    3     0      3    0    0      0     0 | 0.00  1.00
    Apollo 11          6       6 |    6     1      4    0    0      0     1 | 0.17  0.83
    translations       3       3 |    3     0      1    2    0      0     0 | 0.00  0.33

"other" on the paraphrase documents is mostly a date one side gives where the other says
"yesterday", "tomorrow", "last month", "a year ago" (10 of 25: "A says Sunday where B gives no
figure or date" is untrue there), then figures or names of two different slots of the
statement ("Lennox Lewis" / "HBO"), a bound ("above $1.18" / "1.1860"), part of a name
("PG-13", "Third Armored Cavalry").
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_claims as ev

from diptych.core.compare.claims import PARAMS, _find_claims
from diptych.core.model import Article, ClaimPair

LABELS = ev.ROOT / "tests" / "data" / "differs_study_labels.tsv"
KINDS = ("true", "detail", "name", "unit", "joined", "other")


@dataclass(frozen=True)
class Differ:
    """One differ of one claim: the set, what each side says, and the claim's fragments."""

    set: str
    a_says: str
    b_says: str
    frag_a: str
    frag_b: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        # the fragment's opening tells two differs with the same words apart
        return (self.set, self.a_says, self.b_says, self.frag_a[:40])


def _differs(name: str, a: Article, b: Article) -> tuple[int, list[Differ]]:
    res = _find_claims(a, b, topics=None, min_score=None, params=PARAMS)
    out: list[Differ] = []
    claims: list[ClaimPair] = [c for c in res.claims if c.differs]
    for c in claims:
        fa = " ".join(a.span_text(c.core_a).split())
        fb = " ".join(b.span_text(c.core_b).split())
        out.extend(Differ(name, x, y, fa, fb) for x, y in c.differs)
    return len(claims), out


def collect(with_msrp: bool = True) -> dict[str, tuple[int, list[Differ]]]:
    sets: dict[str, tuple[int, list[Differ]]] = {}
    if with_msrp and ev.MSRP.is_dir():
        sets["paraphrase"] = _differs(
            "paraphrase",
            ev.load_text_article(ev.MSRP / "train_a.txt"),
            ev.load_text_article(ev.MSRP / "train_b.txt"),
        )
    sets["seed pair"] = _differs("seed pair", *ev.load_seed_articles())
    sets["Apollo 11"] = _differs(
        "Apollo 11", ev.load_text_article(ev.APOLLO_A), ev.load_text_article(ev.APOLLO_B)
    )
    n, found = 0, []
    for t in ev.load_translation_set():
        k, d = _differs("translations", t.a, t.b)
        n += k
        found += d
    sets["translations"] = (n, found)
    return sets


def load_labels(path: Path = LABELS) -> dict[tuple[str, str, str, str], str]:
    out: dict[tuple[str, str, str, str], str] = {}
    if not path.exists():
        return out
    with path.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#"):
                continue
            name, x, y, frag, kind = row
            if kind not in KINDS:
                raise SystemExit(f"unknown kind {kind!r} in {path}")
            out[(name, x, y, frag)] = kind
    return out


def sample(differs: list[Differ], n: int, seed: int) -> list[Differ]:
    return random.Random(seed).sample(differs, min(n, len(differs)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=60, help="paraphrase differs drawn for reading")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--all", action="store_true", help="print every differ")
    ap.add_argument("--no-msrp", action="store_true")
    ap.add_argument("--quiet", action="store_true", help="counts and precision only")
    args = ap.parse_args(argv)
    labels = load_labels()
    sets = collect(with_msrp=not args.no_msrp)
    for name, (n_claims, differs) in sets.items():
        shown = differs
        if name == "paraphrase" and not args.all:
            if any(k[0] == name for k in labels):
                # the sample read before: its differs still shown, and any differ now shown
                # in one of its claims in other words (a fix that narrows "2006 and $750")
                frags = {k[3] for k in labels if k[0] == name}
                shown = [d for d in differs if d.key in labels or d.frag_a[:40] in frags]
            else:
                shown = sample(differs, args.sample, args.seed)
        kinds = Counter(labels.get(d.key, "unread") for d in shown)
        n_read = sum(v for k, v in kinds.items() if k != "unread")
        good = kinds["true"] + kinds["detail"]
        print(
            f"== {name}: {n_claims} claims with differs, {len(differs)} differs; "
            f"read {n_read}: "
            + " ".join(f"{k} {kinds[k]}" for k in KINDS)
            + (f"; unread {kinds['unread']}" if kinds["unread"] else "")
            + (
                f"; precision (true+detail)/read {good}/{n_read} = {good / n_read:.2f}, "
                f"true only {kinds['true'] / n_read:.2f}"
                if n_read
                else ""
            )
        )
        if args.quiet:
            continue
        for d in shown:
            print(f"  [{labels.get(d.key, '?')}] A says {d.a_says!r}, B says {d.b_says!r}")
            print(f"      A: {d.frag_a}")
            print(f"      B: {d.frag_b}")
            print(f"      key\t{d.set}\t{d.a_says}\t{d.b_says}\t{d.frag_a[:40]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
