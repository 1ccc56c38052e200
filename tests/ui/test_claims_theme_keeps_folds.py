"""A theme switch repaints the claims list in the new colours and leaves it as the reader left
it (tryout: the list was made again, so a heading folded by a double click opened again and
the list went back to its top)."""

from __future__ import annotations

from diptych.ui.theme import DARK, palette_for
from helpers.claims_list import background, claim_row, foreground, headings, many_claims_panel


def test_a_theme_switch_keeps_folded_headings_and_the_scroll(qtbot):
    p = many_claims_panel(qtbot, lambda k: k % 3 != 0, grouped=True)
    first = headings(p)[0]
    p.tree.setExpanded(first, False)  # what a double click on it does
    p.tree.verticalScrollBar().setValue(3)
    possible = next(i for i, h in enumerate(headings(p)) if h.data().startswith("Possible"))

    p.setPalette(palette_for(DARK))

    assert not p.tree.isExpanded(headings(p)[0])
    assert all(p.tree.isExpanded(h) for h in headings(p)[1:])
    assert p.tree.verticalScrollBar().value() == 3
    # and in the new colours: possible claims greyed, topic headings tinted deep
    grey = p.palette().color(p.palette().ColorGroup.Disabled, p.palette().ColorRole.Text)
    assert foreground(p, claim_row(p, possible, 0)) == grey
    tint = background(headings(p)[1])
    assert tint is not None and tint.lightness() < 128
