"""Moving both panes to what the reader asked for: a topic's next section, a claim (from the
list, the gutter or Alt+Down/Up), a passage, a pair of linked passages.

``Navigator`` scrolls the panes (with the sync suspended: each pane goes to its own place on
its sync line; when a passage near the start keeps one pane at its top, the other starts at
its top too if its passage still shows, so no heading is cut at the start) and marks the
place briefly; it remembers the selected claim and the section
cursor of each topic. It asks the window for what it needs through the constructor's
arguments and says what it did in the status bar (``message``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCharFormat

from diptych.core.model import ClaimPair
from diptych.ui.link_gutter import LinkGutter
from diptych.ui.reader_pane import SYNC_FRACTION, ReaderPane
from diptych.ui.sync_scroll import ScrollSync
from diptych.ui.theme import tint
from diptych.ui.topic_bar import TopicBar, chip_name
from diptych.ui.window.pair_session import SIDES, PairSession, other_side

if TYPE_CHECKING:
    from diptych.ui.claims.panel import ClaimsPanel


def claim_status(name: str, claim: ClaimPair) -> str:
    """The status bar's line for a chosen claim: "Claim 9 (possible): score 0.70, topic coup",
    the topic named as its chip names it (a 2,000-letter name filled the bar)."""
    topic = f", topic {chip_name(claim.topic)}" if claim.topic else ""
    return f"{name}: score {claim.score:.2f}{topic}"


class Navigator(QObject):
    """Topic, claim and passage jumps for both panes (see the module docstring)."""

    def __init__(
        self,
        pair: PairSession,
        readers: Mapping[str, ReaderPane],
        sync: ScrollSync,
        topic_bar: TopicBar,
        gutter: LinkGutter,
        claims_panel: Callable[[], ClaimsPanel],
        focused_side: Callable[[], str],
        message: Callable[[str, int], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pair = pair
        self._readers = readers
        self._sync = sync
        self._topic_bar = topic_bar
        self._gutter = gutter
        self._claims_panel = claims_panel
        self._focused_side = focused_side
        self._message = message
        self._topic_cursor: dict[str, int] = {}
        self.selected_claim: int | None = None

    def reset(self) -> None:
        """A new analysis: no claim selected, topics start again at their first section."""
        self._topic_cursor.clear()
        self.selected_claim = None

    def deselect_claim(self) -> None:
        """The selected claim is listed no more (a filter hid it): its fragment's tint and its
        band's emphasis go with it."""
        self.selected_claim = None
        for reader in self._readers.values():
            reader.clear_layer("claim_core")
        key = self._gutter.selected()
        if isinstance(key, tuple) and key[:1] == ("claim",):
            self._gutter.set_selected(None)

    def go_to_topic(self, name: str) -> None:
        """Scroll both panes to the topic's next section (the first on the first click)."""
        analysis = self._pair.analysis()
        if analysis is None:
            return
        k = self._topic_cursor.get(name, -1) + 1
        self._topic_cursor = {name: k}
        self._topic_bar.set_active(name)
        color = analysis.topics.topic_set.color_of(name)
        parts = []
        both = True  # a section shown in each pane
        with self._sync.suspend():
            for side in SIDES:
                secs = [s for s in analysis.topics.sections(side) if s.topic == name]
                if not secs:
                    parts.append(f"not in {side.upper()}")
                    both = False
                    continue
                sec = secs[k % len(secs)]
                reader = self._readers[side]
                reader.scroll_offset_to(sec.start)
                art = self._pair.article(side)
                if art is not None:
                    blk = art.blocks[art.block_at(sec.start)]
                    reader.flash_span(blk.start, blk.end, tint(color, 0.3))
                parts.append(f"{side.upper()} {k % len(secs) + 1} of {len(secs)}")
        if both:
            self._sync.hold_shown()
        self._message(f"{name}: section " + ", ".join(parts), 5000)

    def show_claim(self, index: int, *, scroll: bool = True) -> None:
        """Bring both sentences of claim ``index`` to the sync line and mark them (``scroll``
        False: mark them where they are, e.g. the same claim again after a swap)."""
        analysis = self._pair.analysis()
        if analysis is None or not 0 <= index < len(analysis.claims.claims):
            return
        claim = analysis.claims.claims[index]
        self.selected_claim = index
        dark = self._readers["a"].theme().dark
        topic_color = analysis.topics.topic_set.color_of(claim.topic)
        color = tint(topic_color, 0.5 if dark else 0.32)
        # tinted and underlined in the topic's colour: a tint alone, of a blue topic, looked
        # like a text selection
        core_look = QTextCharFormat()
        core_look.setBackground(tint(topic_color, 0.45 if dark else 0.3))
        core_look.setFontUnderline(True)
        core_look.setUnderlineColor(tint(topic_color, 1.0))
        with self._sync.suspend():
            if scroll:
                self._scroll_both_to({"a": claim.a.start, "b": claim.b.start})
            for side, span, core in (("a", claim.a, claim.core_a), ("b", claim.b, claim.core_b)):
                reader = self._readers[side]
                if scroll:
                    reader.flash_span(span.start, span.end, color, ms=2200)
                # the shared fragment stays tinted while the claim is selected
                reader.set_layer("claim_core", [(core.start, core.end, core_look)])
        self._gutter.set_selected(("claim", index))
        # numbered as the Claims tab lists it (not by the index, which verdicts reorder)
        number = self._claims_panel().number_of(index)
        if claim.verdict == "different":
            name = "Rejected claim"
        else:
            name = f"Claim {number}" if number is not None else "Claim (not listed)"
            if claim.tier == "possible":  # the list greys it; the bar says it too
                name += " (possible)"
        self._message(
            claim_status(name, claim),
            5000,
        )

    def step_claim(self, delta: int) -> None:
        """Alt+Down / Alt+Up (Meld's next/previous change): both panes to the next (``delta``
        1) or previous (-1) strong shared claim in reading order of the focused pane, among
        those the Claims tab lists (its topic and score filters apply); wraps around. Possible
        claims are not stepped through (issue 11 item 1, issue 13 item 17)."""
        analysis = self._pair.analysis()
        panel = self._claims_panel() if analysis is not None else None
        listed = panel.visible_claims() if panel is not None else []
        claims = analysis.claims.claims if analysis is not None else []
        visible = [i for i in listed if 0 <= i < len(claims) and claims[i].tier == "strong"]
        if analysis is None or panel is None or not visible:
            if any(c.tier == "strong" and c.verdict != "different" for c in claims):
                # there are some (not rejected): the topic or score filter hides them
                self._message("The claims list's filters hide every strong shared claim", 3000)
            else:
                self._message("No strong shared claims to step through", 3000)
            return
        side = self._focused_side()
        reader = self._readers[side]
        line_start, line_end = reader.line_range_at_y(reader.sync_line_y())
        order = sorted(visible, key=lambda i: (getattr(claims[i], side).start, i))
        starts = [getattr(claims[i], side).start for i in order]
        current = panel.current_claim()
        if current in order and line_start <= getattr(claims[current], side).start <= line_end:
            # from the claim on the sync line to the next in order: two claims may share a
            # sentence of this pane (a long sentence stating two claims), and the next line
            # down would skip the second
            pick = order[(order.index(current) + (1 if delta > 0 else -1)) % len(order)]
        elif delta > 0:
            after = [i for i, s in zip(order, starts, strict=True) if s > line_end]
            pick = after[0] if after else order[0]
        else:
            before = [i for i, s in zip(order, starts, strict=True) if s < line_start]
            pick = before[-1] if before else order[-1]
        if not panel.select_claim(pick):
            self.show_claim(pick)

    def on_gutter_link_clicked(self, key: object) -> None:
        """A claim band: select it in the Claims tab (or show it if the tab cannot)."""
        if isinstance(key, tuple) and len(key) == 2 and key[0] == "claim":
            index = int(key[1])
            if not self._claims_panel().select_claim(index):
                self.show_claim(index)
        # ("link", id) keys are the highlight controller's

    def jump_to(self, side: str, start: int, end: int) -> None:
        """Scroll one pane to a span and mark it (the other pane follows if syncing)."""
        reader = self._readers[side]
        reader.scroll_offset_to(start)
        reader.flash_span(start, end)

    def show_pair(self, a_start: int, a_end: int, b_start: int, b_end: int) -> None:
        """Bring a passage of A and one of B to the sync line together (linked highlights)."""
        with self._sync.suspend():
            self._scroll_both_to({"a": a_start, "b": b_start})
            for side, s, e in (("a", a_start, a_end), ("b", b_start, b_end)):
                self._readers[side].flash_span(s, e)

    def _scroll_both_to(self, starts: Mapping[str, int]) -> None:
        """Each pane's passage to its sync line. A pane that stops at its top (its passage is
        near the start) takes the other pane to its top too when the other passage then
        still shows in the upper two thirds: both articles start whole (title and heading not
        cut), as when scrolling both to the top."""
        for side in SIDES:
            self._readers[side].scroll_offset_to(starts[side])
        for side in SIDES:
            other = self._readers[other_side(side)]
            if self._readers[side].scroll_value() > 0 or other.scroll_value() <= 0:
                continue
            y = other.doc_y_of_position(starts[other_side(side)])
            if y <= other.page_height() * (1.0 - SYNC_FRACTION):
                other.set_scroll_value(0)
        # scrolling on goes on from these two passages, not back to where the chain put them
        self._sync.hold_shown()
