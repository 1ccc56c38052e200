"""The claims panel's detail view (the chosen claim: its word diff, what differs, both
sentences) and its verdict buttons (asking for a verdict, and the hold after one).

``ClaimDetail`` is a part of ``ClaimsPanel`` (a mixin, see ``panel.py``)."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from diptych.core.model import Span
from diptych.core.wording import differs_said, doubts_listed
from diptych.ui.claims.models import NO_TOPIC
from diptych.ui.claims.text import _inert, diff_html
from diptych.ui.topic_bar import chip_name

# after a verdict the list moves on to the next claim: a second press of a verdict button
# this soon after that (a double click, Alt+N twice, a bounce) is not a verdict on that claim
VERDICT_HOLD_MS = 400


class ClaimDetail:
    """The detail view and the verdict buttons (part of ``ClaimsPanel``)."""

    if TYPE_CHECKING:  # provided by ClaimsPanel (those set here typed as there)
        _judged: tuple[Span, Span] | None
        _rebuilt: bool
        _held: tuple[Span, Span] | None

        def __getattr__(self, name: str) -> Any: ...

    def _show_detail(self, index: int, *, note: bool = True) -> None:
        """Claim ``index`` in the detail view; ``note`` False: shown again as it changed (the
        list updated in place), not chosen (see ``_note_shown``)."""
        c = self._claims[index]
        assert self._a is not None and self._b is not None
        dark = self.palette().base().color().lightness() < 128
        # article text (terms, topic, sentences, figures): escaped, and its controls and
        # bidi overrides shown as U+FFFD, as in the rows and the panes
        # named as on its chip (a 2,000-letter name pushed the rest screens down)
        topic = html.escape(chip_name(c.topic or NO_TOPIC))
        color = self._color(c.topic or NO_TOPIC)
        # each shared word cut as a chip's name is (a 2,000-letter word filled the view)
        shared = _inert(", ".join(map(chip_name, c.shared_terms))) if c.shared_terms else "—"
        diff = diff_html(c.diff, dark=dark) if c.diff else "<i>(no word diff)</i>"
        a_text = _inert(self._a.span_text(c.a))
        b_text = _inert(self._b.span_text(c.b))
        muted = "#9aa0a6" if dark else "#5f6368"
        tier = (
            "<b>✓ same claim</b> (a pair you added)"
            if c.added
            else "<b>✓ same claim</b> (your verdict)"
            if c.verdict == "same"
            else "<b>rejected</b>: you marked them not the same"
            if c.verdict == "different"
            else "<b>strong</b> (several independent signals agree)"
            if c.tier == "strong"
            else f'<span style="color:{muted}">possible: {_inert(doubts_listed(c.doubts))}</span>'
            if c.doubts
            else f'<span style="color:{muted}">possible (fewer signals agree)</span>'
        )
        warn = "#ffb74d" if dark else "#a15c00"

        differs = "".join(
            f'<p style="color:{warn}">≠ {differs_said(x, y, lambda w: f"<b>{_inert(w)}</b>")}</p>'
            for x, y in c.differs
        )
        fragment = (
            "the shared fragment" if c.core_a != c.a or c.core_b != c.b else "the two sentences"
        )
        score = "" if c.added else f"score {c.score:.2f} · "  # an added pair has none
        self.detail.setHtml(
            f'<p><span style="color:{color}">■</span> <b>{topic}</b> · {tier} · {score}'
            f'<span style="color:{muted}">shared: {shared}</span></p>'
            f"{differs}"
            f'<p style="line-height:140%">{diff}</p>'
            f'<p style="color:{muted}; font-size:small">Word diff of {fragment}: '
            "<s>struck</s> = only A says it · <u>underlined</u> = only B says it · "
            "<i>italic</i> = both say it, in another form or place</p>"
            f'<hr/><p style="font-size:small"><b>A:</b> {a_text}</p>'
            f'<p style="font-size:small"><b>B:</b> {b_text}</p>'
        )
        self._enable_claim_buttons(index)
        if note:
            self._note_shown(index)

    def _enable_claim_buttons(self, index: int | None) -> None:
        c = self._claims[index] if index is not None else None
        self.link_button.setEnabled(c is not None)
        self.same_button.setEnabled(c is not None and c.verdict != "same")
        self.reject_button.setEnabled(c is not None and c.verdict != "different")
        self.undo_button.setEnabled(c is not None and c.verdict is not None)

    def _ask_verdict(self, verdict: str) -> None:
        self._judge(lambda index: self.verdict_requested.emit(index, verdict))

    def _ask_undo(self) -> None:
        self._judge(self.verdict_undo_requested.emit)

    def verdicts_held(self) -> bool:
        """The list moved on after a verdict a moment ago (``VERDICT_HOLD_MS``): the verdict
        buttons do not judge the claim it moved to yet."""
        return self._hold.isActive()

    def _spans_of(self, index: int) -> tuple[Span, Span]:
        c = self._claims[index]
        return (c.a, c.b)

    def _judge(self, ask: Callable[[int], object]) -> None:
        """A verdict button: ``ask(index)`` for the selected claim, unless it is the claim
        the list moved to after the verdict just asked (the second click of a double click,
        Alt+N twice: meant for the claim judged, never for the next one). A claim the reader
        chooses is judged at once."""
        index = self.current_claim()
        if index is None:
            return
        spans = self._spans_of(index)
        if self._hold.isActive() and spans == self._held:
            return
        self._hold.stop()
        self._judged, self._rebuilt, self._held = spans, False, None
        ask(index)  # the window shows the list again, at once or when a Job is done

    def _note_shown(self, index: int) -> None:
        """Claim ``index`` is shown in the detail view: the first claim shown once the list
        was made again after a verdict is where it moved to; held from now on when it is
        not the judged claim (a claim chosen while the verdict waits for the store is not)."""
        if self._judged is None or not self._rebuilt:
            return
        spans, judged = self._spans_of(index), self._judged
        self._judged = None
        if spans != judged:
            self._held = spans
            self._hold.start()

    def _end_hold(self) -> None:
        self._held = None
