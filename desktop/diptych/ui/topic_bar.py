"""Topic chips above the panes, and the topic rail beside each pane's scrollbar.

``TopicBar`` shows one chip per topic in its colour with its section counts in A and B; a click
emits ``topic_clicked(name)`` (the window scrolls both panes to that topic's next section).
``TopicRail`` is a thin strip showing where each topic's sections are along a pane, plus the
part of the article in view; a click emits ``jump_requested(offset)`` (code points).
Both draw only what they are given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMargins, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetItem,
)

from diptych.core.model import ArticleTopics
from diptych.ui.safe_text import one_line, plain_tip
from diptych.ui.theme import readable_text_on

CHIP_NAME_CHARS = 40  # a longer topic name is cut on its chip (the tooltip has all of it)


def chip_name(name: str) -> str:
    """A topic's name as its chip shows it: on one line, control and bidi characters inert
    (a U+202E would reverse the counts after it), cut at ``CHIP_NAME_CHARS``."""
    shown = one_line(name)
    return shown if len(shown) <= CHIP_NAME_CHARS else shown[: CHIP_NAME_CHARS - 1] + "…"


class TopicChip(QToolButton):
    """One topic: its colour, name and counts; checkable to show the active topic."""

    def __init__(self, name: str, color: str, count_a: int, count_b: int, parent=None) -> None:
        super().__init__(parent)
        self.topic = name
        self.color = color
        self.setObjectName(f"topic_chip_{name}")
        self.setAccessibleName(f"Topic {chip_name(name)}")
        self.setCheckable(True)
        # right click or the menu key: the topic's edits (rename, colour, merge...)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # '&&' shows an '&' ("Law & order"): one alone would mark a shortcut key
        self.setText(f"{chip_name(name).replace('&', '&&')}   A {count_a} · B {count_b}")
        self.setToolTip(
            plain_tip(
                f"{name}: {count_a} section{'s' if count_a != 1 else ''} in A, "
                f"{count_b} in B.\nClick to go to the next one in both panes; "
                "right-click to rename, recolour, merge or delete it, or add a cue word."
            )
        )
        ink = readable_text_on(color)
        border = QColor(color).darker(130).name()
        self.setStyleSheet(
            f"""
            QToolButton {{ background: {color}; color: {ink}; border: 1px solid {border};
                          border-radius: 11px; padding: 2px 10px; font-weight: 600; }}
            QToolButton:hover {{ border: 2px solid {border}; }}
            QToolButton:checked {{ border: 2px solid palette(text); }}
            QToolButton:disabled {{ background: transparent; color: palette(mid);
                                   border: 1px dashed {border}; }}
            """
        )
        if count_a == 0 and count_b == 0:
            self.setEnabled(False)


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto further rows when the width runs out.

    Its minimum width is that of its widest item, so many (or long) topic names make the
    bar taller instead of forcing the window wider than the screen (a wider window also
    made Qt lay both articles out again).
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insert_widget(self, index: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(max(0, min(index, len(self._items))), QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        # one row of everything (the preferred look), never wider than needed
        m = self.contentsMargins()
        visible = [it for it in self._items if not it.isEmpty()]
        w = sum(it.sizeHint().width() for it in visible) + self.spacing() * max(0, len(visible) - 1)
        h = max((it.sizeHint().height() for it in visible), default=0)
        return QSize(w + m.left() + m.right(), h + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        size = QSize()
        for it in self._items:
            if not it.isEmpty():
                size = size.expandedTo(it.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in ``rect`` (or only measure); returns the height used."""
        m: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(m)
        x, y, row_h = area.x(), area.y(), 0
        gap = self.spacing()
        for it in self._items:
            if it.isEmpty():
                continue
            hint = it.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, row_h = area.x(), y + row_h + gap, 0
            if move:
                it.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            row_h = max(row_h, hint.height())
        return y + row_h - rect.y() + m.bottom()


class TopicBar(QWidget):
    """Topic chips, wrapping onto more rows when they do not fit (see module docstring)."""

    topic_clicked = Signal(str)
    topic_menu_requested = Signal(str, QPoint)  # topic name, global position for its menu

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topic_bar")
        self._layout = FlowLayout(self, spacing=6)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._label = QLabel("Topics")
        self._label.setObjectName("topics_label")
        bold = self._label.font()
        bold.setWeight(QFont.Weight.DemiBold)
        self._label.setFont(bold)
        self._layout.addWidget(self._label)
        self._chips: dict[str, TopicChip] = {}
        self._note = QLabel("")
        self._note.setObjectName("topics_note")
        # a palette role, not a style sheet: it follows a theme switch like any label
        self._note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._layout.addWidget(self._note)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_topics(None)

    def set_topics(self, topics: ArticleTopics | None) -> None:
        """One chip per topic of ``topics.topic_set`` (None: a placeholder while analysing)."""
        for chip in self._chips.values():
            self._layout.removeWidget(chip)
            chip.deleteLater()
        self._chips.clear()
        if topics is None:
            self._note.setText("finding topics…")
            return
        self._note.setText(
            "topics proposed from the two articles" if topics.topic_set.proposed else ""
        )
        insert_at = 1
        for t in topics.topic_set.topics:
            na = sum(1 for s in topics.a if s.topic == t.name)
            nb = sum(1 for s in topics.b if s.topic == t.name)
            chip = TopicChip(t.name, t.color, na, nb, self)
            chip.clicked.connect(lambda _=False, n=t.name: self._on_chip_clicked(n))
            chip.customContextMenuRequested.connect(
                lambda pos, c=chip: self.topic_menu_requested.emit(c.topic, c.mapToGlobal(pos))
            )
            self._layout.insert_widget(insert_at, chip)
            insert_at += 1
            self._chips[t.name] = chip
        if not self._chips:
            self._note.setText(
                "no shared topics: the two articles seem to be about different things"
                if topics.topic_set.proposed
                else "no topics found"
            )

    def chips(self) -> dict[str, TopicChip]:
        return dict(self._chips)

    def set_active(self, name: str | None) -> None:
        for n, chip in self._chips.items():
            chip.setChecked(n == name)

    def click_topic(self, name: str) -> None:
        """As if the user clicked the chip (used by keyboard shortcuts)."""
        self._chips[name].click()

    def _on_chip_clicked(self, name: str) -> None:
        self.set_active(name)
        self.topic_clicked.emit(name)


@dataclass(frozen=True)
class RailMark:
    """A topic section on the rail: fractions of the document height and where it starts."""

    top: float  # 0..1
    bottom: float  # 0..1
    color: str
    topic: str
    offset: int  # code point where the section starts


class TopicRail(QWidget):
    """A thin strip: topic sections along the article, and the part in view."""

    jump_requested = Signal(int)

    WIDTH = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._marks: list[RailMark] = []
        self._view: tuple[float, float] = (0.0, 0.0)
        self._track = QColor("#e2ded6")
        self.setFixedWidth(self.WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(self.WIDTH, 100)

    def set_marks(self, marks: Sequence[RailMark]) -> None:
        self._marks = list(marks)
        self.update()

    def marks(self) -> list[RailMark]:
        return list(self._marks)

    def set_view(self, top: float, bottom: float) -> None:
        """The part of the document in view, as fractions of its height."""
        view = (max(0.0, min(1.0, top)), max(0.0, min(1.0, bottom)))
        if view != self._view:
            self._view = view
            self.update()

    def set_track_color(self, color: str) -> None:
        self._track = QColor(color)
        self.update()

    def mark_at(self, y: float) -> RailMark | None:
        h = max(1, self.height())
        frac = y / h
        for m in self._marks:
            # small sections are hard to hit: allow 3 px either side
            if m.top - 3 / h <= frac <= m.bottom + 3 / h:
                return m
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        h = float(self.height())
        w = float(self.width())
        p.fillRect(self.rect(), self._track)
        for m in self._marks:
            top = m.top * h
            height = max(2.0, (m.bottom - m.top) * h)
            p.fillRect(QRectF(2, top, w - 4, height), QColor(m.color))
        # the viewport: a frame over the rail
        vt, vb = self._view
        if vb > vt:
            pen = QPen(self.palette().text().color())
            pen.setWidthF(1.0)
            p.setPen(pen)
            shade = QColor(self.palette().text().color())
            shade.setAlphaF(0.12)
            p.setBrush(shade)
            p.drawRect(QRectF(0.5, vt * h, w - 1, max(3.0, (vb - vt) * h)))
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            m = self.mark_at(event.position().y())
            if m is not None:
                self.jump_requested.emit(m.offset)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        m = self.mark_at(event.position().y())
        self.setToolTip(plain_tip(m.topic) if m else "")
        super().mouseMoveEvent(event)
