"""Help → Guide explains the claims panel's verdicts and what the panes show of a claim
(tryout: the guide said nothing of "Same claim", "Not the same", "Rejected", "Add pair", the
darker shared fragment or "≠", so a new user met them unexplained)."""

from __future__ import annotations

from importlib import resources

from diptych.ui.claims.panel import ClaimsPanel


def _guide() -> str:
    text = resources.files("diptych.ui.window").joinpath("guide.md").read_text(encoding="utf-8")
    return " ".join(text.split())


def test_the_guide_names_every_button_of_the_claims_panel(qtbot):
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    guide = _guide()
    for button in (
        panel.same_button,
        panel.reject_button,
        panel.undo_button,
        panel.add_pair_button,
        panel.link_button,
    ):
        name = button.text().replace("&", "").removeprefix("✓").strip()
        assert f"*{name}*" in guide, name


def test_the_guide_says_where_rejected_claims_go_and_what_the_marks_mean():
    guide = _guide()
    assert "*Rejected*" in guide
    assert "Linked passages are the same claim" in guide
    assert "≠" in guide and "darker" in guide
