"""Turning an article file's bytes into text: refuse binaries, then find the encoding.

Order (issue 6): byte-order mark, strict UTF-8, the HTML ``<meta charset>``, then a detector
(charset-normalizer). The detector is second-guessed where it is known to go wrong: short
Latin-1/cp1252 files read as UTF-16 or UTF-32 although they contain no NUL byte.
"""

from __future__ import annotations

import codecs
import re

from diptych.core.errors import ArticleError

# Magic numbers of common non-text files a user may open by mistake, with a human name.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE
)

# Characters that do not occur in text: C0 controls other than tab/newline/CR/FF, DEL and the
# C1 controls (what Latin-1 makes of cp1252's 0x80-0x9F bytes).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

# Detector answers trusted even when the bytes also decode as cp1252: other scripts than Latin.
_KEEP_DETECTED = (
    "utf",
    "cp1251",
    "cp866",
    "cp855",
    "koi8",
    "mac-cyrillic",
    "iso8859-5",
    "cp1253",
    "cp737",
    "cp869",
    "iso8859-7",
    "mac-greek",
    "cp1255",
    "cp862",
    "iso8859-8",
    "cp1256",
    "cp864",
    "iso8859-6",
    "mac-arabic",
    "cp874",
    "tis-620",
    "iso8859-11",
    "cp1258",
    "shift_jis",
    "cp932",
    "euc",
    "gb2312",
    "gbk",
    "gb18030",
    "big5",
    "cp949",
    "cp950",
    "johab",
    "hz",
    "iso2022",
    "ptcp154",
    "kz1048",
    "cp1125",
    "mac-farsi",
)
_SAMPLE = 256 * 1024  # bytes given to the detector: enough to decide, linear in file size
_DETECTOR_FAMILIES_NEEDING_NULS = ("utf_16", "utf_32", "utf-16", "utf-32")


def _refuse_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ArticleError(f"this is {what}, not a text article")
    if b"\x00" in data:
        raise ArticleError("this looks like a binary file (it contains NUL bytes), not text")


def _check_text(text: str, encoding: str) -> None:
    """Refuse decodings that are mostly control characters or replacement marks."""
    sample = text[:_SAMPLE]
    if not sample:
        return
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    if bad > max(8, len(sample) // 50):
        raise ArticleError(
            f"this does not look like text (too many control characters when read as {encoding})"
        )


def _normal_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name.lower()


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes are UTF-8 with a few broken sequences (a truncated or spliced file).

    Such files read far better as UTF-8 with a replacement mark per bad byte than as cp1252
    mojibake for every accented letter."""
    sample = data[:_SAMPLE]
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good_multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return good_multibyte >= 3 and bad <= good_multibyte


def decode_bytes(
    data: bytes, *, encoding: str | None = None, html: bool = False
) -> tuple[str, str]:
    """Decode an article file's bytes; return ``(text, encoding_name)``.

    ``encoding`` forces an encoding (the GUI's "Reopen with encoding…"). Raises
    :class:`ArticleError` for binary or undecodable content.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ArticleError(f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"cannot be read as {encoding}: invalid byte at offset {exc.start}"
            ) from None
        if text.startswith("\ufeff"):
            text = text[1:]
        _check_text(text, encoding)
        return text, _normal_name(encoding)

    for bom, enc in _BOMS:
        if data.startswith(bom):
            bom_text = _try(data, enc)
            if bom_text is None:
                raise ArticleError(f"starts with a {enc.upper()} byte-order mark but is not {enc}")
            bom_text = bom_text.lstrip("\ufeff")
            _check_text(bom_text, enc)
            return bom_text, "utf-8" if enc == "utf-8-sig" else enc

    _refuse_binary(data)

    utf8 = _try(data, "utf-8")
    if utf8 is not None:
        _check_text(utf8, "utf-8")
        return utf8, "utf-8"

    if html:
        m = _META_CHARSET.search(data[:8192])
        if m:
            declared = m.group(1).decode("ascii", errors="replace")
            decl_text = _try(data, declared)
            if decl_text is not None:
                _check_text(decl_text, declared)
                return decl_text, _normal_name(declared)

    if _mostly_utf8(data):
        text = data.decode("utf-8", errors="replace")
        _check_text(text, "utf-8")
        return text, "utf-8 (invalid bytes replaced)"

    guess = _detect(data)
    if guess is not None:
        guessed = _try(data, guess)
        if guessed is not None:
            _check_text(guessed, guess)
            return guessed, _normal_name(guess)

    # Last resort for 8-bit text: cp1252 (a superset of Latin-1's printable range) when it
    # decodes cleanly, else Latin-1, which decodes anything and is then checked for controls.
    for enc in ("cp1252", "latin-1"):
        fallback = _try(data, enc)
        if fallback is not None:
            _check_text(fallback, enc)
            return fallback, enc
    raise ArticleError("cannot be decoded as text in any known encoding")  # pragma: no cover


def _detect(data: bytes) -> str | None:
    """charset-normalizer's best guess, second-guessed for NUL-free 'UTF-16/32'."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE]).best()
    if best is None:
        return None
    enc = str(best.encoding)
    if enc.lower().replace("-", "_").startswith(_DETECTOR_FAMILIES_NEEDING_NULS):
        # Real UTF-16/32 text of Latin script is full of NUL bytes; we only get here without any
        # (they were refused as binary), so the detector misread short 8-bit text.
        return "cp1252" if _try(data, "cp1252") is not None else "latin-1"
    name = _normal_name(enc)
    if not name.startswith(_KEEP_DETECTED) and _try(data, "cp1252") is not None:
        # On a few accented bytes the detector often picks a Central-European, Baltic, DOS or
        # Mac sibling of cp1252 ("crčme" for "crème"); cp1252 is by far the likeliest 8-bit
        # Latin encoding. Detections of other scripts (Cyrillic, Greek, CJK...) are kept.
        return "cp1252"
    return enc
