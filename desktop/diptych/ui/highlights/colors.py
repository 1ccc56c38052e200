"""The five highlight colours: names stored with each highlight, and how they look on screen."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QIcon, QPixmap


@dataclass(frozen=True)
class HighlightColor:
    name: str  # stored in the database / W3C styleClass
    label: str  # shown in menus
    light: str  # background on a light page
    dark: str  # background on a dark page
    swatch: str  # saturated version for icons, gutter bands and the list


HIGHLIGHT_COLORS: tuple[HighlightColor, ...] = (
    HighlightColor("yellow", "Yellow", "#fff176", "#7a6a00", "#f5c400"),
    HighlightColor("green", "Green", "#b9f6ca", "#1e5e33", "#2fae5b"),
    HighlightColor("blue", "Blue", "#b3e5fc", "#17476b", "#2d8fd5"),
    HighlightColor("pink", "Pink", "#f8bbd0", "#6e2143", "#e0508a"),
    HighlightColor("purple", "Purple", "#d1c4e9", "#432f70", "#8a5cd6"),
)
DEFAULT_COLOR = "yellow"


def color_spec(name: str) -> HighlightColor:
    """The colour called ``name``; unknown names (e.g. from an import) look like yellow."""
    for c in HIGHLIGHT_COLORS:
        if c.name == name:
            return c
    return HIGHLIGHT_COLORS[0]


def background(name: str, *, dark: bool) -> QColor:
    spec = color_spec(name)
    return QColor(spec.dark if dark else spec.light)


def swatch_icon(name: str, size: int = 14) -> QIcon:
    """A square of the colour; still recognisable (paler) while the action is disabled, so
    the toolbar shows the five colours before any text is selected."""
    color = QColor(color_spec(name).swatch)
    pm = QPixmap(size, size)
    pm.fill(color)
    icon = QIcon(pm)
    faded = QPixmap(size, size)
    pale = QColor(color)
    pale.setAlphaF(0.45)
    faded.fill(pale)
    icon.addPixmap(faded, QIcon.Mode.Disabled)
    return icon
