"""``diptych claims --db PATH`` reads the verdicts of that store, as the README says ``--db``
does on every command (it was refused: "unrecognized arguments: --db")."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.cli import run_cli


def test_claims_reads_the_verdicts_of_the_store_named_by_db(tmp_path: Path) -> None:
    from diptych.core.compare.claims import find_claims
    from diptych.core.notes.store import Store
    from diptych.core.reading.articles import load_seed_pair

    a, b = load_seed_pair()
    first = find_claims(a, b).claims[0]
    db = tmp_path / "elsewhere.sqlite3"
    with Store.open(db, backups=False) as store:
        store.set_verdict(
            a, (first.a.start, first.a.end), b, (first.b.start, first.b.end), "different"
        )
    out = run_cli("claims", "--db", str(db), "--json")
    assert out.returncode == 0, out.stderr
    got = {(c["a"]["start"], c["b"]["start"]): c for c in json.loads(out.stdout)["claims"]}
    assert got[(first.a.start, first.b.start)]["verdict"] == "different"
    assert sum(c["verdict"] is not None for c in got.values()) == 1
    # the listing too
    text = run_cli("claims", "--db", str(db)).stdout
    assert "Rejected" in text


def test_claims_with_a_db_that_is_not_there_says_so(tmp_path: Path) -> None:
    """A mistyped --db would list the claims without any verdict, silently."""
    missing = tmp_path / "no-such-store.sqlite3"
    out = run_cli("claims", "--db", str(missing))
    assert out.returncode == 1
    assert "no-such-store.sqlite3" in out.stderr and out.stdout == ""
    assert not missing.exists()  # nothing made
