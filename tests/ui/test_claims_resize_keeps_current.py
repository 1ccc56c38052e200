"""Made shorter (the window, or the splitter between the list and the detail), the claims list
keeps the chosen claim in view when it was in view (tryout: the claim chosen near the bottom of
the list was left below it, out of sight, while the detail and both panes still showed it)."""

from __future__ import annotations

from dataclasses import replace

from diptych.ui.claims.panel import ClaimsPanel
from helpers.highlights import TOPICS, seedlike_pair


def _in_view(p: ClaimsPanel, claim: int) -> bool:
    rect = p.tree.visualRect(p.row_index(claim))
    return rect.isValid() and p.tree.viewport().rect().contains(rect)


def test_a_shorter_list_keeps_the_chosen_claim_in_view(qtbot):
    a, b, claims = seedlike_pair()
    many = tuple(
        replace(c, score=round(0.9 - 0.8 * k / 20, 3)) for k in range(20) for c in claims.claims
    )
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(replace(claims, claims=many), a, b, TOPICS)
    p.resize(480, 900)
    p.show()
    qtbot.waitExposed(p)
    # the last claim wholly in view, near the list's bottom
    height = p.tree.viewport().height()
    shown = [i for i in p.visible_claims() if _in_view(p, i)]
    chosen = shown[-1]
    assert p.tree.visualRect(p.row_index(chosen)).bottom() > height // 2
    p.select_claim(chosen)
    for tall in (700, 520, 420):
        p.resize(480, tall)
        qtbot.wait(10)
        assert p.current_claim() == chosen
        assert _in_view(p, chosen), tall
    # one out of view stays where the reader scrolled the list
    p.tree.verticalScrollBar().setValue(0)
    assert not _in_view(p, chosen)
    p.resize(480, 400)
    assert p.tree.verticalScrollBar().value() == 0
