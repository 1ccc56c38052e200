"""Plans and draws the pages of an export, and computes its annotations, links and outline.

Size (~950 lines, over the ~600 this project aims at): planning and drawing share the laid
out pages (positions of every highlight, link target and appendix entry are known only after
the plan), so the page loop, the appendix and the annotation geometry stay together; the
vocabulary is in ``model``, the plan's inputs in ``plan``, the documents in ``textdoc``.

Used by ``diptych.export.pdf.export_pdf``; see that module for the layouts. Everything is
planned before the first page is drawn (so page numbers in the appendix and link targets are
known), then pages are drawn one by one, checking for a cancel between pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
)

from diptych.core.compare.alignment import matched_in_order
from diptych.core.model import Article, ArticleTopics, ClaimPair, TopicSection
from diptych.core.wording import counted, doubts_listed
from diptych.export import annotations as annots
from diptych.export.fonts import ensure_fonts, export_font
from diptych.export.model import (
    RESOLUTION,
    ExportHighlight,
    ExportLink,
    Include,
    OrphanHighlight,
    shown,
)
from diptych.export.plan import Geometry, PagePlan, Shape, geometry, margin_bars
from diptych.export.textdoc import LaidOutText, TextStyle, build_document, lay_out_article

AnyHighlight = ExportHighlight | OrphanHighlight

SIDES = ("a", "b")
BAND_GREY = "#adb5bd"
TEXT_COLOR = QColor("#1a1a1a")
CLAIM_COLOR = "#5b5fc7"


@dataclass
class RenderInfo:
    annotations: list[annots.HighlightAnnot]
    links: list[annots.LinkAnnot]
    outline: list[annots.OutlineItem]
    subject: str
    keywords: str
    placed: int
    orphaned: int
    page_numbers: dict[str, int] = field(default_factory=dict)


class RichText:
    """Synthetic text built block by block (cover, appendix), laid out like an article."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.blocks: list[tuple[str, int, int, int]] = []
        self.styles: list[tuple[str, int, int, str | None]] = []
        self.pos = 0

    def add(
        self,
        kind: str,
        text: str,
        *,
        level: int = 0,
        styles: Sequence[tuple[str, int, int, str | None]] = (),
    ) -> int:
        if self.blocks:
            self.parts.append("\n")
            self.pos += 1
        # a title, byline or quote with a U+202E would turn the rest of its line around
        text = shown(" ".join(text.replace("\r", " ").split("\n")))
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        self.blocks.append((kind, start, self.pos, level))
        for k, s, e, url in styles:
            self.styles.append((k, start + s, start + min(e, len(text)), url))
        return len(self.blocks) - 1

    def lay_out(self, device: QPdfWriter, width: float, style: TextStyle) -> LaidOutText:
        text = "".join(self.parts)
        doc = build_document(
            text, self.blocks, self.styles, device=device, width=width, style=style
        )
        return LaidOutText(doc, text, [b[0] for b in self.blocks])


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _lighten(color: str, amount: float) -> str:
    c = QColor(color)
    r = round(c.red() + (255 - c.red()) * amount)
    g = round(c.green() + (255 - c.green()) * amount)
    bl = round(c.blue() + (255 - c.blue()) * amount)
    return QColor(r, g, bl).name()


def _segments(sections: Sequence[TopicSection], n_blocks: int) -> list[tuple[str | None, int, int]]:
    """(topic or None, first block, last block) runs covering all ``n_blocks`` in order."""
    out: list[tuple[str | None, int, int]] = []
    nxt = 0
    for s in sorted(sections, key=lambda s: s.first_block):
        first, last = max(s.first_block, nxt), min(s.last_block, n_blocks - 1)
        if last < first:
            continue
        if first > nxt:
            out.append((None, nxt, first - 1))
        out.append((s.topic, first, last))
        nxt = last + 1
    if nxt < n_blocks:
        out.append((None, nxt, n_blocks - 1))
    return out


Seg = tuple[str | None, int, int]


def align_rows(sa: Sequence[Seg], sb: Sequence[Seg]) -> list[tuple[list[Seg], list[Seg], bool]]:
    """Rows of the parallel edition: topic segments of A and B matched by topic name in reading
    order (longest common subsequence), unmatched runs between two matches sharing one row."""
    n, m = len(sa), len(sb)
    pairs = matched_in_order([seg[0] for seg in sa], [seg[0] for seg in sb])
    rows: list[tuple[list[Seg], list[Seg], bool]] = []
    pi = pj = 0
    for i, j in [*pairs, (n, m)]:
        ua, ub = list(sa[pi:i]), list(sb[pj:j])
        if ua or ub:
            rows.append((ua, ub, False))
        if i < n and j < m:
            rows.append(([sa[i]], [sb[j]], True))
        pi, pj = i + 1, j + 1
    return rows


def split_claims(
    claims: Sequence[ClaimPair],
) -> tuple[list[ClaimPair], list[ClaimPair]]:
    """(claims to number and list as overlapping: strong ones and the reader's confirmed ones,
    in the given order; possible ones, to list apart as not confirmed). A claim the reader
    rejected is in neither."""
    reliable = [
        c for c in claims if c.verdict == "same" or (c.verdict is None and c.tier == "strong")
    ]
    possible = [c for c in claims if c.verdict is None and c.tier != "strong"]
    return reliable, possible


class Renderer:
    """One export run: layout, plan, drawing, and the annotation/link/outline lists."""

    writer: QPdfWriter
    buffer: QBuffer
    plan: PagePlan
    style: TextStyle
    placed: list[ExportHighlight]
    all_orphans: list[OrphanHighlight]
    by_id: dict[str, AnyHighlight]
    appendix_outline: annots.OutlineItem | None = None

    def __init__(
        self,
        a: Article,
        b: Article,
        *,
        highlights: Sequence[ExportHighlight],
        orphans: Sequence[OrphanHighlight],
        links: Sequence[ExportLink] = (),
        claims: Sequence[ClaimPair],
        topics: ArticleTopics | None,
        layout: str,
        page_size: str,
        include: Include,
        pair_title: str,
        author: str,
        exported_at: datetime,
        report: Callable[[float, str], None],
        check: Callable[[], None],
    ) -> None:
        self.articles = {"a": a, "b": b}
        self.highlights = list(highlights)
        self.orphans = list(orphans)
        self.export_links = list(links)
        # numbered in the margins and listed as claims: strong ones and those the reader
        # confirmed; possible ones listed apart, as such; rejected ones ("not the same") never
        self.claims, self.possible_claims = split_claims(claims)
        self.topics = topics
        self.layout = layout
        self.page_size = page_size
        self.include = include
        self.pair_title = pair_title
        self.author = author
        self.exported_at = exported_at
        self.report = report
        self.check = check
        self.landscape = layout == "parallel"
        self.links: list[annots.LinkAnnot] = []
        self.outline: list[annots.OutlineItem] = []
        self.first_page: dict[str, int] = {}

    def close(self) -> None:
        """Release Qt objects in a safe order (layouts, documents, then the writer)."""
        plan = getattr(self, "plan", None)
        if plan is not None:
            for laid in plan.docs.values():
                laid.close()
            plan.docs.clear()
        self.__dict__.pop("writer", None)
        buffer = self.__dict__.pop("buffer", None)
        if buffer is not None:
            buffer.close()

    # ------------------------------------------------------------------ geometry helpers
    @property
    def geo(self) -> Geometry:
        return self.plan.geo

    def _pdf_y(self, y: float) -> float:
        return (self.geo.height - y) * self.geo.scale

    def _pdf_rect(
        self, x0: float, top: float, x1: float, bottom: float
    ) -> tuple[float, float, float, float]:
        s = self.geo.scale
        return (x0 * s, self._pdf_y(bottom), x1 * s, self._pdf_y(top))

    def _next_page(self, kind: str) -> Callable[[int, float], tuple[int, float]]:
        def nxt(page: int, x: float) -> tuple[int, float]:
            if page + 1 < len(self.plan.pages):
                return page + 1, x
            return self.plan.new_page(kind), x

        return nxt

    def _sections(self, side: str) -> tuple[TopicSection, ...]:
        if self.topics is None:
            return ()
        return self.topics.sections("a" if side == "a" else "b")

    def _topic_color(self, topic: str | None) -> str:
        if self.topics is None or topic is None:
            return BAND_GREY
        return self.topics.topic_set.color_of(topic)

    # ------------------------------------------------------------------ main
    def render(self) -> tuple[bytes, RenderInfo]:
        """Draw every page with Qt (into memory); the PDF bytes and what pypdf must add."""
        ensure_fonts()
        self.buffer = QBuffer()
        self.buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(self.buffer)
        writer.setResolution(RESOLUTION)
        size_id = QPageSize.PageSizeId.A4 if self.page_size == "a4" else QPageSize.PageSizeId.Letter
        orientation = (
            QPageLayout.Orientation.Landscape
            if self.landscape
            else QPageLayout.Orientation.Portrait
        )
        writer.setPageLayout(QPageLayout(QPageSize(size_id), orientation, QMarginsF(0, 0, 0, 0)))
        writer.setTitle(self.pair_title)
        writer.setCreator("Diptych")
        self.writer = writer
        self.plan = PagePlan(
            geometry(self.page_size, landscape=self.landscape, resolution=RESOLUTION)
        )
        self.style = (
            TextStyle(body=9.5, title=14.0, heading=11.0, byline=8.5, para_gap=4.0, indent=13.0)
            if self.landscape
            else TextStyle()
        )
        for n, side in enumerate(SIDES):
            self.report(0.02 + 0.08 * n, f"Laying out article {side.upper()}")
            laid = lay_out_article(
                self.articles[side], device=writer, width=self.geo.column_width, style=self.style
            )
            self.plan.add_doc(side, laid)
            self.check()
        self._split_highlights()
        self.report(0.2, "Paginating")
        if getattr(self.include, "cover", True):
            self._plan_cover()
        if self.landscape:
            self._plan_parallel()
        else:
            self._plan_sequential()
        self.check()
        self._plan_claim_markers()
        highlight_annots = self._highlight_annotations()
        self._plan_appendix()
        self._running_heads()
        self._build_outline()
        self.check()
        self._draw()
        a, b = self.articles["a"], self.articles["b"]
        kind = "Parallel" if self.landscape else "Sequential"
        subject = f"{kind} annotated edition of “{a.title}” and “{b.title}”"
        keywords = ", ".join(t.name for t in self.topics.topic_set.topics) if self.topics else ""
        numbers = {k: v + 1 for k, v in self.first_page.items()}
        data = bytes(self.buffer.data().data())
        return data, RenderInfo(
            annotations=highlight_annots,
            links=self.links,
            outline=self.outline,
            subject=subject,
            keywords=keywords,
            placed=len(self.placed),
            orphaned=len(self.all_orphans),
            page_numbers=numbers,
        )

    # ------------------------------------------------------------------ highlights
    def _split_highlights(self) -> None:
        """Highlights whose range is not inside the text become orphans (never misplaced)."""
        self.placed = []
        self.all_orphans = list(self.orphans)
        for h in self.highlights:
            text = self.articles[h.side].text
            if 0 <= h.start < h.end <= len(text) and text[h.start : h.end].strip():
                self.placed.append(h)
            else:
                self.all_orphans.append(h.to_orphan(""))
        everything: list[AnyHighlight] = [*self.placed, *self.all_orphans]
        self.by_id = {h.id: h for h in everything if h.id}
        # links are symmetric: A linked to B means B is linked to A
        self.link_map: dict[str, list[str]] = {}
        self.link_notes: dict[frozenset[str], str] = {}
        pairs = [(h.id, other) for h in everything for other in h.linked_to]
        for lk in self.export_links:
            pairs.append((lk.a, lk.b))
            if lk.note:
                self.link_notes[frozenset((lk.a, lk.b))] = lk.note
        for one, other in pairs:
            if not one or not other or one == other:
                continue
            for x, y in ((one, other), (other, one)):
                if y not in self.link_map.setdefault(x, []):
                    self.link_map[x].append(y)

    def _quote(self, h: AnyHighlight) -> str:
        if isinstance(h, ExportHighlight):
            return self.articles[h.side].text[h.start : h.end]
        return h.quote

    def _link_lines(self, h: AnyHighlight) -> list[str]:
        out = []
        my_id = getattr(h, "id", "")
        for other_id in self.link_map.get(my_id, []):
            other = self.by_id.get(other_id)
            note = self.link_notes.get(frozenset((my_id, other_id)), "")
            suffix = f" (link note: {note})" if note else ""
            if other is None:
                out.append(f"Linked with highlight {other_id}, not in this export{suffix}")
                continue
            side = other.side.upper()
            quote = _shorten(self._quote(other), 120)
            if isinstance(other, ExportHighlight):
                page, _ = self.plan.location(other.side, other.start)
                out.append(f"Linked with {side}, p. {page + 1}: “{quote}”{suffix}")
            else:
                out.append(f"Linked with an orphaned highlight in {side}: “{quote}”{suffix}")
        return out

    def _contents(self, h: AnyHighlight) -> str:
        parts = [h.note] if h.note else []
        links = self._link_lines(h)
        if links:
            parts.append("\n".join(links))
        return "\n\n".join(parts)

    def _highlight_annotations(self) -> list[annots.HighlightAnnot]:
        out: list[annots.HighlightAnnot] = []
        for n, h in enumerate(self.placed):
            rects = self.plan.placed_rects(h.side, h.start, h.end)
            by_page: dict[int, list[annots.Quad]] = {}
            for page, x0, top, x1, bottom in rects:
                r = self._pdf_rect(x0, top, x1, bottom)
                by_page.setdefault(page, []).append((r[0], r[3], r[2], r[1]))
            contents = self._contents(h)
            for page, quads in sorted(by_page.items()):
                out.append(
                    annots.HighlightAnnot(
                        page=page,
                        quads=quads,
                        color=h.color,
                        contents=contents,
                        author=h.author or self.author,
                        created=h.created,
                        modified=h.modified,
                        name=f"diptych-{h.id or n}-p{page + 1}",
                    )
                )
        return out

    # ------------------------------------------------------------------ cover
    def _plan_cover(self) -> None:
        geo = self.geo
        rt = RichText()
        rt.add("title", self.pair_title)
        when = self.exported_at.strftime("%Y-%m-%d %H:%M UTC")
        kind = "parallel (facing columns)" if self.landscape else "sequential"
        rt.add("byline", f"Annotated edition, {kind} layout · exported {when} with Diptych")
        for side in SIDES:
            art = self.articles[side]
            m = art.meta
            rt.add("heading", f"{side.upper()} · {art.title or '(untitled)'}", level=2)
            for label, value in (
                ("By", m.byline),
                ("Published in", m.publication),
                ("Date", m.date),
                ("Source", m.url or m.source_path),
            ):
                if value:
                    styles: list[tuple[str, int, int, str | None]] = [
                        ("bold", 0, len(label) + 1, None)
                    ]
                    if label == "Source" and m.url:
                        styles.append(("link", len(label) + 2, len(label) + 2 + len(value), m.url))
                    rt.add("paragraph", f"{label}: {value}", styles=styles)
            n_words = len(art.text.split())
            n_hl = sum(1 for h in self.placed if h.side == side)
            n_or = sum(1 for h in self.all_orphans if h.side == side)
            extra = f", {n_or} orphaned" if n_or else ""
            rt.add("byline", f"{counted(n_words, 'word')} · {counted(n_hl, 'highlight')}{extra}")
        rt.add("heading", "In this document", level=2)
        body = [
            "Article A, then article B"
            if not self.landscape
            else "Both articles on facing columns, A left and B right; each topic row "
            "starts both columns together so the same topic faces itself",
        ]
        if self.claims:
            n_confirmed = sum(1 for c in self.claims if c.verdict == "same")
            confirmed = f" ({n_confirmed} confirmed by you)" if n_confirmed else ""
            body.append(
                f"{len(self.claims)} overlapping claims{confirmed}, numbered in the margin of "
                "both articles and listed in the appendix"
            )
        if self.placed:
            body.append(
                "Highlights are PDF annotations: your reader lists them with their notes "
                "(comments or annotations panel)"
            )
        if self.all_orphans:
            body.append(
                f"{counted(len(self.all_orphans), 'highlight')} no longer "
                f"{'matches' if len(self.all_orphans) == 1 else 'match'} the text and "
                f"{'is' if len(self.all_orphans) == 1 else 'are'} listed in the appendix"
            )
        for line in body:
            rt.add("list_item", line, level=1)
        width = min(geo.column_width * (2 if self.landscape else 1), geo.pt(470))
        laid = rt.lay_out(self.writer, width, self.style)
        self.plan.add_doc("cover", laid)
        page = self.plan.new_page("cover")
        x = (geo.width - width) / 2
        self.plan.flow(
            "cover",
            range(len(laid.lines)),
            x=x,
            start=(page, geo.top + geo.pt(60)),
            next_frame=self._next_page("cover"),
        )
        self.outline.append(annots.OutlineItem("Cover", page, self._pdf_y(geo.top)))

    # ------------------------------------------------------------------ sequential
    def _plan_sequential(self) -> None:
        geo = self.geo
        for side in SIDES:
            laid = self.plan.docs[side]
            page = self.plan.new_page(f"article:{side}")
            self.first_page[side] = page
            self.plan.flow(
                side,
                range(len(laid.lines)),
                x=geo.left,
                start=(page, geo.top),
                next_frame=self._next_page(f"article:{side}"),
            )
            self.check()
            # topic sections: a coloured bar in the left margin
            for sec in self._sections(side):
                rects = []
                for li in laid.line_range(
                    sec.first_block, min(sec.last_block, laid.block_count - 1)
                ):
                    p = self.plan.place[side][li]
                    if p is not None:
                        dl = laid.lines[li]
                        rects.append((p[0], 0.0, dl.top + p[2], 0.0, dl.bottom + p[2]))
                for pg, top, bottom in margin_bars(rects):
                    self.plan.pages[pg].shapes.append(
                        Shape(
                            "rect",
                            geo.left - geo.pt(14),
                            top,
                            geo.pt(3),
                            bottom - top,
                            self._topic_color(sec.topic),
                        )
                    )

    # ------------------------------------------------------------------ parallel
    def _plan_parallel(self) -> None:
        geo = self.geo
        plan = self.plan
        segs = {
            side: _segments(self._sections(side), plan.docs[side].block_count) for side in SIDES
        }
        rows = align_rows(segs["a"], segs["b"])
        nxt = self._next_page("parallel")
        page = plan.new_page("parallel")
        self.first_page["a"] = self.first_page["b"] = page
        y = geo.top
        band_h = geo.pt(15)
        xs = {"a": geo.left, "b": geo.right_column_x}
        for ua, ub, _matched in rows:
            topics_of = {"a": [s[0] for s in ua if s[0]], "b": [s[0] for s in ub if s[0]]}
            has_band = bool(topics_of["a"] or topics_of["b"])
            row_lines = {
                side: [li for _t, b0, b1 in segs for li in plan.docs[side].line_range(b0, b1)]
                for side, segs in (("a", ua), ("b", ub))
            }
            if y > geo.top + geo.pt(1):
                y += geo.pt(12)
            # the band and the first lines under it (a heading with its next line) go together
            need = (band_h + geo.pt(6) if has_band else 0.0) + max(
                self._opening_height(side, row_lines[side]) for side in SIDES
            )
            if y + need > geo.bottom and y > geo.top + geo.pt(1):
                page, _ = nxt(page, 0.0)
                y = geo.top
            if has_band:
                for side in SIDES:
                    names = topics_of[side]
                    color = self._topic_color(names[0]) if names else BAND_GREY
                    label = (
                        " · ".join(dict.fromkeys(names)) if names else "(no section on this topic)"
                    )
                    shapes = plan.pages[page].shapes
                    shapes.append(
                        Shape("rect", xs[side], y, geo.column_width, band_h, _lighten(color, 0.72))
                    )
                    shapes.append(Shape("rect", xs[side], y, geo.pt(4), band_h, color))
                    shapes.append(
                        Shape(
                            "text",
                            xs[side] + geo.pt(9),
                            y,
                            geo.column_width - geo.pt(12),
                            band_h,
                            "#212529" if names else "#6c757d",
                            label,
                            size=8.5,
                            bold=bool(names),
                        )
                    )
                y += band_h + geo.pt(6)
            ends = []
            for side in SIDES:
                indices = row_lines[side]
                if not indices:
                    ends.append((page, y))
                    continue
                ends.append(plan.flow(side, indices, x=xs[side], start=(page, y), next_frame=nxt))
            page, y = max(ends)
            self.check()

    def _opening_height(self, side: str, indices: list[int]) -> float:
        """Height of the first lines of a column that must stay together: a heading (or run
        of headings) with the line after it, and at least two lines of text."""
        lines = self.plan.docs[side].lines
        if not indices:
            return 0.0
        j = 0
        while j + 1 < len(indices) and lines[indices[j]].keep_with_next:
            j += 1
        j = min(len(indices) - 1, j + 1)
        return lines[indices[j]].bottom - lines[indices[0]].top

    # ------------------------------------------------------------------ claims
    def _plan_claim_markers(self) -> None:
        geo = self.geo
        plan = self.plan
        labels: dict[tuple[str, int], list[Shape]] = {}
        for n, c in enumerate(self.claims, 1):
            spans = {"a": c.a, "b": c.b}
            for side in SIDES:
                other = "b" if side == "a" else "a"
                rects = plan.placed_rects(side, spans[side].start, spans[side].end)
                runs = margin_bars(rects)
                if not runs:
                    continue
                align: Literal["left", "right"]
                if self.landscape and side == "a":
                    bar_x, lab_x, align = geo.left - geo.pt(8), geo.left - geo.pt(32), "right"
                elif self.landscape:
                    right = geo.right_column_x + geo.column_width
                    bar_x, lab_x, align = right + geo.pt(5), right + geo.pt(10), "left"
                else:
                    bar_x, lab_x, align = (
                        geo.text_right + geo.pt(6),
                        geo.text_right + geo.pt(11),
                        "left",
                    )
                for pg, top, bottom in runs:
                    plan.pages[pg].shapes.append(
                        Shape("rect", bar_x, top, geo.pt(2.5), bottom - top, CLAIM_COLOR)
                    )
                pg, top, _bottom = runs[0]
                lab_h = geo.pt(8.5)
                existing = labels.setdefault((side, pg), [])
                # labels of claims starting on the same line stack downwards, never overlap
                while (
                    clash := next((s for s in existing if abs(s.y - top) < lab_h * 0.99), None)
                ) is not None:
                    top = clash.y + lab_h
                shape = Shape(
                    "glyphs",
                    lab_x,
                    top,
                    geo.pt(22),
                    lab_h,
                    CLAIM_COLOR,
                    str(n),
                    size=7.0,
                    bold=True,
                    align=align,
                )
                existing.append(shape)
                plan.pages[pg].shapes.append(shape)
                dest_page, dest_y = plan.location(other, spans[other].start)
                self.links.append(
                    annots.LinkAnnot(
                        pg,
                        self._pdf_rect(lab_x, top, lab_x + geo.pt(22), top + lab_h),
                        dest_page,
                        self._pdf_y(dest_y) + 4,
                    )
                )

    # ------------------------------------------------------------------ appendix
    def _plan_appendix(self) -> None:
        geo = self.geo
        plan = self.plan
        notes = [h for h in self.placed if h.note or h.tags or self.link_map.get(h.id)]
        notes.sort(key=lambda h: (h.side, h.start))
        show_claims = bool(self.claims or self.possible_claims)
        show_notes = bool(getattr(self.include, "notes", True)) and bool(notes or self.all_orphans)
        if not (show_claims or show_notes):
            return
        rt = RichText()
        targets: list[tuple[int, str, int]] = []  # appendix block → (side, offset)
        headings: list[tuple[int, str]] = []
        rt.add("title", "Appendix")
        if self.claims:
            headings.append(
                (rt.add("heading", "Overlapping claims", level=2), "Overlapping claims")
            )
            rt.add(
                "byline",
                f"{len(self.claims)} sentence pairs that state the same thing, best first; "
                "the numbers match the margins. Each sentence links to its place."
                + (
                    " “Confirmed by you” marks the pairs you judged the same claim."
                    if any(c.verdict == "same" and not c.added for c in self.claims)
                    else ""
                )
                + (
                    " “Added by you” marks the pairs you made yourself."
                    if any(c.added for c in self.claims)
                    else ""
                ),
            )
            for n, c in enumerate(self.claims, 1):
                head = f"Claim {n}"
                if c.added:  # no score of the engine's: the reader's own pair
                    head += " · Added by you"
                elif c.verdict == "same":
                    head += " · Confirmed by you"
                if not c.added:
                    head += f" · score {c.score:.2f}"
                head += f" · {c.topic}" if c.topic else ""
                rt.add("label", head)
                self._add_claim_quotes(rt, c, targets)
        if self.possible_claims:
            headings.append((rt.add("heading", "Possible claims", level=2), "Possible claims"))
            rt.add(
                "byline",
                f"{len(self.possible_claims)} weaker "
                f"{'pair' if len(self.possible_claims) == 1 else 'pairs'}: not every sign of the same "
                "statement agrees, and you have not confirmed them. They may be different "
                "claims; they are not numbered in the margins.",
            )
            for c in self.possible_claims:
                rt.add(
                    "label",
                    f"Possible, not confirmed · score {c.score:.2f}"
                    + (f" · {c.topic}" if c.topic else "")
                    # why: the signals that did not agree ("the shared words are scattered")
                    + (f" · {doubts_listed(c.doubts)}" if c.doubts else ""),
                )
                self._add_claim_quotes(rt, c, targets)
        if show_notes and notes:
            headings.append((rt.add("heading", "Notes", level=2), "Notes"))
            for h in notes:
                page, _ = plan.location(h.side, h.start)
                meta = [f"{h.side.upper()}, p. {page + 1}", h.color]
                if h.author:
                    meta.append(h.author)
                if h.modified or h.created:
                    meta.append((h.modified or h.created)[:10])
                rt.add("label", " · ".join(meta))
                blk = rt.add("quote", f"“{_shorten(self._quote(h), 600)}”")
                targets.append((blk, h.side, h.start))
                self._add_note_paragraphs(rt, h)
        if show_notes and self.all_orphans:
            headings.append(
                (rt.add("heading", "Orphaned highlights", level=2), "Orphaned highlights")
            )
            rt.add(
                "byline",
                "These highlights no longer match the article text, so they are listed here "
                "instead of being placed on other words.",
            )
            for o in self.all_orphans:
                meta = [f"{o.side.upper()} · not found in the current text", o.color]
                if o.author:
                    meta.append(o.author)
                rt.add("label", " · ".join(meta))
                if o.quote:
                    rt.add("quote", f"“{_shorten(o.quote, 600)}”")
                self._add_note_paragraphs(rt, o)
        self.report(0.25, "Laying out the appendix")
        two_cols = self.landscape
        laid = rt.lay_out(self.writer, geo.column_width, self.style)
        plan.add_doc("appendix", laid)
        page = plan.new_page("appendix")
        self.first_page["appendix"] = page

        def nxt(p: int, x: float) -> tuple[int, float]:
            if two_cols and x < geo.right_column_x:
                return p, geo.right_column_x
            return plan.new_page("appendix"), geo.left

        plan.flow(
            "appendix", range(len(laid.lines)), x=geo.left, start=(page, geo.top), next_frame=nxt
        )
        for blk, side, offset in targets:
            dest_page, dest_y = plan.location(side, offset)
            by_page: dict[int, list[float]] = {}
            for pg, x0, top, x1, bottom in plan.block_rects("appendix", blk):
                r = by_page.setdefault(pg, [x0, top, x1, bottom])
                r[0], r[1], r[2], r[3] = (
                    min(r[0], x0),
                    min(r[1], top),
                    max(r[2], x1),
                    max(r[3], bottom),
                )
            for pg, (x0, top, x1, bottom) in by_page.items():
                self.links.append(
                    annots.LinkAnnot(
                        pg,
                        self._pdf_rect(x0, top, x1, bottom),
                        dest_page,
                        self._pdf_y(dest_y) + 4,
                    )
                )
        children = []
        for blk, name in headings:
            pg, y = plan.block_location("appendix", blk)
            children.append(annots.OutlineItem(name, pg, self._pdf_y(y) + 4))
        self.appendix_outline = annots.OutlineItem(
            "Appendix", page, self._pdf_y(geo.top) + 4, children
        )

    def _add_claim_quotes(
        self, rt: RichText, c: ClaimPair, targets: list[tuple[int, str, int]]
    ) -> None:
        for side, span in (("a", c.a), ("b", c.b)):
            page, _ = self.plan.location(side, span.start)
            prefix = f"{side.upper()}, p. {page + 1}: "
            text = self.articles[side].text[span.start : span.end]
            blk = rt.add(
                "quote",
                prefix + _shorten(text, 1200),
                styles=[("bold", 0, len(prefix), None)],
            )
            targets.append((blk, side, span.start))

    def _add_note_paragraphs(self, rt: RichText, h: AnyHighlight) -> None:
        for para in (h.note or "").split("\n"):
            if para.strip():
                rt.add("paragraph", para)
        for line in self._link_lines(h):
            rt.add("byline", line)
        if h.tags:
            rt.add("byline", "Tags: " + ", ".join(h.tags))

    # ------------------------------------------------------------------ heads and outline
    def _topic_at(self, side: str, block: int) -> str | None:
        for s in self._sections(side):
            if s.first_block <= block <= s.last_block:
                return s.topic
        return None

    def _head_title(self, side: str) -> str:
        """``A · title`` for a running head; an article without a title is named by its
        file (or "(untitled)"), never left as "B · "."""
        art = self.articles[side]
        name = art.title or Path(art.meta.source_path or "").name or "(untitled)"
        return shown(f"{side.upper()} · {name}")

    def _running_heads(self) -> None:
        for page in self.plan.pages:
            if page.kind.startswith("article:"):
                side = page.kind.split(":")[1]
                page.head_left = self._head_title(side)
                first = next((ln for ln in page.lines if ln[0] == side), None)
                topic = (
                    self._topic_at(side, self.plan.docs[side].lines[first[1]].block)
                    if first
                    else None
                )
                page.head_right = shown(topic) if topic else self.pair_title
            elif page.kind == "parallel":
                page.head_left = self._head_title("a")
                page.head_right = self._head_title("b")
            elif page.kind == "appendix":
                page.head_left = self.pair_title
                page.head_right = "Appendix"

    def _build_outline(self) -> None:
        geo = self.geo
        for side in SIDES:
            laid = self.plan.docs[side]
            if not laid.lines:
                continue
            page, y = self.plan.block_location(side, 0)
            item = annots.OutlineItem(
                f"{side.upper()} · {self.articles[side].title or '(untitled)'}",
                page,
                self._pdf_y(y) + 4,
            )
            for sec in self._sections(side):
                pg, sy = self.plan.block_location(side, min(sec.first_block, laid.block_count - 1))
                item.children.append(annots.OutlineItem(sec.topic, pg, self._pdf_y(sy) + 4))
            self.outline.append(item)
        if self.appendix_outline is not None:
            self.outline.append(self.appendix_outline)
        del geo

    # ------------------------------------------------------------------ drawing
    def _draw(self) -> None:
        geo = self.geo
        plan = self.plan
        painter = QPainter()
        if not painter.begin(self.writer):
            from diptych.core.errors import DiptychError

            raise DiptychError("cannot start the PDF writer")
        head_font = export_font(7.5, sans=True)
        head_metrics = QFontMetricsF(head_font, self.writer)
        total = len(plan.pages)
        try:
            for n, page in enumerate(plan.pages):
                self.check()
                if n:
                    self.writer.newPage()
                for shape in page.shapes:
                    self._draw_shape(painter, shape)
                painter.setPen(TEXT_COLOR)  # QTextLine.draw paints unformatted text with the pen
                for key, li, dx, dy in page.lines:
                    laid = plan.docs[key]
                    self._decorate_line(painter, laid, li, dx, dy)
                    laid.draw_line(painter, li, dx, dy)
                painter.setFont(head_font)
                painter.setPen(QColor("#6c757d"))
                right_edge = geo.width - geo.left
                if page.kind != "cover":
                    half = (right_edge - geo.left) / 2 - geo.pt(10)
                    painter.drawText(
                        QRectF(geo.left, geo.head_y, half, geo.pt(12)),
                        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                        head_metrics.elidedText(page.head_left, Qt.TextElideMode.ElideRight, half),
                    )
                    painter.drawText(
                        QRectF(right_edge - half, geo.head_y, half, geo.pt(12)),
                        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                        head_metrics.elidedText(page.head_right, Qt.TextElideMode.ElideRight, half),
                    )
                    painter.fillRect(
                        QRectF(
                            geo.left, geo.head_y + geo.pt(15), right_edge - geo.left, geo.pt(0.5)
                        ),
                        QColor("#ced4da"),
                    )
                painter.drawText(
                    QRectF(geo.left, geo.foot_y, right_edge - geo.left, geo.pt(12)),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                    f"{n + 1} / {total}",
                )
                self.report(0.3 + 0.58 * (n + 1) / total, f"Drawing page {n + 1} of {total}")
        finally:
            painter.end()

    def _draw_shape(self, painter: QPainter, s: Shape) -> None:
        if s.kind == "rect":
            painter.fillRect(QRectF(s.x, s.y, s.w, s.h), QColor(s.color))
        elif s.kind == "dot":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(s.color))
            painter.drawEllipse(QPointF(s.x, s.y), s.w, s.w)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        elif s.kind == "glyphs":
            # Drawn as outlines, not text: margin numbers must not mix into extracted text.
            font = export_font(s.size, sans=True, bold=s.bold)
            # a path's font size is in device units (the painter's DPI does not apply)
            font.setPixelSize(max(1, round(self.geo.pt(s.size))))
            metrics = QFontMetricsF(font, self.writer)
            width = metrics.horizontalAdvance(s.text)
            x = s.x + (s.w - width if s.align == "right" else 0.0)
            path = QPainterPath()
            path.addText(QPointF(x, s.y + (s.h + metrics.capHeight()) / 2), font, s.text)
            painter.fillPath(path, QColor(s.color))
        else:
            painter.setFont(export_font(s.size, sans=True, bold=s.bold))
            painter.setPen(QColor(s.color))
            align = {
                "left": Qt.AlignmentFlag.AlignLeft,
                "right": Qt.AlignmentFlag.AlignRight,
                "center": Qt.AlignmentFlag.AlignHCenter,
            }[s.align]
            metrics = QFontMetricsF(painter.font(), self.writer)
            painter.drawText(
                QRectF(s.x, s.y, s.w, s.h),
                int(align | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(shown(s.text), Qt.TextElideMode.ElideRight, s.w),
            )

    def _decorate_line(
        self, painter: QPainter, laid: LaidOutText, li: int, dx: float, dy: float
    ) -> None:
        dl = laid.lines[li]
        kind = laid.kinds[dl.block] if dl.block < len(laid.kinds) else "paragraph"
        if kind not in ("quote", "list_item"):
            return
        geo = self.geo
        x0, _x1 = laid.line_x_extent(li)
        top = dl.top + dy
        if kind == "quote":
            painter.fillRect(
                QRectF(x0 + dx - geo.pt(8), top, geo.pt(1.6), dl.height), QColor("#ced4da")
            )
        elif dl.index == 0:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#495057"))
            painter.drawEllipse(
                QPointF(x0 + dx - geo.pt(7), top + dl.height * 0.5), geo.pt(1.6), geo.pt(1.6)
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(TEXT_COLOR)
