"""A verdict on a claim shows the pair again with the same topics: the topic chips, the panes'
rail marks and the outline's topic rows are kept, not made again (each verdict made them all
again). A topic edit, which changes the topics, still makes them again; and the chips look as
made again after a verdict (none checked: the topics start again at their first section)."""

from __future__ import annotations

from diptych.ui.main_window import MainWindow
from helpers.window import TIMEOUT_MS, window_on_pair


def _topic_widgets(w: MainWindow) -> tuple[object, ...]:
    chips = tuple(w.topic_bar.chips().values())
    rails = tuple(w.pane_view(side).rail._marks for side in "ab")
    return (*chips, *rails, w.outline.topLevelItem(0))


def _same(x: tuple[object, ...], y: tuple[object, ...]) -> bool:
    return len(x) == len(y) and all(p is q for p, q in zip(x, y, strict=True))


def test_a_verdict_keeps_the_topic_widgets_and_a_topic_edit_makes_them_again(
    qtbot, settings, tmp_path
):
    w = window_on_pair(qtbot, settings, str(tmp_path / "notes.sqlite3"))
    panel = w.claims_panel
    before = _topic_widgets(w)
    assert w.topic_bar.chips() and w.pane_view("a").rail.marks()
    name = next(iter(w.topic_bar.chips()))
    w.go_to_topic(name)
    assert w.topic_bar.chips()[name].isChecked()

    for button in (panel.same_button, panel.undo_button, panel.reject_button):
        target = next(i for i, c in enumerate(w.analysis().claims.claims) if c.tier == "strong")
        panel.select_claim(target)
        panel._hold.stop()
        button.click()
        assert _same(_topic_widgets(w), before), button.text()
        assert not any(chip.isChecked() for chip in w.topic_bar.chips().values())

    color = "#123456"
    with qtbot.waitSignal(w.topic_editor.analysis_edited, timeout=TIMEOUT_MS):
        assert w.topic_editor.recolor(name, color)
    after = _topic_widgets(w)
    assert not any(p is q for p, q in zip(after, before, strict=True))
    assert w.topic_bar.chips()[name].color == color
    assert color in {m.color for side in "ab" for m in w.pane_view(side).rail.marks()}
    w.close()
