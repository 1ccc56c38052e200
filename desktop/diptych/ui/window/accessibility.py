"""Accessible names for the window's controls, so a screen reader can say what each one is.

``name_controls(root)`` gives every control below ``root`` that has no accessible name one
from what a sighted reader sees next to it: its tooltip, its placeholder text, the tab it is
the page of ("Only in A"), a menu's title, or, for Qt's own helper widgets (a combo box's
list, a line edit's clear button, the toolbar's overflow button, the size grip), what they
do. It never overwrites a name a widget set itself, and is run again when new parts arrive
(side panels, the highlight actions, dialogs).
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMenu,
    QMenuBar,
    QSizeGrip,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QWidget,
)

CONTROLS = (
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMenu,
    QMenuBar,
    QSizeGrip,
    QSplitter,
    QToolButton,
)


def _clean(text: str) -> str:
    text = re.sub(r"\s*\(\d+\)$", "", text.replace("&", "")).strip()  # "Only in A (15)"
    return text.rstrip("…").strip()


def _tab_of(widget: QWidget) -> str:
    """The text of the tab whose page holds ``widget`` (the nearest one), or ""."""
    child: QWidget | None = widget
    parent = widget.parentWidget()
    while parent is not None and child is not None:
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            tabs = parent.parentWidget()
            assert isinstance(tabs, QTabWidget)
            i = tabs.indexOf(child)
            if i >= 0:
                return _clean(tabs.tabText(i))
        child, parent = parent, parent.parentWidget()
    return ""


def fallback_name(widget: QWidget) -> str:
    """What to call an unnamed control (see the module docstring); "" if nothing fits."""
    if isinstance(widget, QMenu):
        return _clean(widget.title()) or "Menu"
    if isinstance(widget, QMenuBar):
        return "Menu bar"
    if isinstance(widget, QSizeGrip):
        return "Resize the window"
    name = widget.objectName()
    if name == "qt_toolbar_ext_button":
        return "More tools"
    parent = widget.parentWidget()
    if isinstance(widget, QToolButton) and isinstance(parent, QLineEdit):
        return "Clear the text"
    if isinstance(widget, QAbstractItemView) and parent is not None:
        combo = parent.parentWidget()  # a combo box's popup list: QComboBox > frame > view
        if isinstance(combo, QComboBox):
            return f"{fallback_name(combo) or 'Choices'}: choices"
    for text in (widget.toolTip(), getattr(widget, "placeholderText", lambda: "")()):
        if text and "<" not in text:
            return _clean(text.splitlines()[0])
    if isinstance(widget, QToolButton) and widget.text():
        return _clean(widget.text())
    tab = _tab_of(widget)
    if tab:
        return tab
    return ""


def name_controls(root: QWidget) -> list[QWidget]:
    """Name the unnamed controls below ``root``; returns those still without a name."""
    unnamed: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.accessibleName():
            continue
        name = fallback_name(widget)
        if name:
            widget.setAccessibleName(name)
        else:
            unnamed.append(widget)
    return unnamed
