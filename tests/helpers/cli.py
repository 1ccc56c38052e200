"""Running the command line as a user would: ``python -m diptych ...`` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``diptych ARGS`` with UTF-8 output (``env``: the environment, default this one's),
    its output captured, ``timeout`` seconds at most."""
    return subprocess.run(
        [sys.executable, "-m", "diptych", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        cwd=cwd,
        env=dict(env if env is not None else os.environ, PYTHONIOENCODING="utf-8"),
    )
