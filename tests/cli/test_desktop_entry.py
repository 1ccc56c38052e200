"""install-desktop-entry writes a valid entry pointing at this installation, and the icon."""

import configparser
import subprocess
import sys
from pathlib import Path

from diptych.cli import main


def test_install_desktop_entry_writes_entry_and_icon(tmp_path: Path, capsys) -> None:
    assert main(["install-desktop-entry", "--data-home", str(tmp_path)]) == 0
    entry = tmp_path / "applications" / "diptych.desktop"
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "diptych.svg"
    assert icon.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.optionxform = str  # keys are case-sensitive in desktop entries
    cfg.read(entry, encoding="utf-8")
    de = cfg["Desktop Entry"]
    assert de["Type"] == "Application"
    assert de["Name"] == "Diptych"
    assert de["Icon"] == "diptych"
    assert de["Exec"].startswith(sys.executable)
    assert de["Exec"].endswith("-m diptych %F")
    assert str(entry) in capsys.readouterr().out


def test_installed_exec_line_runs_diptych(tmp_path: Path) -> None:
    main(["install-desktop-entry", "--data-home", str(tmp_path)])
    text = (tmp_path / "applications" / "diptych.desktop").read_text(encoding="utf-8")
    exec_line = next(ln for ln in text.splitlines() if ln.startswith("Exec="))
    argv = [*exec_line.removeprefix("Exec=").replace(" %F", "").split(), "--version"]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert out.stdout.startswith("diptych ")
