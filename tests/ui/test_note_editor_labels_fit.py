"""The note editor's quote and "Linked with" lines are never cut: a tryout showed the linked
passage's third line clipped at top and bottom in the 360 × 260 editor."""

from __future__ import annotations

from diptych.ui.highlights.note_editor import NoteEditor

LONG_A = "Today, Bolivia remains one of the most impoverished nations in South America. " * 3
LONG_B = (
    "Bolivia, South America's most impoverished nation, teeters on the brink of a civil war "
    "in the wake of a US-backed coup that led to the resignation Sunday of President Morales."
)


def test_wrapped_quote_lines_get_their_whole_height(qtbot) -> None:
    ed = NoteEditor()
    qtbot.addWidget(ed)
    ed.resize(360, 260)
    ed.edit("h1", quote=LONG_A, note="", color="yellow", side="a", linked_quote=LONG_B)
    ed.show()
    qtbot.waitExposed(ed)
    for label in (ed.quote_label, ed.link_label):
        qtbot.waitUntil(lambda lb=label: lb.height() >= lb.heightForWidth(lb.width()), timeout=2000)
    # narrower: the lines wrap more and still fit
    ed.resize(300, ed.height())
    for label in (ed.quote_label, ed.link_label):
        qtbot.waitUntil(lambda lb=label: lb.height() >= lb.heightForWidth(lb.width()), timeout=2000)
