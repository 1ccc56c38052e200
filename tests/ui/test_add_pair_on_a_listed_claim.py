""" "Add pair" on the sentences of a claim the engine lists already: that claim is marked the
same claim (not a pair of the reader's own), and Ctrl+Z puts back the verdict it had."""

from __future__ import annotations

from diptych.core.notes.store import Store
from diptych.ui.main_window import MainWindow
from helpers.window import highlights_loaded, open_seed, shown_window

ANALYSIS_TIMEOUT = 60_000


def _window(qtbot, settings, db) -> MainWindow:
    w = shown_window(qtbot, settings, db=db, size=(1480, 900))
    w = open_seed(qtbot, w, until="analysis_shown")
    qtbot.waitUntil(lambda: w.analysis() is not None, timeout=ANALYSIS_TIMEOUT)
    return highlights_loaded(qtbot, w)


def _find(w: MainWindow, a, b) -> int:
    return next(i for i, c in enumerate(w.analysis().claims.claims) if (c.a, c.b) == (a, b))


def _select_inside(w: MainWindow, claim) -> None:
    """A few words inside each of the claim's sentences selected, as a reader does."""
    w.reader("a").select_span(claim.a.start + 2, claim.a.start + 12, scroll=False)
    w.reader("b").select_span(claim.b.start + 2, claim.b.start + 12, scroll=False)


def test_add_pair_on_a_listed_claim_marks_that_claim(qtbot, settings, tmp_path):
    """Tryout: the sentences of the first strong claim selected, Add pair: the status bar said
    "Added as a claim of your own" while the panel said "✓ same claim (your verdict)", and the
    Markdown export called it "a pair you added"."""
    db = str(tmp_path / "notes.sqlite3")
    w = _window(qtbot, settings, db)
    panel = w.claims_panel
    claim = next(c for c in w.analysis().claims.claims if c.tier == "strong")
    n = len(w.analysis().claims.claims)
    _select_inside(w, claim)
    panel.add_pair_button.click()
    i = _find(w, claim.a, claim.b)
    judged = w.analysis().claims.claims[i]
    assert judged.verdict == "same" and not judged.added
    assert len(w.analysis().claims.claims) == n
    assert panel.current_claim() == i
    assert "of your own" not in w.statusBar().currentMessage()
    with Store.open(db, backups=False) as store:
        kept = store.verdicts_for(w.article("a").id, w.article("b").id)
    assert [v.origin for v in kept] == ["claim"]
    w.close()


def test_add_pair_on_a_rejected_claim_and_ctrl_z_rejects_it_again(qtbot, settings, tmp_path):
    """Ctrl+Z after Add pair on a claim the reader had rejected deleted its verdict (the
    claim came back as never judged) instead of putting the rejection back."""
    w = _window(qtbot, settings, str(tmp_path / "notes.sqlite3"))
    panel, ctl = w.claims_panel, w.highlight_controller
    claim = next(c for c in w.analysis().claims.claims if c.tier == "strong")
    panel.select_claim(_find(w, claim.a, claim.b))
    panel.reject_button.click()
    assert w.analysis().claims.claims[_find(w, claim.a, claim.b)].verdict == "different"
    _select_inside(w, claim)
    panel.add_pair_button.click()
    assert w.analysis().claims.claims[_find(w, claim.a, claim.b)].verdict == "same"
    ctl.undo_action.trigger()
    assert w.analysis().claims.claims[_find(w, claim.a, claim.b)].verdict == "different"
    ctl.redo_action.trigger()
    assert w.analysis().claims.claims[_find(w, claim.a, claim.b)].verdict == "same"
    w.close()
