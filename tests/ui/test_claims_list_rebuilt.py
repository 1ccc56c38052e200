"""The claims list made again (a verdict, a filter, the grouping) on a long pair: only the
rows in view are made, and the reader's place (the selected claim) is kept."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt

from diptych.ui.claims.panel import ClaimsPanel
from helpers.articles import make_article
from helpers.claims_list import text
from helpers.highlights import TOPICS, seedlike_pair

N_COPIES = 400  # of the seed-like pair's claims: some thousands of rows


def _long_pair():
    a, b, claims = seedlike_pair()
    many = tuple(
        replace(c, score=round(0.9 - 0.8 * k / N_COPIES, 3), tier="strong" if k % 3 else "possible")
        for k in range(N_COPIES)
        for c in claims.claims
    )
    return a, b, replace(claims, claims=many)


def _shown(qtbot, p: ClaimsPanel) -> ClaimsPanel:
    p.resize(480, 600)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_a_long_list_made_again_formats_only_the_rows_in_view(qtbot, monkeypatch):
    """Bench (11,262 claims of a 3 MB pair): every verdict, filter or grouping made a widget
    item with its texts for each claim, 0.5-0.9 s on the UI thread each time."""
    made: list[int] = []
    row_text = ClaimsPanel._row_text

    def counting(self, c):
        made.append(1)
        return row_text(self, c)

    monkeypatch.setattr(ClaimsPanel, "_row_text", counting)
    a, b, claims = _long_pair()
    p = ClaimsPanel()
    qtbot.addWidget(p)
    _shown(qtbot, p)
    for step in (
        lambda: p.set_claims(claims, a, b, TOPICS),  # the pair shown, then a verdict
        lambda: p.set_claims(claims, a, b, TOPICS),
        lambda: p.set_min_score(0.3),
        lambda: p.set_grouped_by_topic(True),
        lambda: p.set_topic_filter("Weather"),
    ):
        step()
        p.tree.viewport().grab()  # the rows in view painted
    assert len(claims.claims) > 1000
    assert 0 < len(made) < 100, len(made)  # the rows in view, not the thousands below


def test_a_filter_or_the_grouping_keeps_the_selected_claim_until_it_hides_it(qtbot):
    a, b, claims = _long_pair()
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(claims, a, b, TOPICS)
    _shown(qtbot, p)
    listed = p.visible_claims()
    chosen = next(i for i in listed if 0.55 < claims.claims[i].score < 0.8)
    p.select_claim(chosen)
    detail = p.detail.toPlainText()
    selected: list[int] = []
    hidden: list[bool] = []
    p.claim_selected.connect(selected.append)
    p.selection_hidden.connect(lambda: hidden.append(True))

    def still_chosen() -> None:
        assert p.current_claim() == chosen
        current = p.tree.currentIndex()
        assert p.tree.selectionModel().isSelected(current)
        assert current.siblingAtColumn(0) == p.row_index(chosen)
        assert p.detail.toPlainText() == detail
        assert p.same_button.isEnabled()

    p.set_min_score(0.2)
    still_chosen()
    p.set_grouped_by_topic(True)
    still_chosen()
    p.set_topic_filter(claims.claims[chosen].topic)
    still_chosen()
    p.set_grouped_by_topic(False)
    still_chosen()
    assert selected == [] and hidden == []  # kept, not chosen again
    # Down goes on from it, to the claim listed next
    p.tree.setFocus()
    listed = p.visible_claims()
    qtbot.keyClick(p.tree, Qt.Key.Key_Down)
    assert selected == [listed[listed.index(chosen) + 1]]
    p.select_claim(chosen)
    selected.clear()

    p.set_min_score(claims.claims[chosen].score + 0.05)  # now it is filtered out
    assert hidden == [True] and selected == []
    assert p.current_claim() is None and not p.tree.currentIndex().isValid()
    assert p.detail.toPlainText() == "" and not p.same_button.isEnabled()


def test_another_pair_with_the_same_spans_shows_its_own_words(qtbot):
    a, b, claims = seedlike_pair()
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(claims, a, b, TOPICS)
    _shown(qtbot, p)
    first = p.visible_claims()[0]
    assert text(p.row_index(first)).startswith("A  Grain prices rose")
    other_a = make_article(a.text.replace("Grain", "Wheat"))
    p.set_claims(claims, other_a, b, TOPICS)
    p.tree.viewport().grab()
    assert text(p.row_index(first)).startswith("A  Wheat prices rose")


def test_a_heading_double_clicked_folds_and_stays_folded_under_another_filter(qtbot):
    a, b, claims = _long_pair()
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(claims, a, b, TOPICS)
    _shown(qtbot, p)
    strong = p.model.index(0, 0)
    assert text(strong).startswith("Strong claims")
    at = p.tree.visualRect(strong).center()
    qtbot.mouseClick(p.tree.viewport(), Qt.MouseButton.LeftButton, pos=at)  # a double click
    qtbot.mouseDClick(p.tree.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert not p.tree.isExpanded(strong)
    p.set_min_score(0.3)
    strong = p.model.index(0, 0)
    assert "Strong claims" in text(strong) and not p.tree.isExpanded(strong)
    possible = p.model.index(1, 0)
    assert p.tree.isExpanded(possible)
    p.set_claims(claims, a, b, TOPICS)  # made again (a verdict): still folded
    assert not p.tree.isExpanded(p.model.index(0, 0))
    assert p.tree.isExpanded(p.model.index(1, 0))
    a2, b2, claims2 = _long_pair()  # another pair: all open
    p.set_claims(claims2, a2, b2, TOPICS)
    assert all(p.tree.isExpanded(p.model.index(g, 0)) for g in range(p.model.rowCount()))


def test_all_topics_again_asks_the_model_for_each_row_once(qtbot, monkeypatch):
    """Bench (11,262 claims): "All topics" took as long again as the list needs to be laid
    out: a heading spanned before the layout made the view ask the model for every row's
    index a second time (to look it up among the spanned headings). The headings are spanned
    after the layout now: each row is asked for once, and they still span the list's width."""
    from diptych.ui.claims.models import ClaimsModel

    asked: list[int] = []
    index = ClaimsModel.index

    def counted(self, row, column, parent=QModelIndex()):  # noqa: B008
        asked.append(row)
        return index(self, row, column, parent)

    # (before the model is made: Qt's calls into Python find the method then)
    monkeypatch.setattr(ClaimsModel, "index", counted)
    a, b, claims = _long_pair()
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(claims, a, b, TOPICS)
    _shown(qtbot, p)
    p.topic_combo.setCurrentIndex(1)  # one topic
    asked.clear()
    p.topic_combo.setCurrentIndex(0)  # all topics again
    rows = len(p.visible_claims()) + p.model.rowCount()
    assert rows > 1000
    assert len(asked) < 1.2 * rows, (len(asked), rows)  # was 2 x rows
    for g in range(p.model.rowCount()):
        heading = p.model.index(g, 0)
        assert p.tree.isFirstColumnSpanned(g, QModelIndex())
        if p.tree.visualRect(heading).isValid():  # laid out as spanned: the list's width
            assert p.tree.visualRect(heading).width() == p.tree.header().length()
