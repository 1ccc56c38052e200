"""What each row of the claims list says: a heading's title, tint and tooltip, a claim's two
fragments, score and tooltip, the groups' order (``ClaimsModel`` asks the panel for these
when a row is shown).

``ClaimRows`` is a part of ``ClaimsPanel`` (a mixin: it uses the panel's claims, articles,
list and palette, see ``panel.py``); it is apart so that each file reads as one concern."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette

from diptych.core.model import ClaimPair
from diptych.core.wording import doubts_said
from diptych.ui.claims.colors import TINT_MOST, TINT_ROOM, _mixed, _rgb_distance, color_icon
from diptych.ui.claims.models import NO_TOPIC, POSSIBLE_GROUP, REJECTED_GROUP, STRONG_GROUP
from diptych.ui.claims.text import shorten
from diptych.ui.safe_text import one_line, plain_tip, visible

# before a folded heading's title, and what its tooltip adds
FOLDED_MARK = "▸ "
FOLDED_TIP = "\nFolded: double-click to show its claims"


class ClaimRows:
    """The rows' texts, colours and tooltips, and the headings (part of ``ClaimsPanel``)."""

    if TYPE_CHECKING:  # provided by ClaimsPanel

        def __getattr__(self, name: str) -> Any: ...

    def _topic_order(self) -> list[str]:
        names = [t.name for t in self._topic_set.topics] if self._topic_set else []
        present = {c.topic or NO_TOPIC for c in self._claims}
        order = [n for n in names if n in present]
        order += sorted(present - set(order) - {NO_TOPIC})
        if NO_TOPIC in present:
            order.append(NO_TOPIC)
        return order

    def _color(self, topic: str) -> str:
        if self._topic_set is None or topic == NO_TOPIC:
            return "#888888"
        return self._topic_set.color_of(topic)

    def _tint(self, name: str) -> QColor | None:
        """A topic header's background: a wash of its colour over the list's base (the header
        text takes the palette's text colour, so the two must agree), kept nearer the base
        than the selection colour is: the pale blue of a blue topic, lightened, was the light
        theme's selection colour, and its heading looked like the chosen claim. The panel's
        own palette: on a theme switch it changes before its children's."""
        if name in (STRONG_GROUP, POSSIBLE_GROUP, REJECTED_GROUP):
            return None
        palette = self.palette()
        base, selection = palette.base().color(), palette.highlight().color()
        color = QColor(self._color(name))
        # at most TINT_ROOM of the way from the base to the selection colour: the tint is
        # then at least (1 - TINT_ROOM) / TINT_ROOM times as far from the one as the other
        room = TINT_ROOM * _rgb_distance(selection, base)
        share = min(TINT_MOST, room / max(1.0, _rgb_distance(color, base)))
        return _mixed(base, color, share)

    def _heading_data(
        self, name: str, n: int, title: str, column: int, role: int, bold: QFont
    ) -> object:
        """What the model says of the heading of group ``name`` (``n`` claims listed under
        it, ``title`` as fitted to the width) in ``column`` for ``role``."""
        topic = name not in (STRONG_GROUP, POSSIBLE_GROUP, REJECTED_GROUP)
        if role == Qt.ItemDataRole.DisplayRole:
            return (title or self._group_title(name, n)) if column == 0 else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            folded = title.startswith(FOLDED_MARK)
            return plain_tip(self._group_title(name, n) + (FOLDED_TIP if folded else ""))
        if role == Qt.ItemDataRole.FontRole and column == 0:
            return bold
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and topic:
            icon = self._icons.get(name)
            if icon is None:
                icon = self._icons[name] = color_icon(self._color(name))
            return icon
        if role == Qt.ItemDataRole.BackgroundRole and topic:
            return self._tint(name)
        if role == Qt.ItemDataRole.ForegroundRole:
            if topic:
                return self.palette().text()
            if name != STRONG_GROUP and column == 0:
                return self._grey()
        return None

    def _claim_data(self, i: int, column: int, role: int) -> object:
        """What the model says of claim ``i``'s row in ``column`` for ``role``."""
        c = self._claims[i]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cached_row_text(c) if column == 0 else self._score_text(c)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._row_tooltip(c) if column == 0 else self._score_tip(c)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._grey() if c.tier != "strong" else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return None

    def _cached_row_text(self, c: ClaimPair) -> str:
        key = (c.a, c.b, c.core_a, c.core_b)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._row_text(c)
        return text

    @staticmethod
    def _score_text(c: ClaimPair) -> str:
        mark = " ≠" if c.differs else ""
        check = "✓ " if c.verdict == "same" else ""
        # a pair the reader added has no score of the engine's: say whose it is
        score = "yours" if c.added else f"{c.score:.2f}"
        return f"{check}{score}{mark}"

    @staticmethod
    def _score_tip(c: ClaimPair) -> str:
        return (
            (
                "You added this pair: it has no score of the engine's"
                if c.added
                else f"Score {c.score:.3f}"
            )
            + ("; a figure, date or name differs" if c.differs else "")
            + ("; you marked it the same claim" if c.verdict == "same" and not c.added else "")
        )

    def _grey(self) -> QColor:
        """The colour of what is listed but not relied on (possible claims)."""
        return self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)

    def _group_order(self) -> list[str]:
        """Group keys top to bottom: the strong claims (one group, or one per topic when
        grouped by topic), then the possible ones."""
        groups = set(self._group_keys)
        if self.group_check.isChecked():
            order = [n for n in self._topic_order() if n in groups]
        else:
            order = [STRONG_GROUP] if STRONG_GROUP in groups else []
        return order + [g for g in (POSSIBLE_GROUP, REJECTED_GROUP) if g in groups]

    @staticmethod
    def _group_of(c: ClaimPair, grouped: bool) -> str:
        if c.verdict == "different":
            return REJECTED_GROUP
        if c.tier != "strong":
            return POSSIBLE_GROUP
        return (c.topic or NO_TOPIC) if grouped else STRONG_GROUP

    @staticmethod
    def _group_title(key: str, n: int, *, short: bool = False) -> str:
        """A header's title; ``short``: without the explanation (for a narrow list)."""
        if key == STRONG_GROUP:
            return f"Strong claims ({n})"
        if key == POSSIBLE_GROUP:
            return f"Possible claims ({n})" + ("" if short else ": fewer signals agree")
        if key == REJECTED_GROUP:
            return f"Rejected ({n})" + ("" if short else ": you marked them not the same")
        return f"{one_line(key)}  ({n})"  # a topic's name: an override would turn the count

    def _fit_group_titles(self) -> None:
        """Each header's title in full when it fits the list's width, else without its
        explanation (in a narrow side panel "Possible claims (24): fewer signals a…" was cut
        off); the full title is the header's tooltip either way."""
        metrics = QFontMetrics(self._bold_font())
        for row, (name, n) in enumerate(self.model.groups()):
            # a folded heading says so (folded by a double click, it looked like any other
            # heading with its claims gone)
            mark = "" if self.tree.isExpanded(self.model.heading(row)) else FOLDED_MARK
            room = self.tree.viewport().width() - 12 - metrics.horizontalAdvance(mark)
            full = self._group_title(name, n)
            if metrics.horizontalAdvance(full) <= room:
                title = full
            elif name in (STRONG_GROUP, POSSIBLE_GROUP, REJECTED_GROUP):
                title = self._group_title(name, n, short=True)
            else:
                # a topic's name shortened, its count kept (the view cut "(1)" off a long
                # name's heading); its colour square beside it
                count = f"  ({n})"
                icon = self.tree.iconSize().width() if self.tree.iconSize().isValid() else 16
                space = room - icon - metrics.horizontalAdvance(count)
                name_room = max(metrics.horizontalAdvance("…"), space)
                shown = metrics.elidedText(one_line(name), Qt.TextElideMode.ElideRight, name_room)
                title = shown + count
            self.model.set_title(row, mark + title)

    def _on_folded(self, heading: QModelIndex, folded: bool) -> None:
        """Heading ``heading`` was folded or opened (by the reader, or by the list for a
        chosen claim under it): remembered by its key, and the titles fitted again."""
        groups = self.model.groups()
        if heading.isValid() and not heading.parent().isValid() and heading.row() < len(groups):
            name = groups[heading.row()][0]
            if folded:
                self._folded.add(name)
            else:
                self._folded.discard(name)
        self._fit_group_titles()

    def _bold_font(self) -> QFont:
        bold = QFont(self.tree.font())
        bold.setBold(True)
        return bold

    def _row_text(self, c: ClaimPair) -> str:
        assert self._a is not None and self._b is not None
        a = self._a.span_text(c.core_a)
        b = self._b.span_text(c.core_b)
        a = ("…" if c.core_a.start > c.a.start else "") + a
        a += "…" if c.core_a.end < c.a.end else ""
        b = ("…" if c.core_b.start > c.b.start else "") + b
        b += "…" if c.core_b.end < c.b.end else ""
        # controls and bidi overrides as U+FFFD: one would turn the rest of the row around
        return f"A  {visible(shorten(a, 90))}\nB  {visible(shorten(b, 90))}"

    def _row_tooltip(self, c: ClaimPair) -> str:
        assert self._a is not None and self._b is not None
        a = shorten(self._a.span_text(c.a), 400)
        b = shorten(self._b.span_text(c.b), 400)
        # why a claim is only possible, as the detail says it
        why = f"\n\n{doubts_said(c.doubts)}" if c.verdict is None and c.tier == "possible" else ""
        # lines broken (long words too): a 600-letter word made the tip wider than the screen
        return plain_tip(f"A: {a}\n\nB: {b}{why}")
