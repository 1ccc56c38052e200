"""The reader's verdicts on claims in the whole window: confirm, reject, undo, add a pair; kept in
the store and shown again after a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from diptych.core.notes.store import Store
from diptych.ui.main_window import MainWindow

ANALYSIS_TIMEOUT = 60_000


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _window(qtbot, settings, db) -> MainWindow:
    w = MainWindow(settings=settings, db=db)
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    with (
        qtbot.waitSignal(w.highlights_ready, timeout=ANALYSIS_TIMEOUT),
        qtbot.waitSignal(w.analysis_shown, timeout=ANALYSIS_TIMEOUT),
    ):
        w.open_seed_pair()
    qtbot.waitUntil(lambda: w.store is not None, timeout=ANALYSIS_TIMEOUT)
    return w


def _index_of(w: MainWindow, a_start: int, b_start: int) -> int:
    return next(
        i
        for i, c in enumerate(w.analysis().claims.claims)
        if c.a.start == a_start and c.b.start == b_start
    )


def test_verdicts_change_the_claims_and_survive_a_restart(qtbot, settings, tmp_path):
    db = str(tmp_path / "notes.sqlite3")
    w = _window(qtbot, settings, db)
    panel = w.claims_panel
    claims = w.analysis().claims.claims
    possible = next(c for c in claims if c.tier == "possible")
    strong = next(c for c in claims if c.tier == "strong")
    n_bands = len([lk for lk in w.gutter.links() if lk.kind == "claim"])

    # "Same claim" on a possible claim: it becomes strong, with a check, and gets a band
    panel.select_claim(_index_of(w, possible.a.start, possible.b.start))
    assert panel.same_button.isEnabled() and not panel.undo_button.isEnabled()
    panel.same_button.click()
    i = _index_of(w, possible.a.start, possible.b.start)
    c = w.analysis().claims.claims[i]
    assert c.verdict == "same" and c.tier == "strong"
    assert panel._items[i].text(1).startswith("✓ ")
    assert len([lk for lk in w.gutter.links() if lk.kind == "claim"]) == n_bands + 1
    assert panel.current_claim() == i and panel.undo_button.isEnabled()

    # "Not the same" on a strong claim: listed under Rejected, no band, undoable
    panel.select_claim(_index_of(w, strong.a.start, strong.b.start))
    panel.reject_button.click()
    j = _index_of(w, strong.a.start, strong.b.start)
    assert w.analysis().claims.claims[j].verdict == "different"
    rejected = panel.tree.topLevelItem(panel.tree.topLevelItemCount() - 1)
    assert rejected.text(0) == "Rejected (1): you marked them not the same"
    assert ("claim", j) not in {lk.key for lk in w.gutter.links()}
    panel.undo_button.click()
    j = _index_of(w, strong.a.start, strong.b.start)
    assert w.analysis().claims.claims[j].verdict is None
    assert w.analysis().claims.claims[j].tier == "strong"

    # "Add pair…" with a sentence selected in each pane: a claim of the reader's own
    a_only, b_only = w.analysis().claims.only_in_a[0], w.analysis().claims.only_in_b[0]
    w.reader("a").select_span(a_only.start + 2, a_only.start + 8, scroll=False)
    w.reader("b").select_span(b_only.start + 1, b_only.start + 4, scroll=False)
    panel.add_pair_button.click()
    k = _index_of(w, a_only.start, b_only.start)
    added = w.analysis().claims.claims[k]
    assert (added.a, added.b, added.verdict) == (a_only, b_only, "same")
    assert a_only not in w.analysis().claims.only_in_a

    with Store.open(db, backups=False) as store:
        kept = store.verdicts_for(w.article("a").id, w.article("b").id)
    assert sorted(v.origin for v in kept) == ["claim", "reader"]
    w.close()

    # a new window finds both verdicts again
    w2 = MainWindow(settings=settings, db=db)
    qtbot.addWidget(w2)
    w2.show()
    with (
        qtbot.waitSignal(w2.highlights_ready, timeout=ANALYSIS_TIMEOUT),
        qtbot.waitSignal(w2.analysis_shown, timeout=ANALYSIS_TIMEOUT),
    ):
        w2.open_seed_pair()
    qtbot.waitUntil(
        lambda: sum(c.verdict == "same" for c in w2.analysis().claims.claims) == 2,
        timeout=ANALYSIS_TIMEOUT,
    )
    # swapping the panes keeps them
    w2.swap_panes()
    assert sum(c.verdict == "same" for c in w2.analysis().claims.claims) == 2


def _claim_message(w: MainWindow) -> str:
    return w.statusBar().currentMessage()


def test_selection_counts_and_numbers_follow_the_claim_through_reject_and_undo(
    qtbot, settings, tmp_path
):
    """Tryout: after "Not the same" then "Undo verdict" the list selected another row than the
    panes tinted, the tab still counted the rejected claim, and the status bar renumbered the
    same claim (by its index, which verdicts reorder)."""
    from PySide6.QtCore import Qt

    w = _window(qtbot, settings, str(tmp_path / "notes.sqlite3"))
    panel = w.claims_panel
    total = len(w.analysis().claims.claims)
    assert panel.tabs.tabText(0) == f"Claims ({total})"
    first = panel.visible_claims()[0]
    target = w.analysis().claims.claims[first]
    panel.select_claim(first)
    assert _claim_message(w).startswith("Claim 1:")

    def agrees(c) -> None:
        """The list's row, the panes' tint and the window's selected claim are ``c``."""
        i = panel.current_claim()
        assert i is not None and w.nav.selected_claim == i
        shown = w.analysis().claims.claims[i]
        assert (shown.a, shown.b) == (c.a, c.b)
        assert panel.claims()[i] == shown

    panel.reject_button.click()
    agrees(target)
    assert panel.tabs.tabText(0) == f"Claims ({total - 1})"
    assert "1 rejected" in panel.count_label.text()
    assert f"{total - 1} shared claims" in w.status.counts_label.text()
    panel.undo_button.click()
    agrees(target)
    assert panel.tabs.tabText(0) == f"Claims ({total})"
    w.show_claim(panel.current_claim())
    assert _claim_message(w).startswith("Claim 1:")  # the same number as before
    # Alt+Down: the list and the panes show the same claim
    reader = w.reader("a")
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    i = panel.current_claim()
    assert i is not None and w.nav.selected_claim == i
    assert panel.claims()[i] == w.analysis().claims.claims[i]
