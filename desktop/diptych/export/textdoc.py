"""An article laid out for print: a QTextDocument built from its blocks, and its lines.

The document is built with cursor insertions from ``Article.blocks`` and ``Article.styles`` (never
``setHtml``/``setMarkdown``), so ``toPlainText()`` equals ``Article.text`` and Qt positions are
the UTF-16 offsets of the article text. ``LaidOutText`` lists every line with its vertical extent
(document units) so the paginator can place whole lines, and turns a code-point range into
per-line horizontal extents for highlight quads.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtGui import (
    QColor,
    QFont,
    QPaintDevice,
    QPainter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLine,
    QTextOption,
)

from diptych.core.errors import DiptychError
from diptych.core.model import Article
from diptych.core.utf16 import Utf16Map
from diptych.export.fonts import export_font
from diptych.export.model import shown

LINK_COLOR = QColor("#1f4e9c")
# Hebrew, Arabic, Syriac, Thaana, NKo... and their presentation forms: right-to-left letters
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
BYLINE_COLOR = QColor("#555555")
_SHOWN_KINDS = ("title", "heading", "byline", "label")  # names, not the article's sentences
_LAYOUT_CHUNK_BLOCKS = 64  # blocks added (and laid out) per step: see build_document

# Characters that would make QTextDocument start a new block or insert an object; replaced by a
# space (same UTF-16 length) so offsets stay aligned with Article.text.
_BLOCK_BREAKERS = str.maketrans(
    {"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " ", "\ufffc": " ", "\x0b": " ", "\x0c": " "}
)


@dataclass(frozen=True)
class TextStyle:
    """Point sizes and spacing for one kind of page (portrait single column or parallel)."""

    body: float = 10.5
    title: float = 17.0
    heading: float = 12.5
    byline: float = 9.5
    line_height: int = 128  # percent of the natural line height
    para_gap: float = 5.0  # points after a paragraph
    indent: float = 16.0  # points of left indent per list level / quote


@dataclass(slots=True)
class DocLine:
    """One laid-out line: its block, its index in the block, and its extent in document units."""

    block: int
    index: int
    top: float
    height: float
    keep_with_next: bool  # never the last line on a page: headings; a paragraph's first
    # line and its last but one (no orphans, no widows)

    @property
    def bottom(self) -> float:
        return self.top + self.height


def _pt(points: float, device: QPaintDevice) -> float:
    """A vertical format length (top/bottom margin) for ``points``: QTextDocumentLayout reads
    those as 96-dpi pixels and scales them to the paint device itself."""
    del device
    return points * 96.0 / 72.0


def _hpt(points: float, device: QPaintDevice) -> float:
    """A horizontal format length (left/right margin): used as device units, unscaled."""
    return points * device.logicalDpiX() / 72.0


def build_document(
    text: str,
    blocks: Sequence[tuple[str, int, int, int]],
    styles: Sequence[tuple[str, int, int, str | None]],
    *,
    device: QPaintDevice,
    width: float,
    style: TextStyle,
) -> QTextDocument:
    """A QTextDocument whose plain text is ``text``: one QTextBlock per (kind, start, end, level).

    ``styles`` are (kind, start, end, url) code-point ranges: bold, italic, link. ``width`` is in
    device units of ``device`` (the PDF writer, so metrics match what is drawn).
    """
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.documentLayout().setPaintDevice(device)
    doc.setUseDesignMetrics(True)
    doc.setDocumentMargin(0)
    opt = QTextOption()
    opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(opt)
    body_font = export_font(style.body)
    doc.setDefaultFont(body_font)

    # the width first, then the text in chunks, each laid out as it is added: one layout of a
    # whole long document is a single Qt call that holds Python's lock for a tenth of a second
    # per MB or more, and the window's thread (this runs in a worker) waits for it
    doc.setTextWidth(width)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    ordered_styles = sorted(styles, key=lambda s: s[1])
    si = 0
    active: list[tuple[str, int, int, str | None]] = []
    for n, (kind, start, end, level) in enumerate(blocks):
        if n and n % _LAYOUT_CHUNK_BLOCKS == 0:
            cursor.endEditBlock()
            doc.documentLayout().documentSize()  # lays out just the chunk added
            cursor.beginEditBlock()
        bf, cf = _block_formats(kind, level, style, device)
        if n:
            cursor.insertBlock(bf, cf)
        else:
            cursor.setBlockFormat(bf)
            cursor.setBlockCharFormat(cf)
        # styles overlapping this block (sweep: styles sorted by start)
        while si < len(ordered_styles) and ordered_styles[si][1] < end:
            active.append(ordered_styles[si])
            si += 1
        active = [s for s in active if s[2] > start]
        cuts = {start, end}
        for _k, s0, s1, _u in active:
            if s0 > start:
                cuts.add(min(s0, end))
            if s1 < end:
                cuts.add(max(s1, start))
        points = sorted(cuts)
        for p0, p1 in itertools.pairwise(points):
            if p1 <= p0:
                continue
            fmt = QTextCharFormat(cf)
            for k, s0, s1, url in active:
                if s0 <= p0 and s1 >= p1:
                    _apply_inline(fmt, k, url)
            cursor.insertText(text[p0:p1].translate(_BLOCK_BREAKERS), fmt)
        if not blocks:
            break
    cursor.endEditBlock()
    doc.documentLayout().documentSize()  # lay out every block now
    return doc


def _cursor_x(line: QTextLine, pos: int) -> float:
    """x of the cursor before ``pos`` (block-relative UTF-16) on ``line``."""
    result: tuple[float, int] = line.cursorToX(pos)  # type: ignore[assignment]
    return float(result[0])


def _apply_inline(fmt: QTextCharFormat, kind: str, url: str | None) -> None:
    if kind == "bold":
        fmt.setFontWeight(QFont.Weight.Bold)
    elif kind == "italic":
        fmt.setFontItalic(True)
    elif kind == "link" and url and url.lower().startswith(("http://", "https://", "mailto:")):
        # Qt's PDF engine turns anchors into clickable /Link annotations.
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setForeground(LINK_COLOR)
        fmt.setFontUnderline(True)


def _block_formats(
    kind: str, level: int, style: TextStyle, device: QPaintDevice
) -> tuple[QTextBlockFormat, QTextCharFormat]:
    bf = QTextBlockFormat()
    cf = QTextCharFormat()
    bf.setLineHeight(style.line_height, 1)  # 1 = ProportionalHeight
    bf.setBottomMargin(_pt(style.para_gap, device))
    if kind == "title":
        cf.setFont(export_font(style.title, sans=True, bold=True))
        bf.setBottomMargin(_pt(style.para_gap * 1.5, device))
        bf.setLineHeight(112, 1)
    elif kind == "heading":
        size = max(style.body + 0.5, style.heading - 1.0 * max(0, level - 2))
        cf.setFont(export_font(size, sans=True, bold=True))
        bf.setTopMargin(_pt(style.para_gap * 1.6, device))
        bf.setBottomMargin(_pt(style.para_gap * 0.8, device))
        bf.setLineHeight(115, 1)
    elif kind == "label":  # a small bold caption kept with the entry that follows
        cf.setFont(export_font(style.byline + 0.5, sans=True, bold=True))
        bf.setTopMargin(_pt(style.para_gap * 1.2, device))
        bf.setBottomMargin(_pt(style.para_gap * 0.4, device))
        bf.setLineHeight(115, 1)
    elif kind == "byline":
        cf.setFont(export_font(style.byline, italic=True))
        cf.setForeground(BYLINE_COLOR)
    elif kind == "quote":
        cf.setFont(export_font(style.body - 0.5, italic=False))
        bf.setLeftMargin(_hpt(style.indent, device))
        bf.setRightMargin(_hpt(style.indent / 2, device))
    elif kind == "list_item":
        cf.setFont(export_font(style.body))
        bf.setLeftMargin(_hpt(style.indent * max(1, level), device))
        bf.setBottomMargin(_pt(style.para_gap * 0.6, device))
    else:
        cf.setFont(export_font(style.body))
    return bf, cf


class LaidOutText:
    """A laid-out document and its lines; maps code-point ranges to line extents."""

    def __init__(self, doc: QTextDocument, text: str, kinds: list[str]) -> None:
        self.doc = doc
        self.text = text
        self.kinds = kinds
        self.u16 = Utf16Map(text)
        self.lines: list[DocLine] = []
        self.block_first_line: list[int] = []
        self._block_starts: list[int] = []  # UTF-16 position of each block
        self._layouts = []
        self._positions: list[QPointF] = []
        self._bidi: dict[int, bool] = {}
        blk = doc.begin()
        while blk.isValid():
            n = blk.blockNumber()
            layout = blk.layout()
            pos = layout.position()
            self._layouts.append(layout)
            self._positions.append(pos)
            self._block_starts.append(blk.position())
            self.block_first_line.append(len(self.lines))
            kind = kinds[n] if n < len(kinds) else ""
            heading = kind in ("heading", "title", "label")
            count = layout.lineCount()
            if count == 0 and blk.length() > 1:
                # below Qt's layout height (QFIXED_MAX device units, about 600 A4 pages at
                # 1200 dpi) blocks get no lines: they would be missing from the PDF, unsaid
                raise DiptychError(
                    "too long for one PDF: Qt lays out about 600 pages of one text, and the "
                    f"text from “{shown(blk.text()[:60])}…” on would be left out; nothing "
                    "was written"
                )
            for i in range(count):
                line = layout.lineAt(i)
                # no orphan (a paragraph's first line alone at the foot of a page) and no
                # widow (its last line alone at the top of the next): the first two lines
                # stay together, and so do the last two
                keep = heading or (count >= 2 and i in (0, count - 2))
                self.lines.append(DocLine(n, i, pos.y() + line.y(), line.height(), keep))
            blk = blk.next()
        self.block_first_line.append(len(self.lines))

    def close(self) -> None:
        """Drop the layout wrappers before the document (they point into it)."""
        self._layouts.clear()
        self._positions.clear()
        self.doc = None  # type: ignore[assignment]

    @property
    def block_count(self) -> int:
        return len(self._layouts)

    def line_range(self, first_block: int, last_block: int) -> range:
        """Indices into ``lines`` of the lines of blocks ``first_block..last_block``."""
        return range(self.block_first_line[first_block], self.block_first_line[last_block + 1])

    def draw_line(self, painter: QPainter, index: int, dx: float, dy: float) -> None:
        dl = self.lines[index]
        pos = self._positions[dl.block]
        self._layouts[dl.block].lineAt(dl.index).draw(painter, QPointF(pos.x() + dx, pos.y() + dy))

    def line_x_extent(self, index: int) -> tuple[float, float]:
        """Left and right document x of the text of line ``index`` (without trailing space)."""
        dl = self.lines[index]
        line = self._layouts[dl.block].lineAt(dl.index)
        x0 = self._positions[dl.block].x() + line.x()
        return x0, x0 + line.naturalTextWidth()

    def line_of_offset(self, cp: int) -> int:
        """Index of the line containing code-point offset ``cp``."""
        u = self.u16.to_utf16(cp)
        b = max(0, bisect_right(self._block_starts, u) - 1)
        layout = self._layouts[b]
        rel = u - self._block_starts[b]
        first = self.block_first_line[b]
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if rel < line.textStart() + line.textLength():
                return first + i
        return max(first, self.block_first_line[b + 1] - 1)

    def segments(self, start: int, end: int) -> list[tuple[int, float, float]]:
        """(line index, x0, x1) in document units for each line the range [start, end) covers."""
        if end <= start:
            return []
        u0, u1 = self.u16.to_utf16(start), self.u16.to_utf16(end)
        out: list[tuple[int, float, float]] = []
        b = max(0, bisect_right(self._block_starts, u0) - 1)
        while b < len(self._layouts) and self._block_starts[b] < u1:
            layout = self._layouts[b]
            bstart = self._block_starts[b]
            pos = self._positions[b]
            first = self.block_first_line[b]
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                ls = bstart + line.textStart()
                le = ls + line.textLength()
                s, e = max(u0, ls), min(u1, le)
                # trailing spaces at the end of a wrapped line take no room on the page
                while e > s and self.text_u16_char(e - 1) == " " and e == le:
                    e -= 1
                if e <= s:
                    continue
                if self._is_bidi(b):
                    out.extend((first + i, x0, x1) for x0, x1 in self._visual_runs(b, line, s, e))
                    continue
                x0 = _cursor_x(line, s - bstart)
                x1 = _cursor_x(line, e - bstart)
                if x1 < x0:  # right-to-left run
                    x0, x1 = x1, x0
                if x1 - x0 > 0.01:
                    out.append((first + i, pos.x() + x0, pos.x() + x1))
            b += 1
        return out

    def _is_bidi(self, b: int) -> bool:
        """Does block ``b`` hold right-to-left characters (so logical ≠ visual order)?"""
        flag = self._bidi.get(b)
        if flag is None:
            start = self.u16.to_codepoint(self._block_starts[b])
            end = (
                self.u16.to_codepoint(self._block_starts[b + 1])
                if b + 1 < len(self._block_starts)
                else len(self.text)
            )
            flag = self._bidi[b] = bool(_RTL.search(self.text, start, end))
        return flag

    def _visual_runs(self, b: int, line: QTextLine, u0: int, u1: int) -> list[tuple[float, float]]:
        """Visual x extents (document units) of UTF-16 range [u0, u1) on ``line``: per-character
        glyph boxes merged where they touch, so a range crossing a direction change gives one
        extent per visually contiguous piece."""
        bstart = self._block_starts[b]
        boxes: list[tuple[float, float]] = []
        for u in range(u0, u1):
            for run in line.glyphRuns(u - bstart, 1):
                r = run.boundingRect()
                if r.width() > 0:
                    boxes.append((r.left(), r.right()))
        boxes.sort()
        merged: list[list[float]] = []
        for x0, x1 in boxes:
            if merged and x0 <= merged[-1][1] + 0.5:
                merged[-1][1] = max(merged[-1][1], x1)
            else:
                merged.append([x0, x1])
        px = self._positions[b].x()
        return [(px + x0, px + x1) for x0, x1 in merged]

    def text_u16_char(self, u: int) -> str:
        return self.text[self.u16.to_codepoint(u)]


def lay_out_article(
    article: Article, *, device: QPaintDevice, width: float, style: TextStyle
) -> LaidOutText:
    """Build and lay out ``article`` at ``width`` device units."""
    blocks = [(b.kind, b.start, b.end, b.level) for b in article.blocks]
    if not blocks:
        blocks = [("paragraph", 0, len(article.text), 0)]
    styles = [(s.kind, s.start, s.end, s.url) for s in article.styles]
    # the title, headings and byline as the cover and running heads show them: a U+202E in
    # them as U+FFFD, not turning the line around (one code point for one: offsets hold)
    text = article.text
    for kind, start, end, _level in blocks:
        if kind in _SHOWN_KINDS:
            text = text[:start] + shown(text[start:end]) + text[end:]
    doc = build_document(text, blocks, styles, device=device, width=width, style=style)
    laid = LaidOutText(doc, text, [b[0] for b in blocks])
    if doc.characterCount() - 1 != laid.u16.utf16_length:
        raise AssertionError("export document does not match the article text")
    return laid
