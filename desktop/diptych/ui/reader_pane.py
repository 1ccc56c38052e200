"""One reading pane: an Article shown read-only, typeset for reading, addressed in code points.

Size (~1,100 lines, over the ~600 this project aims at): the pane is one QTextBrowser whose
geometry (code point ↔ document y ↔ viewport y), layers, reading position and lazy layout pacing
all read the same document layout; they are kept with the widget that owns that layout. The
pieces that need none of it live apart (``article_document``, ``pane_view``, ``find_bar``);
the layers are the next to move out if this grows.

Everything other widgets ask of a pane is in code points of ``Article.text``; the conversion to
Qt's UTF-16 positions happens here and nowhere else (``Utf16Map``).

Public API (for the window, the sync controller and the highlights widgets):

- ``set_article(article | None)``, ``article()``, ``plain_text()``
- ``position_at_doc_y(y) -> float`` / ``doc_y_of_position(pos) -> float``: a continuous,
  mutually inverse map between document y (pixels) and text position (fractional code points);
  ``offset_at_y(y) -> int`` / ``y_of_offset(offset) -> int`` do the same in viewport pixels.
- ``scroll_offset_to(offset, at_fraction=1/3)``, ``scroll_value()``, ``set_scroll_value(v)``,
  ``visible_range() -> (start, end)``, ``sync_line_y()``
- ``select_span(start, end)``, ``selected_span()``, ``flash_span(start, end)``
- ``set_layer(name, spans)`` / ``clear_layer(name)``: extra-selection layers drawn over the text
  (``LAYER_ORDER``: topics, claims, highlights, find, flash);
  ``set_highlight_spans([(start, end, QColor, id)])`` and ``highlight_at(offset)``
- ``offset_at_point(QPoint) -> int`` (viewport coordinates)
- zoom: ``zoom_in()``, ``zoom_out()``, ``zoom_reset()``, ``set_zoom(f)``; ``set_theme(theme)``
- ``layout_complete()``; ``pacer`` (``LayoutPacer``): a long article is laid out in small
  time-boxed steps rather than in Qt's growing ones (``PACE_MIN_CHARS`` and up)

Signals: ``selection_changed(int, int)``, ``scrolled()``, ``file_dropped(str)``,
``focus_entered()``, ``zoom_requested(int)`` (Ctrl+wheel steps), ``layout_changed()``,
``context_menu_requested(QMenu, int)`` (add actions before the menu shows).

Security: the pane never navigates, never loads a resource (``loadResource`` returns nothing),
and a clicked link is only opened, after showing its target, when it is http(s) or mailto.
"""

from __future__ import annotations

import contextlib
import math
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractEventDispatcher,
    QEasingCurve,
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    QUrl,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QTextEdit, QWidget

from diptych.core.model import Article
from diptych.core.utf16 import Utf16Map
from diptych.ui.article_document import (
    DocumentStyle,
    build_document,
    document_plain_text,
)
from diptych.ui.reading_comfort import DEFAULT_COMFORT, MEASURE_CHARS, ReadingComfort
from diptych.ui.safe_text import as_rich
from diptych.ui.theme import LIGHT, Theme, serif_font

__all__ = ["MEASURE_CHARS", "SYNC_FRACTION", "ReaderPane"]

SYNC_FRACTION = 1 / 3
MIN_SIDE_PADDING = 18
ZOOM_STEP = 1.1
ZOOM_MIN_STEPS, ZOOM_MAX_STEPS = -5, 9
LAYER_ORDER = ("topics", "claims", "highlights", "find", "flash")
SAFE_LINK_SCHEMES = ("http", "https", "mailto")

# (start, end, colour or char format) in code points
LayerSpan = tuple[int, int, "QColor | QTextCharFormat"]


def is_safe_link(url: QUrl | str) -> bool:
    """Only web and mail links may leave the app."""
    u = QUrl(url) if isinstance(url, str) else url
    return u.isValid() and u.scheme().lower() in SAFE_LINK_SCHEMES and not u.isLocalFile()


def default_link_opener(parent: QWidget, url: QUrl) -> bool:
    """Show the link's target and open it in the system browser/mailer if the user agrees."""
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    target = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
    if not is_safe_link(url):
        QMessageBox.information(
            parent,
            "Link not opened",
            as_rich(
                "Diptych opens only web (http, https) and mail links.\n\n"
                "This link points to:\n" + target
            ),
        )
        return False
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Open link?")
    box.setText("Open this link in your browser?" if url.scheme() != "mailto" else "Write mail?")
    box.setInformativeText(as_rich(target))
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    if box.exec() != QMessageBox.StandardButton.Open:
        return False
    return QDesktopServices.openUrl(url)


class PreparedArticle:
    """An article's document and offset table, made ahead (in a worker thread) for a style.

    The document is built in the thread that calls ``prepare_article`` and handed to the UI
    thread (``QObject.moveToThread``); ``take_document`` gives it to one pane, once.
    """

    def __init__(self, article: Article, style: DocumentStyle, target_thread: Any) -> None:
        self.article = article
        self.style = style
        self.umap = Utf16Map(article.text)
        doc = build_document(article, style)
        if target_thread is not None and doc.thread() is not target_thread:
            doc.moveToThread(target_thread)
        self._doc: QTextDocument | None = doc

    @classmethod
    def of_document(
        cls, article: Article, style: DocumentStyle, umap: Utf16Map, doc: QTextDocument
    ) -> PreparedArticle:
        """A document already built for ``article`` in ``style`` (a pane's, handed over)."""
        out = cls.__new__(cls)
        out.article, out.style, out.umap, out._doc = article, style, umap, doc
        return out

    def take_document(self) -> QTextDocument:
        doc, self._doc = self._doc, None
        if doc is None:
            raise RuntimeError("this prepared document was already used")
        return doc


def prepare_article(article: Article, style: DocumentStyle, target_thread: Any) -> PreparedArticle:
    return PreparedArticle(article, style, target_thread)


PACE_MIN_CHARS = 50_000  # shorter documents are laid out by Qt as usual
PACE_STEP_CHARS = 4_000  # text laid out per request
PACE_BUDGET_S = 0.010  # UI-thread time per pacing turn
PACE_INTERVAL_MS = 4  # pause between turns (input and painting run there)


class LayoutPacer(QObject):
    """Lays a long document out in small, time-boxed steps instead of Qt's growing ones.

    Qt lays a document out lazily on a 10 ms timer, but doubles the amount of text per step
    up to 200,000 characters: on a 1 MB article each late step blocked the UI thread for
    40-90 ms per pane (both panes' steps fall due in the same timer pass). The pacer filters
    that timer out of the document layout's events (it is the layout's only timer with a
    non-zero interval) and instead asks for the layout of the next few thousand characters
    (``blockBoundingRect``, which lays out up to a position without enlarging the step), as
    often as fits in ``PACE_BUDGET_S`` per turn. Painting and hit tests still lay out on
    demand what they need, exactly as before; the result is the same layout.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._doc: QTextDocument | None = None
        self._layout: QObject | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(PACE_INTERVAL_MS)
        self._timer.timeout.connect(self._turn)
        self.turns = 0  # pacing turns taken so far (each at most PACE_BUDGET_S of work)

    def attach(self, doc: QTextDocument) -> None:
        """Pace ``doc`` (long documents only); stops pacing the previous one."""
        self._timer.stop()
        self._doc = doc
        layout = doc.documentLayout()
        if layout is not self._layout:
            layout.installEventFilter(self)
            self._layout = layout
        if self.active():
            self._timer.start()

    def active(self) -> bool:
        return self._doc is not None and self._doc.characterCount() >= PACE_MIN_CHARS

    def is_pacing(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Timer
            and watched is self._layout
            and self.active()
            and self._is_lazy_layout_timer(watched, event)
        ):
            if not self._timer.isActive():
                self._timer.start()
            return True
        return False

    @staticmethod
    def _is_lazy_layout_timer(obj: QObject, event: QEvent) -> bool:
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is None:
            return False
        tid = event.timerId()  # type: ignore[attr-defined]
        # the size-changed timer has interval 0 and must pass (it announces the new size)
        return any(t.timerId == tid and t.interval > 0 for t in dispatcher.registeredTimers(obj))

    def first_unlaid_block(self) -> int:
        """Number of the first block Qt has not laid out yet (blockCount() when done):
        lazy layout always covers a prefix of the document."""
        doc = self._doc
        if doc is None:
            return 0
        lo, hi = 0, doc.blockCount()
        while lo < hi:
            mid = (lo + hi) // 2
            if doc.findBlockByNumber(mid).layout().lineCount() > 0:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _turn(self) -> None:
        doc = self._doc
        if doc is None:
            self._timer.stop()
            return
        layout = doc.documentLayout()
        self.turns += 1
        clock = time.perf_counter
        t0 = clock()
        last = max(0, doc.characterCount() - 1)
        previous = -1
        while True:
            k = self.first_unlaid_block()
            if k >= doc.blockCount() or k == previous:
                # done (or Qt would not lay out further: nothing left for the pacer to do)
                self._timer.stop()
                return
            previous = k
            start = doc.findBlockByNumber(k).position()
            layout.blockBoundingRect(doc.findBlock(min(last, start + PACE_STEP_CHARS)))
            if clock() - t0 >= PACE_BUDGET_S:
                return


class ReaderPane(QTextBrowser):
    """A read-only, typeset view of one Article (see the module docstring for the API)."""

    selection_changed = Signal(int, int)
    scrolled = Signal()
    file_dropped = Signal(str)
    focus_entered = Signal()
    zoom_requested = Signal(int)
    layout_changed = Signal()
    context_menu_requested = Signal(object, int)

    def __init__(self, side: str = "a", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self._article: Article | None = None
        self._umap = Utf16Map("")
        self._theme: Theme = LIGHT
        self._zoom_steps = 0
        self._comfort: ReadingComfort = DEFAULT_COMFORT
        self._layers: dict[str, list[LayerSpan]] = {}  # kept in code points: rebuilt per doc
        self._layer_cache: dict[str, list[QTextEdit.ExtraSelection]] = {}  # for this document
        self._highlight_ids: list[tuple[int, int, Any]] = []
        self._flash_anim: QVariantAnimation | None = None
        self._measure_key: tuple[int, int, ReadingComfort] | None = None
        self.adjusting = False  # True while the pane moves itself (resize): not a user scroll
        # the reading position: the text position at the sync line, set by every scroll the
        # pane did not make itself; resizes, zoom, theme and the layout catching up put that
        # text back on the sync line (Qt alone keeps the pixel offset, which after a width
        # change points at other text, or past the end)
        self._anchor: float | None = None
        self._drop_sign: QLabel | None = None  # see drop_target()
        self._layout_serial = 0  # bumped whenever the document or its layout changes
        self._visible_cache: tuple[tuple[int, int, int, int], tuple[int, int]] | None = None
        # called with (parent, QUrl) when a link is clicked; tests replace it
        self.link_opener: Callable[[QWidget, QUrl], bool] = default_link_opener
        self.setObjectName(f"reader_{side}")
        # A viewport made here, so Python already knows its type: the first ``viewport()`` on
        # the one Qt made would have PySide look through every QtWidgets class to find its
        # type (initialising them all, ~20 ms of start-up). Set up as Qt sets up its own.
        vp = QWidget(self)
        vp.setBackgroundRole(QPalette.ColorRole.Base)
        vp.setAutoFillBackground(True)
        vp.setMouseTracking(True)
        vp.setAcceptDrops(True)
        vp.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        vp.setCursor(Qt.CursorShape.ArrowCursor)  # as QTextBrowser sets it (a hand on links)
        self.setViewport(vp)
        self._viewport = vp
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # a scroll bar that comes and goes changes the text width: Qt then lays the whole
        # article out again
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setPlaceholderText("")
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll_value_changed)
        # connected before Qt's own re-bounding of the value: the anchor is put back first
        self._clamped_end: int | None = None  # the scroll range's end as _clamp_scroll_end set it
        self.verticalScrollBar().rangeChanged.connect(self._on_scroll_range_changed)
        self.selectionChanged.connect(self._on_selection_changed)
        self._layout_timer = QTimer(self)
        self._layout_timer.setSingleShot(True)
        self._layout_timer.setInterval(60)
        self._layout_timer.timeout.connect(self.layout_changed)
        self._own_doc: QTextDocument | None = None
        # "Show removed text": what the loader left out, greyed, in the space it stood in
        # (a block's top margin, so no character moves and every offset holds)
        self._show_removed = False
        self._removed_marks: list[tuple[int, str, float]] = []  # block number, text, height
        self.pacer = LayoutPacer(self)  # long articles: laid out in small steps
        self._install_document(QTextDocument(self))

    # -- content -----------------------------------------------------------------------------
    def article(self) -> Article | None:
        return self._article

    def document_style(self) -> DocumentStyle:
        """The look documents for this pane are built with (theme, zoom, reading comfort)."""
        c = self._comfort
        return DocumentStyle(
            theme=self._theme,
            zoom=ZOOM_STEP**self._zoom_steps,
            family=c.family,
            base_size=c.point_size,
            line_height=c.line_height,
        )

    def set_article(self, article: Article | None, prepared: PreparedArticle | None = None) -> None:
        """Show ``article`` (None: an empty pane), scrolled to the top, layers cleared.

        ``prepared`` (from ``prepare_article``, possibly built in a worker thread) saves the
        UI thread the document building and offset table of a long article; it is used when
        it was made for this article and this pane's current style.
        """
        self._article = article
        usable = (
            prepared is not None
            and article is not None
            and prepared.article is article
            and prepared.style == self.document_style()
        )
        self._umap = (
            prepared.umap if usable and prepared else Utf16Map(article.text if article else "")
        )
        self._layers.clear()
        self._layer_cache.clear()
        self._highlight_ids = []
        self._anchor = None  # a new text starts at its top
        if usable and prepared is not None:
            self._install_document(prepared.take_document())
            self.set_scroll_value(0)
            self.layout_changed.emit()
        else:
            self._rebuild(keep_position=False)

    def hand_over(self) -> PreparedArticle | None:
        """This pane's article with its document, for another pane of the same style to show
        (``set_article(article, prepared)``): a swap of the panes then builds no document
        again (two 3 MB articles took 1.8 s on the UI thread). This pane keeps showing it
        until it is given another article, but no longer owns it. None when there is none to
        hand over, or when removed text is shown in it (marked for this pane's width)."""
        doc = self._own_doc
        if self._article is None or doc is None or self._show_removed:
            return None
        with contextlib.suppress(RuntimeError, TypeError):
            doc.documentLayout().documentSizeChanged.disconnect(self._on_document_size_changed)
        doc.setParent(None)  # QTextEdit.setDocument deletes an old document it is parent of
        self._own_doc = None
        return PreparedArticle.of_document(self._article, self.document_style(), self._umap, doc)

    def plain_text(self) -> str:
        """What the pane displays, as text (equals ``Article.text``)."""
        return document_plain_text(self.document())

    def _install_document(self, doc: QTextDocument) -> None:
        old = getattr(self, "_own_doc", None)
        doc.setParent(self)
        # margins first: setting them after setDocument would lay the text out twice
        self._measure_key = None
        self._update_measure(doc)
        self._removed_marks = []
        if self._show_removed:
            self._mark_removed(doc)  # before it is laid out
        self.setDocument(doc)
        self._own_doc = doc
        self._layout_serial += 1
        doc.documentLayout().documentSizeChanged.connect(self._on_document_size_changed)
        self.pacer.attach(doc)
        if old is not None and old is not doc:
            old.deleteLater()
        self._layer_cache.clear()
        self._apply_layers()

    # -- removed text ------------------------------------------------------------------------
    MAX_REMOVED_SHOWN = 4000  # characters shown at one place (a page's whole menu is long)

    def show_removed(self) -> bool:
        return self._show_removed

    def set_show_removed(self, on: bool) -> None:
        """Show (greyed, in place, as plain text) what the loader removed from the article:
        page furniture, a signature, front matter. Highlights and offsets are unaffected."""
        if on == self._show_removed:
            return
        self._show_removed = on
        if self._article is not None:
            # a new document, with the room made before it is laid out (a laid-out
            # document does not take new block margins at once)
            self._rebuild(keep_position=True)
        self.viewport().update()

    def _removed_groups(self) -> list[tuple[int, str]]:
        """(offset, text) of each place something was removed, texts joined by newlines."""
        art = self._article
        if art is None:
            return []
        groups: dict[int, list[str]] = {}
        for r in art.removed:
            groups.setdefault(r.at, []).append(f"[{r.kind}] {' '.join(r.text.split())}")
        out = []
        for at, texts in sorted(groups.items()):
            text = "\n".join(texts)
            if len(text) > self.MAX_REMOVED_SHOWN:
                text = text[: self.MAX_REMOVED_SHOWN] + "…"
            out.append((at, text))
        return out

    def _mark_removed(self, doc: QTextDocument) -> None:
        """Make room (block margins) for the removed text in a document not yet laid out."""
        if self._article is None:
            return
        width = max(100.0, doc.textWidth() if doc.textWidth() > 0 else self.viewport().width())
        fm = QFontMetricsF(self._removed_font(doc))
        end = len(self._article.text)
        for at, text in self._removed_groups():
            rect = fm.boundingRect(QRectF(0, 0, width, 1e7), int(Qt.TextFlag.TextWordWrap), text)
            height = rect.height() + fm.height() * 0.6
            # Qt lays out no top margin for a frame's first block and no bottom margin for
            # its last: room there is the frame's own margin
            root = doc.rootFrame()
            if at >= end:
                block = doc.lastBlock()
                ff = root.frameFormat()
                ff.setBottomMargin(ff.bottomMargin() + height)
                root.setFrameFormat(ff)
                key = "\x00end" + text
            elif at == 0:
                block = doc.firstBlock()
                ff = root.frameFormat()
                ff.setTopMargin(ff.topMargin() + height)
                root.setFrameFormat(ff)
                key = text
            else:
                block = doc.findBlock(self._umap.to_utf16(at))
                fmt = block.blockFormat()
                fmt.setTopMargin(fmt.topMargin() + height)
                QTextCursor(block).setBlockFormat(fmt)
                key = text
            self._removed_marks.append((block.blockNumber(), key, height))

    def _removed_font(self, doc: QTextDocument | None = None) -> QFont:
        f = (doc or self.document()).defaultFont()
        f.setItalic(True)
        f.setPointSizeF(max(6.0, f.pointSizeF() * 0.85))
        return f

    def paintEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        super().paintEvent(e)
        if not (self._show_removed and self._removed_marks):
            return
        from PySide6.QtGui import QPainter

        dy = -self.verticalScrollBar().value()
        p = QPainter(self.viewport())
        p.setFont(self._removed_font())
        p.setPen(QColor(self._theme.muted))
        for area, text in self.removed_areas():
            area.translate(0, dy)
            if area.bottom() < 0 or area.top() > self.viewport().height():
                continue
            p.drawText(area, int(Qt.TextFlag.TextWordWrap), text)  # plain text, never rich
        p.end()

    def removed_areas(self) -> list[tuple[QRectF, str]]:
        """Where each group of removed text is drawn (document coordinates), and the text:
        in the room made above its block, or below the last line for what followed the end
        (a small gap, the one the room was made with: not a share of the text's height,
        which left a screen of blank above a long removed tail)."""
        doc = self.document()
        layout = doc.documentLayout()
        width = max(100.0, doc.textWidth())
        margin = doc.documentMargin()
        gap = QFontMetricsF(self._removed_font()).height() * 0.3
        out: list[tuple[QRectF, str]] = []
        for number, key, height in self._removed_marks:
            block = doc.findBlockByNumber(number)
            if not block.isValid():
                continue
            layout.blockBoundingRect(block)  # laid out
            lay = block.layout()
            if key.startswith("\x00end"):
                top = lay.position().y() + lay.boundingRect().height() + gap
                text = key[4:]
            else:
                top, text = lay.position().y() - height, key
            out.append((QRectF(margin, top, width - 2 * margin, height), text))
        return out

    def _rebuild(self, *, keep_position: bool) -> None:
        anchor = self.reading_position() if keep_position else None
        style = self.document_style()
        if self._article is None:
            doc = QTextDocument()
            doc.setDefaultFont(serif_font(style.point_size, style.family))
        else:
            doc = build_document(self._article, style)
        was, self.adjusting = self.adjusting, True  # restored, not cleared: calls nest
        try:
            self._anchor = anchor
            self._install_document(doc)
            if anchor is not None:
                self._apply_anchor()
            else:
                self.set_scroll_value(0)
        finally:
            self.adjusting = was
        self.layout_changed.emit()

    # -- look --------------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        if theme == self._theme:
            return
        self._theme = theme
        pal = self.palette()
        pal.setColor(pal.ColorRole.Base, QColor(theme.paper))
        pal.setColor(pal.ColorRole.Text, QColor(theme.ink))
        self.setPalette(pal)
        self._rebuild(keep_position=True)

    def theme(self) -> Theme:
        return self._theme

    def comfort(self) -> ReadingComfort:
        return self._comfort

    def set_comfort(self, comfort: ReadingComfort) -> None:
        """Font family and size, line width and spacing; the text at the top stays there."""
        comfort = comfort.clamped()
        if comfort == self._comfort:
            return
        self._comfort = comfort
        self._measure_key = None
        self._rebuild(keep_position=True)

    def zoom(self) -> float:
        return ZOOM_STEP**self._zoom_steps

    def zoom_steps(self) -> int:
        return self._zoom_steps

    def set_zoom_steps(self, steps: int) -> None:
        steps = max(ZOOM_MIN_STEPS, min(ZOOM_MAX_STEPS, int(steps)))
        if steps != self._zoom_steps:
            self._zoom_steps = steps
            self._rebuild(keep_position=True)

    def zoom_in(self) -> None:
        self.set_zoom_steps(self._zoom_steps + 1)

    def zoom_out(self) -> None:
        self.set_zoom_steps(self._zoom_steps - 1)

    def zoom_reset(self) -> None:
        self.set_zoom_steps(0)

    def _update_measure(self, doc: QTextDocument | None = None) -> None:
        """Centre a column of about MEASURE_CHARS characters (viewport margins: changing
        them re-lays the text out lazily, while changing the document's frame margins makes
        Qt lay a long article out in one go); give a new document its top and bottom space
        (the bottom one lets any line reach the sync line)."""
        style = self.document_style()
        fm = QFontMetricsF(serif_font(style.point_size, style.family))
        if doc is not None:
            root = doc.rootFrame()
            ff = root.frameFormat()
            ff.setTopMargin(fm.height() * 1.6)
            screen = self.screen() or QGuiApplication.primaryScreen()
            tall = max(
                self.viewport().height(), screen.availableGeometry().height() if screen else 0
            )
            ff.setBottomMargin(max(fm.height() * 2, tall * (1 - SYNC_FRACTION)))
            ff.setLeftMargin(0)
            ff.setRightMargin(0)
            if ff != root.frameFormat():  # setting it lays a long article out in one go
                root.setFrameFormat(ff)
        scrollbar = self.verticalScrollBar().sizeHint().width()
        width = self.width() - 2 * self.frameWidth() - scrollbar
        key = (width, self._zoom_steps, self._comfort)
        if key == self._measure_key:
            return
        self._measure_key = key
        char_w = fm.horizontalAdvance("abcdefghijklmnopqrstuvwxyz") / 26
        measure = self._comfort.measure * char_w * 1.08
        side = int(max(MIN_SIDE_PADDING, (width - measure) / 2))
        m = self.viewportMargins()
        if (m.left(), m.right()) != (side, side):
            self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, e: QResizeEvent) -> None:
        # the reading position stays on the sync line when the width (and so the line
        # breaks) or the height change; the other pane is not synced to this adjustment
        was, self.adjusting = self.adjusting, True  # restored, not cleared: calls nest
        try:
            super().resizeEvent(e)
            self._update_measure()
            self._apply_anchor()
        finally:
            self.adjusting = was

    def hold_reading_position(self, offset: float) -> None:
        """Put ``offset`` (code points) on the sync line and keep it there while the text is
        laid out (a long article is laid out in steps: scrolled to before that is done, a
        position far down was clamped to the part laid out, e.g. after a swap of the panes)."""
        if self._article is None:
            return
        self._anchor = offset
        self._apply_anchor()

    def reading_position(self) -> float | None:
        """The text position (code points) held on the sync line, or None at the top of a
        text nobody scrolled yet."""
        return self._anchor

    def _apply_anchor(self) -> None:
        """Scroll so the reading position is on the sync line again (not a user scroll)."""
        if self._anchor is None or self._article is None:
            return
        was, self.adjusting = self.adjusting, True
        try:
            target = self.doc_y_of_position(self._anchor) - self.sync_line_y()
            self.set_scroll_value(math.ceil(target - 1e-6))
        finally:
            self.adjusting = was

    def _on_scroll_range_changed(self, _lo: int, _hi: int) -> None:
        # the document grew or shrank (layout caught up, new width): Qt is about to clamp
        # the old pixel value into the new range; put the reading position back instead
        self._clamp_scroll_end()
        self._apply_anchor()

    def _clamp_scroll_end(self) -> None:
        """The scroll range ends where the last line sits on the sync line. The room below
        the text is sized for the screen (so a taller window lays nothing out again), but
        scrolled to its end in a shorter window the text went out of view: the panes showed
        nothing at all."""
        bar = self.verticalScrollBar()
        if bar.maximum() == self._clamped_end:
            return  # clamped here (this is the range change that made)
        room = self.document().rootFrame().frameFormat().bottomMargin()
        excess = room - self.viewport().height() * (1 - SYNC_FRACTION)
        if excess <= 0 or not self.layout_complete():
            # (partly laid out, the range does not reach the room below the text yet)
            self._clamped_end = None
            return
        # from the range Qt set (asking the document its size would lay a long article out
        # in one go, past the pacer)
        self._clamped_end = max(bar.minimum(), math.ceil(bar.maximum() - excess))
        bar.setMaximum(self._clamped_end)

    # -- positions ---------------------------------------------------------------------------
    def to_utf16(self, offset: int) -> int:
        return self._umap.to_utf16(offset)

    def to_codepoint(self, u16: int) -> int:
        return self._umap.to_codepoint(u16)

    def _u16_to_cp_float(self, u16: float) -> float:
        base = int(u16)
        cp = self._umap.to_codepoint(base)
        return cp + (u16 - base) if self._umap.to_utf16(cp) == base else float(cp)

    def _cp_to_u16_float(self, pos: float) -> float:
        base = int(pos)
        return self._umap.to_utf16(base) + (pos - base)

    def _block_tops(self, block) -> tuple[float, float]:
        """(top of the block's first line, bottom of its last line) in document y."""
        rect = self.document().documentLayout().blockBoundingRect(block)  # lays it out
        layout = block.layout()
        y0 = layout.position().y()
        if layout.lineCount() == 0:
            return y0, y0 + max(1.0, rect.height())
        last = layout.lineAt(layout.lineCount() - 1)
        return y0 + layout.lineAt(0).y(), y0 + last.y() + last.height()

    def _find_block_at_y(self, y: float):
        """The last block whose first line starts at or above document y. Asks the layout
        (``hitTest``), which lays the text out only down to y: a binary search over all
        blocks would lay out half a long article to look at its middle."""
        doc = self.document()
        layout = doc.documentLayout()
        pos = layout.hitTest(QPointF(1.0, max(0.0, y)), Qt.HitTestAccuracy.FuzzyHit)
        blk = doc.findBlock(max(0, pos)) if pos >= 0 else doc.lastBlock()
        if not blk.isValid():
            blk = doc.firstBlock()
        layout.blockBoundingRect(blk)
        while blk.blockNumber() > 0 and blk.layout().position().y() > y:
            blk = blk.previous()
            layout.blockBoundingRect(blk)
        for _ in range(64):  # a fuzzy hit can stop one block short
            nxt = blk.next()
            # a block Qt has not laid out yet lies below everything laid out: stop there
            # rather than make Qt lay out a long stretch of text now
            if not nxt.isValid() or nxt.layout().lineCount() == 0:
                break
            layout.blockBoundingRect(nxt)
            if nxt.layout().position().y() > y:
                break
            blk = nxt
        return blk

    def position_at_doc_y(self, y: float) -> float:
        """Text position (fractional code points) at document y; continuous and monotone.

        Inside a line the position runs linearly through the line's characters; the space
        between two blocks runs through the "\\n" separating them.
        """
        if self._article is None or not self._article.text:
            return 0.0
        blk = self._find_block_at_y(y)
        top, bottom = self._block_tops(blk)
        if y <= top:
            return self._u16_to_cp_float(float(blk.position())) if blk.blockNumber() else 0.0
        layout = blk.layout()
        base = layout.position().y()
        n = layout.lineCount()
        if y >= bottom:
            nxt = blk.next()
            end_u16 = blk.position() + blk.length() - 1
            if not nxt.isValid():
                return float(len(self._article.text))
            next_top, _ = self._block_tops(nxt)
            gap = max(1e-6, next_top - bottom)
            frac = min(1.0, (y - bottom) / gap)
            return self._u16_to_cp_float(end_u16 + frac)
        # the line containing y (lines are few per block: linear scan)
        for j in range(n):
            line = layout.lineAt(j)
            lt = base + line.y()
            lb = base + layout.lineAt(j + 1).y() if j + 1 < n else bottom
            if y < lb or j == n - 1:
                frac = min(1.0, max(0.0, (y - lt) / max(1e-6, lb - lt)))
                u16 = blk.position() + line.textStart() + frac * line.textLength()
                return self._u16_to_cp_float(u16)
        return self._u16_to_cp_float(float(blk.position()))  # pragma: no cover

    def doc_y_of_position(self, pos: float) -> float:
        """Document y of a text position: the inverse of ``position_at_doc_y``."""
        if self._article is None or not self._article.text:
            return 0.0
        length = len(self._article.text)
        pos = max(0.0, min(float(length), pos))
        doc = self.document()
        u16 = self._cp_to_u16_float(pos)
        blk = doc.findBlock(int(u16))
        if not blk.isValid():
            blk = doc.lastBlock()
        top, bottom = self._block_tops(blk)
        rel = u16 - blk.position()
        text_len = blk.length() - 1
        if rel >= text_len:
            nxt = blk.next()
            if not nxt.isValid():
                return bottom
            next_top, _ = self._block_tops(nxt)
            return bottom + (rel - text_len) * (next_top - bottom)
        layout = blk.layout()
        base = layout.position().y()
        line = layout.lineForTextPosition(int(rel))
        if not line.isValid():
            return top
        j = line.lineNumber()
        lt = base + line.y()
        lb = base + layout.lineAt(j + 1).y() if j + 1 < layout.lineCount() else bottom
        frac = (rel - line.textStart()) / max(1, line.textLength())
        return lt + min(1.0, max(0.0, frac)) * (lb - lt)

    def offset_at_y(self, y: float) -> int:
        """Code-point offset of the text at viewport y."""
        return int(self.position_at_doc_y(y + self.scroll_value()))

    def y_of_offset(self, offset: int) -> int:
        """Viewport y of the line holding code-point ``offset`` (may be off screen)."""
        return round(self.doc_y_of_position(offset)) - self.scroll_value()

    def offset_at_point(self, point: QPoint) -> int:
        """Code-point offset of the character under a viewport point."""
        cur = self.cursorForPosition(self.on_line(point).toPoint())
        return self._umap.to_codepoint(cur.position())

    def on_line(self, point: QPoint | QPointF) -> QPointF:
        """``point`` (viewport coordinates), moved up onto its line when it lies in the leading
        that the line spacing adds below the line's glyphs: Qt's hit test finds no line there
        and answers the line's end, so a press, a drag or a click there missed the word under
        the pointer (a third of every line at the usual spacing)."""
        p = QPointF(point)
        doc = self.document()
        if doc is None:
            return p
        dx = self.horizontalScrollBar().value()
        dy = self.verticalScrollBar().value()
        hit = doc.documentLayout().hitTest(
            QPointF(p.x() + dx, p.y() + dy), Qt.HitTestAccuracy.FuzzyHit
        )
        block = doc.findBlock(max(0, hit))
        layout = block.layout() if block.isValid() else None
        if layout is None or layout.lineCount() == 0:
            return p
        y = p.y() + dy - layout.position().y()  # in the block's layout
        fmt = block.blockFormat()
        proportional = (
            fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        n = layout.lineCount()
        for i in range(n):
            line = layout.lineAt(i)
            glyphs_end = line.y() + line.height()
            if i + 1 < n:
                box_end = layout.lineAt(i + 1).y()
            elif proportional:
                box_end = line.y() + line.height() * fmt.lineHeight() / 100
            else:
                box_end = glyphs_end
            if glyphs_end <= y < box_end:
                return QPointF(p.x(), p.y() - (y - (line.y() + line.height() / 2)))
        return p

    def _on_line_event(self, e: QMouseEvent, handle: Callable[[QMouseEvent], None]) -> None:
        """The text's own mouse handling (``handle``), given the point on its line."""
        p = self.on_line(e.position())
        if p == e.position():
            handle(e)
            return
        moved = QMouseEvent(e.type(), p, e.globalPosition(), e.button(), e.buttons(), e.modifiers())
        handle(moved)
        e.setAccepted(moved.isAccepted())

    def mousePressEvent(self, e: QMouseEvent) -> None:
        self._on_line_event(e, super().mousePressEvent)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        self._on_line_event(e, super().mouseMoveEvent)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        self._on_line_event(e, super().mouseReleaseEvent)

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:
        self._on_line_event(e, super().mouseDoubleClickEvent)

    def sync_line_y(self, fraction: float = SYNC_FRACTION) -> float:
        return self.viewport().height() * fraction

    def scroll_value(self) -> int:
        return self.verticalScrollBar().value()

    def scroll_maximum(self) -> int:
        return self.verticalScrollBar().maximum()

    def page_height(self) -> int:
        return self.viewport().height()

    def set_scroll_value(self, value: float) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(max(bar.minimum(), min(bar.maximum(), round(value))))

    def scroll_offset_to(self, offset: float, at_fraction: float = SYNC_FRACTION) -> None:
        """Scroll so that the line holding ``offset`` crosses the line ``at_fraction`` of the way
        down the viewport (its top at or just above it)."""
        target = self.doc_y_of_position(offset) - self.sync_line_y(at_fraction)
        self.set_scroll_value(math.ceil(target - 1e-6))

    def visible_range(self) -> tuple[int, int]:
        """Code points of the lines (even partly) in view, top to bottom (cached until the
        view scrolls, resizes or the layout changes: the gutter asks once per band)."""
        if self._article is None:
            return 0, 0
        key = (
            self.scroll_value(),
            self.viewport().width(),
            self.viewport().height(),
            self._layout_serial,
        )
        if self._visible_cache is not None and self._visible_cache[0] == key:
            return self._visible_cache[1]
        start = self.line_range_at_y(0)[0]
        end = self.line_range_at_y(max(0, self.viewport().height() - 1))[1]
        result = start, min(max(start, end), len(self._article.text))
        self._visible_cache = (key, result)
        return result

    def layout_complete(self) -> bool:
        """True once Qt has laid out the whole article (it does so lazily, in steps)."""
        last = self.document().lastBlock()
        return last.isValid() and last.layout().lineCount() > 0

    def approximate_visible_fraction(self) -> tuple[float, float]:
        """The part of the article in view as fractions of its length, without making Qt lay
        out anything (exact once the layout is complete, proportional before)."""
        if self._article is None or not self._article.text:
            return 0.0, 0.0
        if self.layout_complete():
            lo, hi = self.visible_range()
            n = len(self._article.text)
            return lo / n, hi / n
        # not document().size(): that makes Qt finish the whole layout first
        h = max(1.0, float(self.scroll_maximum() + self.viewport().height()))
        v = self.scroll_value()
        return v / h, (v + self.viewport().height()) / h

    def line_range_at_y(self, y: float) -> tuple[int, int]:
        """Code-point range ``[start, end)`` of the line shown at viewport y (between two
        blocks: the line just above)."""
        u16 = self._cp_to_u16_float(self.position_at_doc_y(y + self.scroll_value()))
        blk = self.document().findBlock(int(u16))
        if not blk.isValid():
            return (0, 0)
        self.document().documentLayout().blockBoundingRect(blk)
        rel = min(int(u16) - blk.position(), max(0, blk.length() - 2))
        line = blk.layout().lineForTextPosition(rel)
        if not line.isValid():
            return (0, 0)
        start = blk.position() + line.textStart()
        end = start + line.textLength()
        return self._umap.to_codepoint(start), self._umap.to_codepoint(end)

    def text_at_y(self, y: float) -> str:
        """The text of the line shown at viewport y (what a reader sees there)."""
        if self._article is None:
            return ""
        start, end = self.line_range_at_y(y)
        return self._article.text[start:end]

    # -- selection and marks ------------------------------------------------------------------
    def _cursor_for(self, start: int, end: int) -> QTextCursor:
        cur = QTextCursor(self.document())
        last = max(0, self.document().characterCount() - 1)
        cur.setPosition(min(self._umap.to_utf16(start), last))
        cur.setPosition(min(self._umap.to_utf16(end), last), QTextCursor.MoveMode.KeepAnchor)
        return cur

    def select_span(self, start: int, end: int, *, scroll: bool = True) -> None:
        """Select ``[start, end)`` (code points); scroll it to the sync line if off screen."""
        self.setTextCursor(self._cursor_for(start, end))
        if scroll:
            lo, hi = self.visible_range()
            if not (lo <= start and end <= hi):
                self.scroll_offset_to(start)

    def selected_span(self) -> tuple[int, int] | None:
        cur = self.textCursor()
        if not cur.hasSelection():
            return None
        return (
            self._umap.to_codepoint(cur.selectionStart()),
            self._umap.to_codepoint(cur.selectionEnd()),
        )

    def clear_selection(self) -> None:
        cur = self.textCursor()
        cur.clearSelection()
        self.setTextCursor(cur)

    def set_layer(self, name: str, spans: Iterable[LayerSpan]) -> None:
        """Replace one layer of marks; spans are (start, end, QColor | QTextCharFormat)."""
        self._layers[name] = [(s, e, look) for s, e, look in spans if e > s]
        self._layer_cache.pop(name, None)
        self._apply_layers()

    def clear_layer(self, name: str) -> None:
        if self._layers.pop(name, None) is not None:
            self._layer_cache.pop(name, None)
            self._apply_layers()

    def layer_size(self, name: str) -> int:
        return len(self._layers.get(name, ()))

    def _apply_layers(self) -> None:
        order = list(LAYER_ORDER) + sorted(set(self._layers) - set(LAYER_ORDER))
        out: list[QTextEdit.ExtraSelection] = []
        for name in order:
            if name not in self._layers:
                continue
            cached = self._layer_cache.get(name)
            if cached is None:
                cached = []
                for start, end, look in self._layers[name]:
                    sel = QTextEdit.ExtraSelection()
                    sel.cursor = self._cursor_for(start, end)
                    if isinstance(look, QTextCharFormat):
                        sel.format = look
                    else:
                        fmt = QTextCharFormat()
                        fmt.setBackground(look)
                        sel.format = fmt
                    cached.append(sel)
                self._layer_cache[name] = cached
            out.extend(cached)
        self.setExtraSelections(out)

    def set_highlight_spans(self, spans: Sequence[tuple[int, int, QColor, Any]]) -> None:
        """The user's highlights: (start, end, colour, id); ``highlight_at`` finds them."""
        self._highlight_ids = sorted((s, e, hid) for s, e, _c, hid in spans)
        self.set_layer("highlights", [(s, e, c) for s, e, c, _ in spans])

    def highlight_at(self, offset: int) -> Any | None:
        """The id of the (innermost) highlight covering ``offset``, or None."""
        best = None
        starts = [s for s, _e, _ in self._highlight_ids]
        i = bisect_right(starts, offset)
        for s, e, hid in reversed(self._highlight_ids[:i]):
            if s <= offset < e and (best is None or e - s < best[1] - best[0]):
                best = (s, e, hid)
        return best[2] if best else None

    def flash_span(
        self, start: int, end: int, color: QColor | str | None = None, ms: int = 1600
    ) -> None:
        """Mark ``[start, end)`` briefly (fades out), to show where a jump landed."""
        if self._flash_anim is not None:
            self._flash_anim.stop()
        base = QColor(color) if color is not None else QColor(self._theme.flash)
        base_alpha = base.alphaF() if color is not None else 0.85
        anim = QVariantAnimation(self)
        anim.setStartValue(0.85)
        anim.setKeyValueAt(0.45, 0.85)
        anim.setEndValue(0.0)
        anim.setDuration(ms)
        anim.setEasingCurve(QEasingCurve.Type.InQuad)

        def step(fade: float) -> None:
            c = QColor(base)
            c.setAlphaF(max(0.0, base_alpha * float(fade) / 0.85))
            self.set_layer("flash", [(start, end, c)])

        anim.valueChanged.connect(step)
        anim.finished.connect(lambda: self.clear_layer("flash"))
        self._flash_anim = anim
        step(0.85)
        anim.start()

    # -- events ------------------------------------------------------------------------------
    def loadResource(self, type: int, name: QUrl) -> Any:
        """Never load anything (remote or local) into the pane."""
        return None

    def setSource(self, *args: Any, **kwargs: Any) -> None:
        """Navigation is disabled: the pane only shows the article it was given."""

    def _on_anchor_clicked(self, url: QUrl) -> None:
        self.link_opener(self, url)

    def _on_scroll_value_changed(self, value: int) -> None:
        if not self.adjusting and self._article is not None:
            self._anchor = self.position_at_doc_y(value + self.sync_line_y()) if value > 0 else None
        self.scrolled.emit()

    def _on_document_size_changed(self, _size) -> None:
        self._layout_serial += 1
        if not self._layout_timer.isActive():
            self._layout_timer.start()

    def _on_selection_changed(self) -> None:
        cur = self.textCursor()
        s = self._umap.to_codepoint(cur.selectionStart())
        e = self._umap.to_codepoint(cur.selectionEnd())
        self.selection_changed.emit(s, e)

    def focusInEvent(self, e: QFocusEvent) -> None:
        super().focusInEvent(e)
        self.focus_entered.emit()

    def wheelEvent(self, e: QWheelEvent) -> None:
        if e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = 1 if e.angleDelta().y() > 0 else -1 if e.angleDelta().y() < 0 else 0
            if steps:
                self.zoom_requested.emit(steps)
            e.accept()
            return
        super().wheelEvent(e)

    def keyPressEvent(self, e) -> None:
        # Zoom shortcuts belong to the window (both panes zoom together)
        if e.matches(QKeySequence.StandardKey.ZoomIn) or e.matches(
            QKeySequence.StandardKey.ZoomOut
        ):
            e.ignore()
            return
        # Ctrl+Home / Ctrl+End: all the way (the text cursor alone stops where the first or
        # last line shows, short of the document's margin)
        if e.matches(QKeySequence.StandardKey.MoveToStartOfDocument):
            super().keyPressEvent(e)
            self.set_scroll_value(0)
            return
        if e.matches(QKeySequence.StandardKey.MoveToEndOfDocument):
            super().keyPressEvent(e)
            self.set_scroll_value(self.verticalScrollBar().maximum())
            return
        super().keyPressEvent(e)

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(e.pos())
        offset = self.offset_at_point(self.viewport().mapFrom(self, e.pos()))
        self.context_menu_requested.emit(menu, offset)
        menu.exec(e.globalPos())
        menu.deleteLater()

    @staticmethod
    def _dropped_file(mime) -> str | None:
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile():
                return url.toLocalFile()
        return None

    def drop_target(self) -> QLabel | None:
        """The "Drop to open … as article A" sign shown while a file is dragged over the pane
        (None until the first drag)."""
        return self._drop_sign

    def _show_drop_target(self, path: str | None) -> None:
        if path is None:
            if self._drop_sign is not None:
                self._drop_sign.hide()
            return
        if self._drop_sign is None:
            sign = QLabel(self.viewport())
            sign.setObjectName(f"drop_target_{self.side}")
            sign.setTextFormat(Qt.TextFormat.PlainText)  # a file name: never rich text
            sign.setAlignment(Qt.AlignmentFlag.AlignCenter)
            sign.setWordWrap(True)
            sign.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self._drop_sign = sign
        sign = self._drop_sign
        ink, tint = QColor(self._theme.ink), QColor(self._theme.find_current)
        sign.setStyleSheet(
            f"QLabel {{ border: 3px dashed {ink.name()}; border-radius: 10px;"
            f" background: rgba({tint.red()}, {tint.green()}, {tint.blue()}, 110);"
            f" color: {ink.name()}; font-size: 15pt; font-weight: 600; padding: 24px; }}"
        )
        name = Path(path).name or path
        sign.setText(f"Drop to open\n{name}\nas article {self.side.upper()}")
        sign.setGeometry(self.viewport().rect().adjusted(16, 16, -16, -16))
        sign.show()
        sign.raise_()

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        path = self._dropped_file(e.mimeData())
        if path:
            e.acceptProposedAction()
            self._show_drop_target(path)
        else:
            e.ignore()

    def dragLeaveEvent(self, e: QDragLeaveEvent) -> None:
        self._show_drop_target(None)
        super().dragLeaveEvent(e)

    def dragMoveEvent(self, e: QDragMoveEvent) -> None:
        if self._dropped_file(e.mimeData()):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dropEvent(self, e: QDropEvent) -> None:
        self._show_drop_target(None)
        path = self._dropped_file(e.mimeData())
        if path:
            e.acceptProposedAction()
            self.file_dropped.emit(path)
        else:
            e.ignore()
