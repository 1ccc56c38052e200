"""The reader's verdicts on claims in the whole window: confirm, reject, undo, add a pair; kept in
the store and shown again after a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from diptych.core.notes.store import Store
from diptych.ui.main_window import MainWindow
from helpers.claims_list import headings, text, tip
from helpers.window import window_on_pair

ANALYSIS_TIMEOUT = 60_000


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _window(qtbot, settings, db) -> MainWindow:
    return window_on_pair(qtbot, settings, db)


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
    assert text(panel.row_index(i), 1).startswith("✓ ")
    assert len([lk for lk in w.gutter.links() if lk.kind == "claim"]) == n_bands + 1
    assert panel.current_claim() != i  # the claim that followed it is selected
    panel.select_claim(i)
    assert panel.undo_button.isEnabled()

    # "Not the same" on a strong claim: listed under Rejected, no band, undoable
    panel.select_claim(_index_of(w, strong.a.start, strong.b.start))
    panel.reject_button.click()
    j = _index_of(w, strong.a.start, strong.b.start)
    assert w.analysis().claims.claims[j].verdict == "different"
    rejected = headings(panel)[-1]
    assert text(rejected).startswith("Rejected (1)")  # explained in full when it fits
    assert "Rejected (1): you marked them not the same" in tip(rejected)
    assert ("claim", j) not in {lk.key for lk in w.gutter.links()}
    panel.select_claim(j)
    panel.undo_button.click()
    j = _index_of(w, strong.a.start, strong.b.start)
    assert w.analysis().claims.claims[j].verdict is None
    assert w.analysis().claims.claims[j].tier == "strong"

    # "Add pair" with a sentence selected in each pane: a claim of the reader's own
    a_only, b_only = w.analysis().claims.only_in_a[0], w.analysis().claims.only_in_b[0]
    w.reader("a").select_span(a_only.start + 2, a_only.start + 8, scroll=False)
    w.reader("b").select_span(b_only.start + 1, b_only.start + 4, scroll=False)
    panel.add_pair_button.click()
    k = _index_of(w, a_only.start, b_only.start)
    added = w.analysis().claims.claims[k]
    assert (added.a, added.b, added.verdict) == (a_only, b_only, "same")
    assert a_only not in w.analysis().claims.only_in_a
    # its row says whose it is, not a score of 1.00 the engine never gave
    assert added.added and text(panel.row_index(k), 1) == "✓ yours"
    assert "You added this pair" in tip(panel.row_index(k), 1)
    panel.select_claim(k)
    detail = panel.detail.toPlainText()
    assert "a pair you added" in detail and "score 1.00" not in detail

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


def test_hundreds_of_verdicts_are_applied_off_the_ui_thread(qtbot, settings, tmp_path, monkeypatch):
    import random
    import threading

    import diptych.core.notes.claim_verdicts as cv
    from diptych.core.reading.articles import load_seed_pair
    from diptych.ui.claim_verdicts import SYNC_LIMIT

    a, b = load_seed_pair()
    rng = random.Random(5)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < 500:
        pairs.add((rng.randrange(len(a.sentences)), rng.randrange(len(b.sentences))))
    db = str(tmp_path / "notes.sqlite3")
    with Store.open(db, backups=False) as store:
        for i, j in sorted(pairs):
            sa, sb = a.sentences[i], b.sentences[j]
            verdict = "same" if (i + j) % 3 else "different"
            store.set_verdict(a, (sa.start, sa.end), b, (sb.start, sb.end), verdict)
    assert len(pairs) > SYNC_LIMIT
    threads: list[threading.Thread] = []
    real = cv.with_verdicts

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(cv, "with_verdicts", recording)
    w = _window(qtbot, settings, db)
    qtbot.waitUntil(
        lambda: (
            not w._claim_verdicts.waiting()
            and any(c.verdict is not None for c in w.analysis().claims.claims)
        ),
        timeout=ANALYSIS_TIMEOUT,
    )
    assert threads and all(t is not threading.main_thread() for t in threads)
    judged = [c for c in w.analysis().claims.claims if c.verdict is not None]
    assert len(judged) > 100
    # a verdict given now is applied off the UI thread too, then shown and selected
    panel = w.claims_panel
    target = next(c for c in w.analysis().claims.claims if c.verdict is None)
    panel.select_claim(_index_of(w, target.a.start, target.b.start))
    n_threads = len(threads)
    with qtbot.waitSignal(w._claim_verdicts.applied, timeout=ANALYSIS_TIMEOUT):
        panel.same_button.click()
    assert len(threads) > n_threads
    assert all(t is not threading.main_thread() for t in threads)
    i = _index_of(w, target.a.start, target.b.start)
    assert w.analysis().claims.claims[i].verdict == "same"
    assert panel.current_claim() is not None and panel.current_claim() != i  # the next one
    w.close()


def test_a_link_between_passages_becomes_the_readers_claim(qtbot, settings, tmp_path):
    from PySide6.QtWidgets import QMenu

    db = str(tmp_path / "notes.sqlite3")
    w = _window(qtbot, settings, db)
    qtbot.waitUntil(
        lambda: w.highlight_controller is not None and not w.highlight_controller.is_loading(),
        timeout=ANALYSIS_TIMEOUT,
    )
    ctl = w.highlight_controller
    a_only, b_only = w.analysis().claims.only_in_a[0], w.analysis().claims.only_in_b[0]
    assert ctl.link_spans(
        (a_only.start + 2, a_only.start + 12), (b_only.start + 1, b_only.start + 9)
    )
    menu = QMenu()
    ctl.pane_events.fill_context_menu("a", menu, a_only.start + 4)
    action = next(a for a in menu.actions() if a.text() == "Linked passages are the same claim")
    action.trigger()
    k = _index_of(w, a_only.start, b_only.start)
    claim = w.analysis().claims.claims[k]
    assert (claim.a, claim.b, claim.verdict, claim.tier) == (a_only, b_only, "same", "strong")
    assert w.claims_panel.current_claim() == k
    with Store.open(db, backups=False) as store:
        [kept] = store.verdicts_for(w.article("a").id, w.article("b").id)
    assert kept.origin == "reader" and kept.verdict == "same"
    # an unlinked highlight offers no such entry
    b2 = w.analysis().claims.only_in_a[1]
    w.reader("a").select_span(b2.start + 1, b2.start + 6, scroll=False)
    ctl.highlight_selection("yellow", "a")
    menu2 = QMenu()
    ctl.pane_events.fill_context_menu("a", menu2, b2.start + 3)
    assert "Linked passages are the same claim" not in [a.text() for a in menu2.actions()]
    assert "Delete highlight" in [a.text() for a in menu2.actions()]
    w.close()


def test_the_highlights_tab_makes_a_linked_row_a_claim(qtbot, settings, tmp_path):
    db = str(tmp_path / "notes.sqlite3")
    w = _window(qtbot, settings, db)
    qtbot.waitUntil(
        lambda: w.highlight_controller is not None and not w.highlight_controller.is_loading(),
        timeout=ANALYSIS_TIMEOUT,
    )
    ctl = w.highlight_controller
    a_only, b_only = w.analysis().claims.only_in_a[1], w.analysis().claims.only_in_b[1]
    assert ctl.link_spans(
        (a_only.start + 1, a_only.start + 9), (b_only.start + 2, b_only.start + 8)
    )
    panel = w.highlights_panel
    qtbot.waitUntil(lambda: len(panel.rows()) == 2, timeout=ANALYSIS_TIMEOUT)
    hid = next(r.id for r in panel.rows() if r.side == "b")
    menu = panel.context_menu_for(panel.model.index_of(hid))
    assert menu is not None
    [action] = menu.actions()
    assert action.text() == "Linked passages are the same claim"
    action.trigger()
    k = _index_of(w, a_only.start, b_only.start)
    assert w.analysis().claims.claims[k].verdict == "same"
    # an unlinked row has no menu
    w.reader("a").select_span(a_only.start + 12, a_only.start + 16, scroll=False)
    ctl.highlight_selection("green", "a")
    qtbot.waitUntil(lambda: len(panel.rows()) == 3, timeout=ANALYSIS_TIMEOUT)
    lone = next(r.id for r in panel.rows() if not r.linked_quote)
    assert panel.context_menu_for(panel.model.index_of(lone)) is None
    w.close()


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
    first, second = panel.visible_claims()[:2]
    target = w.analysis().claims.claims[first]
    following = w.analysis().claims.claims[second]
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
    agrees(following)  # the claim that followed it in the list
    assert panel.tabs.tabText(0) == f"Claims ({total - 1})"
    assert "1 rejected" in panel.count_label.text()
    assert f"{total - 1} shared claims" in w.status.counts_label.text()
    rejected = next(i for i, c in enumerate(panel.claims()) if c.verdict == "different")
    panel.select_claim(rejected)
    agrees(target)
    panel.undo_button.click()
    agrees(target)  # restored, it stays selected (tests/ui/test_verdict_restore_selects.py)
    panel.select_claim(next(i for i, c in enumerate(panel.claims()) if c == target))
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
