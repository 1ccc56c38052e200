"""The claims panel's detail view and row tooltips with hostile article text (tryout).

Tryout: a sentence "… the \u202emost impoverished nations …" showed in the detail's word diff
as "remains one of the tsom dehsirevopmi": the override reversed the rest of the diff, while
the rows and the panes showed it as U+FFFD. A 600-letter word made a row's tooltip wider than
the screen, cut off at its right edge.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from diptych.core.model import ClaimPair, ClaimsResult
from diptych.ui.claims.panel import ClaimsPanel
from diptych.ui.safe_text import TIP_COLUMNS
from helpers.articles import make_article
from helpers.claims_list import claim_row
from helpers.claims_list import tip as row_tip
from helpers.highlights import TOPICS

ACTING = "\x1b\x07\u202e\u202c\x85\u2066\u2069"
IMG = '<img src="file:///etc/hostname">'
EVIL = f"\u202eevil\u202c \x1b[31mred\x07 \u2066iso\u2069 {IMG}"


def _panel(qtbot, a_text: str, b_text: str, **claim) -> ClaimsPanel:
    a = make_article([a_text, "Other A."], "urn:h:a", "A")
    b = make_article([b_text, "Other B."], "urn:h:b", "B")
    claim.setdefault("shared_terms", ("price",))
    claim.setdefault("diff", ((-1, a_text), (1, b_text)))
    pair = ClaimPair(a.sentences[0], b.sentences[0], 0.9, "Economy", **claim)
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.resize(480, 600)
    panel.set_claims(ClaimsResult(claims=(pair,), only_in_a=(), only_in_b=()), a, b, TOPICS)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_the_detail_view_shows_overrides_and_controls_inertly(qtbot):
    a_text = f"Prices rose {EVIL} today."
    b_text = f"Prices climbed {EVIL} now."
    panel = _panel(
        qtbot,
        a_text,
        b_text,
        shared_terms=("price", "\u202eevil"),
        diff=((0, "Prices "), (-1, "rose"), (1, "climbed"), (0, f" {EVIL} "), (-1, "today.")),
        differs=(("\u202e12", "\u202e34"),),
    )
    panel.select_claim(0)
    shown = panel.detail.toPlainText()
    assert "climbed" in shown and "evil" in shown and IMG in shown  # literal, all of it
    assert not any(c in shown for c in ACTING), repr(shown)
    assert "\ufffdevil\ufffd" in shown


def test_a_rows_tooltip_breaks_a_very_long_word(qtbot):
    word = "Supercalifragilistic" * 30
    panel = _panel(qtbot, f"Prices rose {word} today.", f"Prices climbed {word} now.")
    tip = row_tip(claim_row(panel, 0, 0))
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(tip)
    lines = doc.toPlainText().split("\n")
    assert word[:300] in "".join(lines)  # the word is there, broken across lines
    assert max(len(line) for line in lines) <= TIP_COLUMNS + 4, lines
    assert QApplication.instance() is not None


def test_row_tooltips_are_made_when_asked_for_not_with_the_list(qtbot, monkeypatch):
    """Breaking every row's tooltip into lines up front made building a list of 3,500
    claims (one rebuild per verdict) 70 % slower: a tooltip is made when it is shown."""
    made: list[int] = []
    original = ClaimsPanel._row_tooltip

    def counting(self, c):
        made.append(1)
        return original(self, c)

    monkeypatch.setattr(ClaimsPanel, "_row_tooltip", counting)
    panel = _panel(qtbot, "Prices rose today.", "Prices climbed now.")
    assert made == []
    tip = row_tip(claim_row(panel, 0, 0))
    assert "Prices rose today." in tip and made == [1]


def test_a_very_long_shared_word_is_cut_in_the_details_first_line(qtbot):
    """Tryout: two articles sharing a 2,000-letter word listed it in full after "shared:",
    filling the whole detail view; the word diff and both sentences were screens down."""
    word = "Supercalifragilistic" * 100
    panel = _panel(
        qtbot,
        f"Prices rose {word} today.",
        f"Prices climbed {word} now.",
        shared_terms=(word, "price"),
    )
    panel.select_claim(0)
    first = panel.detail.toPlainText().split("\n")[0]
    assert "shared: Supercalifragilistic" in first and "…, price" in first, first
    assert len(first) < 200, len(first)
