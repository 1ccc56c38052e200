"""The UI side of synced scrolling: keep the other pane aligned through the anchor chain.

Meld's ``_sync_vscroll`` is the model. When one pane scrolls, take the text position at its
sync line (a third down the viewport), map it to the other article with the anchor chain
(``AnchorChain.map_a_to_b`` / ``map_b_to_a``, pure functions in ``core/compare/alignment.py``) and
scroll the other pane so the mapped position sits on its own sync line. A re-entrancy guard
keeps the panes from chasing each other.

Near the ends the target is blended towards the other pane's top/bottom (``sync_target_value``)
so that both panes reach their top together and their bottom together, and the result stays
monotone: scrolling one pane down never scrolls the other up.

Crossing anchors: an ``AnchorChain`` (with its candidates) is followed through a
``LocalAligner``: when the text at the leading pane's sync line passes an anchor that is not
in the chain in use, the aligner switches to the heaviest chain through that anchor, so that
passage's partner comes to the other pane's sync line. That is a jump for the other pane: it
glides there in ``JUMP_MS`` instead of leaping, and the steps of the glide are the sync's own
(they do not drive the leading pane back). Scrolling the other pane during a glide ends it.

A jump of the window's own (a claim, a topic, a pair of linked passages) brings a passage of
each pane to the sync line; ``hold_shown`` then makes the pairing shown the one in use (the
heaviest chain through the two places on the sync lines), so scrolling on from there goes on
from both passages instead of leaping back to where the chain in use put them, until the
reader passes another anchor. A pane held within its top or bottom zone fades towards its end
from where it was held (a claim at the top of A with its partner deep in B: B does not leap
up at A's first wheel step).
"""

from __future__ import annotations

import math
import time
from typing import Protocol

from PySide6.QtCore import QEasingCurve, QObject, QVariantAnimation, Signal

from diptych.core.compare.alignment import AnchorChain, LocalAligner
from diptych.core.model import AnchorPoint
from diptych.ui.reader_pane import SYNC_FRACTION, ReaderPane

JUMP_MS = 180  # the other pane's glide when the chain in use changes


class Chain(Protocol):
    def map_a_to_b(self, offset: float) -> float: ...
    def map_b_to_a(self, offset: float) -> float: ...


def end_zones(page: float) -> tuple[float, float]:
    """The top and bottom zones of a pane showing ``page`` pixels: a third of a page from its
    top, two thirds from its bottom (see ``sync_target_value``)."""
    return SYNC_FRACTION * page, (1.0 - SYNC_FRACTION) * page


def sync_target_value(
    mapped_value: float,
    source_value: float,
    source_max: float,
    source_page: float,
    target_start_value: float,
    target_end_value: float,
    target_max: float,
    zones: tuple[float, float] | None = None,
) -> float:
    """The target pane's scroll value for a source scroll value.

    ``mapped_value`` is where the chain puts the target (mapped position on the target's sync
    line); ``target_start_value`` / ``target_end_value`` are what that formula gives at the
    source's very top and very bottom. Within a third of a page of the source's top the
    target's offset from 0 is faded out, within two thirds of a page of its bottom the gap to
    ``target_max`` is faded in: each correction is monotone, so the sum is too. The result is
    clamped to ``[0, target_max]`` (the target stops at its end). ``zones`` narrows the top and
    bottom zones (fading from where the source was held, see ``ScrollSync.hold_shown``).
    """
    value = mapped_value
    if source_max > 0 and source_page > 0:
        top_zone, bottom_zone = end_zones(source_page)
        if zones is not None:
            top_zone, bottom_zone = min(top_zone, zones[0]), min(bottom_zone, zones[1])
        if source_value < top_zone and target_start_value > 0:
            value -= target_start_value * (1.0 - source_value / top_zone)
        remaining = source_max - source_value
        if remaining < bottom_zone and target_end_value < target_max:
            value += (target_max - target_end_value) * (1.0 - remaining / bottom_zone)
    return max(0.0, min(float(target_max), value))


class ScrollSync(QObject):
    """Keeps two ReaderPanes aligned while either is scrolled (see module docstring)."""

    toggled = Signal(bool)

    def __init__(self, panes: dict[str, ReaderPane], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._panes = panes
        self._chain: Chain | None = None
        self._aligner: LocalAligner | None = None
        self._enabled = True
        self._busy = False
        self._suspended = 0
        self.last_event_seconds = 0.0  # cost of the last sync step (benchmarks read it)
        self.jump_ms = JUMP_MS  # 0: the other pane leaps at once
        self.jumps = 0  # times the chain in use changed (tests and benchmarks read it)
        self._glide: QVariantAnimation | None = None
        self._glide_side = ""  # the pane gliding
        # hold_shown's pairing: per side, the anchors next to the place held (_crossed_near);
        # the hold ends when the reader's position crosses another anchor
        self._held: dict[str, set[int | None]] | None = None
        # per side, its top and bottom zones narrowed to where it was held, until it leaves them
        self._zones: dict[str, tuple[float, float]] = {}
        for side, pane in panes.items():
            pane.scrolled.connect(lambda s=side: self._on_pane_scrolled(s))

    def set_chain(self, chain: Chain | None) -> None:
        self._stop_glide()
        self._chain = chain
        self._aligner = LocalAligner(chain) if isinstance(chain, AnchorChain) else None
        self._held = None
        self._zones = {}

    def hold_shown(self) -> None:
        """Both panes were just brought to a passage each (a claim, a topic's sections, linked
        passages): scrolling either pane goes on from what the sync lines show now (the
        heaviest chain through that pairing) until the reader passes another anchor."""
        aligner = self._aligner
        if aligner is None:
            return
        self._stop_glide()
        shown = {}
        for side, pane in self._panes.items():
            if pane.article() is None:
                return
            shown[side] = int(pane.position_at_doc_y(pane.scroll_value() + pane.sync_line_y()))
            value = float(pane.scroll_value())
            self._zones[side] = (value, pane.scroll_maximum() - value)
        aligner.current = aligner.base.chain_through(AnchorPoint(shown["a"], shown["b"], 0.0))
        self._held = {side: self._crossed_near(side, at) for side, at in shown.items()}

    @staticmethod
    def _in_end_zones(pane: ReaderPane) -> bool:
        """Whether ``pane`` is within its top or bottom zone (see ``sync_target_value``)."""
        value = pane.scroll_value()
        top, bottom = end_zones(pane.page_height())
        return value < top or pane.scroll_maximum() - value < bottom

    def _crossed_key(self, side: str, offset: float) -> int | None:
        """The offset of ``side``'s anchors last crossed at ``offset`` (None: none yet)."""
        assert self._aligner is not None
        crossed = self._aligner.last_crossed(side, offset)
        return None if not crossed else getattr(crossed[0], side)

    def _crossed_near(self, side: str, offset: int) -> set[int | None]:
        """The anchors the reader crosses first from ``offset`` of ``side``, up or down: the
        last crossed there, the ones before those, and the next ones."""
        assert self._aligner is not None
        here = self._crossed_key(side, offset)
        before = None if here is None else self._crossed_key(side, here - 0.5)
        after = [getattr(p, side) for p in self._aligner.base.candidates]
        return {here, before, min((k for k in after if k > offset), default=None)}

    def chain(self) -> Chain | None:
        return self._chain

    def is_enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, on: bool) -> None:
        on = bool(on)
        if on != self._enabled:
            self._enabled = on
            self.toggled.emit(on)

    def suspend(self) -> _Suspension:
        """``with sync.suspend():`` scroll both panes independently (jumps, restore)."""
        return _Suspension(self)

    def is_gliding(self) -> bool:
        """True while the other pane glides to a new alignment (see module docstring)."""
        return self._glide is not None

    def _map(self, side: str, pos: float) -> float:
        if self._aligner is not None:
            return self._aligner.map(side, pos)
        assert self._chain is not None
        return self._chain.map_a_to_b(pos) if side == "a" else self._chain.map_b_to_a(pos)

    def target_value_for(self, side: str) -> float | None:
        """Where the other pane should scroll to, given pane ``side``'s current scroll."""
        if self._chain is None:
            return None
        src = self._panes[side]
        dst = self._panes["b" if side == "a" else "a"]
        if src.article() is None or dst.article() is None:
            return None
        page_s = src.page_height()
        sync_s = src.sync_line_y()
        sync_t = dst.sync_line_y()
        v = src.scroll_value()
        vmax = src.scroll_maximum()

        def mapped_for(source_value: float) -> float:
            pos = src.position_at_doc_y(source_value + sync_s)
            return dst.doc_y_of_position(self._map(side, pos)) - sync_t

        return sync_target_value(
            mapped_for(v),
            v,
            vmax,
            page_s,
            mapped_for(0.0),
            mapped_for(float(vmax)),
            dst.scroll_maximum(),
            self._zones.get(side),
        )

    def sync_from(self, side: str) -> None:
        """Align the other pane to pane ``side`` now (if syncing is on)."""
        if self._busy or self._suspended or not self._enabled:
            return
        src = self._panes[side]
        if getattr(src, "adjusting", False):
            return
        if self._glide is not None and self._glide_side == side:
            self._stop_glide()  # the reader took the gliding pane: it leads now
        t0 = time.perf_counter()
        self._busy = True
        try:
            jumped = False
            if self._aligner is not None and src.article() is not None:
                pos = src.position_at_doc_y(src.scroll_value() + src.sync_line_y())
                held = self._held
                if held is not None and self._crossed_key(side, pos) in held[side]:
                    pass  # still between the anchors around the passages held
                else:
                    self._held = None
                    jumped = self._aligner.update(side, pos)
                self.jumps += int(jumped)
            if side in self._zones and not self._in_end_zones(src):
                del self._zones[side]  # out of both zones: they fade as usual from here
            target = self.target_value_for(side)
            if target is not None:
                # round up: the mapped line's top lands on or just above the sync line
                self._move("b" if side == "a" else "a", math.ceil(target - 1e-6), jumped)
        finally:
            self._busy = False
            self.last_event_seconds = time.perf_counter() - t0

    def _move(self, side: str, value: int, jumped: bool) -> None:
        pane = self._panes[side]
        glide = self._glide
        if glide is not None and self._glide_side == side:
            glide.setEndValue(float(value))  # still gliding: towards the new place
            return
        if not jumped or self.jump_ms <= 0 or abs(value - pane.scroll_value()) < 2:
            pane.set_scroll_value(value)
            return
        anim = QVariantAnimation(self)
        anim.setStartValue(float(pane.scroll_value()))
        anim.setEndValue(float(value))
        anim.setDuration(self.jump_ms)
        anim.setEasingCurve(QEasingCurve.Type.OutCubic)
        anim.valueChanged.connect(lambda v, s=side: self._glide_step(s, v))
        anim.finished.connect(self._on_glide_finished)
        self._glide, self._glide_side = anim, side
        anim.start()

    def _glide_step(self, side: str, value: object) -> None:
        self._busy = True  # the glide's own scrolling must not drive the other pane
        try:
            self._panes[side].set_scroll_value(float(value))  # type: ignore[arg-type]
        finally:
            self._busy = False

    def _on_glide_finished(self) -> None:
        glide = self._glide
        if glide is not None:
            self._glide_step(self._glide_side, glide.endValue())
        self._glide, self._glide_side = None, ""
        if glide is not None:
            glide.deleteLater()

    def _stop_glide(self) -> None:
        glide, self._glide, self._glide_side = self._glide, None, ""
        if glide is not None:
            glide.stop()
            glide.deleteLater()

    def _on_pane_scrolled(self, side: str) -> None:
        self.sync_from(side)


class _Suspension:
    def __init__(self, sync: ScrollSync) -> None:
        self._sync = sync

    def __enter__(self) -> ScrollSync:
        self._sync._stop_glide()  # a jump of the window's own: no glide drags a pane after it
        self._sync._suspended += 1
        return self._sync

    def __exit__(self, *exc: object) -> None:
        self._sync._suspended -= 1
