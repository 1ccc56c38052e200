"""What the desk remembers between runs (QSettings: state only, never user data).

Settings live under organization "Diptych", application "Diptych" (tests point XDG_CONFIG_HOME
at a temporary directory). Keys: ``window/geometry``, ``window/state``, ``window/splitter``,
``pair/a``, ``pair/b`` ("" = the seed pair), ``pair/top_a``, ``pair/top_b`` (code-point offset
at the top of each pane), ``view/zoom``, ``view/theme``, ``view/sync``, ``recent/pairs``. The file is kept 0600: the
recent pairs name what the user reads.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


def desk_settings() -> QSettings:
    settings = QSettings(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "Diptych", "Diptych"
    )
    keep_private(settings)
    return settings


def keep_private(settings: QSettings) -> None:
    """Make the settings file (it names the files recently read) readable by its owner only:
    created 0600 before Qt first writes it, narrowed if it is wider. Qt's atomic rewrite keeps
    the mode of the file it replaces."""
    if settings.format() != QSettings.Format.NativeFormat or sys.platform == "win32":
        return
    path = Path(settings.fileName())
    try:
        if path.exists():
            mode = path.stat().st_mode & 0o777
            if mode & 0o077:
                path.chmod(mode & 0o700)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:
        pass  # a settings file we cannot touch: Qt reports its own trouble, nothing to leak


@dataclass(frozen=True)
class SavedPair:
    a: str  # "" = seed
    b: str
    top_a: int = 0
    top_b: int = 0

    @property
    def is_seed(self) -> bool:
        return not self.a and not self.b


class DeskState:
    """Typed access to the desk's QSettings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.s = settings if settings is not None else desk_settings()

    def _int(self, key: str, default: int) -> int:
        try:
            value = self.s.value(key, default)
            return int(value) if isinstance(value, int | float | str) else default
        except (TypeError, ValueError):
            return default

    def _bytes(self, key: str) -> QByteArray | None:
        v = self.s.value(key)
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    # window
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def panel_hidden_for_room(self) -> bool:
        """The side panel was hidden by a narrow window, not by the reader (see layout.py)."""
        return self._int("window/panel_hidden_for_room", 0) == 1

    def panel_shown_by_hand(self) -> bool:
        """The reader showed the side panel (F9) in a narrow window (see layout.py)."""
        return self._int("window/panel_shown_by_hand", 0) == 1

    def side_tab(self) -> int:
        """The side panel's tab the reader last had open (0: Claims)."""
        return self._int("window/side_tab", 0)

    def save_side_tab(self, index: int) -> None:
        self.s.setValue("window/side_tab", int(index))

    def claims_grouped(self) -> bool:
        """The reader grouped the claims by topic ("Group by topic"; off: best first)."""
        return self._int("claims/grouped_by_topic", 0) == 1

    def save_claims_grouped(self, grouped: bool) -> None:
        self.s.setValue("claims/grouped_by_topic", int(grouped))

    def save_window(
        self,
        geometry: QByteArray,
        state: QByteArray,
        splitter: QByteArray,
        panel_hidden_for_room: bool = False,
        panel_shown_by_hand: bool = False,
    ) -> None:
        self.s.setValue("window/geometry", geometry)
        self.s.setValue("window/state", state)
        self.s.setValue("window/splitter", splitter)
        self.s.setValue("window/panel_hidden_for_room", int(panel_hidden_for_room))
        self.s.setValue("window/panel_shown_by_hand", int(panel_shown_by_hand))

    # pair
    def pair(self) -> SavedPair | None:
        if not self.s.contains("pair/a"):
            return None
        return SavedPair(
            str(self.s.value("pair/a", "") or ""),
            str(self.s.value("pair/b", "") or ""),
            self._int("pair/top_a", 0),
            self._int("pair/top_b", 0),
        )

    def save_pair(self, pair: SavedPair) -> None:
        self.s.setValue("pair/a", pair.a)
        self.s.setValue("pair/b", pair.b)
        self.s.setValue("pair/top_a", int(pair.top_a))
        self.s.setValue("pair/top_b", int(pair.top_b))

    # exports
    def export_folder(self) -> str | None:
        """The folder of the last export (PDF, notes or highlights) while it is one."""
        v = str(self.s.value("export/folder", "") or "")
        return v if v and Path(v).is_dir() else None

    def save_export_folder(self, folder: str) -> None:
        self.s.setValue("export/folder", folder)

    # view
    def zoom_steps(self) -> int:
        return self._int("view/zoom", 0)

    def theme_mode(self) -> str:
        v = str(self.s.value("view/theme", "system"))
        return v if v in ("system", "light", "dark") else "system"

    def sync_enabled(self) -> bool:
        v = self.s.value("view/sync", True)
        return v not in (False, "false", "0", 0)

    def save_view(self, zoom_steps: int, theme_mode: str, sync: bool) -> None:
        self.s.setValue("view/zoom", int(zoom_steps))
        self.s.setValue("view/theme", theme_mode)
        self.s.setValue("view/sync", bool(sync))

    # recent pairs
    def recent_pairs(self) -> list[tuple[str, str]]:

        try:
            raw = json.loads(str(self.s.value("recent/pairs", "[]")))
        except (TypeError, ValueError):
            return []
        out = []
        for item in raw if isinstance(raw, list) else []:
            if isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item):
                out.append((item[0], item[1]))
        return out[:MAX_RECENT]

    def add_recent_pair(self, a: str, b: str) -> None:

        pairs = [p for p in self.recent_pairs() if p != (a, b)]
        pairs.insert(0, (a, b))
        self.s.setValue("recent/pairs", json.dumps([list(p) for p in pairs[:MAX_RECENT]]))

    def sync(self) -> None:
        self.s.sync()
        keep_private(self.s)
