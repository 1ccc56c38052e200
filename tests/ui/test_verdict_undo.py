"""Verdicts on claims in the window, from a new-user tryout: "Not the same" on a pair the reader
added, verdicts on the window's undo stack (Ctrl+Z), and the list staying where it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from diptych.core.notes.store import Store
from diptych.ui.main_window import MainWindow
from helpers.window import desk_settings, highlights_loaded, open_seed, shown_window

ANALYSIS_TIMEOUT = 60_000


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return desk_settings(tmp_path)


def _window(qtbot, settings, db) -> MainWindow:
    w = shown_window(qtbot, settings, db=db, size=(1480, 900))
    w = open_seed(qtbot, w, until="analysis_shown")
    qtbot.waitUntil(lambda: w.analysis() is not None, timeout=ANALYSIS_TIMEOUT)
    return highlights_loaded(qtbot, w)


def _find(w: MainWindow, a, b) -> int | None:
    return next((i for i, c in enumerate(w.analysis().claims.claims) if (c.a, c.b) == (a, b)), None)


def _live_verdicts(w: MainWindow, db: str):
    with Store.open(db, backups=False) as store:
        return store.verdicts_for(w.article("a").id, w.article("b").id)


def test_not_the_same_on_a_pair_the_reader_added_removes_it_and_ctrl_z_brings_it_back(
    qtbot, settings, tmp_path
):
    """Tryout: the added pair vanished (kept as 'different', matching no claim: hidden for
    good), the message said "listed under Rejected", and nothing could take it back."""
    db = str(tmp_path / "notes.sqlite3")
    w = _window(qtbot, settings, db)
    panel = w.claims_panel
    total = len(w.analysis().claims.claims)
    a_only, b_only = w.analysis().claims.only_in_a[0], w.analysis().claims.only_in_b[0]
    w.reader("a").select_span(a_only.start + 2, a_only.start + 8, scroll=False)
    w.reader("b").select_span(b_only.start + 1, b_only.start + 4, scroll=False)
    panel.add_pair_button.click()
    k = _find(w, a_only, b_only)
    assert k is not None and panel.current_claim() == k
    assert len(w.analysis().claims.claims) == total + 1

    panel.reject_button.click()
    message = w.statusBar().currentMessage()
    assert "Rejected" not in message and "Removed the pair you added" in message
    assert _find(w, a_only, b_only) is None  # removed, not hidden under a false message
    assert len(w.analysis().claims.claims) == total
    assert "rejected" not in panel.count_label.text()
    assert _live_verdicts(w, db) == []  # nothing left in the store to hide it
    ctl = w.highlight_controller
    assert ctl.undo_action.isEnabled()

    ctl.undo_action.trigger()  # Edit → Undo (Ctrl+Z)
    k = _find(w, a_only, b_only)
    assert k is not None and w.analysis().claims.claims[k].verdict == "same"
    assert panel.current_claim() == k
    [kept] = _live_verdicts(w, db)
    assert (kept.verdict, kept.origin) == ("same", "reader")
    ctl.undo_action.trigger()  # the Add pair itself
    assert _find(w, a_only, b_only) is None
    assert _live_verdicts(w, db) == []
    ctl.redo_action.trigger()
    ctl.redo_action.trigger()
    assert _find(w, a_only, b_only) is None
    assert _live_verdicts(w, db) == []
    w.close()


def test_ctrl_z_undoes_the_newest_verdict_before_an_older_highlight(qtbot, settings, tmp_path):
    """Tryout: highlight, then "Same claim", then Ctrl+Z removed the (off-screen) highlight and
    left the verdict."""
    db = str(tmp_path / "notes.sqlite3")
    w = _window(qtbot, settings, db)
    panel, ctl = w.claims_panel, w.highlight_controller
    w.reader("a").select_span(3, 12, scroll=False)
    hid = ctl.highlight_selection("yellow", "a")
    assert hid is not None
    possible = next(c for c in w.analysis().claims.claims if c.tier == "possible")
    panel.select_claim(_find(w, possible.a, possible.b))
    panel.same_button.click()
    assert w.analysis().claims.claims[_find(w, possible.a, possible.b)].verdict == "same"
    assert ctl.undo_action.text() == "Undo Mark the same claim"

    ctl.undo_action.trigger()
    assert w.statusBar().currentMessage() == "Undone: Mark the same claim"
    judged = w.analysis().claims.claims[_find(w, possible.a, possible.b)]
    assert judged.verdict is None and judged.tier == "possible"
    assert ctl.placed(hid) is not None  # the highlight is still there
    assert panel.current_claim() == _find(w, possible.a, possible.b)
    ctl.redo_action.trigger()
    assert w.analysis().claims.claims[_find(w, possible.a, possible.b)].verdict == "same"

    # "Not the same", then "Undo verdict" on it: two steps, undone newest first
    strong = next(c for c in w.analysis().claims.claims if c.tier == "strong" and not c.verdict)
    panel.select_claim(_find(w, strong.a, strong.b))
    panel.reject_button.click()
    panel.select_claim(_find(w, strong.a, strong.b))
    panel.undo_button.click()
    assert w.analysis().claims.claims[_find(w, strong.a, strong.b)].verdict is None
    ctl.undo_action.trigger()  # the undo verdict: rejected again
    assert w.analysis().claims.claims[_find(w, strong.a, strong.b)].verdict == "different"
    ctl.undo_action.trigger()  # the rejection
    assert w.analysis().claims.claims[_find(w, strong.a, strong.b)].verdict is None
    ctl.undo_action.trigger()  # the redone "same claim"
    assert w.analysis().claims.claims[_find(w, possible.a, possible.b)].verdict is None
    assert ctl.placed(hid) is not None
    assert _live_verdicts(w, db) == []
    ctl.undo_action.trigger()  # only now the highlight
    assert ctl.placed(hid) is None
    w.close()


def test_a_verdict_keeps_the_list_still_and_selects_the_claim_that_followed(
    qtbot, settings, tmp_path
):
    """Tryout: after "Not the same" the selection followed the claim down to Rejected and the
    list scrolled (the next click there confirmed another claim); after "Same claim" the row
    jumped to the top and "Claim 2" became "Claim 1". Now, as when archiving mail: the list
    stays where it was and the claim that followed is selected."""
    w = _window(qtbot, settings, str(tmp_path / "notes.sqlite3"))
    panel = w.claims_panel
    bar = panel.tree.verticalScrollBar()
    claims = w.analysis().claims.claims

    def spans(i):
        c = w.analysis().claims.claims[i]
        return (c.a, c.b)

    # "Same claim" on claim 2: claim 3 is selected, still claim 3
    listed = panel.visible_claims()
    second, third = spans(listed[1]), spans(listed[2])
    panel.select_claim(listed[1])
    assert panel.number_of(listed[1]) == 2
    panel.same_button.click()
    assert w.analysis().claims.claims[_find(w, *second)].verdict == "same"
    assert spans(panel.current_claim()) == third
    assert panel.number_of(panel.current_claim()) == 3
    assert w.nav.selected_claim == panel.current_claim()

    # "Not the same" on a claim down the list, scrolled: the list does not move
    listed = panel.visible_claims()
    pos = len(listed) // 2
    judged, following = spans(listed[pos]), spans(listed[pos + 1])
    panel.select_claim(listed[pos])
    before = bar.value()
    assert before > 0  # the list is scrolled: the test means something
    panel.reject_button.click()
    assert w.analysis().claims.claims[_find(w, *judged)].verdict == "different"
    assert spans(panel.current_claim()) == following
    assert bar.value() == before

    # at the end of the list (the one rejected claim), "Same claim": the claim before it is
    # selected ("Undo verdict" there keeps the restored claim selected instead:
    # tests/ui/test_verdict_restore_selects.py)
    listed = panel.visible_claims()
    assert spans(listed[-1]) == judged
    before_last = spans(listed[-2])
    panel.select_claim(listed[-1])
    panel.same_button.click()
    assert w.analysis().claims.claims[_find(w, *judged)].verdict == "same"
    assert spans(panel.current_claim()) == before_last
    assert len(claims) == len(w.analysis().claims.claims)
    w.close()
