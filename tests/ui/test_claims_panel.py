"""ClaimsPanel: grouping, filters, keyboard navigation, word diff and only-in-A/B lists."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from diptych.ui.claims.panel import ClaimsPanel
from diptych.ui.claims.text import shorten
from helpers.claims_list import claim_row, foreground, shown_rows, text, tip
from helpers.highlights import TOPICS, seedlike_pair


@pytest.fixture
def panel(qtbot):
    a, b, claims = seedlike_pair()
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.resize(480, 600)
    p.set_claims(claims, a, b, TOPICS)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_claims_open_best_first_under_one_strong_heading(panel):
    rows = shown_rows(panel)
    assert not panel.grouped_by_topic()
    assert rows[0] == "Strong claims (4)"
    assert rows[1].startswith("A  Grain prices rose")
    assert "B  In the northern market" in rows[1]
    assert [r[:10] for r in rows[2:]] == ["A  Heavy r", "A  Storm w", "A  The cou"]
    assert text(claim_row(panel, 0, 0), 1) == "0.91"


def test_claims_are_grouped_under_topic_headers_in_topic_set_order_on_request(panel):
    panel.set_grouped_by_topic(True)
    rows = shown_rows(panel)
    assert rows[0].startswith("Economy")
    assert rows[1].startswith("A  Grain prices rose")
    assert "B  In the northern market" in rows[1]
    assert rows[2].startswith("Weather")
    assert rows[-2].startswith("(no topic)")
    assert text(claim_row(panel, 0, 0), 1) == "0.91"
    panel.set_grouped_by_topic(False)
    assert shown_rows(panel)[0] == "Strong claims (4)"


def _mixed_tiers(qtbot):
    a, b, claims = seedlike_pair()
    cs = list(claims.claims)
    # claim 0 (the best score) is only possible; claim 2 differs in a figure
    cs[0] = replace(cs[0], tier="possible")
    cs[2] = replace(cs[2], differs=(("", "violent"),))
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(replace(claims, claims=tuple(cs)), a, b, TOPICS)
    return p


def test_possible_claims_come_last_under_their_own_greyed_heading(qtbot):
    p = _mixed_tiers(qtbot)
    rows = shown_rows(p)
    assert rows[0] == "Strong claims (3)"
    assert rows[4].startswith("Possible claims (1)")
    assert rows[5].startswith("A  Grain prices rose")
    assert p.visible_claims() == [1, 2, 3, 0]
    possible = claim_row(p, 1, 0)
    strong = claim_row(p, 0, 0)
    assert foreground(p, possible) != foreground(p, strong)
    p.set_grouped_by_topic(True)  # topic groups hold strong claims; possible still last
    assert shown_rows(p)[-2].startswith("Possible claims (1)")


def test_a_possible_claim_says_why_in_its_detail_and_tooltip(qtbot):
    a, b, claims = seedlike_pair()
    cs = list(claims.claims)
    cs[0] = replace(cs[0], tier="possible", doubts=("scattered", "model"))
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(replace(claims, claims=tuple(cs)), a, b, TOPICS)
    p.select_claim(0)
    detail = p.detail.toPlainText()
    assert (
        "possible: the shared words are scattered, not one shared statement; "
        "the rest of the two sentences differs too much" in detail
    )
    said = " ".join(tip(claim_row(p, 1, 0)).split())  # the tip's lines are broken to fit
    assert said.endswith(
        "possible: the shared words are scattered, not one shared statement; the rest of the two "
        "sentences differs too much</p>"
    )
    p.select_claim(1)  # a strong claim has no doubts to tell
    assert "possible" not in p.detail.toPlainText()
    assert "possible" not in tip(claim_row(p, 0, 0))


def test_a_differing_figure_is_marked_on_the_row_and_named_in_the_detail(qtbot):
    p = _mixed_tiers(qtbot)
    assert text(p.row_index(2), 1) == "0.55 ≠"
    p.select_claim(2)
    assert "differs: B says violent where A gives no other figure or date" in p.detail.toPlainText()


def test_rows_show_the_shared_fragment_of_a_long_sentence(qtbot):
    a, b, claims = seedlike_pair()
    c = claims.claims[0]
    core = replace(c, a_core=type(c.a)(c.a.start, c.a.start + len("Grain prices rose")))
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(replace(claims, claims=(core,)), a, b, TOPICS)
    assert shown_rows(p)[1].startswith("A  Grain prices rose…\nB  ")


def test_topic_filter_shows_only_that_topics_claims(panel):
    panel.set_topic_filter("Weather")
    rows = shown_rows(panel)
    assert rows[0] == "Strong claims (2)"
    assert [r[:10] for r in rows[1:]] == ["A  Heavy r", "A  Storm w"]
    assert panel.visible_claims() == [1, 2]
    panel.set_grouped_by_topic(True)
    assert shown_rows(panel)[0].startswith("Weather")
    assert panel.tabs.tabText(0) == "Claims (2)"


def test_minimum_score_slider_hides_weaker_claims(panel):
    panel.score_slider.setValue(60)
    assert panel.score_label.text() == "≥ 0.60"
    assert panel.visible_claims() == [0, 1]
    rows = shown_rows(panel)
    assert not any(r.startswith("(no topic)") for r in rows)  # empty group hidden
    panel.set_topic_filter("Weather")
    assert panel.visible_claims() == [1]
    panel.score_slider.setValue(0)
    assert panel.visible_claims() == [1, 2]


def test_down_and_up_keys_move_through_claims_skipping_headers(panel, qtbot):
    got: list[int] = []
    panel.claim_selected.connect(got.append)
    panel.tree.setFocus()
    panel.select_claim(0)
    for _ in range(4):
        qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    assert got == [0, 1, 2, 3]  # the last Down at the end emits nothing new
    qtbot.keyClick(panel.tree, Qt.Key.Key_Up)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Up)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Up)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Up)
    assert got == [0, 1, 2, 3, 2, 1, 0]
    assert panel.current_claim() == 0


def test_keyboard_navigation_skips_filtered_claims(panel, qtbot):
    got: list[int] = []
    panel.claim_selected.connect(got.append)
    panel.set_min_score(0.5)
    panel.select_claim(0)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    assert got == [0, 1, 2]


def _fragments(doc):
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            yield frag.text(), frag.charFormat()
            it += 1
        block = block.next()


def test_detail_view_strikes_a_only_words_and_underlines_b_only_words(panel):
    panel.select_claim(0)
    frags = list(_fragments(panel.detail.document()))
    struck = " ".join(t for t, f in frags if f.fontStrikeOut())
    added = " ".join(t for t, f in frags if f.fontUnderline() and not f.isAnchor())
    assert "rose by" in struck and "northern market last week" in struck
    assert "climbed" not in struck and "climbed" in added
    assert "Grain prices" not in struck and "Grain prices" not in added
    assert panel.link_button.isEnabled()


def test_link_these_button_asks_to_link_the_current_claim(panel, qtbot):
    panel.select_claim(2)
    with qtbot.waitSignal(panel.link_claim_requested) as sig:
        qtbot.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    assert sig.args == [2]


def test_only_in_a_and_b_tabs_list_sentences_and_request_jumps(panel, qtbot):
    _a, _b, claims = seedlike_pair()
    assert panel.tabs.tabText(1) == "Only in A (1)"
    panel.tabs.setCurrentIndex(1)
    first = panel.only_a.model().index(0, 0)
    assert first.data() == "Fishermen stayed in port for three days."
    rect = panel.only_a.visualRect(first)
    assert panel.only_a.viewport().rect().contains(rect.center())
    with qtbot.waitSignal(panel.jump_requested) as sig:
        qtbot.mouseClick(panel.only_a.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    span = claims.only_in_a[0]
    assert sig.args == ["a", span.start, span.end]
    panel.tabs.setCurrentIndex(2)
    assert panel.only_b.model().index(0, 0).data() == "A local bakery won a national prize."
    assert panel.only_b.model().rowCount() == len(claims.only_in_b)


def test_selecting_a_filtered_out_claim_widens_the_filters(panel):
    panel.set_topic_filter("Economy")
    assert panel.select_claim(3, emit=False)
    assert 3 in panel.visible_claims()
    assert panel.current_claim() == 3
    assert not panel.select_claim(99)


def test_unrelated_articles_are_said_to_be_unrelated(panel):
    assert panel.unrelated_label.isHidden()
    a, b, claims = seedlike_pair()
    panel.set_claims(replace(claims, claims=(), related=False), a, b, TOPICS)
    assert panel.unrelated_label.isVisible()
    assert "look unrelated" in panel.unrelated_label.text()
    panel.set_claims(claims, a, b, TOPICS)  # the next pair is related again
    assert panel.unrelated_label.isHidden()


def test_shorten_cuts_at_a_word_and_adds_an_ellipsis():
    s = shorten("word " * 60, 50)
    assert len(s) <= 50 and s.endswith("…") and not s.endswith(" …")
    assert shorten("  short\n text ") == "short text"


def test_a_new_palette_recolours_the_greyed_rows(qtbot):
    from PySide6.QtGui import QColor, QPalette

    p = _mixed_tiers(qtbot)
    pal = QPalette(p.palette())
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#123456"))
    p.setPalette(pal)
    possible = p.row_index(0)  # claim 0 is the possible one
    assert foreground(p, possible) == QColor("#123456")


def test_the_count_line_is_never_cut_by_the_buttons_beside_it(qtbot):
    """Tryout (1000×700, side panel shown by F9, 300 px wide): "31 claims · 1 rejected" read
    "31 claims · 1 rejecte", cut by the Add pair and Link these buttons beside it."""
    from PySide6.QtWidgets import QApplication, QWidget

    a, b, claims = seedlike_pair()
    rejected = replace(claims.claims[0], verdict="different")
    holder = QWidget()  # a child is laid out at the width it is given, as in the dock
    qtbot.addWidget(holder)
    p = ClaimsPanel(holder)
    p.set_claims(replace(claims, claims=(rejected, *claims.claims[1:])), a, b, TOPICS)
    holder.resize(300, 600)
    p.setGeometry(0, 0, 290, 600)
    holder.show()
    qtbot.waitExposed(holder)
    p.score_slider.setValue(60)  # "N of M claims · 1 rejected": the longest count line
    QApplication.processEvents()
    label = p.count_label
    assert " of " in label.text() and "1 rejected" in label.text()
    # on one line (wrapped, it took two at 1000×700): a shorter wording with the same numbers,
    # the whole line in its tooltip
    shown = label.shown_text()
    needed = label.fontMetrics().horizontalAdvance(shown)
    assert label.contentsRect().width() >= needed, (label.width(), needed, shown)
    assert "1 rejected" in shown and "…" not in shown, shown
    assert label.toolTip() == label.text()
