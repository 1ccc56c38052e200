"""The reader's verdicts applied to the seed pair's claims (run on demand, prints numbers).

    PYTHONPATH=desktop .venv/bin/python tests/benchmarks/bench_verdicts.py

For 10, 24, 100 and 500 verdicts on random sentence pairs (two thirds "same": most are pairs
the engine does not propose, which the reader added): the time to read, re-anchor and apply
them (``with_verdicts``), the same opened from copies of both files (other ids, the verdicts
found through the articles' identity), and to count them (``pair_verdict_count``, what the UI
thread does before handing many to a Job; see ``diptych.ui.claim_verdicts.SYNC_LIMIT``).
"""

from __future__ import annotations

import random
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from diptych.core.compare.claims import find_claims
from diptych.core.notes.claim_verdicts import with_verdicts
from diptych.core.notes.store import Store
from diptych.core.reading.articles import load_seed_pair


def best_ms(fn: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def main() -> None:
    a, b = load_seed_pair()
    result = find_claims(a, b)
    rng = random.Random(3)
    a2, b2 = replace(a, id=a.id + "-copy"), replace(b, id=b.id + "-copy")
    result2 = find_claims(a2, b2)
    print(f"{'verdicts':>8} {'apply ms':>9} {'on copies':>9} {'count ms':>9}")
    for n in (10, 24, 100, 500):
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < n:
            pairs.add((rng.randrange(len(a.sentences)), rng.randrange(len(b.sentences))))
        with tempfile.TemporaryDirectory() as d, Store.open(Path(d) / "h.sqlite3") as store:
            for i, j in sorted(pairs):
                sa, sb = a.sentences[i], b.sentences[j]
                verdict = "same" if (i + j) % 3 else "different"
                store.set_verdict(a, (sa.start, sa.end), b, (sb.start, sb.end), verdict)
            apply_ms = best_ms(lambda s=store: with_verdicts(result, a, b, s))
            copy_ms = best_ms(lambda s=store: with_verdicts(result2, a2, b2, s))
            count_ms = best_ms(lambda s=store: s.pair_verdict_count(a, b))
        print(f"{n:>8} {apply_ms:>9.1f} {copy_ms:>9.1f} {count_ms:>9.2f}")


if __name__ == "__main__":
    main()
