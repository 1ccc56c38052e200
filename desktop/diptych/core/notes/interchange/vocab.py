"""The Web Annotation vocabulary export and import share: keys, IRIs, colours as style classes."""

from __future__ import annotations

import re
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


def annotation_iri(item_id: str) -> str:
    """A highlight/link id as an annotation IRI (bare UUIDs become ``urn:uuid:``)."""
    return item_id if ":" in item_id else f"urn:uuid:{item_id}"


def _id_from_iri(iri: str) -> str:
    return iri[len("urn:uuid:") :] if iri.startswith("urn:uuid:") else iri


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
