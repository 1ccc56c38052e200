"""A topic heading keeps its count when the topic's name is long (tryout: a proposed topic
named by a 2,000-letter word filled the heading, and the list cut "(1)" off its end)."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics

from diptych.ui.claims.panel import ClaimsPanel
from helpers.claims_list import headings, long_topic_pair, text

LONG = "A" * 2000


def test_a_long_topic_name_is_shortened_in_its_heading_and_the_count_kept(qtbot):
    a, b, claims, topics, n = long_topic_pair(LONG)
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(claims, a, b, topics)
    p.set_grouped_by_topic(True)
    for width in (420, 700):
        p.resize(width, 600)
        p.show()
        qtbot.waitExposed(p)
        heading = next(h for h in headings(p) if text(h).startswith("AAA"))
        title = text(heading)
        assert title.endswith(f"({n})"), title[-20:]
        assert "…" in title
        bold = QFontMetrics(p._bold_font())
        icon = p.tree.iconSize().width() if p.tree.iconSize().isValid() else 16
        # the title and the topic's colour square fit in the list's width: nothing more cut
        assert bold.horizontalAdvance(title) + icon <= p.tree.viewport().width()
        tip = "".join(str(heading.data(3)).split())  # the tooltip: the whole name
        assert LONG in tip
