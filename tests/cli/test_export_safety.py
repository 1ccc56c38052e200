"""Exports never clobber what is not theirs, survive a full disk, and respect the umask
(issue 10, items 11, 13 and 14): ``export-pdf`` and ``highlights export``, run as a user would."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diptych.cli import main

A_TEXT = "# First piece\n\nThe council voted on the budget on Tuesday. It was close.\n"
B_TEXT = "Second piece\n\nOn Tuesday the council passed the budget by one vote.\n"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str, str]:
    a, b = tmp_path / "a.md", tmp_path / "b.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    return str(a), str(b), str(tmp_path / "db.sqlite3")


def export_pdf(pair: tuple[str, str, str], out: Path | str) -> list[str]:
    a, b, db = pair
    return ["export-pdf", a, b, "--db", db, "--out", str(out), "--no-cover", "--quiet"]


def export_md(pair: tuple[str, str, str], out: Path | str) -> list[str]:
    a, b, db = pair
    return ["highlights", "export", a, b, "--db", db, "--format", "markdown", "--out", str(out)]


@pytest.fixture(params=[export_pdf, export_md], ids=["pdf", "markdown"])
def argv_for(request: pytest.FixtureRequest, qapp: Any, pair: tuple[str, str, str]) -> Any:
    """Each export's command line on the test pair, writing to the given path."""
    return lambda out: request.param(pair, out)


def one_line_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("diptych: ") and err.count("\n") == 1, err
    return err


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


# -- item 11: devices, FIFOs, read-only files and dangling links are refused ----------------


def test_a_device_is_refused_and_stays_a_device(
    argv_for: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A /dev/full of our own (the same device numbers), so that a regression replaces this
    # node and not the machine's /dev/full.
    full = tmp_path / "full"
    try:
        os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    err = one_line_error(capsys, argv_for(full))
    assert "device" in err
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_a_fifo_is_refused_without_waiting(
    argv_for: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "FIFO" in one_line_error(capsys, argv_for(fifo))
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_read_only_target_is_refused_not_replaced(
    argv_for: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "kept.out"
    out.write_bytes(b"the user's own file")
    out.chmod(0o444)
    assert "read-only" in one_line_error(capsys, argv_for(out))  # also as root
    assert out.read_bytes() == b"the user's own file"
    assert out.stat().st_mode & 0o777 == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.txt", "db.sqlite3", "kept.out"]


def test_a_dangling_symlink_is_refused_and_nothing_is_created(
    argv_for: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    link = tmp_path / "link.out"
    link.symlink_to(tmp_path / "missing" / "target.out")
    (tmp_path / "missing").mkdir()
    assert "symbolic link" in one_line_error(capsys, argv_for(link))
    assert link.is_symlink() and not (tmp_path / "missing" / "target.out").exists()


def test_a_symlink_to_a_file_writes_that_file_and_keeps_the_link(
    argv_for: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "real.out"
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = tmp_path / "link.out"
    link.symlink_to(target)
    assert main(argv_for(link)) == 0
    assert link.is_symlink() and target.read_bytes() != b"old"
    assert target.stat().st_mode & 0o777 == 0o640


# -- item 14: the umask is respected, never widened ----------------------------------------


@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o027, 0o640)])
def test_a_new_export_gets_the_mode_the_umask_allows(
    argv_for: Any, tmp_path: Path, mask: int, mode: int
) -> None:
    out = tmp_path / "new.out"
    with umask(mask):
        assert main(argv_for(out)) == 0
    assert out.stat().st_mode & 0o777 == mode


# -- item 13: a full disk keeps the old file, says so on one line, leaves nothing behind ---


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 400 kB tmpfs (needs root to mount)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(disk)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def fill(disk: Path) -> None:
    with open(disk / "filler", "wb", buffering=0) as fh, contextlib.suppress(OSError):
        while True:
            fh.write(b"\0" * 4096)


def test_a_full_disk_keeps_the_old_export_and_leaves_no_temporary_file(
    argv_for: Any, capsys: pytest.CaptureFixture[str], tiny_disk: Path
) -> None:
    out = tiny_disk / "notes.out"
    out.write_bytes(b"yesterday's export")
    fill(tiny_disk)
    err = one_line_error(capsys, argv_for(out))
    assert "disk is full" in err and "kept" in err
    assert out.read_bytes() == b"yesterday's export"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", "notes.out"]


def test_a_full_disk_with_no_old_export_leaves_nothing(
    argv_for: Any, capsys: pytest.CaptureFixture[str], tiny_disk: Path
) -> None:
    fill(tiny_disk)
    err = one_line_error(capsys, argv_for(tiny_disk / "notes.out"))
    assert "disk is full" in err
    assert [p.name for p in tiny_disk.iterdir()] == ["filler"]
