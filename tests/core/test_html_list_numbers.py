"""An HTML <ol>'s items keep their numbers (its ``start``, an item's ``value``, nested lists
counted on their own) for the pane to show; a <ul>'s items have none."""

from __future__ import annotations

from diptych.core.reading.articles import article_from_text

STEPS = (
    "<html><body><article><h1>Baking bread at home</h1>"
    "<p>The recipe below has steps that each say what to do, in the order you should do "
    "them, and it takes about an hour from start to finish.</p>"
    "<ol start='3'><li>Heat the oven to two hundred degrees before anything else."
    "<ol><li>Check the thermometer on the door of the oven.</li>"
    "<li value='7'>Wait ten more minutes if it reads lower than that.</li></ol></li>"
    "<li>Put the bread in the middle of the oven and close it.</li></ol>"
    "<ul><li>A bullet says what to buy for the bread in the first place.</li></ul>"
    "<p>The end of the recipe is a paragraph that says to enjoy the bread while warm.</p>"
    "</article></body></html>"
)


def test_ordered_items_keep_their_numbers() -> None:
    art = article_from_text(STEPS, "html")
    items = [
        (b.number, art.text[b.start : b.end].split()[0])
        for b in art.blocks
        if b.kind == "list_item"
    ]
    assert items == [(3, "Heat"), (1, "Check"), (7, "Wait"), (4, "Put"), (0, "A")]
    assert "3." not in art.text
