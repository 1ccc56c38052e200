"""What the desk remembers between runs (QSettings: state only, never user data).

Settings live under organization "Diptych", application "Diptych" (tests point XDG_CONFIG_HOME
at a temporary directory). Keys: ``window/geometry``, ``window/state``, ``window/splitter``,
``pair/a``, ``pair/b`` ("" = the seed pair), ``pair/top_a``, ``pair/top_b`` (code-point offset
at the top of each pane), ``view/zoom``, ``view/theme``, ``view/sync``, ``recent/pairs``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


def desk_settings() -> QSettings:
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "Diptych", "Diptych")


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

    def save_window(self, geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
        self.s.setValue("window/geometry", geometry)
        self.s.setValue("window/state", state)
        self.s.setValue("window/splitter", splitter)

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
        import json  # here: not needed for the first paint

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
        import json

        pairs = [p for p in self.recent_pairs() if p != (a, b)]
        pairs.insert(0, (a, b))
        self.s.setValue("recent/pairs", json.dumps([list(p) for p in pairs[:MAX_RECENT]]))

    def sync(self) -> None:
        self.s.sync()
