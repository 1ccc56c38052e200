"""Creating a new store on a nearly full disk: either it works, or it fails with one clear
message and leaves nothing behind. Before, the new file was built in WAL mode and the WAL
thrown away with the temporary file's sidecars: when the disk could not take the checkpoint,
the half-written file was then called damaged and kept as ``.corrupt-*`` (taking space on
the full disk, and a false alarm about the reader's notes).

Needs a small real file system: a tmpfs, mounted only when running as root (skipped else).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from diptych.core.errors import StoreError
from diptych.core.notes.store import Store


def _mount_tmpfs(where: Path, kib: int) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(where)],
        capture_output=True,
    )
    return done.returncode == 0


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None,
    reason="mounting a small tmpfs needs root",
)
def test_a_store_made_on_a_nearly_full_disk_works_or_fails_cleanly(tmp_path: Path) -> None:
    outcomes = []
    for kib in range(32, 264, 8):  # from too small for anything to roomy enough
        where = tmp_path / f"fs{kib}"
        if not _mount_tmpfs(where, kib):
            pytest.skip("cannot mount a tmpfs here")
        try:
            path = where / "h.sqlite3"
            try:
                with Store.open(path, backups=False) as store:
                    notices = list(store.notices)
                outcomes.append("opened")
                assert not any("damaged" in n for n in notices), (kib, notices)
            except StoreError as exc:
                outcomes.append("refused")
                assert "full" in str(exc), (kib, str(exc))  # one clear line
            left = sorted(p.name for p in where.iterdir())
            assert not [n for n in left if ".corrupt-" in n or ".new-" in n], (kib, left)
        finally:
            subprocess.run(["umount", str(where)], check=False)
    assert "opened" in outcomes  # the roomiest one was big enough
