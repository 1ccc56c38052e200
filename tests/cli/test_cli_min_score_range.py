"""``diptych claims --min-score`` takes a score from 0 to 1 (tryout)."""

from __future__ import annotations

import subprocess
import sys


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
