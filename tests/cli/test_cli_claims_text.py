"""``diptych claims`` (text) lists the claims as the panel does: strong, then possible, the
reader's confirmed claims marked, the rejected ones apart (tryout).

Tryout: with a claim rejected in the window, ``diptych claims`` still printed it as claim 9,
"score 0.81", between the strong claims and the possible ones, under "(best first)"; nothing
said which claims were strong, possible or confirmed, nor what figure differed.
"""

from __future__ import annotations

import os
import subprocess
import sys


def _claims_text() -> str:
    out = subprocess.run(
        [sys.executable, "-m", "diptych", "claims"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_claims_text_sections_the_tiers_and_sets_rejected_claims_apart() -> None:
    from diptych.cli.options import shorten
    from diptych.core.compare.claims import find_claims
    from diptych.core.notes.store import Store, default_db_path
    from diptych.core.reading.articles import load_seed_pair

    a, b = load_seed_pair()
    claims = find_claims(a, b).claims
    strong = [c for c in claims if c.tier == "strong"]
    possible = [c for c in claims if c.tier != "strong"]
    assert len(strong) >= 3 and possible
    same, rejected = strong[-1], strong[0]
    with Store.open(default_db_path(), backups=False) as store:  # the test's own data dir
        store.set_verdict(a, (same.a.start, same.a.end), b, (same.b.start, same.b.end), "same")
        store.set_verdict(
            a,
            (rejected.a.start, rejected.a.end),
            b,
            (rejected.b.start, rejected.b.end),
            "different",
        )
    lines = _claims_text().splitlines()
    heads = [
        next(i for i, line in enumerate(lines) if line.startswith(title))
        for title in ("Strong claims", "Possible claims", "Rejected by you")
    ]
    assert heads == sorted(heads)
    assert f"{len(claims) - 1} overlapping claims: {len(strong) - 1} strong" in "\n".join(lines)

    def line_of(c) -> int:  # the claim's first line (one sentence may be in two claims)
        pair = [
            f"     A: {shorten(a.text[c.a.start : c.a.end], 110)}",
            f"     B: {shorten(b.text[c.b.start : c.b.end], 110)}",
        ]
        return next(i for i in range(len(lines)) if lines[i + 1 : i + 3] == pair)

    rej = line_of(rejected)
    assert rej > heads[2] and lines[rej].startswith("  - score")  # apart, not numbered
    conf = line_of(same)
    assert heads[0] < conf < heads[1] and "✓ confirmed by you" in lines[conf]
    assert lines[conf].lstrip().startswith("1.")  # confirmed first, as in the panel
    assert heads[1] < line_of(possible[0]) < heads[2]


def test_a_minimum_score_outside_0_to_1_is_refused() -> None:
    """Tryout: ``--min-score 2`` listed no claim and ``-1`` or ``nan`` every pair, silently."""
    for bad in ("2", "-0.5", "nan", "x"):
        out = subprocess.run(
            [sys.executable, "-m", "diptych", "claims", "--json", "--min-score", bad],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        assert out.returncode == 2, (bad, out.stdout[:200])
        assert "--min-score" in out.stderr, out.stderr
