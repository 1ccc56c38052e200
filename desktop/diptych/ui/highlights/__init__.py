"""Highlights, notes and links in the window (see ``controller.py`` for the wiring).

What the window imports, and nothing else::

    from diptych.ui.highlights import HighlightController, HighlightsPanel, NoteEditor

The names are loaded on first use, so ``diptych.ui.highlights.state`` (Qt-free) imports
without Qt.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diptych.ui.highlights.controller import HighlightController
    from diptych.ui.highlights.note_editor import NoteEditor
    from diptych.ui.highlights.panel import HighlightsPanel

__all__ = ["HighlightController", "HighlightsPanel", "NoteEditor"]

_WHERE = {
    "HighlightController": "diptych.ui.highlights.controller",
    "HighlightsPanel": "diptych.ui.highlights.panel",
    "NoteEditor": "diptych.ui.highlights.note_editor",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
