""" "Link these" twice on one claim (tryout): the second click made two more highlights and a
second link over the same two sentences ("Highlights (4)"). Passages already linked to each
other are not linked again: the window says so and opens that link's note."""

from __future__ import annotations

import pytest

from diptych.core.model import ClaimPair
from helpers.highlights_desk import shown_flood_desk


@pytest.fixture
def desk(qtbot, store):
    d = shown_flood_desk(qtbot, store)
    yield d
    d.ctl.note_editor.close()


def test_linking_a_claim_already_linked_keeps_its_one_link(desk, store, qtbot):
    a, b = desk.ctl.state.articles["a"], desk.ctl.state.articles["b"]
    claim = ClaimPair(a.sentences[1], b.sentences[1], 0.8, None, ("peak",), ())
    desk.ctl.set_claims([claim])
    said: list[str] = []
    desk.ctl.status_message.connect(said.append)
    first = desk.ctl.link_claim(0)
    assert first is not None
    desk.ctl.note_editor.close()
    again = desk.ctl.link_claim(0)
    assert again == first
    assert len(store.links_for([a.id])) == 1
    assert len(desk.ctl.highlights("a")) == 1 and len(desk.ctl.highlights("b")) == 1
    assert "already linked" in said[-1]
    assert desk.undo_stack.count() == 1  # nothing to undo for the second click
