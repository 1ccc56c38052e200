"""A claim the reader confirmed whose sentence is gone from the current text is not dropped in
silence: ``with_verdicts`` names it (the window and ``diptych claims`` say so)."""

from __future__ import annotations

from pathlib import Path

from diptych.core.compare.claims import find_claims
from diptych.core.notes.claim_verdicts import with_verdicts
from diptych.core.notes.store import Store
from helpers.articles import make_article

KEPT = "Mayor Ilse Dorn visited the site on Wednesday and promised an inquiry into safety."
GONE = "Firefighters needed six hours to bring the blaze under control."
TEXT_A = f"A fire broke out in a grain warehouse at the harbour. {GONE} {KEPT}"
TEXT_B = (
    "A large fire destroyed a grain warehouse at the harbour. It took firefighters nearly seven "
    "hours to control the flames. Mayor Ilse Dorn, who toured the ruins on Wednesday, "
    "announced an inquiry into safety."
)


def _span(text: str, quote: str) -> tuple[int, int]:
    i = text.index(quote)
    return i, i + len(quote)


def test_a_confirmed_claim_whose_sentence_was_removed_is_named(tmp_path: Path) -> None:
    a = make_article(TEXT_A, "https://example.org/a", "A")
    b = make_article(TEXT_B, "https://example.org/b", "B")
    b_fire = "It took firefighters nearly seven hours to control the flames."
    b_mayor = TEXT_B[TEXT_B.index("Mayor") :]
    with Store.open(tmp_path / "h.sqlite3", backups=False) as store:
        gone = store.set_verdict(a, _span(TEXT_A, GONE), b, _span(TEXT_B, b_fire), "same")
        store.set_verdict(a, _span(TEXT_A, KEPT), b, _span(TEXT_B, b_mayor), "same")
        edited = make_article(TEXT_A.replace(f" {GONE}", ""), a.id, "A")
        unplaced: list = []
        result, keys = with_verdicts(find_claims(edited, b), edited, b, store, unplaced=unplaced)
    assert [v.id for v in unplaced] == [gone.id]
    assert len(keys) == 1  # the other one is applied as before
    assert any(c.verdict == "same" for c in result.claims)


def test_what_the_reader_is_told_agrees_with_the_count() -> None:
    from diptych.core.notes.claim_verdicts import unplaced_said

    assert unplaced_said(1).startswith("1 claim you confirmed is no longer")
    assert unplaced_said(1).endswith("lists it)")
    assert unplaced_said(3).startswith("3 claims you confirmed are no longer")
    assert unplaced_said(3).endswith("lists them)")
