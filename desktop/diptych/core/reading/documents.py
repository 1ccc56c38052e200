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

import array
import io
import itertools
import math
import re
import statistics
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


def _page_lines(page: Any, *, by_character: bool = False) -> list[_Line]:
    """The page's lines: characters on one baseline, in the content's order, split where the
    text goes back left or jumps right by more than a few characters (another column).

    PDFium is asked for every ink character's box, and for a baseline and font size only
    where they may change (a word's first letter, a letter whose box steps up or down from
    the one before, a mark character and the letter after it); the rest is worked out over
    whole arrays (numpy). The text is cut into pieces where a line may start (after one of
    PDFium's line breaks, or where the text jumps back or across a gap, or leaves the
    baseline); a piece with nothing odd in it or next to it (text off the page, a raised
    mark, a baseline of zero) is a line at once, and any other is read a character at a
    time, as all of them once were. Both give the same lines: ``by_character`` reads every
    piece a character at a time, for the tests to compare."""
    import ctypes

    import numpy as np

    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        if n <= 0:
            return []
        text = tp.get_text_range(0, n)[:n]
        if not text:
            return []
        height, width = page.get_height(), page.get_width()
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        ink_mask = np.ones(len(codes), dtype=bool)
        for ch in set(text):
            if ch.isspace():
                ink_mask &= codes != ord(ch)
        ink = np.flatnonzero(ink_mask)  # the ink characters' places in the text
        n_ink = len(ink)
        if not n_ink:
            return []
        # PDFium's C functions called directly, with their out-parameters made once and
        # without ctypes' argument checks: those cost more than the calls, for every
        # character of a long PDF
        raw = ctypes.cast(tp.raw, ctypes.c_void_p)  # the text page, as the C calls take it
        box = (ctypes.c_double * 4)()  # left, right, bottom, top: read in one call
        box_args = tuple(ctypes.byref(box, 8 * k) for k in range(4))
        box_bytes = memoryview(box).cast("B")
        ox, oy = ctypes.c_double(), ctypes.c_double()
        origin_args = (ctypes.byref(ox), ctypes.byref(oy))
        oy_bytes = memoryview(oy).cast("B")
        char_box, char_origin, font_size = _char_calls()
        got = array.array("d")
        put = got.frombytes
        for i in ink.tolist():
            if not char_box(raw, i, *box_args):
                raise ArticleError(f"has a page PDFium cannot read (character {i})")
            put(box_bytes)
        lefts, rights, bottoms, tops = np.frombuffer(got, dtype=float).reshape(-1, 4).T
        # drawn outside the page, where no one sees it: Qt prints a paragraph that runs over
        # a page break on both pages, clipped, and the next page would hold the last line
        # again above its top edge
        clipped = (tops < 0) | (bottoms > height) | (rights < 0) | (lefts > width)
        heights = (tops - bottoms)[~clipped]
        em = _median_of(np.sort(heights[heights > 0]), 10.0)
        off_line, gap = 0.4 * em, 2.5 * em  # a baseline this far off, a gap this wide

        start = np.ones(n_ink, dtype=bool)  # a word's first character
        start[1:] = ink[1:] != ink[:-1] + 1
        ink_codes = codes[ink]
        marks = (ink_codes >= 48) & (ink_codes <= 57)  # 0-9, and the other mark characters
        for ch in _MARK_CHARS.difference("0123456789").intersection(text):
            marks |= ink_codes == ord(ch)
        # a letter takes the baseline and font of the one before it in its word when its box
        # sits where that one's sits; PDFium is asked for those of the others
        step = np.zeros(n_ink, dtype=bool)
        step[1:] = ~(np.abs(bottoms[1:] - bottoms[:-1]) <= 0.08 * (tops[1:] - bottoms[1:]))
        # (a mark character, and the letter after a mark or after text drawn off the page,
        # always; text off the page is never read, so never asked)
        asked = start | step | marks
        asked[1:] |= marks[:-1] | clipped[:-1]
        asked &= ~clipped
        asked[0] = True
        found = array.array("d")
        put_y = found.frombytes
        sizes_found: list[float] = []
        add_size = sizes_found.append
        for i in ink[asked].tolist():
            char_origin(raw, i, *origin_args)
            put_y(oy_bytes)
            add_size(float(font_size(raw, i)))
        which = np.cumsum(asked) - 1
        bases = (height - np.frombuffer(found, dtype=float))[which]
        sizes = np.array(sizes_found)[which]

        # where a line ends before character k, its geometry says (against k - 1)
        jump = np.zeros(n_ink, dtype=bool)
        jump[1:] = (lefts[1:] < lefts[:-1] - 2) | (lefts[1:] - rights[:-1] > gap)
        ends = jump.copy()
        ends[1:] |= np.abs(bases[1:] - bases[:-1]) > off_line
        raised = np.zeros(n_ink, dtype=bool)
        raised[1:] = (
            marks[1:]
            & (sizes[1:] > 0)
            & (sizes[1:] < 0.85 * sizes[:-1])
            & (bases[:-1] - 1.2 * em < bases[1:])
            & (bases[1:] < bases[:-1] - 0.15 * em)
            & (rights[:-1] - 1 <= lefts[1:])
            & (lefts[1:] < rights[:-1] + 0.8 * em)
        )
        odd = clipped | (bases == 0) | raised  # read a character at a time
        # pieces of text that each start a line, or may: after one of PDFium's line breaks,
        # or where the geometry says so
        breaks = np.cumsum((codes == 10) | (codes == 13))[ink]
        first = start.copy()  # after a line break
        first[1:] &= breaks[1:] != breaks[:-1]
        cut = first | ends
        seg = np.flatnonzero(cut)
        seg_end = np.append(seg[1:], n_ink)
        # after an odd character, the line goes on from an earlier one: what was worked out
        # against the one before is unsure, up to a character that is not a mark (which
        # cannot be raised), or that starts a line after a line break
        unsure = odd.copy()
        odd_at = np.flatnonzero(odd).tolist()
        if odd_at:
            mark_at, first_at = marks.tolist(), first.tolist()
            for q in odd_at:
                q += 1
                while q < n_ink and not unsure[q]:
                    if first_at[q] and not mark_at[q]:
                        break
                    unsure[q] = True
                    if not mark_at[q]:
                        break
                    q += 1
        n_odd = np.add.reduceat(unsure.astype(np.int32), seg)
        # a plain piece holds no odd or unsure character (so the character before it is not
        # odd either, or a line break ends the line anyway), and the next piece's first
        # character is neither, so that it starts a line
        plain = n_odd == 0
        plain[:-1] &= ~unsure[seg[1:]]
        if by_character:
            plain[:] = False
        # each plain run's line: its edges and median baseline and size
        x0s = np.minimum.reduceat(lefts, seg).tolist()
        x1s = np.maximum.reduceat(rights, seg).tolist()
        tail = seg_end - 1  # each piece's last character: what the next is measured against
        tails = zip(
            ink[tail].tolist(),
            lefts[tail].tolist(),
            rights[tail].tolist(),
            bases[tail].tolist(),
            sizes[tail].tolist(),
            strict=True,
        )
        run = np.cumsum(cut) - 1
        counts = seg_end - seg
        lo, hi = seg + (counts - 1) // 2, seg + counts // 2
        by_base = bases[np.lexsort((bases, run))]
        by_size = sizes[np.lexsort((sizes, run))]
        base_meds = ((by_base[lo] + by_base[hi]) / 2).tolist()
        size_meds = ((by_size[lo] + by_size[hi]) / 2).tolist()

        plain_at = plain.tolist()
        text_start = ink[seg].tolist()

        lines: list[_Line] = []
        parts: list[str] = []  # the line's text so far, a space as " "
        line_bases: list[float] = []  # its ink characters' baselines and font sizes
        line_sizes: list[float] = []
        x0, x1 = math.inf, -math.inf

        def close() -> None:
            nonlocal x0, x1
            if line_bases:
                base = statistics.median(line_bases)
                lines.append(
                    _Line(
                        " ".join("".join(parts).split()),
                        x0,
                        x1,
                        base - em,
                        base,
                        statistics.median(line_sizes),
                    )
                )
                line_bases.clear()
                line_sizes.clear()
                x0, x1 = math.inf, -math.inf
            parts.clear()

        mark_chars = _MARK_CHARS
        # the last ink character that is not a superscript: its left, right, baseline, size
        last: tuple[float, float, float, float] | None = None
        right = 0.0  # where the last character drawn (a mark included) ends
        broken = False  # PDFium saw a line break, which a raised mark may be taken for
        prev_end = 0  # where the text after the last character read starts
        seg_at = seg.tolist()
        for j, (ka, kb, end) in enumerate(zip(seg_at, seg_end.tolist(), tails, strict=True)):
            if plain_at[j]:  # one line, from a line break to a line break
                close()
                s, prev_end = text_start[j], end[0] + 1
                base = base_meds[j]
                text_of = " ".join(text[s:prev_end].split())
                lines.append(_Line(text_of, x0s[j], x1s[j], base - em, base, size_meds[j]))
                right = end[2]
                last = (end[1], right, end[3], end[4])
                broken = False
                continue
            ink_at = ink[ka:kb].tolist()
            lefts_at, rights_at = lefts[ka:kb].tolist(), rights[ka:kb].tolist()
            bases_at, sizes_at = bases[ka:kb].tolist(), sizes[ka:kb].tolist()
            clipped_at = clipped[ka:kb].tolist()
            for k in range(kb - ka):  # a character at a time
                i = ink_at[k]
                if i > prev_end:
                    between = text[prev_end:i]
                    if "\r" in between or "\n" in between:
                        broken = True
                    if parts and between.strip("\r\n"):
                        parts.append(" ")
                prev_end = i + 1
                if clipped_at[k]:
                    if parts:
                        parts.append(" ")
                    continue
                ch, base, size = text[i], bases_at[k], sizes_at[k]
                left, c_right = lefts_at[k], rights_at[k]
                if not base:  # taken for a space
                    if parts:
                        parts.append(" ")
                    continue
                if last is None:
                    broken = False
                elif ch in mark_chars and _raised_small(ch, left, size, base, last, right, em):
                    broken = False
                    # a superscript after a word: a footnote mark (kept out of the text,
                    # and listed), or an exponent ("m³") kept as a superscript character;
                    # on the line either way, which its raised baseline would otherwise
                    # break
                    if _is_footnote_mark(ch, parts):
                        parts.append(_MARK_OPEN + ch + _MARK_CLOSE)
                    else:
                        parts.append(ch.translate(_SUPERSCRIPT))
                    x0, x1 = min(x0, left), max(x1, c_right)
                    line_bases.append(last[2])
                    line_sizes.append(last[3])
                    right = c_right
                    continue
                elif broken:
                    broken = False
                    close()
                elif abs(base - last[2]) > off_line or left < last[0] - 2 or left - last[1] > gap:
                    close()
                parts.append(ch)
                x0, x1 = min(x0, left), max(x1, c_right)
                line_bases.append(base)
                line_sizes.append(size)
                last = (left, c_right, base, size)
                right = c_right
        close()
        return lines
    finally:
        tp.close()


def _median_of(ordered: Any, default: float) -> float:
    """The median of sorted values, as statistics.median gives it (``default`` for none)."""
    n = len(ordered)
    if not n:
        return default
    if n % 2:
        return float(ordered[n // 2])
    return (float(ordered[n // 2 - 1]) + float(ordered[n // 2])) / 2


_MARK_OPEN, _MARK_CLOSE = (
    "\x03",
    "\x04",
)  # a footnote mark in a line's text, until its block is built
_MARKS = re.compile("(?:\x03([^\x04]*)\x04)+")
_SUPERSCRIPT = str.maketrans("0123456789+-()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾")
_MARK_CHARS = frozenset("0123456789*†‡§¶")


def _raised_small(
    ch: str,
    left: float,
    size: float,
    base: float,
    last: tuple[float, float, float, float],
    right: float,
    em: float,
) -> bool:
    """Whether character ``ch`` (its left edge, font size and baseline) is set as a
    superscript to the one before it (``last``: its left, right, baseline and size): smaller,
    raised, right after it on its line."""
    return (
        ch in _MARK_CHARS
        and 0 < size < 0.85 * last[3]
        and last[2] - 1.2 * em < base < last[2] - 0.15 * em
        and right - 1 <= left < right + 0.8 * em
    )


def _is_footnote_mark(ch: str, parts: list[str]) -> bool:
    """A superscript after a word of three letters or more, or after punctuation, marks a
    note ("wall.¹", "dollars,¹²", "for*"); after a number or a short unit ("10²", "m³",
    "km²") it is an exponent. ``parts``: the line's text so far, in pieces, a space as " "."""
    if ch in "*†‡§¶":
        return True
    word = ""
    for p in reversed(parts):
        if p == " ":
            break
        if p.startswith(_MARK_OPEN):
            return True  # the second digit of a mark ("¹²")
        word = p + word
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
    return _DIGITS.sub("#", text.lower()).strip()


_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$",
    re.IGNORECASE,
)


_HYPHEN_END = re.compile(r"\w[-\x02\u00ad\ufffe]$")
_SOFT_HYPHEN = re.compile("[\x02\ufffe]")
_DIGITS = re.compile(r"\d+")


def _hyphenated(text: str) -> bool:
    """Whether a line (no line breaks in it) ends in a word and a hyphen: looked for in its
    last two characters only, not along the whole line."""
    return _HYPHEN_END.search(text, len(text) - 2) is not None


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
                if _hyphenated(text) and nxt[:1].islower():
                    text = text[:-1] + nxt  # a word hyphenated at the line's end
                else:
                    text = text + " " + nxt
            text = _SOFT_HYPHEN.sub("-", text).replace("\u00ad", "")
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
                    hyphenated = _hyphenated(prev.text)
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
