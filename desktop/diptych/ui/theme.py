"""Light and dark looks for the whole app: Qt palette, reading-pane colours, fonts.

The theme follows the system colour scheme (``QStyleHints.colorScheme``) unless the user picks
one in View → Theme; the choice is kept in QSettings under ``view/theme``
("system" | "light" | "dark").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

ThemeMode = Literal["system", "light", "dark"]
THEME_MODES: tuple[ThemeMode, ...] = ("system", "light", "dark")

# Reading serif faces, best first; the first one installed wins.
SERIF_FAMILIES = (
    "Charter",
    "Source Serif 4",
    "Source Serif Pro",
    "Literata",
    "Georgia",
    "Noto Serif",
    "Liberation Serif",
    "DejaVu Serif",
    "Nimbus Roman",
    "Times New Roman",
)


@dataclass(frozen=True)
class Theme:
    """Colours the reading desk needs besides the widget palette."""

    name: Literal["light", "dark"]
    window: str
    paper: str  # reading pane background
    ink: str  # body text
    muted: str  # bylines, counts
    link: str
    selection: str
    selection_ink: str
    flash: str  # briefly marks the sentences a claim or topic jump brought into view
    find_match: str  # other matches: a peach ground, far from every highlight colour
    find_current: str  # the current match and the wavy underline of the others
    find_current_ink: str  # text on the current match
    rail_track: str
    sync_line: str
    alert: str = "#b3261e"  # notices that matter (status bar): 4.5:1 or more on ``window``

    @property
    def dark(self) -> bool:
        return self.name == "dark"


LIGHT = Theme(
    name="light",
    window="#efece6",
    paper="#fbfaf7",
    ink="#1f1d1a",
    muted="#6b665e",
    link="#1a5fb4",
    selection="#b7d3f5",
    selection_ink="#1f1d1a",
    flash="#ffd54f",
    find_match="#ffd9a8",
    find_current="#d9480f",
    find_current_ink="#ffffff",
    rail_track="#e2ded6",
    sync_line="#c9c2b5",
)

DARK = Theme(
    name="dark",
    window="#22211f",
    paper="#1b1a19",
    ink="#e6e1d8",
    muted="#a19b90",
    link="#8ab4f8",
    selection="#3d5a80",
    selection_ink="#f2eee8",
    flash="#8a6d00",
    find_match="#5a3a1c",
    find_current="#ff8a3d",
    find_current_ink="#1b1a19",
    rail_track="#2f2d2a",
    sync_line="#4a4640",
    alert="#ff8a80",  # #b3261e reads at 2.5:1 on this window; this at 7:1
)


def system_prefers_dark() -> bool:
    """True when the platform reports a dark colour scheme (False when it can't tell)."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    try:
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    except AttributeError:  # Qt < 6.5
        return False


def resolve_theme(mode: str) -> Theme:
    """The theme for a View → Theme choice ("system" follows the platform)."""
    if mode == "dark":
        return DARK
    if mode == "light":
        return LIGHT
    return DARK if system_prefers_dark() else LIGHT


def palette_for(theme: Theme) -> QPalette:
    """A complete Fusion palette for the theme (so dark is dark even on a light desktop)."""
    p = QPalette()
    window, paper, ink = QColor(theme.window), QColor(theme.paper), QColor(theme.ink)
    muted = QColor(theme.muted)
    button = QColor(theme.window).lighter(104) if not theme.dark else QColor("#2c2a27")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: ink,
        QPalette.ColorRole.Base: paper,
        QPalette.ColorRole.AlternateBase: window,
        QPalette.ColorRole.Text: ink,
        QPalette.ColorRole.Button: button,
        QPalette.ColorRole.ButtonText: ink,
        QPalette.ColorRole.ToolTipBase: paper,
        QPalette.ColorRole.ToolTipText: ink,
        QPalette.ColorRole.PlaceholderText: muted,
        QPalette.ColorRole.Highlight: QColor(theme.selection),
        QPalette.ColorRole.HighlightedText: QColor(theme.selection_ink),
        QPalette.ColorRole.Link: QColor(theme.link),
        QPalette.ColorRole.LinkVisited: QColor(theme.link),
        QPalette.ColorRole.BrightText: QColor("#ffffff"),
        QPalette.ColorRole.Light: window.lighter(125),
        QPalette.ColorRole.Midlight: window.lighter(110),
        QPalette.ColorRole.Mid: window.darker(125) if not theme.dark else window.lighter(160),
        QPalette.ColorRole.Dark: window.darker(150),
        QPalette.ColorRole.Shadow: QColor("#000000"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, muted)
    return p


class _VisibleIndicators(QProxyStyle):
    """Fusion, with an unticked check box or radio button outlined in the muted text colour
    on a dark window: Fusion outlines them a shade darker than the window, which on a nearly
    black one leaves them all but invisible ("Group by topic", the export's "Parallel")."""

    def drawPrimitive(self, element, option, painter, widget=None):  # type: ignore[no-untyped-def]
        super().drawPrimitive(element, option, painter, widget)
        pe = QStyle.PrimitiveElement
        if element not in (pe.PE_IndicatorCheckBox, pe.PE_IndicatorRadioButton):
            return
        pal = option.palette
        if pal.color(QPalette.ColorRole.Window).lightness() >= 128:
            return  # a light window: Fusion's own outline reads
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.PlaceholderText), 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        r = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element == pe.PE_IndicatorRadioButton:
            painter.drawEllipse(r)
        else:
            painter.drawRoundedRect(r, 1.5, 1.5)
        painter.restore()


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Fusion style + the theme's palette, applied to the whole application."""
    if app.property("diptych_theme") == theme.name:
        return
    if theme.dark and not isinstance(app.style(), _VisibleIndicators):
        # only for dark: a light start keeps Fusion as created (asking for a style costs)
        app.setStyle(_VisibleIndicators("Fusion"))
    # create_application() starts the app in Fusion (and says so): no need to ask its style
    elif app.property("diptych_style") != "fusion" and app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(palette_for(theme))
    app.setProperty("diptych_theme", theme.name)
    repolish_styled_widgets(app)


def repolish_styled_widgets(app: QApplication) -> None:
    """Make widgets with a style sheet take the new palette.

    Qt's style-sheet style copies the palette into a widget when it polishes it, so a widget
    with a style sheet (a topic chip, a bold label, ``palette(...)`` colours) keeps the old
    theme's colours after ``QApplication.setPalette``: light text on a light window after
    dark → light. Setting the same sheet again polishes it anew with the current palette.
    """
    for w in app.allWidgets():
        sheet = w.styleSheet()
        if sheet:
            w.setStyleSheet(sheet)


_resolved: dict[tuple[str, ...], str] = {}


def _font_with_fallbacks(candidates: tuple[str, ...], hint: QFont.StyleHint) -> QFont:
    """A font trying ``candidates`` in order. Qt resolves the chain once (no scan of the whole
    font database); later calls reuse the family it found."""
    family = _resolved.get(candidates)
    if family is not None:
        f = QFont(family)
        f.setStyleHint(hint)
        return f
    f = QFont()
    f.setFamilies(list(candidates))
    f.setStyleHint(hint)
    _resolved[candidates] = QFontInfo(f).family()
    return f


def serif_font(point_size: float, family: str = "") -> QFont:
    """The reading font at ``point_size`` points: ``family`` when given (the reader's
    choice, View → Reading comfort), else the first installed of ``SERIF_FAMILIES``."""
    if family:
        f = QFont(family)
        f.setStyleHint(QFont.StyleHint.Serif)
    else:
        f = _font_with_fallbacks(SERIF_FAMILIES, QFont.StyleHint.Serif)
    f.setPointSizeF(point_size)
    f.setHintingPreference(QFont.HintingPreference.PreferVerticalHinting)
    return f


def readable_text_on(color: str) -> str:
    """Black or white, whichever reads better on ``color`` (for topic chips)."""
    c = QColor(color)
    lum = 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF()
    return "#111111" if lum > 0.55 else "#ffffff"


def tint(color: str, alpha: float) -> QColor:
    c = QColor(color)
    if not c.isValid():
        c = QColor("#888888")
    c.setAlphaF(max(0.0, min(1.0, alpha)))
    return c
