"""The claims panel's list as the reader sees it, for tests: headings, claim rows, and what
the model says of them (texts, tooltips, colours)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPalette

from diptych.core.model import Article, ClaimsResult, Topic, TopicSet
from diptych.ui.claims.panel import ClaimsPanel


def headings(panel: ClaimsPanel) -> list[QModelIndex]:
    """The group headings listed, top to bottom."""
    model = panel.model
    return [model.index(g, 0) for g in range(model.rowCount())]


def claim_row(panel: ClaimsPanel, group: int, row: int) -> QModelIndex:
    """The ``row``-th claim listed under heading ``group``."""
    return panel.model.index(row, 0, panel.model.index(group, 0))


def text(index: QModelIndex, column: int = 0) -> str:
    return str(index.siblingAtColumn(column).data(Qt.ItemDataRole.DisplayRole))


def tip(index: QModelIndex, column: int = 0) -> str:
    return str(index.siblingAtColumn(column).data(Qt.ItemDataRole.ToolTipRole))


def foreground(panel: ClaimsPanel, index: QModelIndex, column: int = 0) -> QColor:
    """The colour a row's text is painted in (the list's text colour unless the model says)."""
    value = index.siblingAtColumn(column).data(Qt.ItemDataRole.ForegroundRole)
    if isinstance(value, QBrush):
        return value.color()
    if isinstance(value, QColor):
        return value
    return panel.tree.palette().color(QPalette.ColorRole.Text)


def background(index: QModelIndex, column: int = 0) -> QColor | None:
    value = index.siblingAtColumn(column).data(Qt.ItemDataRole.BackgroundRole)
    return value.color() if isinstance(value, QBrush) else value


def shown_rows(panel: ClaimsPanel) -> list[str]:
    """Texts of the rows a reader can see, top to bottom (headings and claims)."""
    out = []
    index = panel.model.index(0, 0)
    while index.isValid():
        out.append(text(index))
        index = panel.tree.indexBelow(index)
    return out


def many_claims_panel(
    qtbot, strong: Callable[[int], bool], *, grouped: bool = False
) -> ClaimsPanel:
    """A shown panel (480 x 600) listing the seed-like pair's claims 20 times over, scores
    falling copy by copy, copy ``k`` strong when ``strong(k)``: a list longer than its view."""
    from helpers.highlights import TOPICS, seedlike_pair

    a, b, claims = seedlike_pair()
    many = tuple(
        replace(c, score=round(0.9 - 0.8 * k / 20, 3), tier="strong" if strong(k) else "possible")
        for k in range(20)
        for c in claims.claims
    )
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(replace(claims, claims=many), a, b, TOPICS)
    if grouped:
        p.set_grouped_by_topic(True)
    p.resize(480, 600)
    p.show()
    qtbot.waitExposed(p)
    return p


def long_topic_pair(name: str) -> tuple[Article, Article, ClaimsResult, TopicSet, int]:
    """The seed-like pair with its "Economy" topic renamed ``name``, the topic set to match,
    and how many claims have that topic."""
    from helpers.highlights import seedlike_pair

    a, b, claims = seedlike_pair()
    topics = TopicSet("t", (Topic(name, "#d62728", ("price",)), Topic("Weather", "#1f77b4", ())))
    cs = tuple(replace(c, topic=name) if c.topic == "Economy" else c for c in claims.claims)
    return a, b, replace(claims, claims=cs), topics, sum(c.topic == name for c in cs)
