"""PDF, EPUB and DOCX files to raw blocks.

PDF is read with pypdfium2 (PDFium, BSD/Apache): characters with their boxes are grouped into
lines, lines into columns (a page whose lines stand in two halves is read left column, then
right) and paragraphs (a wider gap, a larger font, a short last line); a word hyphenated at a
line end is joined; running heads (the same line at the top of many pages) and page numbers
are marked as page furniture, so they are left out and listed; footnote marks (a small raised
number or asterisk after a word) are taken out of the text and listed where they stood, while
an exponent after a number or unit ("m³") stays as a superscript. A PDF without any text (a scan)
or one that needs a password says so. Text drawn outside the page (clipped away) is not read.

EPUB (a zip of XHTML chapters in the order its package file's spine gives) and DOCX (through
mammoth's HTML) go through the HTML walker. Both are zip files, so they are opened only when
the archive is sane: at most ``MAX_MEMBERS`` members, ``MAX_UNZIPPED`` bytes unpacked in all,
and no member compressed more than ``MAX_RATIO`` to one (a zip bomb is refused, never
unpacked). EPUB is read with the standard library and lxml rather than ebooklib, whose AGPL
would bind every user of Diptych.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from diptych.core.errors import ArticleError
from diptych.core.reading.rawblocks import RawBlock
from diptych.core.reading.readers import require

MAX_PAGES = 2000
MAX_MEMBERS = 5000
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_RATIO = 200

Progress = Callable[[int, int], None]  # (pages done, pages in all)


# ------------------------------------------------------------------------------------ PDF


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float  # distance from the page's top edge
    bottom: float
    size: float  # median character height


def _unchecked(fn: Any) -> Any:
    """PDFium's C function ``fn`` without ctypes' argument conversions (the same function,
    called with ctypes objects that are already of the right C type): the conversions cost
    more than the call itself, made for every character of a long PDF."""
    import ctypes

    bare = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    bare.restype = fn.restype
    return bare


_PDFIUM_CHAR_CALLS: tuple[Any, Any, Any] | None = None


def _char_calls() -> tuple[Any, Any, Any]:
    """FPDFText_GetCharBox, FPDFText_GetCharOrigin and FPDFText_GetFontSize, unchecked."""
    global _PDFIUM_CHAR_CALLS
    if _PDFIUM_CHAR_CALLS is None:
        import pypdfium2.raw as pdfium_c  # pdf_blocks has require()d pypdfium2 before

        _PDFIUM_CHAR_CALLS = (
            _unchecked(pdfium_c.FPDFText_GetCharBox),
            _unchecked(pdfium_c.FPDFText_GetCharOrigin),
            _unchecked(pdfium_c.FPDFText_GetFontSize),
        )
    return _PDFIUM_CHAR_CALLS


def _page_lines(page: Any) -> list[_Line]:
    """The page's lines: characters on one baseline, in the content's order, split where the
    text goes back left or jumps right by more than a few characters (another column)."""
    import ctypes

    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        if n <= 0:
            return []
        text = tp.get_text_range(0, n)
        height, width = page.get_height(), page.get_width()
        # PDFium's C functions called directly, with their out-parameters made once and
        # without ctypes' argument checks: those cost more than the calls, for every
        # character of a long PDF
        raw = ctypes.cast(tp.raw, ctypes.c_void_p)  # the text page, as the C calls take it
        box = (ctypes.c_double * 4)()  # left, right, bottom, top: read in one call
        box_args = tuple(ctypes.byref(box, 8 * k) for k in range(4))
        unpack = struct.Struct("4d").unpack
        ox, oy = ctypes.c_double(), ctypes.c_double()
        origin_args = (ctypes.byref(ox), ctypes.byref(oy))
        char_box, char_origin, font_size = _char_calls()
        chars: list[tuple[str, float, float, float, float]] = []  # ch, x0, x1, baseline, size
        append = chars.append
        blank = (" ", 0.0, 0.0, 0.0, 0.0)
        boxes: list[float] = []
        add_box = boxes.append
        marks = _MARK_CHARS
        # whether the character before was ink and not a mark; if so its box's bottom,
        # its baseline and its font size
        prev_word, prev_bottom, prev_base, prev_size = False, 0.0, 0.0, 0.0
        for i, ch in enumerate(text[:n]):
            if ch.isspace():
                append((ch, 0.0, 0.0, 0.0, 0.0))
                prev_word = False
                continue
            if not char_box(raw, i, *box_args):
                raise ArticleError(f"has a page PDFium cannot read (character {i})")
            left, right, bottom, top = unpack(box)
            if top < 0 or bottom > height or right < 0 or left > width:
                # drawn outside the page, where no one sees it: Qt prints a paragraph that
                # runs over a page break on both pages, clipped, and the next page would
                # hold the last line again above its top edge
                append(blank)
                prev_word = False
                continue
            word = ch not in marks
            if prev_word and word and abs(bottom - prev_bottom) <= 0.08 * (top - bottom):
                # within a word, sitting where the letter before sits: on its baseline, in
                # its font (asking PDFium costs more than the rest of the work per character)
                base, size = prev_base, prev_size
            else:
                char_origin(raw, i, *origin_args)
                base, size = height - oy.value, float(font_size(raw, i))
            append((ch, left, right, base, size))
            prev_word, prev_bottom, prev_base, prev_size = word, bottom, base, size
            if top > bottom:
                add_box(top - bottom)
        em = statistics.median(boxes) if boxes else 10.0
        lines: list[_Line] = []
        cur: list[tuple[str, float, float, float, float]] = []

        def close() -> None:
            ink = [c for c in cur if c[3]]
            if ink:  # then the line's text is not blank: an ink character is not a space
                s = "".join([c[0] if c[3] else " " for c in cur])
                _chs, lefts, rights, bases, sizes = zip(*ink, strict=True)
                base = statistics.median(bases)
                lines.append(
                    _Line(
                        " ".join(s.split()),
                        min(lefts),
                        max(rights),
                        base - em,
                        base,
                        statistics.median(sizes),
                    )
                )
            cur.clear()

        off_line, gap = 0.4 * em, 2.5 * em  # a baseline this far off, a gap this wide
        add = cur.append
        last: tuple[str, float, float, float, float] | None = None
        right = 0.0  # where the last character drawn (a mark included) ends
        broken = False  # PDFium saw a line break, which a raised mark may be taken for
        for c in chars:
            if not c[3]:  # a space
                if c[0] in "\r\n":
                    broken = True
                elif cur:
                    add(c)
                continue
            if last is None:
                broken = False
                add(c)
                last = c
                right = c[2]
                continue
            # only a mark character can be a superscript (_raised_small's first test)
            if c[0] in marks and _raised_small(c, last, right, em):
                broken = False
                # a superscript after a word: a footnote mark (kept out of the text, and
                # listed), or an exponent ("m³") kept as a superscript character; on the
                # line either way, which its raised baseline would otherwise break
                mark = _is_footnote_mark(c[0], cur)
                ch = _MARK_OPEN + c[0] + _MARK_CLOSE if mark else c[0].translate(_SUPERSCRIPT)
                add((ch, c[1], c[2], last[3], last[4]))
                right = c[2]
                continue
            if broken:
                broken = False
                close()
            elif abs(c[3] - last[3]) > off_line or c[1] < last[1] - 2 or c[1] - last[2] > gap:
                close()
            add(c)
            last = c
            right = c[2]
        close()
        return lines
    finally:
        tp.close()


_MARK_OPEN, _MARK_CLOSE = (
    "\x03",
    "\x04",
)  # a footnote mark in a line's text, until its block is built
_MARKS = re.compile("(?:\x03([^\x04]*)\x04)+")
_SUPERSCRIPT = str.maketrans("0123456789+-()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾")
_MARK_CHARS = frozenset("0123456789*†‡§¶")


def _raised_small(
    c: tuple[str, float, float, float, float],
    last: tuple[str, float, float, float, float],
    right: float,
    em: float,
) -> bool:
    """Whether character ``c`` is set as a superscript to the one before it: smaller, raised,
    right after it on its line."""
    return (
        c[0] in _MARK_CHARS
        and 0 < c[4] < 0.85 * last[4]
        and last[3] - 1.2 * em < c[3] < last[3] - 0.15 * em
        and right - 1 <= c[1] < right + 0.8 * em
    )


def _is_footnote_mark(ch: str, cur: list[tuple[str, float, float, float, float]]) -> bool:
    """A superscript after a word of three letters or more, or after punctuation, marks a
    note ("wall.¹", "dollars,¹²", "for*"); after a number or a short unit ("10²", "m³",
    "km²") it is an exponent."""
    if ch in "*†‡§¶":
        return True
    word = ""
    for c in reversed(cur):
        if not c[3]:
            break
        if c[0].startswith(_MARK_OPEN):
            return True  # the second digit of a mark ("¹²")
        word = c[0] + word
    core = word.rstrip(".,;:!?)”’\"'")
    if core != word:
        return True  # after punctuation
    return len(core) >= 3 and core.isalpha()


def _take_marks(text: str) -> tuple[str, list[tuple[str, int, int, str | None]]]:
    """The text without its footnote marks, and a style for each mark ("footnote mark" on
    the character before it; the mark's text as its value)."""
    if _MARK_OPEN not in text:
        return text, []
    out: list[str] = []
    styles: list[tuple[str, int, int, str | None]] = []
    pos = at = 0
    for m in _MARKS.finditer(text):
        out.append(text[pos : m.start()])
        at += m.start() - pos
        mark = "".join(re.findall("\x03([^\x04]*)\x04", m.group(0)))
        styles.append(("footnote mark", max(0, at - 1), at, mark))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), styles


def _unmarked(text: str) -> str:
    return _MARKS.sub("", text) if _MARK_OPEN in text else text


def _norm_furniture(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$",
    re.IGNORECASE,
)


def _columns(lines: list[_Line], width: float) -> list[_Line]:
    """Lines in reading order: on a page set in two columns, the left one, then the right."""
    mid = width / 2
    left = [ln for ln in lines if ln.x1 <= mid + 5]
    right = [ln for ln in lines if ln.x0 >= mid - 5]
    if len(left) < 3 or len(right) < 3:
        return lines
    spanning = [ln for ln in lines if ln.x0 < mid - 5 and ln.x1 > mid + 5]
    if len(spanning) > 0.2 * len(lines):
        return lines
    first_col = min(ln.top for ln in left + right)
    above = [ln for ln in spanning if ln.top < first_col]
    below = [ln for ln in spanning if ln.top >= first_col]
    by_top = sorted(left, key=lambda ln: ln.top), sorted(right, key=lambda ln: ln.top)
    return sorted(above, key=lambda ln: ln.top) + by_top[0] + by_top[1] + below


def pdf_blocks(
    data: bytes, *, progress: Progress | None = None
) -> tuple[list[RawBlock], dict[str, str]]:
    """Raw blocks and metadata (title, author) of a PDF's text."""
    pdfium = require("pypdfium2")
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise ArticleError(
                "is an encrypted PDF (it needs a password); Diptych cannot read it"
            ) from None
        raise ArticleError(f"is not a readable PDF ({exc})") from None
    try:
        n_pages = len(doc)
        if n_pages > MAX_PAGES:
            raise ArticleError(f"has {n_pages} pages (Diptych reads PDFs of up to {MAX_PAGES})")
        meta = doc.get_metadata_dict(skip_empty=True)
        pages: list[tuple[list[_Line], float, float]] = []
        for i in range(n_pages):
            page = doc[i]
            try:
                w, h = page.get_size()
                pages.append((_columns(_page_lines(page), w), w, h))
            finally:
                page.close()
            if progress is not None:
                progress(i + 1, n_pages)
    finally:
        doc.close()
    if not any(lines for lines, _w, _h in pages):
        raise ArticleError(
            "has no text layer (a scanned PDF?); Diptych reads text, not images of text"
        )
    return _pdf_paragraphs(pages), {
        "title": str(meta.get("Title", "")),
        "byline": str(meta.get("Author", "")),
    }


def _pdf_paragraphs(pages: list[tuple[list[_Line], float, float]]) -> list[RawBlock]:
    # running heads and feet: the same line (numbers aside) in the top or bottom tenth of many
    # pages
    def at_edge(ln: _Line, height: float) -> bool:
        return ln.bottom < 0.1 * height or ln.top > 0.9 * height

    ends: Counter[str] = Counter()
    for lines, _w, h in pages:
        for key in {_norm_furniture(_unmarked(ln.text)) for ln in lines if at_edge(ln, h)}:
            ends[key] += 1
    repeated = {k for k, c in ends.items() if len(pages) >= 2 and c >= max(2, 0.5 * len(pages))}
    sizes = [ln.size for lines, _w, _h in pages for ln in lines]
    body_size = statistics.median(sizes) if sizes else 10.0
    ems = [ln.bottom - ln.top for lines, _w, _h in pages for ln in lines]
    body = statistics.median(ems) if ems else 10.0  # the body text's height, in points
    pitches = [
        b.bottom - a.bottom
        for lines, _w, _h in pages
        for a, b in itertools.pairwise(lines)
        if 0 < b.bottom - a.bottom < 4 * body
    ]
    lead = statistics.median(pitches) if pitches else 1.2 * body  # baseline to baseline

    out: list[RawBlock] = []
    cur: list[str] = []
    cur_kind = "paragraph"
    prev: _Line | None = None

    def flush() -> None:
        nonlocal cur
        if cur:
            text = cur[0]
            for nxt in cur[1:]:
                if re.search(r"\w[-\x02\u00ad\ufffe]$", text) and nxt[:1].islower():
                    text = text[:-1] + nxt  # a word hyphenated at the line's end
                else:
                    text = text + " " + nxt
            text = re.sub("[\x02\ufffe]", "-", text).replace("\u00ad", "")
            text, marks = _take_marks(text)
            out.append(
                RawBlock(
                    cur_kind,
                    text,
                    marks,
                    level=2 if cur_kind == "heading" else 0,
                    explicit=cur_kind == "heading",
                )
            )
        cur = []

    page_break = False
    for lines, _width, height in pages:
        for ln in lines:
            furniture = ""
            if at_edge(ln, height):
                if _PAGE_NUMBER.match(_unmarked(ln.text)):
                    furniture = "page number"
                elif _norm_furniture(_unmarked(ln.text)) in repeated:
                    furniture = "running head"
            if furniture:
                out.append(RawBlock("paragraph", _unmarked(ln.text), chrome=True, role=furniture))
                continue
            heading = ln.size > 1.15 * body_size and len(ln.text) < 150
            kind = "heading" if heading else "paragraph"
            new = prev is None or kind != cur_kind or heading
            if prev is not None and not new:
                closed = _unmarked(prev.text).endswith((".", "!", "?", ":", "”", '"', "’"))
                if page_break:
                    new = closed  # a paragraph runs on over a page break unless it ended
                else:
                    pitch = ln.bottom - prev.bottom
                    hyphenated = bool(re.search(r"\w[-\x02\u00ad\ufffe]$", prev.text))
                    if pitch < 0 and not (hyphenated and ln.text[:1].islower()):
                        new = True  # a new column (unless a word runs on into it)
                    elif pitch > 1.35 * lead or abs(ln.x0 - prev.x0) > 1.5 * body:
                        new = pitch >= 0  # a wider gap, an indented first line
                    elif closed and prev.x1 < ln.x1 - 4 * body:
                        new = True  # the last line of a paragraph ends short
            if new:
                flush()
                cur_kind = kind
            cur.append(ln.text)
            prev = ln
            page_break = False
        page_break = True
    flush()
    return out


# ------------------------------------------------------------------------------- zip files


class _Zip(zipfile.ZipFile):
    """A zip archive whose members that cannot be unpacked (damaged data, sizes that lie,
    a password) are an :class:`ArticleError`, as a damaged archive is."""

    what = "file"

    def read(self, name: str | zipfile.ZipInfo, pwd: bytes | None = None) -> bytes:
        try:
            return super().read(name, pwd)
        except KeyError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError):
            shown = name.filename if isinstance(name, zipfile.ZipInfo) else name
            raise ArticleError(
                f"is not a readable {self.what}: {shown!r} in its zip archive is damaged or locked"
            ) from None


def _safe_zip(data: bytes, what: str) -> zipfile.ZipFile:
    try:
        zf = _Zip(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise ArticleError(f"is not a readable {what} (its zip archive is damaged)") from None
    zf.what = what
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ArticleError(f"is not a sane {what}: its archive has {len(infos)} files")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_RATIO * max(1, info.compress_size) and info.file_size > 1 << 20:
            raise ArticleError(
                f"is not a sane {what}: {info.filename!r} would unpack {info.file_size} bytes "
                f"from {info.compress_size} (a zip bomb?)"
            )
    if total > MAX_UNZIPPED:
        raise ArticleError(
            f"is not a sane {what}: it would unpack to {total / 1048576:.0f} MiB "
            f"(the limit is {MAX_UNZIPPED // 1048576} MiB; a zip bomb?)"
        )
    return zf


def _xml(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    return etree.fromstring(data, parser=parser)


def epub_blocks(data: bytes) -> tuple[list[RawBlock], dict[str, str]]:
    """Raw blocks of an EPUB's chapters in reading order, and its title, author and date."""
    import posixpath

    from diptych.core.reading.encoding import decode_bytes
    from diptych.core.reading.html_blocks import read_html

    zf = _safe_zip(data, "EPUB")
    try:
        container = _xml(zf.read("META-INF/container.xml"))
        rootfile = container.xpath("//*[local-name()='rootfile']/@full-path")
        opf_path = str(rootfile[0])
        opf = _xml(zf.read(opf_path))
    except (KeyError, IndexError, ValueError, AttributeError):
        raise ArticleError("is not a readable EPUB (no package file)") from None
    if opf is None:
        raise ArticleError("is not a readable EPUB (its package file is not XML)")
    base = posixpath.dirname(opf_path)

    def dc(name: str) -> str:
        found = opf.xpath(f"//*[local-name()='{name}']/text()")
        return " ".join(str(found[0]).split()) if found else ""

    manifest = {
        str(it.get("id")): (
            str(it.get("href") or ""),
            str(it.get("media-type") or ""),
            str(it.get("properties") or "").split(),
        )
        for it in opf.xpath("//*[local-name()='manifest']/*[local-name()='item']")
    }
    names = set(zf.namelist())
    out: list[RawBlock] = []
    for ref in opf.xpath("//*[local-name()='spine']/*[local-name()='itemref']/@idref"):
        href, mtype, props = manifest.get(str(ref), ("", "", []))
        if not href or "html" not in mtype or str(ref).lower() == "nav" or "nav" in props:
            continue  # the navigation document is the book's table of contents
        # an href is a URL: "Text/Chapter%201.xhtml" is the member "Text/Chapter 1.xhtml"
        href = href.split("#", 1)[0]
        member = posixpath.normpath(posixpath.join(base, href))
        if member not in names:
            member = posixpath.normpath(posixpath.join(base, unquote(href)))
        try:
            raw = zf.read(member)
        except KeyError:
            continue
        html, _enc = decode_bytes(raw, html=True)
        blocks, _meta = read_html(html)
        if blocks:
            blocks[0].gap_before = 2  # a chapter break
        out.extend(blocks)
    if not out:
        raise ArticleError("is an EPUB without readable chapters")
    date = dc("date")
    return out, {
        "title": dc("title"),
        "byline": dc("creator"),
        "date": date[:10] if re.match(r"\d{4}-\d\d-\d\d", date) else "",
    }


def docx_blocks(data: bytes) -> tuple[list[RawBlock], dict[str, str]]:
    """Raw blocks of a Word document through mammoth's HTML, and its title and author."""
    from diptych.core.reading.html_blocks import read_html

    mammoth = require("mammoth")

    zf = _safe_zip(data, "DOCX")
    if "word/document.xml" not in zf.namelist():
        raise ArticleError("is not a Word document (no word/document.xml)")
    meta: dict[str, str] = {}
    try:
        core = _xml(zf.read("docProps/core.xml"))
        for key, name in (("title", "title"), ("byline", "creator")):
            found = core.xpath(f"//*[local-name()='{name}']/text()") if core is not None else []
            if found and str(found[0]).strip():
                meta[key] = " ".join(str(found[0]).split())
    except KeyError:
        pass
    lean = _lean_docx(zf)
    try:
        result = mammoth.convert_to_html(io.BytesIO(lean))
    except Exception as exc:  # mammoth raises plain exceptions on documents it cannot read
        raise ArticleError(f"is not a readable Word document ({type(exc).__name__})") from None
    blocks, _m = read_html(str(result.value))
    return blocks, meta


_STYLE_REF = re.compile(rb'<w:(?:p|r|tbl|numStyleLink|styleLink)Style\b[^>]*w:val="([^"]+)"')
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _lean_docx(zf: zipfile.ZipFile) -> bytes:
    """The document with only the styles it uses: Word's default template carries hundreds
    of styles (350 kB of XML), which mammoth would parse with minidom for every load."""
    from lxml import etree

    names = set(zf.namelist())
    if "word/styles.xml" not in names:
        return _rezip(zf, {})
    used: set[bytes] = set()
    for part in (
        "word/document.xml",
        "word/numbering.xml",
        "word/footnotes.xml",
        "word/endnotes.xml",
    ):
        if part in names:
            used.update(_STYLE_REF.findall(zf.read(part)))
    styles = _xml(zf.read("word/styles.xml"))
    if styles is None:
        return _rezip(zf, {})
    by_id = {str(st.get(_W + "styleId")): st for st in styles.iter(_W + "style")}
    keep = {u.decode("utf-8", "replace") for u in used}
    keep.update(
        str(st.get(_W + "styleId")) for st in by_id.values() if st.get(_W + "default") == "1"
    )
    todo = list(keep)
    while todo:  # styles are based on others, and linked to their character twins
        st = by_id.get(todo.pop())
        if st is None:
            continue
        for tag in ("basedOn", "link", "next"):
            ref = st.find(_W + tag)
            if ref is not None:
                val = str(ref.get(_W + "val"))
                if val not in keep:
                    keep.add(val)
                    todo.append(val)
    for sid, st in by_id.items():
        if sid not in keep:
            st.getparent().remove(st)
    lean = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _rezip(zf, {"word/styles.xml": lean, "word/stylesWithEffects.xml": None})


def _rezip(zf: zipfile.ZipFile, replace: dict[str, bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as new:
        for info in zf.infolist():
            if info.filename in replace:
                data = replace[info.filename]
                if data is not None:
                    new.writestr(info.filename, data)
            elif not info.filename.lower().endswith((".jpeg", ".jpg", ".png", ".emf", ".wmf")):
                new.writestr(info.filename, zf.read(info.filename))
    return out.getvalue()
