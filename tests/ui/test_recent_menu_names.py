"""File → Recent pairs names each pair by its files: an '&' in a name is shown (not taken
for a keyboard mnemonic), a bidi override shown as U+FFFD."""

from __future__ import annotations

from helpers.window import shown_window


def test_recent_pairs_show_file_names_as_they_are(qtbot, settings, dialogs):
    w = shown_window(qtbot, settings, size=(1480, 900))
    w.state.add_recent_pair("/tmp/R&D notes.md", "/tmp/evil\u202egnp.md")
    w._fill_recent_menu()
    texts = [a.text() for a in w.acts.recent_menu.actions()]
    assert texts[0] == "R&&D notes.md  |  evil\ufffdgnp.md"  # '&&' is a shown '&'


def test_a_topic_named_with_an_ampersand_has_no_shortcut_and_shows_it(qtbot):
    from PySide6.QtGui import QKeySequence

    from diptych.ui.topic_bar import TopicChip

    chip = TopicChip("Law & order", "#1f77b4", 1, 2)
    qtbot.addWidget(chip)
    assert QKeySequence.mnemonic(chip.text()).isEmpty()  # Alt+Space would have jumped here
    assert chip.text().replace("&&", "&").startswith("Law & order")
