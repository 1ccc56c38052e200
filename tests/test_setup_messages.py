"""What the first run says when system packages are missing: one line that works for this user
(sudo when there is one, else as root: a minimal Debian has no sudo)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _stub(bin_dir: Path, name: str, body: str) -> None:
    p = bin_dir / name
    p.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    p.chmod(0o755)


def _ensure_debs(tmp_path: Path, *, sudo: bool) -> subprocess.CompletedProcess[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _stub(bin_dir, "dpkg", "exit 1")  # every package missing
    _stub(bin_dir, "id", "echo 1000")  # not root
    if sudo:
        _stub(bin_dir, "sudo", "exit 1")  # there, but asks for a password
    bash = shutil.which("bash")
    assert bash
    return subprocess.run(
        [bash, "-c", ". scripts/_setup.sh; ensure_debs libfoo1 libbar2"],
        cwd=ROOT,
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_without_sudo_the_line_is_for_root(tmp_path):
    out = _ensure_debs(tmp_path, sudo=False)
    assert out.returncode == 1
    assert "as root" in out.stderr
    assert "su -c 'apt-get update && apt-get install -y libfoo1 libbar2'" in out.stderr
    assert "sudo apt-get" not in out.stderr


def test_with_sudo_the_line_uses_it(tmp_path):
    out = _ensure_debs(tmp_path, sudo=True)
    assert out.returncode == 1
    assert "sudo apt-get update && sudo apt-get install -y libfoo1 libbar2" in out.stderr


@pytest.mark.parametrize(
    ("uid", "sudo", "want"),
    [
        (0, None, "apt-get install libx"),
        (1000, "/usr/bin/sudo", "sudo apt-get install libx"),
        (1000, None, "su -c 'apt-get install libx'"),
    ],
)
def test_the_apps_install_line_fits_the_user(monkeypatch, uid, sudo, want):
    from diptych.ui import app as app_mod

    monkeypatch.setattr(os, "geteuid", lambda: uid)
    monkeypatch.setattr(shutil, "which", lambda name: sudo if name == "sudo" else None)
    line = app_mod.install_line("libx")
    assert line.startswith(want)
    assert ("as root" in line) == (uid != 0 and sudo is None)


def test_run_sh_leaves_the_no_screen_hint_to_the_app():
    text = (ROOT / "scripts" / "run.sh").read_text(encoding="utf-8")
    assert "xvfb-run" not in text  # it was a second, different hint, for a tool not installed
