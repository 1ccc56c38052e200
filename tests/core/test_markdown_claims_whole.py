"""The Markdown notes give each confirmed claim's two sentences whole: they are quoted nowhere
else in the file, so a claim cut to 80 characters lost what it says."""

from __future__ import annotations

from pathlib import Path

from diptych.core.notes.interchange import export_markdown
from diptych.core.notes.store import Store
from helpers.articles import make_article

A_SAYS = (
    "Investigators will examine the electrical wiring, which dock workers had complained "
    "about for months."
)
B_SAYS = (
    "The union representing dock workers said it had warned for months about faulty "
    "electrical wiring in the harbour buildings."
)
TEXT_A = "A fire broke out in a grain warehouse. " + A_SAYS
TEXT_B = B_SAYS + " Management ignored the warnings, a union spokesman said."


def test_a_confirmed_claims_long_sentences_are_exported_whole(tmp_path: Path) -> None:
    """Tryout: "“…which dock workers had compla…” ↔ “…warned for months about faulty …”"."""
    a = make_article(TEXT_A, "https://example.org/fire-a", "Fire A")
    b = make_article(TEXT_B, "https://example.org/fire-b", "Fire B")
    with Store.open(tmp_path / "h.sqlite3") as store:
        i, j = TEXT_A.index(A_SAYS), TEXT_B.index(B_SAYS)
        store.set_verdict(a, (i, i + len(A_SAYS)), b, (j, j + len(B_SAYS)), "same")
        md = export_markdown(store, [a, b])
    _head, confirmed = md.split("## Claims you confirmed", 1)
    assert f"“{A_SAYS}” (*Fire A*) ↔ “{B_SAYS}” (*Fire B*)" in confirmed
    assert "…" not in confirmed
