"""The pypdf stage: highlight annotations, internal links, outline and metadata.

Qt draws the pages (and its own /Link annotations for hyperlinks, which are kept); this module
opens that PDF and adds what Qt cannot: ``/Highlight`` annotations readers list as highlights
(one per page, one quad per line in the order top-left, top-right, bottom-left, bottom-right,
``/Contents`` note, ``/T`` author, ``/M``, ``/CreationDate``, ``/C``, ``/CA``, a ``/Popup`` and an
``/AP`` appearance stream with a Multiply blend so every reader paints it), internal ``/GoTo``
links, bookmarks and document metadata. All coordinates here are PDF points, origin bottom-left.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import BinaryIO

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NullObject,
    NumberObject,
    TextStringObject,
)

from diptych.export.model import shown
from diptych.export.tounicode import fix_tounicode

# Highlight colours by name; any "#rrggbb" is accepted too.
PALETTE: dict[str, str] = {  # the reading pane's light backgrounds (ui/highlights/colors.py)
    "yellow": "#fff176",
    "green": "#b9f6ca",
    "blue": "#b3e5fc",
    "pink": "#f8bbd0",
    "purple": "#d1c4e9",
    "orange": "#ffcc80",
    "red": "#ffcdd2",
    "grey": "#e0e0e0",
    "gray": "#e0e0e0",
}
DEFAULT_COLOR = PALETTE["yellow"]

Quad = tuple[float, float, float, float]  # x0, top, x1, bottom (points, top > bottom)


def color_hex(color: str) -> str:
    """``#rrggbb`` for a palette name or a ``#rgb``/``#rrggbb`` string (yellow if unknown)."""
    c = (color or "").strip().lower()
    if c in PALETTE:
        return PALETTE[c]
    if re.fullmatch(r"#[0-9a-f]{6}", c):
        return c
    if re.fullmatch(r"#[0-9a-f]{3}", c):
        return "#" + "".join(ch * 2 for ch in c[1:])
    return DEFAULT_COLOR


def color_rgb(color: str) -> tuple[float, float, float]:
    h = color_hex(color)
    return int(h[1:3], 16) / 255, int(h[3:5], 16) / 255, int(h[5:7], 16) / 255


def pdf_date(iso: str | None = None) -> str:
    """A PDF date string (``D:YYYYMMDDHHmmSS+00'00'``) for an ISO 8601 time (now if empty)."""
    when: datetime | None = None
    if iso:
        try:
            when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
        except ValueError:
            when = None
    if when is None:
        when = datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    when = when.astimezone(UTC)
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


@dataclass
class HighlightAnnot:
    """One ``/Highlight`` annotation on one page."""

    page: int
    quads: list[Quad]
    color: str
    contents: str
    author: str
    created: str
    modified: str
    name: str
    subject: str = "Highlight"
    opacity: float = 1.0


@dataclass
class LinkAnnot:
    """An internal link: a clickable rect on ``page`` going to (``dest_page``, ``dest_top``)."""

    page: int
    rect: tuple[float, float, float, float]  # x0, y0, x1, y1
    dest_page: int
    dest_top: float


@dataclass
class OutlineItem:
    title: str
    page: int
    top: float
    children: list[OutlineItem] = field(default_factory=list)


@dataclass
class DocumentInfo:
    title: str
    subject: str
    author: str
    creator: str
    keywords: str = ""
    created: str = ""


def _floats(values: Sequence[float]) -> ArrayObject:
    return ArrayObject(FloatObject(round(v, 3)) for v in values)


def _appearance(
    writer: PdfWriter, quads: Sequence[Quad], rect: Sequence[float], rgb: Sequence[float], op: float
) -> object:
    ops = [f"/GS0 gs {rgb[0]:.4f} {rgb[1]:.4f} {rgb[2]:.4f} rg"]
    for x0, top, x1, bottom in quads:
        ops.append(
            f"{x0:.3f} {top:.3f} m {x1:.3f} {top:.3f} l {x1:.3f} {bottom:.3f} l "
            f"{x0:.3f} {bottom:.3f} l h f"
        )
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("ascii"))
    gs = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/ExtGState"),
            NameObject("/BM"): NameObject("/Multiply"),
            NameObject("/CA"): FloatObject(op),
            NameObject("/ca"): FloatObject(op),
        }
    )
    stream.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/FormType"): NumberObject(1),
            NameObject("/BBox"): _floats(rect),
            NameObject("/Resources"): DictionaryObject(
                {NameObject("/ExtGState"): DictionaryObject({NameObject("/GS0"): gs})}
            ),
        }
    )
    return writer._add_object(stream)


def _add_highlight(writer: PdfWriter, h: HighlightAnnot, page_obj: PageObject) -> None:
    rgb = color_rgb(h.color)
    x0 = min(q[0] for q in h.quads)
    x1 = max(q[2] for q in h.quads)
    y1 = max(q[1] for q in h.quads)
    y0 = min(q[3] for q in h.quads)
    rect = [x0, y0, x1, y1]
    quadpoints: list[float] = []
    for qx0, top, qx1, bottom in h.quads:
        quadpoints += [qx0, top, qx1, top, qx0, bottom, qx1, bottom]  # TL, TR, BL, BR
    annot = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Highlight"),
            NameObject("/Rect"): _floats(rect),
            NameObject("/QuadPoints"): _floats(quadpoints),
            NameObject("/Contents"): TextStringObject(shown(h.contents)),
            NameObject("/T"): TextStringObject(shown(h.author)),
            NameObject("/Subj"): TextStringObject(shown(h.subject)),
            NameObject("/NM"): TextStringObject(h.name),
            NameObject("/M"): TextStringObject(pdf_date(h.modified or h.created)),
            NameObject("/CreationDate"): TextStringObject(pdf_date(h.created)),
            NameObject("/C"): _floats(rgb),
            NameObject("/CA"): FloatObject(h.opacity),
            NameObject("/F"): NumberObject(4),  # print
            NameObject("/P"): page_obj.indirect_reference,
        }
    )
    annot[NameObject("/AP")] = DictionaryObject(
        {NameObject("/N"): _appearance(writer, h.quads, rect, rgb, h.opacity)}
    )
    annot_ref = writer._add_object(annot)
    mb = page_obj.mediabox
    px1 = float(mb.right) - 8
    popup = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Popup"),
            NameObject("/Rect"): _floats([max(0.0, px1 - 220), max(0.0, y1 - 140), px1, y1]),
            NameObject("/Parent"): annot_ref,
            NameObject("/Open"): _false(),
            NameObject("/F"): NumberObject(28),  # print, no zoom, no rotate
            NameObject("/P"): page_obj.indirect_reference,
        }
    )
    popup_ref = writer._add_object(popup)
    annot[NameObject("/Popup")] = popup_ref
    _annots(page_obj).extend([annot_ref, popup_ref])


def _false() -> object:
    from pypdf.generic import BooleanObject

    return BooleanObject(False)


def _annots(page_obj: DictionaryObject) -> ArrayObject:
    if "/Annots" not in page_obj:
        page_obj[NameObject("/Annots")] = ArrayObject()
    annots = page_obj["/Annots"].get_object()
    assert isinstance(annots, ArrayObject)
    return annots


def _dest(writer: PdfWriter, page: int, top: float) -> ArrayObject:
    """``[page /XYZ 0 top null]``: a place on the page (the zoom kept). The left edge is a
    number, not null: pdfannots and its kind take a null coordinate for the page as a
    whole and file the page's annotations under its last bookmark."""
    ref = writer.pages[page].indirect_reference
    return ArrayObject([ref, NameObject("/XYZ"), FloatObject(0), FloatObject(top), NullObject()])


def _add_link(writer: PdfWriter, link: LinkAnnot) -> None:
    page_obj = writer.pages[link.page]
    annot = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): _floats(link.rect),
            NameObject("/Border"): ArrayObject([NumberObject(0)] * 3),
            NameObject("/Dest"): _dest(writer, link.dest_page, link.dest_top),
            NameObject("/F"): NumberObject(4),
        }
    )
    _annots(page_obj).append(writer._add_object(annot))


def _add_outline(writer: PdfWriter, items: Sequence[OutlineItem], parent: object = None) -> None:
    from pypdf.generic import Fit

    for item in items:
        node = writer.add_outline_item(
            title=shown(item.title),
            page_number=item.page,
            parent=parent,  # type: ignore[arg-type]
            fit=Fit.xyz(left=0, top=item.top),  # a number, not null: see _dest
        )
        if item.children:
            _add_outline(writer, item.children, node)


def annotate(
    src: bytes,
    dst: BinaryIO,
    *,
    highlights: Sequence[HighlightAnnot],
    links: Sequence[LinkAnnot],
    outline: Sequence[OutlineItem],
    info: DocumentInfo,
) -> int:
    """Write the PDF ``src`` plus annotations, outline and metadata to ``dst``; returns the
    page count."""
    reader = PdfReader(io.BytesIO(src))
    writer = PdfWriter(clone_from=reader)
    fix_tounicode(writer)  # Qt names the space glyph TAB; copied text needs spaces
    pages = writer.pages
    for h in highlights:
        if h.quads:
            _add_highlight(writer, h, pages[h.page])
    for link in links:
        _add_link(writer, link)
    _add_outline(writer, outline)
    if outline:
        writer.page_mode = "/UseOutlines"
    date = pdf_date(info.created)
    writer.add_metadata(
        {
            "/Title": shown(info.title),
            "/Subject": shown(info.subject),
            "/Author": shown(info.author),
            "/Creator": info.creator,
            "/Producer": f"{info.creator} (Qt PDF engine, pypdf)",
            "/Keywords": shown(info.keywords),
            "/CreationDate": date,
            "/ModDate": date,
        }
    )
    writer.write(dst)
    return len(pages)
