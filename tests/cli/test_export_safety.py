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


EXPORTS = [pytest.param(export_pdf, id="pdf"), pytest.param(export_md, id="markdown")]


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


@pytest.mark.parametrize("make", EXPORTS)
def test_a_device_is_refused_and_stays_a_device(
    qapp: Any,
    pair: tuple[str, str, str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    make: Any,
) -> None:
    # A /dev/full of our own (the same device numbers), so that a regression replaces this
    # node and not the machine's /dev/full.
    full = tmp_path / "full"
    try:
        os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    err = one_line_error(capsys, make(pair, full))
    assert "device" in err
    assert stat.S_ISCHR(full.lstat().st_mode)


@pytest.mark.parametrize("make", EXPORTS)
def test_a_fifo_is_refused_without_waiting(
    qapp: Any,
    pair: tuple[str, str, str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    make: Any,
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "FIFO" in one_line_error(capsys, make(pair, fifo))
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("make", EXPORTS)
def test_a_read_only_target_is_refused_not_replaced(
    qapp: Any,
    pair: tuple[str, str, str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    make: Any,
) -> None:
    out = tmp_path / "kept.out"
    out.write_bytes(b"the user's own file")
    out.chmod(0o444)
    assert "read-only" in one_line_error(capsys, make(pair, out))  # also as root
    assert out.read_bytes() == b"the user's own file"
    assert out.stat().st_mode & 0o777 == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.txt", "db.sqlite3", "kept.out"]


@pytest.mark.parametrize("make", EXPORTS)
def test_a_dangling_symlink_is_refused_and_nothing_is_created(
    qapp: Any,
    pair: tuple[str, str, str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    make: Any,
) -> None:
    link = tmp_path / "link.out"
    link.symlink_to(tmp_path / "missing" / "target.out")
    (tmp_path / "missing").mkdir()
    assert "symbolic link" in one_line_error(capsys, make(pair, link))
    assert link.is_symlink() and not (tmp_path / "missing" / "target.out").exists()


@pytest.mark.parametrize("make", EXPORTS)
def test_a_symlink_to_a_file_writes_that_file_and_keeps_the_link(
    qapp: Any,
    pair: tuple[str, str, str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    make: Any,
) -> None:
    target = tmp_path / "real.out"
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = tmp_path / "link.out"
    link.symlink_to(target)
    assert main(make(pair, link)) == 0
    assert link.is_symlink() and target.read_bytes() != b"old"
    assert target.stat().st_mode & 0o777 == 0o640


# -- item 14: the umask is respected, never widened ----------------------------------------


@pytest.mark.parametrize("make", EXPORTS)
@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o027, 0o640)])
def test_a_new_export_gets_the_mode_the_umask_allows(
    qapp: Any, pair: tuple[str, str, str], tmp_path: Path, make: Any, mask: int, mode: int
) -> None:
    out = tmp_path / "new.out"
    with umask(mask):
        assert main(make(pair, out)) == 0
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


@pytest.mark.parametrize("make", EXPORTS)
def test_a_full_disk_keeps_the_old_export_and_leaves_no_temporary_file(
    qapp: Any,
    pair: tuple[str, str, str],
    capsys: pytest.CaptureFixture[str],
    tiny_disk: Path,
    make: Any,
) -> None:
    out = tiny_disk / "notes.out"
    out.write_bytes(b"yesterday's export")
    fill(tiny_disk)
    err = one_line_error(capsys, make(pair, out))
    assert "disk is full" in err and "kept" in err
    assert out.read_bytes() == b"yesterday's export"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", "notes.out"]


@pytest.mark.parametrize("make", EXPORTS)
def test_a_full_disk_with_no_old_export_leaves_nothing(
    qapp: Any,
    pair: tuple[str, str, str],
    capsys: pytest.CaptureFixture[str],
    tiny_disk: Path,
    make: Any,
) -> None:
    fill(tiny_disk)
    err = one_line_error(capsys, make(pair, tiny_disk / "notes.out"))
    assert "disk is full" in err
    assert [p.name for p in tiny_disk.iterdir()] == ["filler"]
