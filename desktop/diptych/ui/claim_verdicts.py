"""The reader's verdicts on claims, between the claims panel, the panes and the store.

``ClaimVerdicts(window)`` listens to the claims panel ("Same claim", "Not the same", "Undo
verdict", "Add pair"), keeps each verdict in the window's store (``Store.set_verdict``: both
articles' identities and passages, re-anchored like highlights), and gives the window its pair
analysis with the verdicts applied (``apply``): a confirmed claim is strong (gutter band, scroll
anchor), a rejected one leaves the lists for "Rejected", a pair the reader added is a claim
("Not the same" on it removes it: the engine has no claim there to list under Rejected).
Each verdict action is one ``VerdictCommand`` on the window's undo stack (the highlight
controller's, beside the highlight actions): Ctrl+Z undoes the newest action, whichever.
After a verdict the claims list stays where it was and the claim that followed the judged one
is selected (the one before it at the end), as a mail client does after archiving a message;
an added pair, "Undo verdict" (a rejected claim restored: it goes back among the others), an
undo or a redo selects the claim concerned.
The window calls ``apply`` on every analysis it shows and ``refresh`` once the store is open.
A pair with many verdicts (more than ``SYNC_LIMIT``) has them applied by a ``Job``, off the UI
thread; the window shows the pair again when it ends.

Wiring (in ``MainWindow``)::

    self._claim_verdicts = ClaimVerdicts(self)      # after the claims panel exists
    analysis = self._claim_verdicts.apply(analysis)  # first thing in _show_analysis
    self._claim_verdicts.refresh()                   # when the store has been opened
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from diptych.core.compare.alignment import AnchorChain, PairAnchors, anchors_for_pair
from diptych.core.compare.claims import VerdictApplier
from diptych.core.errors import DiptychError
from diptych.core.model import Article, Span
from diptych.core.notes.store.verdicts import VerdictState
from diptych.ui.highlights.commands import StoreActions, StoreCommand
from diptych.ui.highlights.store_calls import StoreBusy
from diptych.ui.jobs import Job, JobContext


class _Incremental:
    """What applying verdicts to one engine analysis needs worked out only once (the claims'
    places, the paired topic sections, the chain last built): a verdict then costs what it
    touches, not a pass over every claim (``VerdictApplier``, ``PairAnchors``)."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.applier = VerdictApplier(raw.claims, raw.a, raw.b)
        self.anchors = PairAnchors(raw.topics, len(raw.a.text), len(raw.b.text))


def _apply_verdicts(
    raw: Any, store: Any, fast: _Incremental | None = None
) -> tuple[Any, dict[int, str], Any, int]:
    """(claims, verdict id by claim index, anchor chain, how many confirmed claims are not
    in the current texts) of the engine analysis ``raw`` with the store's verdicts applied
    (through ``fast`` when it was made for ``raw``: the same result, sooner): no Qt, runs on
    either thread."""
    from diptych.core.notes.claim_verdicts import with_verdicts

    if fast is not None and fast.raw is not raw:
        fast = None
    unplaced: list[Any] = []
    claims, keys = with_verdicts(
        raw.claims,
        raw.a,
        raw.b,
        store,
        unplaced=unplaced,
        applier=fast.applier if fast is not None else None,
    )
    if not keys:
        return raw.claims, keys, raw.chain, len(unplaced)
    if fast is not None:
        chain = fast.anchors.chain(claims)
    else:
        chain = AnchorChain.build(
            anchors_for_pair(raw.topics, claims), len(raw.a.text), len(raw.b.text)
        )
    return claims, keys, chain, len(unplaced)


def sentences_around(article: Article, start: int, end: int) -> Span | None:
    """The whole sentences that ``[start, end)`` touches (None when it touches none)."""
    hit = [s for s in article.sentences if s.start < max(end, start + 1) and start < s.end]
    return Span(hit[0].start, hit[-1].end) if hit else None


SYNC_LIMIT = 24
"""Up to this many verdicts on a pair are applied on the UI thread (a few ms); more are applied
by a ``Job``: 500 verdicts took 90-150 ms on the seed pair (a reader-added pair needs its word
diff), too long to freeze the window for (tests/benchmarks/bench_verdicts.py)."""


def _clearing(key: str) -> Callable[[Any], list[str]]:
    """A verdict action's write: verdict ``key`` undone (no other verdict touched)."""

    def write(store: Any) -> list[str]:
        store.clear_verdict(key)
        return []

    return write


class VerdictCommand(StoreCommand):
    """A verdict action (same claim, not the same, undo verdict, a pair added or removed) as a
    step of the window's undo stack, beside the highlight actions: undo puts the verdicts it
    touched back to their state before it, redo to their state after it."""

    def __init__(
        self,
        target: StoreActions,
        owner: ClaimVerdicts,
        text: str,
        before: dict[str, VerdictState],
        after: dict[str, VerdictState],
        spans: tuple[Span, Span],
    ) -> None:
        super().__init__(target, text)
        self.owner, self.before, self.after, self.spans = owner, before, after, spans
        # what the last undo or redo of it has to add to "Undone: …" / "Redone: …" (the
        # claim it selects is hidden by the filters), read by the controller that says it
        self.note = ""

    def do(self) -> None:
        self.note = self.owner.put_states(self.after, self.spans)

    def revert(self) -> None:
        self.note = self.owner.put_states(self.before, self.spans)


@dataclass
class _Applied:
    """Verdicts applied by a Job to the engine analysis ``raw`` at store generation ``gen``."""

    raw: Any
    gen: int
    analysis: Any
    keys: dict[int, str]


class ClaimVerdicts(QObject):
    """Keeps the reader's verdicts and applies them to the window's analysis."""

    applied = Signal()  # verdicts applied off the UI thread have been shown

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._raw: Any = None  # the last analysis as the engine made it (no verdicts)
        self._fast: _Incremental | None = None  # made for _raw on its first verdicts
        self._keys: dict[int, str] = {}  # claim index (in the applied analysis) -> verdict id
        self._gen = 0  # goes up each time the store's verdicts may have changed
        self._done: _Applied | None = None  # the last verdicts a Job applied
        self._job: Job | None = None
        self._job_for: tuple[Any, int] | None = None  # (raw, gen) the running job works on
        self._select: tuple[Span, Span] | None = None  # to select once the verdicts are shown
        self._view: int | None = None  # the claims list's scroll position to keep meanwhile
        self._said = ""  # what a verdict action says once it is shown
        self._note = ""  # the filters hide the claim selected last: which, as a sentence
        # (A id, B id, n): the confirmed claims not in the current texts last told of
        self._told: tuple[str, str, int] | None = None
        panel = window.claims_panel
        panel.verdict_requested.connect(self.set_verdict)
        panel.verdict_undo_requested.connect(self.undo)
        panel.add_pair_requested.connect(self.add_pair)

    # -- applying ------------------------------------------------------------------------
    def apply(self, analysis: Any) -> Any:
        """``analysis`` with the store's verdicts applied (itself when there is no store).

        A pair with more than ``SYNC_LIMIT`` verdicts has them applied by a Job: until it
        ends, the last analysis applied for these articles is returned (or the engine's), and
        when it ends the window shows the pair again with them (``applied`` is emitted)."""
        if analysis is None:
            self._raw, self._keys = None, {}
            return None
        raw = self._engine_analysis(analysis)
        self._raw, self._keys = raw, {}
        store = self._the_store()
        if store is None:
            return raw
        done = self._done
        if done is not None and done.raw is raw and done.gen == self._gen:
            self._keys = done.keys
            return done.analysis
        try:
            count = store.pair_verdict_count(raw.a, raw.b)
            if count <= SYNC_LIMIT:
                # made on the pair's first verdict; once made, used with none too (the
                # last one undone: no pass over the claims either)
                fast = self._fast_for(raw) if count else self._fast
                claims, keys, chain, unplaced = _apply_verdicts(raw, store, fast)
                self._tell_unplaced(raw, unplaced)
                return self._applied(raw, claims, keys, chain)
        except DiptychError as exc:
            self.window.show_message(f"Your verdicts on claims could not be read: {exc}", 8000)
            return raw
        self._start_job(raw, store)
        if done is not None and done.raw is raw:
            # the verdicts shown a moment ago, until the new ones come
            self._keys = done.keys
            return done.analysis
        return raw

    def _fast_for(self, raw: Any) -> _Incremental | None:
        """What makes the verdicts on ``raw`` quick (made the first time it has some: a pair
        without verdicts never pays for it)."""
        if self._fast is None or self._fast.raw is not raw:
            self._fast = _Incremental(raw)
        return self._fast

    def _tell_unplaced(self, raw: Any, n: int) -> None:
        """Say (once for a pair, and again when the number changes) how many claims the
        reader confirmed are not in the current texts: they were left out of the list in
        silence, as if the verdict had never been given."""
        told = (raw.a.id, raw.b.id, n)
        if n and told != self._told:
            from diptych.core.notes.claim_verdicts import unplaced_said

            self.window.show_notice(unplaced_said(n) + ".")
        self._told = told

    def _applied(self, raw: Any, claims: Any, keys: dict[int, str], chain: Any) -> Any:
        if not keys:
            return raw
        self._keys = keys
        return replace(raw, claims=claims, chain=chain)

    def _start_job(self, raw: Any, store: Any) -> None:
        key = (raw, self._gen)
        if self._job is not None and self._job.is_running():
            if self._job_for is not None and self._job_for[0] is raw and self._job_for[1] == key[1]:
                return  # already at work on exactly this
            self._job.cancel()
        gen = self._gen

        fast = self._fast if self._fast is not None and self._fast.raw is raw else None

        def work(ctx: JobContext) -> Any:
            ctx.check()
            # made here, off the UI thread, when the pair has none yet: kept for the next
            made = fast if fast is not None else _Incremental(raw)
            ctx.check()
            return (*_apply_verdicts(raw, store, made), made)

        job = Job(work, parent=self, name="claim verdicts")
        job.succeeded.connect(lambda result, r=raw, g=gen: self._job_done(r, g, result))
        job.failed.connect(lambda exc, _tb, r=raw, g=gen: self._job_failed(r, g, exc))
        self._job, self._job_for = job, key
        job.start()

    def _job_done(self, raw: Any, gen: int, result: Any) -> None:
        if raw is not self._raw or gen != self._gen:
            return  # another pair, or the verdicts changed meanwhile: a newer job follows
        claims, keys, chain, unplaced, made = result
        if self._fast is None or self._fast.raw is not raw:
            self._fast = made
        self._tell_unplaced(raw, unplaced)
        applied = replace(raw, claims=claims, chain=chain) if keys else raw
        self._done = _Applied(raw, gen, applied, keys)
        self.window._show_analysis(raw)
        self._select_pending()
        self.applied.emit()

    def _job_failed(self, raw: Any, gen: int, exc: BaseException) -> None:
        if raw is not self._raw or gen != self._gen:
            return
        if isinstance(exc, DiptychError):
            self.window.show_message(f"Your verdicts on claims could not be read: {exc}", 8000)
        else:
            self.window.show_notice(f"Your verdicts on claims could not be applied: {exc}")

    def waiting(self) -> bool:
        """A Job is applying verdicts that the window does not show yet."""
        return self._job is not None and self._job.is_running()

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

    def refresh(
        self,
        select: tuple[Span, Span] | None = None,
        view: int | None = None,
        said: str = "",
    ) -> None:
        """Show the current pair again with the store's verdicts (read again: they may have
        changed); then select the claim on ``select`` (its A and B spans), if given, with the
        claims list scrolled to ``view`` (``ClaimsPanel.view_position``) if given, and say
        ``said`` in the status bar (once they are shown, when a Job applies them: after the
        selected claim's own line)."""
        if self._raw is None:
            return
        self._gen += 1
        self._select, self._view, self._said = select, view, said
        self.window._show_analysis(self._raw)
        if not self.waiting():
            self._select_pending()
        elif view is not None:  # the list as it was meanwhile, not back at the top
            self.window.claims_panel.restore_view_position(view)

    def _select_pending(self) -> None:
        select, self._select = self._select, None
        view, self._view = self._view, None
        said, self._said = self._said, ""
        analysis = self.window.analysis()
        if analysis is None:
            return
        if view is not None:
            self.window.claims_panel.restore_view_position(view)
        if select is not None:
            hidden = self._select_claim(analysis, select)
            if hidden:
                self._note = f"Not listed: {hidden} hides it."
                said = f"{said} {self._note}".strip()
        if said:
            self.window.show_message(said, 6000)

    def _select_claim(self, analysis: Any, select: tuple[Span, Span]) -> str:
        """Select the claim on exactly ``select``'s spans, else the first that overlaps both;
        the reader's filters and folded headings stay as they are: "" or, when the filters
        hide that claim, which do (the panel's ``hidden_by``)."""
        claims = analysis.claims.claims
        a, b = select
        # the starts compared first: no pair of spans made for each of 11,000 claims
        sa, sb = a.start, b.start
        i = next(
            (
                i
                for i, c in enumerate(claims)
                if c.a.start == sa and c.b.start == sb and c.a == a and c.b == b
            ),
            None,
        )
        if i is None:
            i = next(
                (
                    i
                    for i, c in enumerate(claims)
                    if c.a.start < a.end
                    and a.start < c.a.end
                    and c.b.start < b.end
                    and b.start < c.b.end
                ),
                None,
            )
        if i is None:
            return ""
        panel = self.window.claims_panel
        # a heading the reader folded stays folded (the claim moved under it: a redo of
        # "Same claim" opened a folded topic heading), and so do the filters the reader set
        # (an added pair, which has no topic, cleared the topic filter to be listed, and its
        # undo left it cleared: the reader's view of one topic lost for a claim they know)
        if panel.select_claim(i, unfold=False, widen=False):
            return ""
        return str(panel.hidden_by(i))

    def key_of(self, index: int) -> str | None:
        """The store id of the verdict claim ``index`` carries."""
        return self._keys.get(index)

    # -- the reader's actions ------------------------------------------------------------
    def _the_store(self) -> Any:
        """The window's store, through the highlight controller's store calls when it has
        one: a write then waits off the UI thread for another program's lock, and one asked
        for while another waits is refused with a message (ui/highlights/store_calls.py)."""
        ctl = getattr(self.window, "highlight_controller", None)
        return ctl.store if ctl is not None else self.window.store

    def _not_saved(self, exc: DiptychError) -> None:
        """Say why a verdict was not saved: a passing message when it was refused because
        another write waits (it is true only until that is done), else a notice."""
        if isinstance(exc, StoreBusy):
            self.window.show_message(str(exc), 6000)
        else:
            self.window.show_notice(str(exc))

    def _store(self) -> Any:
        store = self._the_store()
        if store is None:
            self.window.show_message("The highlights store is not open yet: try again.", 6000)
        return store

    def _next_after(self, index: int) -> tuple[Span, Span] | None:
        """The claim listed after claim ``index`` in the panel as it is now (the one before
        when it is the last): selected once a verdict on ``index`` is shown, as a mail client
        selects the next message after archiving one."""
        panel = self.window.claims_panel
        listed = panel.visible_claims()
        if index not in listed:
            return None
        pos = listed.index(index)
        near = listed[pos + 1] if pos + 1 < len(listed) else listed[pos - 1] if pos else None
        if near is None:
            return None
        c = panel.claims()[near]
        return (c.a, c.b)

    def _change(
        self,
        text: str,
        said: str,
        spans: tuple[Span, Span],
        write: Callable[[Any], list[str]],
        *,
        known: tuple[str, ...] = (),
        then: tuple[Span, Span] | None,
    ) -> None:
        """One verdict action: ``write(store)`` makes it (returning the ids of the verdicts it
        made or changed besides ``known``); it becomes one step ``text`` of the window's undo
        stack (Ctrl+Z, Edit → Undo), the status bar says ``said``, and the pair is shown
        again with the list where it was and ``then`` selected."""
        store = self._store()
        if store is None:
            return
        view = self.window.claims_panel.view_position()
        try:
            before = {k: st for k in known if (st := store.verdict_state(k)) is not None}
            touched = write(store)
            after = {
                k: st for k in (*known, *touched) if (st := store.verdict_state(k)) is not None
            }
        except DiptychError as exc:
            self._not_saved(exc)
            return
        for k, st in after.items():
            # a verdict this step made (or brought back): undoing it undoes the verdict
            before.setdefault(k, replace(st, deleted=True))
        ctl = getattr(self.window, "highlight_controller", None)
        if ctl is not None and before != after:
            ctl.push(VerdictCommand(ctl, self, text, before, after, spans))
            said += " (Ctrl+Z takes it back)."
        else:
            said += "."
        self.refresh(select=then, view=view, said=said)

    def put_states(self, states: dict[str, VerdictState], spans: tuple[Span, Span]) -> str:
        """Undo or redo of a verdict action: the verdicts back to ``states``, the pair shown
        again with the judged claim (``spans``) selected, the list otherwise where it was.
        Returns "" or, when the filters hide that claim, the sentence saying so (the undo
        stack's "Undone: …" / "Redone: …" message, said after, would hide it)."""
        store = self._the_store()
        if store is None:
            raise DiptychError("The highlights store is not open.")
        for k, st in states.items():
            store.put_verdict_state(k, st)
        self._note = ""
        self.refresh(select=spans, view=self.window.claims_panel.view_position())
        return self._note

    def set_verdict(self, index: int, verdict: str) -> None:
        analysis = self.window.analysis()
        if analysis is None or not 0 <= index < len(analysis.claims.claims):
            return
        c = analysis.claims.claims[index]
        old = self._keys.get(index)
        then = self._next_after(index)
        own = c.added  # a pair the reader added: the engine proposes no such claim
        if own and verdict == "different" and old is not None:
            # a pair the reader added and now says is not the same: it is removed (there is
            # no claim of the engine's to list under Rejected)
            self._change(
                "Remove your pair",
                "Removed the pair you added",
                (c.a, c.b),
                _clearing(old),
                known=(old,),
                then=then,
            )
            return

        def write(store: Any) -> list[str]:
            if old is not None:
                store.clear_verdict(old)  # the new verdict replaces it (it may be re-anchored)
            v = store.set_verdict(
                analysis.a,
                (c.a.start, c.a.end),
                analysis.b,
                (c.b.start, c.b.end),
                verdict,
                origin="reader" if own else "claim",
            )
            return [v.id]

        said = "the same claim" if verdict == "same" else "not the same: listed under Rejected"
        self._change(
            "Mark the same claim" if verdict == "same" else "Mark not the same",
            f"Marked {said}",
            (c.a, c.b),
            write,
            known=(old,) if old is not None else (),
            then=then,
        )

    def undo(self, index: int) -> None:
        analysis = self.window.analysis()
        key = self._keys.get(index)
        if analysis is None or key is None:
            return
        c = analysis.claims.claims[index]
        own = c.added  # a pair the reader added: the engine proposes no such claim
        # an engine claim stays listed (a rejected one goes back among the others, maybe far
        # up the list): it stays selected, so the reader sees where it went; a pair the reader
        # added is removed, and the claim that followed it is selected
        self._change(
            "Remove your pair" if own else "Undo verdict",
            "Removed the pair you added" if own else "Verdict undone",
            (c.a, c.b),
            _clearing(key),
            known=(key,),
            then=self._next_after(index) if own else (c.a, c.b),
        )

    def claim_from_link(self, a_start: int, a_end: int, b_start: int, b_end: int) -> None:
        """A link between passages (A, B) made a claim of the reader's own: the sentences the
        two passages touch, kept as a "same claim" verdict."""
        analysis = self.window.analysis()
        if analysis is None:
            return
        wa = sentences_around(analysis.a, a_start, a_end)
        wb = sentences_around(analysis.b, b_start, b_end)
        if wa is None or wb is None:
            self.window.show_message("The linked passages are not in a sentence.", 6000)
            return
        self._keep_reader_pair(analysis, wa, wb, "The linked passages are now a claim")

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
        self._keep_reader_pair(analysis, spans[0], spans[1], "Added as a claim of your own")

    def _keep_reader_pair(self, analysis: Any, a: Span, b: Span, said: str) -> None:
        """Sentences ``a`` and ``b`` kept as the same claim: a pair of the reader's own, or,
        when the engine lists that very pair already, that claim marked the same claim (its
        verdict replaced, and put back by Ctrl+Z)."""
        listed = next(
            (i for i, c in enumerate(analysis.claims.claims) if (c.a, c.b) == (a, b)), None
        )
        old = self._keys.get(listed) if listed is not None else None
        engine = listed is not None and not analysis.claims.claims[listed].added

        def write(store: Any) -> list[str]:
            if old is not None:
                store.clear_verdict(old)  # the new verdict replaces it (it may be re-anchored)
            v = store.set_verdict(
                analysis.a,
                (a.start, a.end),
                analysis.b,
                (b.start, b.end),
                "same",
                origin="claim" if engine else "reader",
            )
            return [v.id]

        if engine:
            text, said = "Mark the same claim", "Marked the same claim (the engine lists it too)"
        else:
            text = "Add pair"
        known = (old,) if old is not None else ()
        self._change(text, said, (a, b), write, known=known, then=(a, b))
