"""A verdict changes the claims list in place (``ClaimsPanel._update_claims``: the judged claims'
rows moved, the headings' counts, the Rejected section, the score column) instead of making all
of it again (bench: 70-90 ms of each verdict on 11,262 claims). Whatever the verdicts, their
undo, a pair added, the grouping, the topic filter, the minimum score and the folded headings,
the list is then exactly the one ``set_claims`` makes from scratch: after each step every row's
texts, tooltips, colours, headings (titles, folds, spans), counts and the score column are
compared with a panel that was given the same claims from scratch."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

from diptych.core.compare.claims import VerdictApplier, VerdictSpans
from diptych.core.model import ClaimPair, ClaimsResult
from diptych.ui.claims import update
from diptych.ui.claims.models import POSSIBLE_GROUP, REJECTED_GROUP
from diptych.ui.claims.panel import ClaimsPanel
from helpers.articles import make_article
from helpers.highlights import TOPICS

N = 60  # sentences a side

_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.UserRole,
)


def _pair():
    a = make_article(
        [f"Sentence {i} of A says grain prices rose by {i} percent." for i in range(N)],
        "urn:test:a",
        "A",
    )
    b = make_article(
        [f"Sentence {i} of B says grain prices climbed {i} percent." for i in range(N)],
        "urn:test:b",
        "B",
    )
    topics = ("Economy", "Weather", None)
    claims = []
    for k in range(N - 8):  # the last sentences paired by no claim: for "Add pair"
        j = (k * 7) % (N - 8)
        claims.append(
            ClaimPair(
                a.sentences[k],
                b.sentences[j],
                round(0.95 - 0.9 * k / N, 3) if k % 5 else 0.5,  # ties at 0.5
                topics[k % 3],
                ("grain", "price"),
                ((0, "grain prices "), (-1, "rose"), (1, "climbed")),
                tier="strong" if k % 4 else "possible",
                differs=(("1", "2"),) if k % 6 == 0 else (),
            )
        )
    claims.sort(key=lambda c: (c.tier != "strong", -c.score))
    result = ClaimsResult(
        claims=tuple(claims), only_in_a=tuple(a.sentences[-8:]), only_in_b=tuple(b.sentences[-8:])
    )
    return a, b, result


def _value(v: object) -> object:
    """A role's value as something compared by what it shows."""
    if isinstance(v, QFont):
        return ("font", v.toString())
    if isinstance(v, QBrush):
        return ("brush", v.color().name(QColor.NameFormat.HexArgb), int(v.style().value))
    if isinstance(v, QColor):
        return ("color", v.name(QColor.NameFormat.HexArgb))
    if isinstance(v, QIcon):
        return ("icon", v.pixmap(12, 12).toImage().pixelColor(6, 6).name())
    return v


def _heading_state(p: ClaimsPanel, row: int, fitted: bool) -> tuple:
    h = p.model.index(row, 0)
    title = h.data(Qt.ItemDataRole.DisplayRole)
    return (
        "heading",
        p.model.groups()[row],
        title if fitted else title.startswith("▸"),
        tuple(_value(h.siblingAtColumn(col).data(r)) for col in (0, 1) for r in _ROLES[1:]),
        p.tree.isExpanded(h),
        p.tree.isFirstColumnSpanned(row, QModelIndex()),
    )


def _snapshot(p: ClaimsPanel, *, fitted: bool = True) -> list:
    """All a reader can see of the list (and what the window asks of it); ``fitted`` False:
    the headings' titles as fitted to the list's width left out (their tooltips say them in
    full; a panel in the window is not as wide as one of its size alone)."""
    out: list = []
    for g in range(p.model.rowCount()):
        out.append(_heading_state(p, g, fitted))
        heading = p.model.index(g, 0)
        for r in range(p.model.rowCount(heading)):
            row = p.model.index(r, 0, heading)
            out.append(
                tuple(
                    _value(row.siblingAtColumn(col).data(role)) for col in (0, 1) for role in _ROLES
                )
            )
    out.append(("listed", p.visible_claims()))
    out.append(("score column", p.tree.header().sectionSize(1)))
    out.append(("count", p.count_label.text()))
    out.append(("topics", [p.topic_combo.itemText(i) for i in range(p.topic_combo.count())]))
    out.append(("topic", p.topic_combo.currentData()))
    out.append(("tabs", [p.tabs.tabText(i) for i in range(3)]))
    out.append(("only", p.only_a_model._spans, p.only_b_model._spans))
    # what the in-place update keeps as set_claims counts it (the claims of each topic)
    out.append(("topic counts", p._topic_counts))
    out.append(("unrelated", p.unrelated_label.isVisibleTo(p)))
    return out


def _from_scratch(qtbot, p: ClaimsPanel, result: ClaimsResult) -> ClaimsPanel:
    """A new panel of ``p``'s size given ``result`` with ``p``'s filters and folds."""
    q = ClaimsPanel()
    qtbot.addWidget(q)
    q.resize(p.size())
    q.show()
    q.set_grouped_by_topic(p.grouped_by_topic())
    q.set_min_score(p.min_score())
    q.set_claims(result, p._a, p._b, p._topic_set)
    q.set_topic_filter(p.topic_combo.currentData())
    q._folded = set(p._folded)
    q._apply_filters()
    return q


def _shown_panel(qtbot, height: int) -> ClaimsPanel:
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.resize(520, height)
    p.show()
    qtbot.waitExposed(p)
    return p


@pytest.mark.parametrize(
    ("grouped", "topic", "floor"),
    [(False, None, 0.0), (True, None, 0.0), (False, "Economy", 0.0), (True, "Weather", 0.4)],
)
def test_verdicts_change_the_list_as_making_it_again_would(
    qtbot, monkeypatch, grouped, topic, floor
):
    a, b, engine = _pair()
    p = _shown_panel(qtbot, 640)
    p.set_grouped_by_topic(grouped)
    p.set_claims(engine, a, b, TOPICS)
    p.set_min_score(floor)
    p.set_topic_filter(topic)
    rebuilt: list[int] = []
    rebuild = ClaimsPanel._rebuild_tree
    monkeypatch.setattr(ClaimsPanel, "_rebuild_tree", lambda s: rebuilt.append(1) or rebuild(s))

    applier = VerdictApplier(engine, a, b)
    verdicts: list[VerdictSpans] = []
    history: list[list[VerdictSpans]] = [[]]  # for Ctrl+Z and redo
    undone: list[list[VerdictSpans]] = []
    c = engine.claims

    def give(v: VerdictSpans | None = None, clear: str | None = None) -> None:
        verdicts[:] = [x for x in verdicts if x.key != (v.key if v else clear)]
        if v is not None:
            verdicts.append(v)
        history.append(list(verdicts))
        undone.clear()

    def same(k):
        return VerdictSpans(c[k].a, c[k].b, "same", f"v{k}")

    def different(k):
        return VerdictSpans(c[k].a, c[k].b, "different", f"v{k}")

    strong_mid, possible = len(c) // 3, len(c) - 2
    added = VerdictSpans(a.sentences[-3], b.sentences[-2], "same", "added")
    steps = [
        lambda: give(same(strong_mid)),  # a strong claim confirmed: to the top
        lambda: give(different(5)),  # the first rejection: the Rejected heading
        lambda: give(same(possible)),  # a possible claim confirmed: into the strong ones
        lambda: give(added),  # a pair added
        lambda: give(different(strong_mid)),  # the confirmed one rejected instead
        "fold",  # the reader folds the first heading and the possible claims
        lambda: give(different(possible - 3)),
        "undo",  # Ctrl+Z
        "undo",
        "redo",
        lambda: give(clear="v5"),  # "Undo verdict"
        lambda: give(clear="added"),  # the added pair removed
        "unfold",
        lambda: give(clear=f"v{strong_mid}"),
        "undo",
        "undo",
        "undo",
        "redo",
        lambda: give(same(0)),
    ]
    for n, step in enumerate(steps):
        if step == "undo":
            undone.append(history.pop())
            verdicts[:] = history[-1]
        elif step == "redo":
            history.append(undone.pop())
            verdicts[:] = history[-1]
        elif step == "fold":
            first = p.model.index(0, 0)
            p.tree.setExpanded(first, False)
            for g, (name, _n) in enumerate(p.model.groups()):
                if name in (POSSIBLE_GROUP, REJECTED_GROUP):
                    p.tree.setExpanded(p.model.index(g, 0), False)
            continue
        elif step == "unfold":
            p.tree.setExpanded(p.model.index(0, 0), True)
            continue
        else:
            step()
        result, _keys = applier.apply(verdicts)
        rebuilt.clear()
        p.set_claims(result, a, b, TOPICS)
        assert not rebuilt, f"step {n}: made again"
        q = _from_scratch(qtbot, p, result)
        assert _snapshot(p) == _snapshot(q), f"step {n}"
        q.close()


def test_the_current_claim_and_the_scroll_position_are_kept(qtbot):
    a, b, engine = _pair()
    p = _shown_panel(qtbot, 400)
    p.set_claims(engine, a, b, TOPICS)
    c = engine.claims
    chosen = len(c) // 2
    p.select_claim(chosen)
    bar = p.tree.verticalScrollBar()
    assert bar.value() > 0
    position, top = bar.value(), p.tree.visualRect(p.row_index(chosen)).top()
    selected: list[int] = []
    p.claim_selected.connect(selected.append)
    applier = VerdictApplier(engine, a, b)
    # a claim below it confirmed (to the top of the list: the chosen one a row lower)
    result, _ = applier.apply([VerdictSpans(c[-5].a, c[-5].b, "same", "k")])
    p.set_claims(result, a, b, TOPICS)
    now = p.current_claim()
    assert now is not None and (result.claims[now].a, result.claims[now].b) == (
        c[chosen].a,
        c[chosen].b,
    )
    assert p.tree.visualRect(p.row_index(now)).top() == top  # where the reader saw it
    assert not selected  # not chosen by the reader: nothing said
    # selected again by the window (after a verdict it selects the claim concerned): said
    p.select_claim(now)
    assert selected == [now]
    # the chosen claim itself rejected: it stays current, under Rejected, and says so
    result, _ = applier.apply([VerdictSpans(c[chosen].a, c[chosen].b, "different", "k2")])
    p.set_claims(result, a, b, TOPICS)
    now = p.current_claim()
    assert now is not None and result.claims[now].verdict == "different"
    assert "rejected" in p.detail.toPlainText()
    assert bar.value() == position or p.tree.visualRect(p.row_index(now)).isValid()


def test_another_result_or_many_changes_make_the_list_again(qtbot, monkeypatch):
    a, b, engine = _pair()
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(engine, a, b, TOPICS)
    rebuilt: list[int] = []
    rebuild = ClaimsPanel._rebuild_tree
    monkeypatch.setattr(ClaimsPanel, "_rebuild_tree", lambda s: rebuilt.append(1) or rebuild(s))
    monkeypatch.setattr(update, "UPDATE_LIMIT", 10)
    # every claim a new object (the topics edited): made again
    p.set_claims(replace(engine, claims=tuple(replace(c) for c in engine.claims)), a, b, TOPICS)
    assert rebuilt
    rebuilt.clear()
    # one claim's topic changed to one no claim had: the topic filter's entries change
    claims = list(p.claims())
    claims[3] = replace(claims[3], topic="Budget")
    p.set_claims(replace(engine, claims=tuple(claims)), a, b, TOPICS)
    assert rebuilt
    assert p.topic_combo.findData("Budget") >= 0


@pytest.fixture
def window(qtbot, tmp_path):
    from helpers.window import desk_settings, highlights_loaded, open_seed, shown_window

    w = shown_window(qtbot, desk_settings(tmp_path), db=str(tmp_path / "n.sqlite3"))
    w = open_seed(qtbot, w, until="analysis_shown")
    qtbot.waitUntil(lambda: w.analysis() is not None, timeout=60_000)
    w = highlights_loaded(qtbot, w)
    yield w
    w.close()


@pytest.mark.parametrize("grouped", [False, True])
def test_the_windows_verdicts_and_ctrl_z_leave_the_list_as_made_from_scratch(
    qtbot, monkeypatch, window, grouped
):
    """The seed pair in the window: the buttons, Add pair, Ctrl+Z and redo, a folded heading."""
    w = window
    panel, ctl = w.claims_panel, w.highlight_controller
    panel.set_grouped_by_topic(grouped)
    rebuilt: list[int] = []
    rebuild = ClaimsPanel._rebuild_tree
    monkeypatch.setattr(ClaimsPanel, "_rebuild_tree", lambda s: rebuilt.append(1) or rebuild(s))
    in_place = 0

    def check(label: str) -> None:
        nonlocal in_place
        qtbot.waitUntil(lambda: not w._claim_verdicts.waiting())
        in_place += not rebuilt
        a = w.analysis()
        q = _from_scratch(qtbot, panel, a.claims)
        assert _snapshot(panel, fitted=False) == _snapshot(q, fitted=False), label
        q.close()
        rebuilt.clear()

    def claim(pred) -> int:
        return next(i for i in panel.visible_claims() if pred(panel.claims()[i]))

    def click(button, index: int) -> None:
        panel.select_claim(index)
        panel._hold.stop()
        button.click()

    # the possible claims folded away (a claim chosen under it opens it again, as ever: the
    # folds compared are the list's own, against its record of them)
    g = next(g for g, (name, _n) in enumerate(panel.model.groups()) if name == POSSIBLE_GROUP)
    panel.tree.setExpanded(panel.model.index(g, 0), False)
    rebuilt.clear()
    click(panel.same_button, claim(lambda c: c.tier == "strong" and not c.verdict))
    check("same claim")
    click(panel.reject_button, claim(lambda c: c.tier == "strong" and not c.verdict))
    check("not the same")
    click(panel.same_button, claim(lambda c: c.tier == "possible"))
    check("a possible claim confirmed")
    a_only, b_only = w.analysis().claims.only_in_a[0], w.analysis().claims.only_in_b[0]
    w.reader("a").select_span(a_only.start + 2, a_only.start + 8, scroll=False)
    w.reader("b").select_span(b_only.start + 1, b_only.start + 4, scroll=False)
    panel.add_pair_button.click()
    check("add pair")
    click(panel.undo_button, claim(lambda c: c.verdict == "different"))
    check("undo verdict")
    for n in range(3):
        ctl.undo_action.trigger()  # Ctrl+Z
        check(f"Ctrl+Z {n}")
    ctl.undo_stack.redo()
    check("redo")
    assert in_place >= 6  # the others (a topic's first claim: "(no topic)") made again
