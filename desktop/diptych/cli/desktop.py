"""``diptych install-desktop-entry``: put Diptych in the user's application menu.

Writes ``diptych.desktop`` to ``$XDG_DATA_HOME/applications`` and the SVG icon to
``$XDG_DATA_HOME/icons/hicolor/scalable/apps``. ``Exec`` points at this very installation
(the interpreter running now, ``-m diptych``), so it works from a virtual environment that is
not on ``PATH``. Existing files of ours are replaced; nothing else is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from diptych.core.errors import DiptychError

# shlex, shutil, subprocess and the resources are imported where used: the window's start
# builds this module's parser, and they would cost it a few ms


def _data_home() -> Path:
    env = os.environ.get("XDG_DATA_HOME")
    return Path(env) if env else Path.home() / ".local" / "share"


def desktop_entry_text(exec_cmd: str) -> str:
    """The shipped entry with ``Exec``/``TryExec`` pointing at ``exec_cmd``."""
    import shlex

    from diptych.core.resources import resource_path

    lines = []
    for line in resource_path("diptych.desktop").read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_cmd} %F"
        elif line.startswith("TryExec="):
            line = f"TryExec={shlex.split(exec_cmd)[0]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def install_desktop_entry(data_home: Path | None = None) -> tuple[Path, Path]:
    """Install the entry and icon for the current user; return their paths."""
    import shlex
    import shutil
    import subprocess

    from diptych.core.resources import resource_path

    home = data_home or _data_home()
    apps = home / "applications"
    icons = home / "icons" / "hicolor" / "scalable" / "apps"
    exec_cmd = f"{shlex.quote(sys.executable)} -m diptych"
    try:
        apps.mkdir(parents=True, exist_ok=True)
        icons.mkdir(parents=True, exist_ok=True)
        entry = apps / "diptych.desktop"
        tmp = entry.with_suffix(".desktop.tmp")
        tmp.write_text(desktop_entry_text(exec_cmd), encoding="utf-8")
        os.replace(tmp, entry)
        icon = icons / "diptych.svg"
        shutil.copyfile(resource_path("icons", "diptych.svg"), icon)
    except OSError as exc:
        raise DiptychError(f"could not install the desktop entry: {exc}") from exc
    if shutil.which("update-desktop-database"):
        subprocess.run(["update-desktop-database", str(apps)], check=False, capture_output=True)
    return entry, icon


def _cmd_install(args: argparse.Namespace) -> int:
    entry, icon = install_desktop_entry(Path(args.data_home) if args.data_home else None)
    print(f"installed {entry}")
    print(f"installed {icon}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "install-desktop-entry",
        help="add Diptych to your application menu",
        description="Install a .desktop entry and the SVG icon for the current user "
        "(under $XDG_DATA_HOME, default ~/.local/share).",
    )
    p.add_argument("--data-home", metavar="DIR", help="install under DIR instead of XDG_DATA_HOME")
    p.set_defaults(func=_cmd_install)
