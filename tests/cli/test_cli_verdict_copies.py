"""``diptych claims A B --json`` gives the reader's verdict for copies of the two files too, and
for the pair given the other way round (the verdicts follow the articles' identity)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from diptych.core.compare.claims import find_claims
from diptych.core.notes.store import Store, default_db_path
from diptych.core.reading.articles import load_article
from helpers.cli import run_cli

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
A_NAME = "wsws-2019-11-13-the-us-backed-coup-in-bolivia.md"
B_NAME = "spartacist-asp240-down-with-us-backed-right-wing-coup.txt"


def _claims_json(*paths: Path) -> list[dict]:
    out = run_cli("claims", *map(str, paths), "--json")
    assert out.returncode == 0, out.stderr
    return list(json.loads(out.stdout)["claims"])


def test_claims_json_gives_the_verdict_for_copies_in_either_order(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        for name in (A_NAME, B_NAME):
            shutil.copy(SEEDS / name, folder / name)
    a, b = load_article(first / A_NAME), load_article(first / B_NAME)
    possible = next(c for c in find_claims(a, b).claims if c.tier == "possible")
    with Store.open(default_db_path(), backups=False) as store:  # the test's own data dir
        store.set_verdict(
            a, (possible.a.start, possible.a.end), b, (possible.b.start, possible.b.end), "same"
        )
    a_quote, b_quote = a.span_text(possible.a), b.span_text(possible.b)

    got = [c for c in _claims_json(second / A_NAME, second / B_NAME) if c["verdict"]]
    assert [(c["a"]["text"], c["b"]["text"], c["verdict"], c["tier"]) for c in got] == [
        (a_quote, b_quote, "same", "strong")
    ]
    swapped = [c for c in _claims_json(second / B_NAME, second / A_NAME) if c["verdict"]]
    assert [(c["a"]["text"], c["b"]["text"], c["verdict"]) for c in swapped] == [
        (b_quote, a_quote, "same")
    ]
