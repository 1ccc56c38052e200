"""Colours of the claims list: a topic heading's tint (``ClaimsPanel._tint``) and a topic's
colour square (``color_icon``)."""

from __future__ import annotations

import math

from PySide6.QtGui import QColor, QIcon, QPixmap

# a topic heading's tint: at most this share of its colour over the base, and at most this
# share of the way from the base to the selection colour (see ClaimsPanel._tint)
TINT_MOST = 0.25
TINT_ROOM = 0.35


def _rgb_distance(a: QColor, b: QColor) -> float:
    return math.dist((a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue()))


def _mixed(base: QColor, color: QColor, share: float) -> QColor:
    """``share`` (0..1) of ``color`` over ``base``."""
    return QColor(
        *(
            round(x * (1 - share) + y * share)
            for x, y in (
                (base.red(), color.red()),
                (base.green(), color.green()),
                (base.blue(), color.blue()),
            )
        )
    )


def color_icon(color: str, size: int = 12) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(QColor(color))
    return QIcon(pm)
