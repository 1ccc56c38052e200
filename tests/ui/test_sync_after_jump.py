"""After a jump of the window's own (a claim, a topic), scrolling on goes on from there.

Showing a claim brings its two sentences to the sync lines with the sync suspended; the chain
in use may pair A's sentence with another place of B (a claim whose partner comes in another
order, or a claim near A's top whose partner is deep in B). The reader's next wheel step on A
then made B leap thousands of pixels back to where the chain put it (the seed pair's strong
claims 1, 5, 6 and 7 did; after a topic jump it leaped more than a page). Now B moves on
from the passage shown: by about the wheel step, or more where the chain in use is steep
(one paragraph of A against several of B), but less than a page.
"""

from __future__ import annotations

from helpers.window import open_seed, shown_window

STEP = 40  # about a wheel notch


def _moves_of_b(qtbot, w, show) -> list[int]:
    """How far B moves when A is scrolled a step down, and (after showing again) up."""
    bar_a, bar_b = w.reader("a").verticalScrollBar(), w.reader("b").verticalScrollBar()
    moves = []
    for step in (STEP, -STEP):
        show()
        before = bar_b.value()
        bar_a.setValue(bar_a.value() + step)
        moves.append(bar_b.value() - before)
    return moves


def test_a_wheel_step_after_a_strong_claim_moves_b_a_step(qtbot, settings):
    w = open_seed(qtbot, shown_window(qtbot, settings, size=(1480, 900)))
    w.sync.jump_ms = 0  # a glide would end where the leap goes: measure the leap
    claims = w.analysis().claims.claims
    strong = [i for i, c in enumerate(claims) if c.tier == "strong"]
    assert len(strong) >= 6
    leaps = {}
    for i in strong:
        moves = _moves_of_b(qtbot, w, lambda i=i: w.show_claim(i))
        if max(abs(m) for m in moves) > 3 * STEP:
            leaps[i] = moves
    assert leaps == {}


def test_a_wheel_step_after_a_topic_jump_moves_b_a_step(qtbot, settings):
    w = open_seed(qtbot, shown_window(qtbot, settings, size=(1480, 900)))
    w.sync.jump_ms = 0
    topics = [t.name for t in w.analysis().topics.topic_set.topics]
    page = w.reader("b").verticalScrollBar().pageStep()
    leaps = {}
    for name in topics:
        for k in range(3):  # the first sections, then the next ones
            moves = _moves_of_b(qtbot, w, lambda name=name, k=k: _topic_again(w, name, k))
            if max(abs(m) for m in moves) >= page:
                leaps[(name, k)] = moves
    assert leaps == {}


def _topic_again(w, name: str, k: int) -> None:
    w.nav.reset()
    for _ in range(k + 1):
        w.go_to_topic(name)


def test_a_wheel_step_of_b_after_any_claim_moves_a_its_way_by_less_than_a_page(qtbot, settings):
    """B leading: A followed a claim's pairing back by up to 4,000 px, or moved against the
    wheel (B down, A up 611 px after claim 6)."""
    w = open_seed(qtbot, shown_window(qtbot, settings, size=(1480, 900)))
    w.sync.jump_ms = 0
    bar_a, bar_b = w.reader("a").verticalScrollBar(), w.reader("b").verticalScrollBar()
    page = bar_a.pageStep()
    wrong = {}
    for i in range(len(w.analysis().claims.claims)):
        for step in (STEP, -STEP):
            w.show_claim(i)
            before = bar_a.value()
            bar_b.setValue(bar_b.value() + step)
            moved = bar_a.value() - before
            if moved * step < 0 or abs(moved) >= page:
                wrong[(i, step)] = moved
    assert wrong == {}
