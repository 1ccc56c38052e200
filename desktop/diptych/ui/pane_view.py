"""One side of the desk: a header naming the article, the ReaderPane, its topic rail, find bar.

The rail uses text-length fractions (not pixels) so that drawing it never forces Qt to lay out
a long article ahead of the reader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from diptych.core.model import Article, RemovedText, TopicSection, TopicSet
from diptych.core.reading.chrome import ends_sentence
from diptych.core.wording import counted
from diptych.ui.alert_label import alert_color_on
from diptych.ui.reader_pane import PreparedArticle, ReaderPane
from diptych.ui.safe_text import as_rich, escape, one_line, visible
from diptych.ui.topic_bar import RailMark, TopicRail


def _web_address(article: Article) -> str:
    """The http(s) address a web article was opened from ("" for a file): its snapshot file
    is always ``page.html``, so that is no name to show."""
    url = article.meta.url
    return url if url.lower().startswith(("http://", "https://")) else ""


# The header's mark for a web page read from the copy kept when it was last fetched (offline,
# the site down, the page gone): the status bar says why for a minute, the header for as long
# as the page is shown, its tooltip with the reason and the date of the copy.
KEPT_COPY_MARK = "kept copy: not fetched now"


def article_name(article: Article) -> str:
    """What to call an article in one line (window title, pane header): its title, else its
    web address (no scheme) or file name, else its id; control characters and bidi
    overrides as U+FFFD (a U+202E would turn the rest of the line around)."""
    web = _web_address(article)
    name = (
        article.title
        or (web.split("://", 1)[1] if web else "")
        or Path(article.meta.source_path).name
        or article.id
    )
    return one_line(name)


# What the loader may leave out of a user's own Markdown or text file on a guess (it reads as
# a copied page's menus, share boxes or footer); what the format itself marks (front matter,
# mail headers, a signature, an image's alt text) goes without a word.
_GUESSED_OUT = ("furniture",)


def _said_of_web_page(r: RemovedText) -> bool:
    """Whether a web page's furniture is said: running text (a sentence of three words or
    more) that stood inside the page's article, which may be the article's own words (a
    caption, a short paragraph, a box within the text). Labels and link lists there (a
    byline, a date, "Share", "Advertisement", related headlines) and the page's menus and
    footers outside it are expected to go: listed, not said."""
    return (
        r.kind in _GUESSED_OUT
        and r.inside
        and len(r.text.split()) >= 3
        and ends_sentence(r.text.rstrip())
    )


def left_out_notice(*sides: tuple[str, Article]) -> str:
    """What the window says when text was left out on a guess, as page furniture: of a
    user's own Markdown or text files, all of it; of a web page, the running text that stood
    inside its article (its own <article> or <main>, or between the text kept). How much,
    where to see it, and of which files, in that order (the status bar cuts the end of a
    long notice) ("" when nothing was). ``sides``: (side, article)."""
    passages: list[str] = []
    files: list[str] = []
    web = False
    for side, article in sides:
        fmt = article.meta.source_format
        if fmt == "html":
            out = [r for r in article.removed if _said_of_web_page(r)]
        elif fmt in ("markdown", "text"):
            out = [r for r in article.removed if r.kind in _GUESSED_OUT]
        else:
            continue
        if not out:
            continue
        web = web or fmt == "html"
        passages.append(
            f"{counted(len(out), 'passage')} of {side.upper()}"
            if not passages
            else f"{len(out):,} of {side.upper()}"
        )
        chars = sum(len(r.text) for r in out)
        name = one_line(Path(article.meta.source_path).name or article_name(article))
        where = ", from inside its article" if fmt == "html" else ""
        files.append(f"{counted(chars, 'character')} of {name}{where}")
    if not passages:
        return ""
    what = "page furniture" if web else "menus or footers"
    return (
        f"Left out as {what}: {' and '.join(passages)}; "
        f"View → Show removed text shows them ({'; '.join(files)})"
    )


def describe_article(article: Article) -> str:
    """'Publication · date · byline' (what is known), for the pane header; else the web
    address (without the scheme) or the file's name."""
    m = article.meta
    parts = [p for p in (m.publication, m.date, m.byline) if p]
    if not parts and _web_address(article):
        parts.append(_web_address(article).split("://", 1)[1])
    elif not parts and m.source_path:
        parts.append(Path(m.source_path).name)
    return " · ".join(parts)


class PaneView(QWidget):
    """Header + ReaderPane + TopicRail + FindBar for one side ("a" or "b")."""

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"pane_view_{side}")
        self.header = QLabel(self)
        self.header.setObjectName(f"pane_header_{side}")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(False)
        self.header.setContentsMargins(10, 4, 10, 4)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        # a long title must not widen the window: clip instead
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.header.setMinimumWidth(40)
        self.reader = ReaderPane(side, self)
        self.rail = TopicRail(self)
        self._find_bar: Any = None  # a FindBar, made on first use (Ctrl+F)
        # (title, description, mark): the mark (a kept copy) is never elided
        self._header_parts: tuple[str, str, str] | None = None
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.reader, 1)
        body.addWidget(self.rail)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.header)
        lay.addLayout(body, 1)
        self._layout = lay
        self._sections: tuple[TopicSection, ...] = ()
        self._topic_set: TopicSet | None = None
        self.reader.scrolled.connect(self._update_rail_view)
        self.reader.layout_changed.connect(self._update_rail_view)
        self.rail.jump_requested.connect(self._on_rail_jump_requested)
        # the reader starts empty: only the header and rail need saying so (a second empty
        # document would cost the first paint a few ms)
        self._update_header(None)
        self._update_rail_view()

    def set_article(self, article: Article | None, prepared: PreparedArticle | None = None) -> None:
        self._sections = ()
        self.rail.set_marks([])
        self.reader.set_article(article, prepared)
        self._update_header(article)
        if self._find_bar is not None:
            self._find_bar.refresh()
        self._update_rail_view()

    @property
    def find_bar(self) -> Any:
        """The find bar under the pane (created the first time it is wanted)."""
        if self._find_bar is None:
            from diptych.ui.find_bar import FindBar

            self._find_bar = FindBar(self.reader, self)
            self._layout.addWidget(self._find_bar)
        return self._find_bar

    def set_busy_text(self, text: str) -> None:
        """Header text while this side is loading."""
        self.header.setText(f"<b>{'AB'[self.side == 'b']}</b> &nbsp; {escape(text)}")

    def _update_header(self, article: Article | None) -> None:
        if article is None:
            self._header_parts = None
            self.header.setToolTip("")
        else:
            # bidi and control characters shown as U+FFFD: an unclosed U+202E in a title
            # would turn the rest of the header (date, byline) around
            web = _web_address(article)
            title = article_name(article)
            kept = article.meta.kept_copy  # could not be fetched now: said while it is shown
            mark = KEPT_COPY_MARK if kept else ""
            sub = describe_article(article)
            if one_line(sub) == title:  # an untitled file: named once, not twice
                sub = ""
            self._header_parts = (_clip(title, 300), visible(sub), mark)
            where = visible(web or article.meta.source_path or article.id)
            tip = f"{title}\n{where}" if title != where else title
            self.header.setToolTip(as_rich(f"{tip}\n{visible(kept)}" if kept else tip))
        self._render_header()

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._render_header()

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() == QEvent.Type.PaletteChange:  # a theme switch: the mark's colour follows
            self._render_header()

    def _render_header(self) -> None:
        """The header line, elided to the pane's width: the description gives way first,
        then the title ends in "…" (the whole of both is in the tooltip)."""
        letter = "A" if self.side == "a" else "B"
        if self._header_parts is None:
            self.header.setText(f"<b>{letter}</b>")
            return
        title, sub, mark = self._header_parts
        plain = QFontMetrics(self.header.font())
        bold_font = self.header.font()
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        gap = plain.horizontalAdvance("\u00a0\u00a0 ")
        m = self.header.contentsMargins()
        room = self.width() - m.left() - m.right() - bold.horizontalAdvance(letter) - gap - 4
        if mark:  # before the title, whole: the title and the description give way to it
            room -= plain.horizontalAdvance(f"[{mark}]") + gap
        title_w = bold.horizontalAdvance(title)
        if title_w > room:
            title = bold.elidedText(title, Qt.TextElideMode.ElideRight, max(0, room))
            sub = ""
        elif sub:
            sub_room = room - title_w - gap
            sub = (
                plain.elidedText(sub, Qt.TextElideMode.ElideRight, sub_room) if sub_room > 0 else ""
            )
            if sub in ("…", "..."):
                sub = ""
        colour = alert_color_on(self.header.palette().color(QPalette.ColorRole.Window)).name()
        flag = f"<span style='color: {colour}'>[{escape(mark)}]</span> &nbsp;" if mark else ""
        self.header.setText(
            f"<b>{letter}</b> &nbsp; {flag}<b>{escape(title)}</b>"
            + (
                f" &nbsp;<span style='color: palette(placeholder-text)'>{escape(sub)}</span>"
                if sub
                else ""
            )
        )

    def set_sections(self, sections: Sequence[TopicSection], topic_set: TopicSet | None) -> None:
        """Show the topic sections of this side's article on the rail."""
        self._sections = tuple(sections)
        self._topic_set = topic_set
        art = self.reader.article()
        n = max(1, len(art.text)) if art else 1
        marks = [
            RailMark(
                s.start / n,
                s.end / n,
                topic_set.color_of(s.topic) if topic_set else "#888888",
                s.topic,
                s.start,
            )
            for s in self._sections
        ]
        self.rail.set_marks(marks)

    def sections(self) -> tuple[TopicSection, ...]:
        return self._sections

    def _update_rail_view(self) -> None:
        art = self.reader.article()
        if art is None or not art.text:
            self.rail.set_view(0.0, 0.0)
            return
        self.rail.set_view(*self.reader.approximate_visible_fraction())

    def _on_rail_jump_requested(self, offset: int) -> None:
        self.reader.scroll_offset_to(offset)
        art = self.reader.article()
        if art is not None:
            blk = art.blocks[art.block_at(offset)]
            self.reader.flash_span(blk.start, blk.end)

    def extent_in(self, target: QWidget) -> Callable[[int, int], tuple[float, float]]:
        """An extent function for the link gutter: (start, end) -> (top, bottom) in
        ``target``'s coordinates. Spans wholly outside the view are placed just above or
        below ``target`` without laying out the text there."""
        reader = self.reader

        def extent(start: int, end: int) -> tuple[float, float]:
            vp = reader.viewport()
            dy = float(vp.mapTo(target.window(), QPoint(0, 0)).y())
            dy -= float(target.mapTo(target.window(), QPoint(0, 0)).y())
            lo, hi = reader.visible_range()
            h = float(vp.height())
            # a span off the view is placed past the target's edge too (the gutter starts
            # above the text, beside the pane's header): the gutter then knows that a band
            # with both ends above (or below) is out of sight, and draws none; placed just
            # past the text's edge, 1,900 such bands of a 3 MB pair were painted, squeezed
            # into the strip above the text, on every scroll step
            if end <= lo:
                edge = min(dy, 0.0)
                return edge - 12.0, edge - 6.0
            if start >= hi:
                edge = max(dy + h, float(target.height()))
                return edge + 6.0, edge + 12.0
            top = reader.doc_y_of_position(start) - reader.scroll_value()
            bottom_pos = reader.doc_y_of_position(max(start, end - 1))
            bottom = _line_bottom(reader, max(start, end - 1), bottom_pos) - reader.scroll_value()
            return top + dy, max(bottom, top + 2.0) + dy

        return extent


def _line_bottom(reader: ReaderPane, offset: int, y: float) -> float:
    """Bottom of the line containing ``offset`` (y is somewhere on that line)."""
    doc = reader.document()
    u16 = reader.to_utf16(offset)
    blk = doc.findBlock(u16)
    if not blk.isValid():
        return y
    doc.documentLayout().blockBoundingRect(blk)
    layout = blk.layout()
    line = layout.lineForTextPosition(min(u16 - blk.position(), max(0, blk.length() - 1)))
    if not line.isValid():
        return y
    return layout.position().y() + line.y() + line.height()


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"
