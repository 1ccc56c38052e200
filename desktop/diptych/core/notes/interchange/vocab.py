"""The Web Annotation vocabulary export and import share: keys, IRIs, colours as style classes."""

from __future__ import annotations

import re
import uuid
from typing import Any

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
DIPTYCH_NS = "urn:diptych:ns:"
CONTEXT: list[Any] = [W3C_CONTEXT, {"diptych": DIPTYCH_NS}]
FINGERPRINT_KEY = "diptych:fingerprint"
MAX_POSITION = 2**53 - 1
"""The largest offset a ``TextPositionSelector`` may give (JSON's safe integers); a larger one
is kept as a foreign selector, not used."""
MAX_DEPTH = 64
"""How deeply an imported document may nest (W3C annotations nest a few levels)."""
HIGHLIGHT_KEY = "diptych:highlight"
VERDICT_KEY = "diptych:verdict"
ORIGIN_KEY = "diptych:origin"

PALETTE = {
    "yellow": "#fff176",
    "green": "#aed581",
    "blue": "#81d4fa",
    "pink": "#f48fb1",
    "purple": "#ce93d8",
}
"""CSS colours of the five highlight colours (for readers of the export)."""

_ANN_HANDLED = {
    "@context",
    "id",
    "type",
    "created",
    "modified",
    "body",
    "bodyValue",
    "target",
    "stylesheet",
    "motivation",
}
_TARGET_HANDLED = {"source", "selector", "styleClass", FINGERPRINT_KEY, HIGHLIGHT_KEY}
_CLASS_RE = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")


_UUID_RE = re.compile(
    r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
)
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# what an IRI never holds (RFC 3987): white space, controls, <>"{}|\^` and a % that is not
# a %XX escape
_NOT_IN_IRI_RE = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]|%(?![0-9A-Fa-f]{2})')
_ID_NAMESPACE = uuid.UUID("5f0b7c3e-2d4a-5b8e-9c61-d1a2b3c4e5f6")
"""The namespace of the UUIDs made for ids that are not IRIs (``uuid5``: the same id gives the
same UUID every time, in every store)."""


def is_absolute_iri(text: str) -> bool:
    """Whether ``text`` can stand as an annotation's ``id``: an absolute IRI (a scheme, then
    something), with no character an IRI never holds; a ``urn:uuid:`` must hold a UUID."""
    scheme = _SCHEME_RE.match(text)
    if scheme is None or scheme.end() == len(text) or _NOT_IN_IRI_RE.search(text):
        return False
    if text[:9].lower() == "urn:uuid:":
        return _UUID_RE.fullmatch(text[9:]) is not None
    return True


def annotation_iri(item_id: str) -> str:
    """A highlight/link id as an annotation IRI: a UUID as ``urn:uuid:<UUID>``, an absolute
    IRI as it is. Any other id (an older import kept "../../etc/passwd" as it came) becomes
    the ``urn:uuid:`` an import of that id makes today (``stored_id``), never an invalid one."""
    if _UUID_RE.fullmatch(item_id):
        return f"urn:uuid:{item_id}"
    if is_absolute_iri(item_id):
        return item_id
    return f"urn:uuid:{_made_uuid(item_id)}"


def id_is_kept(iri: str) -> bool:
    """Whether an imported annotation ``id`` is kept as it is (a UUID, or an absolute IRI),
    rather than replaced by a UUID made from it (``stored_id``)."""
    return _UUID_RE.fullmatch(iri) is not None or is_absolute_iri(iri)


def stored_id(iri: str) -> str:
    """The store's id for an imported annotation ``id``: the UUID of a ``urn:uuid:`` (or a
    bare UUID), another absolute IRI as it is. An id that is neither (a relative reference,
    text with spaces, a ``urn:uuid:`` without a UUID) is no IRI to give back on export: it
    gets a UUID made from it, the same each time, so that importing the file again finds it
    already there and an export gives a valid ``urn:uuid:`` (``annotation_iri``)."""
    if _UUID_RE.fullmatch(iri):
        return iri
    if iri[:9].lower() == "urn:uuid:" and _UUID_RE.fullmatch(iri[9:]):
        return iri[9:]
    if is_absolute_iri(iri):
        return iri
    return _made_uuid(iri)


def _made_uuid(item_id: str) -> str:
    bare = item_id[9:] if item_id[:9].lower() == "urn:uuid:" else item_id
    return str(uuid.uuid5(_ID_NAMESPACE, bare))


def _style_class(color: str) -> str:
    if _CLASS_RE.fullmatch(color):
        return color
    return "c-" + "".join(ch if ch.isalnum() else f"_{ord(ch):x}_" for ch in color)


def _stylesheet(color: str) -> dict[str, str]:
    css = PALETTE.get(color, color)
    return {
        "type": "CssStylesheet",
        "value": f".{_style_class(color)} {{ background-color: {css}; }}",
    }


def _color_from_style(style_class: str, stylesheet: Any) -> str:
    if style_class in PALETTE:
        return style_class
    css = stylesheet.get("value", "") if isinstance(stylesheet, dict) else ""
    if isinstance(css, str):
        m = re.search(
            r"\." + re.escape(style_class) + r"\s*\{[^}]*?background(?:-color)?\s*:\s*([^;}]+)", css
        )
        if m:
            value = m.group(1).strip()
            for name, hexa in PALETTE.items():
                if value.lower() == hexa:
                    return name
            return value
    return style_class


# -- export -------------------------------------------------------------------------------
