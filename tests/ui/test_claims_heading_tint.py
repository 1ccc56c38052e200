"""A topic's heading in the claims list is tinted with the topic's colour, but never so that it
looks selected (tryout, light theme: the heading of a blue topic, "MAS record", was drawn in
the pale blue of a selected row, 14 units from it in RGB, and read as the chosen claim)."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QColor, QPalette

from diptych.core.model import Topic, TopicSet
from diptych.ui.claims.panel import ClaimsPanel
from diptych.ui.theme import DARK, LIGHT, palette_for
from helpers.claims_list import background, headings
from helpers.highlights import seedlike_pair

# the topic editor's proposals, the seed's, and the worst cases: the selection colour itself,
# and the most saturated colour on the way from the light base through its selection colour
COLOURS = (
    "#d64541",
    "#2e86de",
    "#20a35a",
    "#8e44ad",
    "#e67e22",
    "#16a085",
    "#1f77b4",
    "#d62728",
    LIGHT.selection,
    DARK.selection,
    "#006af0",
    "#000000",
    "#ffffff",
)


def _distance(a: QColor, b: QColor) -> float:
    return math.dist((a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue()))


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
def test_a_topic_heading_is_tinted_nearer_the_base_than_the_selection(qtbot, theme):
    a, b, claims = seedlike_pair()
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.setPalette(palette_for(theme))
    base = p.palette().color(QPalette.ColorRole.Base)
    selection = p.palette().color(QPalette.ColorRole.Highlight)
    for colour in COLOURS:
        topics = TopicSet("t", (Topic("Economy", colour, ()), Topic("Weather", colour, ())))
        p.set_claims(claims, a, b, topics)
        p.set_grouped_by_topic(True)
        topic_headings = [h for h in headings(p) if not h.data().startswith(("Possible", "Rej"))]
        assert topic_headings
        for h in topic_headings:
            tint = background(h)
            assert tint is not None
            near_base, near_selection = _distance(tint, base), _distance(tint, selection)
            assert near_selection >= 1.5 * near_base, (theme.name, colour, tint.name())
            if _distance(QColor(colour), base) > 30:
                assert near_base >= 10, (theme.name, colour, tint.name())  # still tinted
