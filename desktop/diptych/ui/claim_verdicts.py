"""The reader's verdicts on claims, between the claims panel, the panes and the store.

``ClaimVerdicts(window)`` listens to the claims panel ("Same claim", "Not the same", "Undo
verdict", "Add pair…"), keeps each verdict in the window's store (``Store.set_verdict``: both
articles' identities and passages, re-anchored like highlights), and gives the window its pair
analysis with the verdicts applied (``apply``): a confirmed claim is strong (gutter band, scroll
anchor), a rejected one leaves the lists for "Rejected", a pair the reader added is a claim.
The window calls ``apply`` on every analysis it shows and ``refresh`` once the store is open.

Wiring (in ``MainWindow``)::

    self._claim_verdicts = ClaimVerdicts(self)      # after the claims panel exists
    analysis = self._claim_verdicts.apply(analysis)  # first thing in _show_analysis
    self._claim_verdicts.refresh()                   # when the store has been opened
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject

from diptych.core.compare.alignment import AnchorChain, anchors_for_pair
from diptych.core.errors import DiptychError
from diptych.core.model import Article, Span


def sentences_around(article: Article, start: int, end: int) -> Span | None:
    """The whole sentences that ``[start, end)`` touches (None when it touches none)."""
    hit = [s for s in article.sentences if s.start < max(end, start + 1) and start < s.end]
    return Span(hit[0].start, hit[-1].end) if hit else None


class ClaimVerdicts(QObject):
    """Keeps the reader's verdicts and applies them to the window's analysis."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._raw: Any = None  # the last analysis as the engine made it (no verdicts)
        self._keys: dict[int, str] = {}  # claim index (in the applied analysis) -> verdict id
        panel = window.claims_panel
        panel.verdict_requested.connect(self.set_verdict)
        panel.verdict_undo_requested.connect(self.undo)
        panel.add_pair_requested.connect(self.add_pair)

    # -- applying ------------------------------------------------------------------------
    def apply(self, analysis: Any) -> Any:
        """``analysis`` with the store's verdicts applied (itself when there is no store)."""
        if analysis is None:
            self._raw, self._keys = None, {}
            return None
        raw = self._engine_analysis(analysis)
        self._raw, self._keys = raw, {}
        store = self.window.store
        if store is None:
            return raw
        from diptych.core.notes.claim_verdicts import with_verdicts

        try:
            claims, keys = with_verdicts(raw.claims, raw.a, raw.b, store)
        except DiptychError as exc:
            self.window.show_message(f"Your verdicts on claims could not be read: {exc}", 8000)
            return raw
        if not keys:
            return raw
        self._keys = keys
        chain = AnchorChain.build(
            anchors_for_pair(raw.topics, claims), len(raw.a.text), len(raw.b.text)
        )
        return replace(raw, claims=claims, chain=chain)

    def _engine_analysis(self, analysis: Any) -> Any:
        """The analysis without verdicts: ``analysis`` itself, unless it is one this object
        applied verdicts to (e.g. the panes were swapped), then the engine's own."""
        if not any(c.verdict is not None for c in analysis.claims.claims):
            return analysis
        raw = self._raw
        if raw is not None and (raw.a.id, raw.b.id) == (analysis.b.id, analysis.a.id):
            raw = raw.swapped()
        elif raw is None or (raw.a.id, raw.b.id) != (analysis.a.id, analysis.b.id):
            return analysis
        if raw.topics != analysis.topics:
            # the reader edited the topics of the shown analysis: the engine's claims take
            # the new topic labels, and the sections and anchors are the edited ones
            topic_of = {(c.a, c.b): c.topic for c in analysis.claims.claims}
            claims = tuple(
                replace(c, topic=topic_of.get((c.a, c.b), c.topic)) for c in raw.claims.claims
            )
            raw = replace(
                raw,
                topics=analysis.topics,
                claims=replace(raw.claims, claims=claims),
                chain=analysis.chain,
            )
        return raw

    def refresh(self, select: tuple[Span, Span] | None = None) -> None:
        """Show the current pair again with the store's verdicts; then select the claim on
        ``select`` (its A and B spans), if given."""
        if self._raw is None:
            return
        self.window._show_analysis(self._raw)
        if select is None:
            return
        claims = self.window.analysis().claims.claims
        for i, c in enumerate(claims):
            if (
                c.a.start < select[0].end
                and select[0].start < c.a.end
                and (c.b.start < select[1].end and select[1].start < c.b.end)
            ):
                self.window.claims_panel.select_claim(i)
                return

    def key_of(self, index: int) -> str | None:
        """The store id of the verdict claim ``index`` carries."""
        return self._keys.get(index)

    # -- the reader's actions ------------------------------------------------------------
    def _store(self) -> Any:
        store = self.window.store
        if store is None:
            self.window.show_message("The highlights store is not open yet: try again.", 6000)
        return store

    def set_verdict(self, index: int, verdict: str) -> None:
        analysis = self.window.analysis()
        store = self._store()
        if analysis is None or store is None or not 0 <= index < len(analysis.claims.claims):
            return
        c = analysis.claims.claims[index]
        try:
            old = self._keys.get(index)
            if old is not None:
                store.clear_verdict(old)  # the new verdict replaces it (it may be re-anchored)
            store.set_verdict(
                analysis.a, (c.a.start, c.a.end), analysis.b, (c.b.start, c.b.end), verdict
            )
        except DiptychError as exc:
            self.window.show_notice(str(exc))
            return
        said = "the same claim" if verdict == "same" else "not the same (listed under Rejected)"
        self.window.show_message(f"Marked {said}. Undo verdict takes it back.", 6000)
        self.refresh(select=(c.a, c.b))

    def undo(self, index: int) -> None:
        analysis = self.window.analysis()
        store = self._store()
        key = self._keys.get(index)
        if analysis is None or store is None or key is None:
            return
        c = analysis.claims.claims[index]
        try:
            store.clear_verdict(key)
        except DiptychError as exc:
            self.window.show_notice(str(exc))
            return
        self.window.show_message("Verdict undone.", 4000)
        self.refresh(select=(c.a, c.b))

    def add_pair(self) -> None:
        """A claim of the reader's own: the sentences selected in pane A and pane B."""
        analysis = self.window.analysis()
        if analysis is None:
            return
        spans = []
        for side, article in (("a", analysis.a), ("b", analysis.b)):
            sel = self.window.reader(side).selected_span()
            whole = sentences_around(article, *sel) if sel else None
            if whole is None:
                self.window.show_message(
                    "Select a sentence in each pane first, then choose Add pair.", 6000
                )
                return
            spans.append(whole)
        store = self._store()
        if store is None:
            return
        try:
            store.set_verdict(
                analysis.a,
                (spans[0].start, spans[0].end),
                analysis.b,
                (spans[1].start, spans[1].end),
                "same",
                origin="reader",
            )
        except DiptychError as exc:
            self.window.show_notice(str(exc))
            return
        self.window.show_message("Added as a claim of your own (Undo verdict removes it).", 6000)
        self.refresh(select=(spans[0], spans[1]))
