"""The fonts of the exported PDF: shipped DejaVu faces, ligatures off, script fallbacks.

The DejaVu TTFs in ``resources/fonts`` are registered with Qt once per process, so the PDF embeds
the same faces on every machine (a fresh Debian box may have no fonts at all). When the shipped
files are missing (a trimmed install), Qt's fontconfig lookup of the same family names is used
instead (Debian: ``fonts-dejavu-core``, ``fonts-dejavu-extra``). Scripts DejaVu does not cover
(CJK) fall back to whatever system font has them (Debian: ``fonts-droid-fallback`` or
``fonts-noto-cjk``).

Ligatures are switched off (``liga``, ``clig``) so text extracted from the PDF reads "fi", not
"ﬁ", and matches the article text that highlights index.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

SERIF = "DejaVu Serif"
SANS = "DejaVu Sans"
# Tried in order for characters the main face lacks (Arabic is in DejaVu Sans; CJK is not).
FALLBACKS = (
    SANS,
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Droid Sans Fallback",
    "WenQuanYi Zen Hei",
    "Noto Sans Arabic",
)

_FONT_FILES = (
    "DejaVuSerif.ttf",
    "DejaVuSerif-Bold.ttf",
    "DejaVuSerif-Italic.ttf",
    "DejaVuSerif-BoldItalic.ttf",
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
)

_lock = threading.Lock()
_registered: bool | None = None


def shipped_fonts_dir() -> Path:
    from diptych.core.resources import resource_path

    return resource_path("fonts")


def ensure_fonts() -> bool:
    """Register the shipped fonts with Qt (once); True when they were found and loaded.

    Needs a ``QGuiApplication``. When False, the family names resolve through fontconfig.
    """
    global _registered
    with _lock:
        if _registered is None:
            loaded = 0
            folder = shipped_fonts_dir()
            for name in _FONT_FILES:
                path = folder / name
                if path.is_file() and QFontDatabase.addApplicationFont(str(path)) >= 0:
                    loaded += 1
            _registered = loaded == len(_FONT_FILES)
        return _registered


def export_font(
    point_size: float, *, sans: bool = False, bold: bool = False, italic: bool = False
) -> QFont:
    """A font for the PDF: DejaVu Serif (or Sans) with fallbacks and ligatures off."""
    font = QFont()
    font.setFamilies(
        [SANS if sans else SERIF, *[f for f in FALLBACKS if f != (SANS if sans else SERIF)]]
    )
    font.setPointSizeF(point_size)
    font.setBold(bold)
    font.setItalic(italic)
    font.setKerning(True)
    for tag in ("liga", "clig", "dlig", "hlig"):
        font.setFeature(QFont.Tag(tag), 0)
    # Exact glyph positions (no hinting) so annotation quads land on the drawn glyphs.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferOutline)
    return font
