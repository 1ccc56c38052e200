"""Repair of the ToUnicode CMaps Qt writes, so text copied out of the PDF has spaces, not TABs.

Qt's PDF engine (``QFontSubset::getReverseMap``) names each embedded glyph by the *first* code
point, from U+0000 up, that the font engine maps to it. The engine maps U+0009 (TAB) to the
space glyph, so the ToUnicode CMap says the space glyph is a TAB. pdf.js and poppler turn that
back into a space; pdfminer-based readers (pdfannots, many note tools) copy TABs between words.

``fix_tounicode(writer)`` rewrites every font's ToUnicode CMap in a pypdf writer: a glyph that
maps to one of the layout controls U+0009–U+000D maps to U+0020 instead. Other mappings are kept
exactly (re-emitted as ``bfchar`` entries).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, IndirectObject, StreamObject

_WHITESPACE_CONTROLS = frozenset(range(0x09, 0x0E))  # TAB, LF, VT, FF, CR
_BLOCK = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
_TOKEN = re.compile(rb"<[0-9A-Fa-f]*>|\[|\]")


def _utf16(hex_bytes: bytes) -> str:
    raw = bytes.fromhex(hex_bytes.decode("ascii"))
    return raw.decode("utf-16-be", errors="replace")


def parse_cmap(data: bytes) -> dict[int, str] | None:
    """Glyph code → text of a ToUnicode CMap's ``bfchar``/``bfrange`` entries, or None when the
    stream has a shape this module does not know (then it is left alone)."""
    out: dict[int, str] = {}
    for kind, body in _BLOCK.findall(data):
        tokens = _TOKEN.findall(body)
        i = 0
        if kind == b"bfchar":
            if len(tokens) % 2:
                return None
            for src, dst in zip(tokens[0::2], tokens[1::2], strict=True):
                if not (src.startswith(b"<") and dst.startswith(b"<")):
                    return None
                out[int(src[1:-1] or b"0", 16)] = _utf16(dst[1:-1])
            continue
        while i < len(tokens):
            if i + 2 >= len(tokens) or not tokens[i].startswith(b"<"):
                return None
            lo, hi = int(tokens[i][1:-1], 16), int(tokens[i + 1][1:-1], 16)
            if tokens[i + 2] == b"[":
                end = tokens.index(b"]", i + 3) if b"]" in tokens[i + 3 :] else -1
                if end < 0:
                    return None
                for n, dst in enumerate(tokens[i + 3 : end]):
                    out[lo + n] = _utf16(dst[1:-1])
                i = end + 1
            else:
                first = _utf16(tokens[i + 2][1:-1])
                if not first:
                    return None
                for n in range(hi - lo + 1):
                    out[lo + n] = first[:-1] + chr(ord(first[-1]) + n)
                i += 3
    return out


def _hex16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def build_cmap(mapping: dict[int, str], code_bytes: int = 2) -> bytes:
    """A ToUnicode CMap of ``mapping`` (glyph code → text), in ``bfchar`` blocks of ≤ 100."""
    width = code_bytes * 2
    top = "F" * width
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<{'0' * width}> <{top}>",
        "endcodespacerange",
    ]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{code:0{width}X}> <{_hex16(text)}>" for code, text in chunk)
        lines.append("endbfchar")
    lines += [
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return ("\n".join(lines) + "\n").encode("ascii")


def fixed_cmap(data: bytes) -> bytes | None:
    """``data`` with whitespace controls mapped to a space, or None when nothing needs fixing
    (or the CMap's shape is unknown)."""
    mapping = parse_cmap(data)
    if not mapping:
        return None
    bad = [
        code
        for code, text in mapping.items()
        if len(text) == 1 and ord(text) in _WHITESPACE_CONTROLS
    ]
    if not bad:
        return None
    for code in bad:
        mapping[code] = " "
    spaces = _HEX.findall(data.split(b"begincodespacerange", 1)[-1].split(b"endcodespacerange")[0])
    code_bytes = max(1, len(spaces[0]) // 2) if spaces else 2
    return build_cmap(mapping, code_bytes)


def _fonts(writer: PdfWriter) -> Iterator[DictionaryObject]:
    seen: set[int] = set()

    def walk(resources: object) -> Iterator[DictionaryObject]:
        res = resources.get_object() if isinstance(resources, IndirectObject) else resources
        if not isinstance(res, DictionaryObject):
            return
        fonts = res.get("/Font")
        fonts = fonts.get_object() if fonts is not None else None
        if isinstance(fonts, DictionaryObject):
            for ref in fonts.values():
                font = ref.get_object()
                if isinstance(font, DictionaryObject) and id(font) not in seen:
                    seen.add(id(font))
                    yield font
        xobjects = res.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else None
        if isinstance(xobjects, DictionaryObject):
            for ref in xobjects.values():
                xo = ref.get_object()
                if isinstance(xo, StreamObject) and id(xo) not in seen and "/Resources" in xo:
                    seen.add(id(xo))
                    yield from walk(xo["/Resources"])

    for page in writer.pages:
        if "/Resources" in page:
            yield from walk(page["/Resources"])


def fix_tounicode(writer: PdfWriter) -> int:
    """Map whitespace controls to U+0020 in every font's ToUnicode CMap; returns how many
    CMaps were rewritten."""
    fixed = 0
    done: set[int] = set()
    for font in _fonts(writer):
        ref = font.get("/ToUnicode")
        if ref is None:
            continue
        stream = ref.get_object()
        if not isinstance(stream, StreamObject) or id(stream) in done:
            continue
        done.add(id(stream))
        new = fixed_cmap(stream.get_data())
        if new is not None:
            stream.set_data(new)
            fixed += 1
    return fixed
