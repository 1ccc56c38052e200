"""``diptych claims --json`` shows the reader's verdicts kept in the (default) store."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_claims_json_gives_the_readers_verdict() -> None:
    from diptych.core.compare.claims import find_claims
    from diptych.core.notes.store import Store, default_db_path
    from diptych.core.reading.articles import load_seed_pair

    a, b = load_seed_pair()
    claims = find_claims(a, b).claims
    same, other = claims[0], claims[-1]
    with Store.open(default_db_path(), backups=False) as store:  # the test's own data dir
        store.set_verdict(a, (same.a.start, same.a.end), b, (same.b.start, same.b.end), "same")
        store.set_verdict(
            a, (other.a.start, other.a.end), b, (other.b.start, other.b.end), "different"
        )
    out = subprocess.run(
        [sys.executable, "-m", "diptych", "claims", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )
    assert out.returncode == 0, out.stderr
    got = {(c["a"]["start"], c["b"]["start"]): c for c in json.loads(out.stdout)["claims"]}
    assert got[(same.a.start, same.b.start)]["verdict"] == "same"
    assert got[(same.a.start, same.b.start)]["tier"] == "strong"
    rejected = got[(other.a.start, other.b.start)]
    assert rejected["verdict"] == "different" and rejected["tier"] == "possible"
    assert sum(c["verdict"] is not None for c in got.values()) == 2
