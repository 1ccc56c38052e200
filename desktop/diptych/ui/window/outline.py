"""The Outline side tab: each article's title and headings, and its topic sections; a click
(or Enter) brings that place to the pane's sync line.

Two top-level rows, "A · <title>" and "B · <title>", each with "Headings" (nested by level)
and "Topic sections" (in text order, "<topic>: <first words>"). All text is plain text
(titles and headings come from the user's files).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from diptych.core.model import Article, TopicSection, TopicSet
from diptych.ui.pane_view import article_name
from diptych.ui.safe_text import one_line, plain_tip

_SPAN_ROLE = Qt.ItemDataRole.UserRole + 1  # (side, start, end)


def _snippet(text: str, n: int = 60) -> str:
    """One line of at most ``n`` characters, bidi and control characters as U+FFFD."""
    flat = one_line(text)
    return flat if len(flat) <= n else flat[: n - 1].rstrip() + "…"


class OutlinePanel(QTreeWidget):
    """Headings and topic sections of both articles (see the module docstring)."""

    jump_requested = Signal(str, int, int)  # side, start, end

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outline_panel")
        self.setAccessibleName("Outline")
        self.setAccessibleDescription(
            "Headings and topic sections of both articles; Enter brings one into view"
        )
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self._articles: dict[str, Article | None] = {"a": None, "b": None}
        self._sections: dict[str, Sequence[TopicSection]] = {"a": (), "b": ()}
        self._topic_set: TopicSet | None = None
        self.itemActivated.connect(self._on_item)
        self.itemClicked.connect(self._on_item)

    def set_articles(self, a: Article | None, b: Article | None) -> None:
        self._articles = {"a": a, "b": b}
        self._sections = {"a": (), "b": ()}
        self._rebuild()

    def set_sections(
        self,
        a: Sequence[TopicSection],
        b: Sequence[TopicSection],
        topic_set: TopicSet | None,
    ) -> None:
        """The topic sections of both articles, the rows made again (the window asks only
        when its topics changed: ``MainWindow._show_topics``)."""
        self._sections = {"a": a, "b": b}
        self._topic_set = topic_set
        self._rebuild()

    def entries(self, side: str) -> list[tuple[str, str, int]]:
        """(group, text, start) of every row under ``side`` (tests, accessibility)."""
        out: list[tuple[str, str, int]] = []
        root = self.topLevelItem(0 if side == "a" else 1)
        if root is None:
            return out

        def walk(item: QTreeWidgetItem, group: str) -> None:
            for i in range(item.childCount()):
                child = item.child(i)
                if child is None:
                    continue
                span = child.data(0, _SPAN_ROLE)
                if span is not None:
                    out.append((group, child.text(0), int(span[1])))
                walk(child, group)

        for g in range(root.childCount()):
            group = root.child(g)
            if group is not None:
                walk(group, group.text(0))
        return out

    def _rebuild(self) -> None:
        self.clear()
        for side in ("a", "b"):
            art = self._articles[side]
            name = article_name(art) if art else "…"  # as the pane header names it
            label = f"{side.upper()} · {name}"
            root = QTreeWidgetItem(self, [label])
            # a tooltip Qt would take for rich text (a heading "<img src=file:…>") is shown
            # literally, never rendered: plain_tip
            root.setToolTip(0, plain_tip(label))
            if art is None:
                continue
            heads = QTreeWidgetItem(root, ["Headings"])
            parents: list[tuple[int, QTreeWidgetItem]] = [(0, heads)]
            for blk in art.blocks:
                if blk.kind not in ("title", "heading"):
                    continue
                level = 1 if blk.kind == "title" else max(1, blk.level)
                while len(parents) > 1 and parents[-1][0] >= level:
                    parents.pop()
                text = _snippet(art.text[blk.start : blk.end])
                item = QTreeWidgetItem(parents[-1][1], [text])
                item.setData(0, _SPAN_ROLE, (side, blk.start, blk.end))
                item.setToolTip(0, plain_tip(text))
                parents.append((level, item))
            sections = self._sections[side]
            if sections:
                group = QTreeWidgetItem(root, [f"Topic sections ({len(sections)})"])
                for sec in sections:
                    words = _snippet(art.text[sec.start : sec.end], 48)
                    row = f"{_snippet(sec.topic, 40)}: {words}"
                    item = QTreeWidgetItem(group, [row])
                    item.setData(0, _SPAN_ROLE, (side, sec.start, sec.end))
                    item.setToolTip(0, plain_tip(row))
                    if self._topic_set is not None:  # a swatch (text colour could be faint)
                        color = QColor(self._topic_set.color_of(sec.topic))
                        item.setData(0, Qt.ItemDataRole.DecorationRole, color)
        self.expandAll()  # a short outline: everything in view

    def _on_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        span = item.data(0, _SPAN_ROLE)
        if span is not None:
            side, start, end = span
            self.jump_requested.emit(str(side), int(start), int(end))
