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


def test_claims_says_when_a_confirmed_claim_is_no_longer_in_the_text(tmp_path: Path) -> None:
    """Tryout: a claim confirmed, its sentence then deleted from A: `diptych claims` listed
    the rest as if the verdict had never been given."""
    from diptych.core.compare.claims import find_claims
    from diptych.core.notes.store import Store
    from diptych.core.reading.articles import load_article, load_seed_pair

    seed_a, seed_b = load_seed_pair()
    a_file, b_file = tmp_path / "a.md", tmp_path / "b.txt"
    a_file.write_text(seed_a.text, encoding="utf-8")
    b_file.write_text(seed_b.text, encoding="utf-8")
    a, b = load_article(a_file), load_article(b_file)
    claim = find_claims(a, b).claims[0]
    db = tmp_path / "notes.sqlite3"
    with Store.open(db, backups=False) as store:
        store.set_verdict(a, (claim.a.start, claim.a.end), b, (claim.b.start, claim.b.end), "same")
    sentence = a.span_text(claim.a)
    a_file.write_text(a.text.replace(sentence, ""), encoding="utf-8")
    out = run_cli("claims", str(a_file), str(b_file), "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert "1 claim you confirmed is no longer in the text" in out.stderr
    assert "✓" not in out.stdout
    # while it is in the text, nothing is said
    a_file.write_text(a.text, encoding="utf-8")
    again = run_cli("claims", str(a_file), str(b_file), "--db", str(db))
    assert "no longer in the text" not in again.stderr and "✓" in again.stdout
