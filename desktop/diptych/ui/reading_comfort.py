"""Reading comfort (View → Reading comfort…): font family and size, line width, line spacing.

``ReadingComfort`` is the value both panes are typeset with (``ReaderPane.set_comfort``); the
window remembers it in QSettings under ``reading/family``, ``reading/size``,
``reading/measure`` and ``reading/line_height`` (``load_comfort`` / ``save_comfort``).
``ReadingComfortDialog`` (``reading_comfort_dialog.py``) changes it live (``comfort_changed`` on every edit, so the reader sees
the text change behind the dialog); Cancel brings the old look back, Reset the defaults.
Zoom (Ctrl +/-) still scales whatever size is chosen here.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from diptych.ui.article_document import BASE_POINT_SIZE, LINE_HEIGHT_PERCENT

MEASURE_CHARS = 70  # characters per line at most: the default reading measure
SIZE_RANGE = (8.0, 32.0)  # points
MEASURE_RANGE = (35, 130)  # characters per line
LINE_HEIGHT_RANGE = (100, 220)  # percent of the font's height


def _clamp(v: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, v))


@dataclass(frozen=True)
class ReadingComfort:
    """How the panes set the text: "" for the family means the bundled reading serif."""

    family: str = ""
    point_size: float = BASE_POINT_SIZE
    measure: int = MEASURE_CHARS
    line_height: int = LINE_HEIGHT_PERCENT

    def clamped(self) -> ReadingComfort:
        """The same settings within the allowed ranges (a hand-edited settings file)."""
        return ReadingComfort(
            family=self.family.strip()[:200],
            point_size=round(_clamp(float(self.point_size), *SIZE_RANGE), 1),
            measure=int(_clamp(int(self.measure), *MEASURE_RANGE)),
            line_height=int(_clamp(int(self.line_height), *LINE_HEIGHT_RANGE)),
        )


DEFAULT_COMFORT = ReadingComfort()


def load_comfort(settings: QSettings) -> ReadingComfort:
    """The remembered settings (defaults for missing or unreadable values)."""

    def num(key: str, default: float) -> float:
        try:
            return float(str(settings.value(key, default)))
        except (TypeError, ValueError):
            return default

    return ReadingComfort(
        family=str(settings.value("reading/family", "") or ""),
        point_size=num("reading/size", DEFAULT_COMFORT.point_size),
        measure=int(num("reading/measure", DEFAULT_COMFORT.measure)),
        line_height=int(num("reading/line_height", DEFAULT_COMFORT.line_height)),
    ).clamped()


def save_comfort(settings: QSettings, comfort: ReadingComfort) -> None:
    c = comfort.clamped()
    settings.setValue("reading/family", c.family)
    settings.setValue("reading/size", c.point_size)
    settings.setValue("reading/measure", c.measure)
    settings.setValue("reading/line_height", c.line_height)
