"""Store and re-anchoring speed (run on demand: ``.venv/bin/python tests/benchmarks/bench_store.py``).

1. add 10,000 highlights one action (one committed transaction) at a time;
2. open a pair whose store holds 10,000 highlights and list them resolved (what the panes need);
3. re-anchor 1,000 highlights after an edit near the top of a 1 MB article (one diff, then
   1,000 resolutions), the same without snapshots (fuzzy quote search only), and the worst
   case: the whole text rewritten, so every highlight is searched for everywhere and orphaned
   (the synthetic text has a 55-word vocabulary, so every word of a quote is common: real prose
   is faster).
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for helpers
from diptych.core.notes.anchoring import Reanchorer
from diptych.core.notes.store import Store
from helpers.articles import make_article

# fmt: off
WORDS = [
    "river", "stone", "maple", "quartz", "violin", "harbor", "lantern", "meadow", "copper",
    "falcon", "velvet", "orchard", "glacier", "tundra", "saffron", "pebble", "cobalt",
    "thistle", "ember", "willow", "canyon", "marble", "juniper", "bramble", "cedar", "heron",
    "lagoon", "mistral", "nectar", "opal", "prairie", "quill", "rune", "sable", "tide", "umber",
    "vesper", "wren", "yarrow", "zephyr", "the", "a", "of", "and", "to", "in", "is", "was",
    "for", "on", "that", "with", "as", "by"
]
# fmt: on


def prose(rng: random.Random, n_chars: int) -> str:
    paras, size = [], 0
    while size < n_chars:
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 160))]
        p = " ".join(words).capitalize() + "."
        paras.append(p)
        size += len(p) + 1
    return "\n".join(paras)[:n_chars]


def timed(label: str, fn, *args):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn(*args)
    dt = time.perf_counter() - t0
    print(f"{label:<62} {dt * 1000:9.1f} ms")
    return out, dt


def main() -> int:
    rng = random.Random(7)
    tmp = Path(tempfile.mkdtemp(prefix="diptych-bench-"))
    db = tmp / "h.sqlite3"
    a = make_article(prose(rng, 60_000), "urn:bench:a")
    b = make_article(prose(rng, 60_000), "urn:bench:b")

    # 1. 10,000 single-action adds
    def add_all() -> None:
        with Store.open(db) as s:
            for i in range(10_000):
                art = a if i % 2 == 0 else b
                st = rng.randrange(0, len(art.text) - 200)
                s.add_highlight(art, st, st + rng.randint(10, 150), note=f"note {i}")

    _, dt = timed("add 10,000 highlights, one committed action each", add_all)
    print(f"{'':<62} {dt / 10_000 * 1000:9.3f} ms per action")

    # 2. open the pair and list everything resolved
    timed("first open of the day (quick_check + daily backup)", lambda: Store.open(db).close())
    timed("open (quick_check)", lambda: Store.open(db).close())

    def open_and_list() -> int:
        with Store.open(db) as s:
            return len(s.resolve_all(a)) + len(s.resolve_all(b))

    n, _ = timed("open + resolve/list 10,000 highlights of the pair", open_and_list)
    assert n == 10_000
    with Store.open(db) as s:
        timed(
            "resolve/list 10,000 highlights of the pair (store open)",
            lambda: len(s.resolve_all(a)) + len(s.resolve_all(b)),
        )

    def list_only(s: Store) -> int:
        return len(s.highlights_for(a.id)) + len(s.highlights_for(b.id))

    with Store.open(db) as s:
        timed("list 10,000 highlights of the pair (rows only)", list_only, s)

    # 3. 1 MB article, 1,000 highlights, edit near the top
    big = make_article(prose(rng, 1_000_000), "urn:bench:big")
    db2 = tmp / "big.sqlite3"
    with Store.open(db2) as s:
        for _ in range(1000):
            st = rng.randrange(2_000, len(big.text) - 200)
            s.add_highlight(big, st, st + rng.randint(10, 150))
    edited_text = (
        "An editor's note added at the top.\n"
        + big.text[:1500]
        + " a few inserted words "
        + big.text[1530:]
    )
    edited = make_article(edited_text, big.id)
    with Store.open(db2) as s:
        res, dt = timed(
            "re-anchor 1,000 highlights after an edit near the top (1 MB)", s.resolve_all, edited
        )
        moved = sum(r.status == "reanchored" for r in res)
        print(f"{'':<62} {moved} re-anchored, {sum(r.status == 'orphaned' for r in res)} orphaned")
        hs = s.highlights_for(big.id)

    def fuzzy_only() -> int:
        anchorer = Reanchorer(edited.text, edited.fingerprint)
        return sum(anchorer.resolve(h.quote, h.position, h.fingerprint, None).found for h in hs)

    found, _ = timed("same, without snapshots (fuzzy quote search only)", fuzzy_only)
    print(f"{'':<62} {found} of 1000 found")

    deleted_text = big.text[:1000] + "\n" + prose(random.Random(99), len(big.text) - 1000)
    rewritten = make_article(deleted_text, big.id)
    with Store.open(db2) as s:
        res, _ = timed(
            "resolve 1,000 highlights whose text was all rewritten (1 MB)", s.resolve_all, rewritten
        )
        print(f"{'':<62} {sum(r.status == 'orphaned' for r in res)} orphaned")

    # the same with prose-like word frequencies (tokens of the seed articles, reshuffled)
    from diptych.core.reading.articles import load_seed_pair

    tokens = " ".join(x.text for x in load_seed_pair()).split()
    rng2 = random.Random(5)

    def seed_like(n: int) -> str:
        out, size = [], 0
        while size < n:
            para = " ".join(rng2.choice(tokens) for _ in range(rng2.randint(40, 160)))
            out.append(para)
            size += len(para) + 1
        return "\n".join(out)[:n]

    real = make_article(seed_like(1_000_000), "urn:bench:real")
    db3 = tmp / "real.sqlite3"
    with Store.open(db3) as s:
        for _ in range(1000):
            st = rng.randrange(2_000, len(real.text) - 200)
            s.add_highlight(real, st, st + rng.randint(10, 150))
    rewritten_real = make_article(
        real.text[:1000] + "\n" + seed_like(len(real.text) - 1000), real.id
    )
    with Store.open(db3) as s:
        res, _ = timed("same, prose-like word frequencies (1 MB)", s.resolve_all, rewritten_real)
        print(f"{'':<62} {sum(r.status == 'orphaned' for r in res)} orphaned")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
