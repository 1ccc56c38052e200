"""Highlights in and out: W3C Web Annotation JSON-LD, and Markdown notes.

API::

    export_w3c(store, articles=None, *, article_ids=None) -> dict   # an AnnotationCollection
    import_w3c(store, data) -> ImportReport        # data: parsed JSON; one transaction
    load_w3c_file(path) -> Any                     # JSON with clear StoreErrors
    annotations_in(data) -> list[dict]             # collection / page / list / one annotation
    export_markdown(store, articles=None, *, topics=None, topic_of=None, title="Highlights")
    topic_lookup(articles, topics) -> topic_of     # (article, offset) -> topic name | None

W3C export (``export_w3c``) is an ``AnnotationCollection`` whose page holds one
``Annotation`` per highlight:

* ``target``: ``source`` = the article id, ``selector`` = [``TextQuoteSelector`` (exact, prefix,
  suffix), ``TextPositionSelector`` (code points)], ``styleClass`` = the colour, plus
  ``diptych:fingerprint`` (the fingerprint of the text the selectors were made on);
* the annotation's ``stylesheet`` (a ``CssStylesheet``) says what the class looks like;
* the note is a ``TextualBody`` with ``purpose: "commenting"``, each tag a ``TextualBody`` with
  ``purpose: "tagging"``; ``created``/``modified`` as stored; ``motivation: "highlighting"``.

A link is one annotation with ``motivation: "linking"``, two targets (each with the
linked highlight's selectors and ``diptych:highlight`` = that highlight's annotation id) and the
shared note as a commenting body.

A claim the reader confirmed ("same claim", a verdict kept by ``Store.set_verdict``, the pairs
they added too) is one annotation with ``motivation: "assessing"`` (the reader assesses the two
passages), two targets (each passage's source and selectors, as a highlight's) and a
``TextualBody`` with ``purpose: "assessing"`` saying "Same claim" and who decided it, plus
``diptych:verdict`` = "same" and ``diptych:origin`` = "claim" (a claim the engine found) or
"reader" (a pair the reader added). Rejected pairs ("not the same") are not exported.
Import reads them back as verdicts (``Store.import_verdicts``), never as highlights.

Import (``import_w3c``) takes an ``AnnotationCollection`` (or ``AnnotationPage``), a list, or one
``Annotation``. Highlights on articles Diptych has not seen are kept and listed in the report
(they anchor once the article is opened). Fields Diptych has no column for (creator,
generator, rights, other bodies, other selectors, a foreign stylesheet...) are kept with the
highlight and written back on export, so import → export round-trips every field.

Markdown export (``export_markdown``): per article, quotes as block quotes with their notes,
grouped by topic, orphans listed apart, links shown as pairs, then the claims the reader
confirmed (marked as the reader's verdict).
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diptych.core.errors import StoreError
from diptych.core.model import (
    Article,
    ArticleTopics,
    Highlight,
    TextPositionSelector,
    TextQuoteSelector,
    TopicSection,
)
from diptych.core.notes.anchoring import describe
from diptych.core.notes.store import COLORS, Link, ResolvedHighlight, Store, check_text, now_iso
from diptych.core.notes.store.verdicts import ClaimVerdict, Passage

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


@dataclass
class ImportReport:
    """What an import did, for the user."""

    highlights_added: int = 0
    highlights_present: int = 0  # same id already in the store: left as it was
    links_added: int = 0
    links_present: int = 0
    verdicts_added: int = 0  # the reader's "same claim" pairs
    verdicts_present: int = 0
    unknown_sources: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per annotation not imported

    def summary(self) -> str:
        parts = [
            f"imported {_n(self.highlights_added, 'highlight')} and {_n(self.links_added, 'link')}"
        ]
        if self.verdicts_added:
            parts.append(f"{_n(self.verdicts_added, 'confirmed claim')}")
        if self.highlights_present or self.links_present:
            parts.append(
                f"{_n(self.highlights_present, 'highlight')} and "
                f"{_n(self.links_present, 'link')} were already there"
            )
        if self.unknown_sources:
            parts.append(
                f"{len(self.unknown_sources)} articles not opened in Diptych yet (highlights "
                f"kept; they anchor when opened): {', '.join(self.unknown_sources)}"
            )
        if self.skipped:
            parts.append(f"{len(self.skipped)} annotations skipped")
        return "; ".join(parts)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# -- ids and colours ----------------------------------------------------------------------


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


def _target(h: Highlight, extra: dict[str, Any], with_style: bool) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": h.quote.exact,
            "prefix": h.quote.prefix,
            "suffix": h.quote.suffix,
        }
    ]
    if h.position.start >= 0:
        selectors.append(
            {"type": "TextPositionSelector", "start": h.position.start, "end": h.position.end}
        )
    selectors.extend(extra.get("selectors", []))
    target: dict[str, Any] = {"source": h.article_id, "selector": selectors}
    if with_style:
        target["styleClass"] = extra.get("styleClass", _style_class(h.color))
    if h.fingerprint:
        target[FINGERPRINT_KEY] = h.fingerprint
    for k, v in extra.get("target", {}).items():
        target.setdefault(k, v)
    return target


def _context(extra: dict[str, Any]) -> Any:
    """Our @context, plus whatever other contexts an imported annotation declared (so its
    extension properties keep their meaning)."""
    theirs = extra.get("context")
    if theirs is None:
        return CONTEXT
    out = list(CONTEXT)
    for item in _as_list(theirs):
        if item not in out:
            out.append(item)
    return out


def _highlight_annotation(h: Highlight, extra: dict[str, Any]) -> dict[str, Any]:
    ann: dict[str, Any] = {
        "@context": _context(extra),
        "id": annotation_iri(h.id),
        "type": "Annotation",
        "motivation": "highlighting",
        "created": h.created,
        "modified": h.modified,
    }
    styled = not (extra.get("no_style") and h.color == extra.get("color_at_import"))
    same_color = h.color == extra.get("color_at_import")
    ex = extra if same_color else {k: v for k, v in extra.items() if k != "styleClass"}
    if styled:
        ann["stylesheet"] = (
            extra["stylesheet"] if same_color and "stylesheet" in extra else _stylesheet(h.color)
        )
    bodies: list[Any] = []
    if h.note:
        if extra.get("note_as_bodyValue"):
            ann["bodyValue"] = h.note
        else:
            nb = dict(extra.get("note_body", {"type": "TextualBody", "purpose": "commenting"}))
            nb["value"] = h.note
            bodies.append(nb)
    bodies.extend({"type": "TextualBody", "purpose": "tagging", "value": t} for t in h.tags)
    bodies.extend(extra.get("bodies", []))
    if bodies:
        ann["body"] = bodies
    target = _target(h, ex, styled)
    more = extra.get("more_targets", [])
    ann["target"] = [target, *more] if more else target
    for k, v in extra.get("annotation", {}).items():
        if k not in ("@context", "id", "type", "body", "target"):
            ann[k] = v
    return ann


def _link_annotation(
    lk: Link, ha: Highlight, hb: Highlight, store: Store, extra: dict[str, Any]
) -> dict[str, Any]:
    targets = []
    for h in (ha, hb):
        t = _target(h, store.extra_of(h.id), with_style=False)
        t[HIGHLIGHT_KEY] = annotation_iri(h.id)
        targets.append(t)
    ann: dict[str, Any] = {
        "@context": _context(extra),
        "id": annotation_iri(lk.id),
        "type": "Annotation",
        "motivation": "linking",
        "created": lk.created,
        "modified": lk.modified,
        "target": targets,
    }
    bodies: list[Any] = []
    if lk.note and extra.get("note_as_bodyValue"):
        ann["bodyValue"] = lk.note
    elif lk.note:
        nb = dict(extra.get("note_body", {"type": "TextualBody", "purpose": "commenting"}))
        nb["value"] = lk.note
        bodies.append(nb)
    bodies.extend(extra.get("bodies", []))
    if bodies:
        ann["body"] = bodies
    for k, v in extra.get("annotation", {}).items():
        if k not in ("@context", "id", "type", "body", "target", "motivation"):
            ann[k] = v
    return ann


def _current(h: Highlight, r: ResolvedHighlight, article: Article) -> Highlight:
    """``h`` with selectors made on the article's current text (when it was found there)."""
    if r.status == "orphaned" or r.status == "anchored":
        return h
    quote, pos = describe(article.text, r.start, r.end)
    return Highlight(
        h.id,
        h.article_id,
        quote,
        pos,
        article.fingerprint,
        h.color,
        h.note,
        h.created,
        h.modified,
        h.tags,
    )


@dataclass(frozen=True)
class ConfirmedClaim:
    """A claim the reader confirmed, each end with its selectors (made on the current text when
    the passage was found there) and whether it was found."""

    verdict: ClaimVerdict
    a: Passage
    b: Passage
    a_found: bool = True
    b_found: bool = True


def _passage_now(p: Passage, article: Article, status: str, where: tuple[int, int]) -> Passage:
    if status == "orphaned" or status == "anchored":
        return p
    quote, pos = describe(article.text, *where)
    return Passage(p.article_id, quote, pos, article.fingerprint)


def confirmed_claims(
    store: Store,
    articles: Sequence[Article] | None = None,
    *,
    article_ids: Iterable[str] | None = None,
) -> list[ConfirmedClaim]:
    """The claims the reader confirmed ("same" verdicts, their added pairs too), oldest first:
    of the pair ``articles`` (A, B) located in their current texts; of ``article_ids`` (both
    ends among them) as stored; with neither, every one as stored. Rejected pairs are never
    listed."""
    if articles is not None:
        if len(articles) < 2:
            return []
        a, b = articles[0], articles[1]
        out = []
        for r in store.resolve_verdicts(a, b):
            if r.verdict.verdict != "same":
                continue
            v = r.verdict
            out.append(
                ConfirmedClaim(
                    v,
                    _passage_now(v.a, a, r.a_status, r.a),
                    _passage_now(v.b, b, r.b_status, r.b),
                    r.a_status != "orphaned",
                    r.b_status != "orphaned",
                )
            )
        return out
    ids = set(article_ids) if article_ids is not None else None
    return [
        ConfirmedClaim(v, v.a, v.b)
        for v in store.all_verdicts()
        if v.verdict == "same"
        and (ids is None or (v.a.article_id in ids and v.b.article_id in ids))
    ]


def _passage_target(p: Passage) -> dict[str, Any]:
    target: dict[str, Any] = {
        "source": p.article_id,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": p.quote.exact,
                "prefix": p.quote.prefix,
                "suffix": p.quote.suffix,
            },
            {"type": "TextPositionSelector", "start": p.position.start, "end": p.position.end},
        ],
    }
    if p.fingerprint:
        target[FINGERPRINT_KEY] = p.fingerprint
    return target


def _verdict_annotation(c: ConfirmedClaim) -> dict[str, Any]:
    v = c.verdict
    said = (
        "Same claim: a pair the reader added"
        if v.origin == "reader"
        else "Same claim: confirmed by the reader"
    )
    return {
        "@context": CONTEXT,
        "id": annotation_iri(v.id),
        "type": "Annotation",
        "motivation": "assessing",
        "created": v.created,
        "modified": v.modified,
        "body": [
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": said,
                "format": "text/plain",
                "language": "en",
            }
        ],
        "target": [_passage_target(c.a), _passage_target(c.b)],
        VERDICT_KEY: v.verdict,
        ORIGIN_KEY: v.origin,
    }


def export_w3c(
    store: Store,
    articles: Sequence[Article] | None = None,
    *,
    article_ids: Iterable[str] | None = None,
) -> dict[str, Any]:
    """An ``AnnotationCollection`` of the store's highlights, links and the claims the reader
    confirmed (``confirmed_claims``).

    With ``articles``: those articles' highlights, with selectors made on their current text
    where the highlight was found again (orphans keep their stored selectors). With
    ``article_ids``: those articles, as stored. With neither: everything, as stored.
    """
    highlights: list[Highlight] = []
    if articles is not None:
        for art in articles:
            for r in store.resolve_all(art):
                highlights.append(_current(r.highlight, r, art))
        ids: set[str] | None = {a.id for a in articles}
    elif article_ids is not None:
        ids = set(article_ids)
        for aid in sorted(ids):
            highlights.extend(store.highlights_for(aid))
    else:
        ids = None
        highlights = store.all_highlights()
    items = [_highlight_annotation(h, store.extra_of(h.id)) for h in highlights]
    by_id = {h.id: h for h in highlights}
    links = store.all_links() if ids is None else store.links_for(sorted(ids))
    for lk in links:
        ha = by_id.get(lk.a) or store.get(lk.a)
        hb = by_id.get(lk.b) or store.get(lk.b)
        items.append(_link_annotation(lk, ha, hb, store, store.link_extra_of(lk.id)))
    claims = confirmed_claims(store, articles, article_ids=None if ids is None else ids)
    items.extend(_verdict_annotation(c) for c in claims)
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "AnnotationCollection",
        "label": "Diptych highlights",
        "generated": now_iso(),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


# -- import -------------------------------------------------------------------------------


def _types(obj: Any) -> set[str]:
    t = obj.get("type", obj.get("@type")) if isinstance(obj, dict) else None
    if isinstance(t, str):
        return {t}
    if isinstance(t, list):
        return {x for x in t if isinstance(x, str)}
    return set()


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def annotations_in(data: Any) -> list[dict[str, Any]]:
    """The annotations in a parsed W3C document (collection, page, list or one annotation)."""
    if isinstance(data, list):
        out: list[dict[str, Any]] = []
        for item in data:
            out.extend(annotations_in(item))
        return out
    if not isinstance(data, dict):
        raise StoreError("not W3C annotations: expected an object or a list")
    types = _types(data)
    if "AnnotationCollection" in types:
        first = data.get("first")
        if isinstance(first, list) and first:
            first = first[0]
        if isinstance(first, dict):
            return annotations_in(first)
        if isinstance(first, str) and "items" not in data:
            raise StoreError(
                f"the collection's annotations are on a separate page ({first}), not in this file"
            )
        return annotations_in(data.get("items", []))
    if "AnnotationPage" in types:
        return annotations_in(data.get("items", []))
    if "Annotation" in types or "target" in data:
        return [data]
    raise StoreError("not W3C annotations: no Annotation, AnnotationPage or AnnotationCollection")


def load_w3c_file(path: str | Path) -> Any:
    """Parse a JSON(-LD) file, with a clear error for unreadable or malformed files."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read {p}: {exc.strerror}") from None
    try:
        data = json.loads(
            raw.decode("utf-8-sig"), parse_constant=_not_json, parse_float=_finite_float
        )
    except UnicodeDecodeError:
        raise StoreError(f"{p} is not UTF-8 text") from None
    except RecursionError:
        raise StoreError(f"{p} is nested too deeply to be annotations") from None
    except json.JSONDecodeError as exc:
        raise StoreError(f"{p} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except ValueError as exc:
        raise StoreError(f"{p} is not valid JSON ({exc})") from None
    check_depth(data, str(p))
    return data


def _not_json(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large a number")
    return value


def check_depth(data: Any, what: str = "the annotations") -> None:
    """A ``StoreError`` when ``data`` nests deeper than ``MAX_DEPTH`` (later steps, saving and
    exporting, would run out of stack on what loaded)."""
    todo: list[tuple[Any, int]] = [(data, 0)]
    while todo:
        obj, depth = todo.pop()
        if depth > MAX_DEPTH:
            raise StoreError(f"{what} is nested too deeply to be annotations")
        if isinstance(obj, dict):
            todo.extend((v, depth + 1) for v in obj.values())
        elif isinstance(obj, list):
            todo.extend((v, depth + 1) for v in obj)


def _finite(obj: Any) -> Any:
    """``obj`` with every number that JSON cannot hold (NaN, ±Infinity) as null."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_finite(v) for v in obj]
    return obj


def w3c_json(doc: Any) -> str:
    """``doc`` (from ``export_w3c``) as JSON text: valid JSON always (a NaN or Infinity a store
    holds from an older import is written as null)."""
    return json.dumps(_finite(doc), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


@dataclass
class _Parsed:
    highlight: Highlight
    extra: dict[str, Any]


def _selectors(
    target: dict[str, Any],
) -> tuple[TextQuoteSelector | None, TextPositionSelector | None, list[Any]]:
    quote = pos = None
    others: list[Any] = []
    for sel in _as_list(target.get("selector")):
        types = _types(sel)
        if "TextQuoteSelector" in types and quote is None and isinstance(sel.get("exact"), str):
            extra_keys = set(sel) - {"type", "exact", "prefix", "suffix"}
            prefix, suffix = sel.get("prefix", ""), sel.get("suffix", "")
            quote = TextQuoteSelector(
                sel["exact"],
                prefix if isinstance(prefix, str) else "",
                suffix if isinstance(suffix, str) else "",
            )
            if extra_keys:
                others.append({k: sel[k] for k in extra_keys | {"type"}})
        elif (
            "TextPositionSelector" in types
            and pos is None
            and isinstance(sel.get("start"), int)
            and isinstance(sel.get("end"), int)
            and 0 <= sel["start"] < sel["end"] <= MAX_POSITION
            and set(sel) <= {"type", "start", "end"}
        ):
            pos = TextPositionSelector(sel["start"], sel["end"])
        else:
            others.append(sel)
    return quote, pos, others


def _source_of(target: dict[str, Any]) -> str | None:
    src = target.get("source")
    if isinstance(src, dict):
        src = src.get("id")
    return src if isinstance(src, str) and src else None


def _parse_target(
    store: Store, target: Any, ann_id: str
) -> tuple[str, TextQuoteSelector, TextPositionSelector, str, dict[str, Any]] | str:
    """(source, quote, position, fingerprint, target extras) or a reason it can't be used."""
    if not isinstance(target, dict):
        return f"{ann_id}: the target is a whole resource, not a passage of text"
    source = _source_of(target)
    if source is None:
        return f"{ann_id}: the target has no source"
    try:
        check_text("the target's source", source)
    except StoreError as exc:
        return f"{ann_id}: {exc}"
    quote, pos, others = _selectors(target)
    fp = target.get(FINGERPRINT_KEY, "")
    fp = fp if isinstance(fp, str) else ""
    if quote is None and pos is not None:
        text = store.snapshot(source, fp) if fp else None
        if text is None:
            recs = [a for a in store.articles() if a.id == source and a.fingerprint]
            text = store.snapshot(source, recs[0].fingerprint) if recs else None
            fp = recs[0].fingerprint if recs and text is not None else fp
        if text is not None and pos.end <= len(text):
            quote, pos = describe(text, pos.start, pos.end)
    if quote is None or not quote.exact:
        return f"{ann_id}: no TextQuoteSelector (and no known text for its position)"
    extras: dict[str, Any] = {}
    if others:
        extras["selectors"] = others
    rest = {k: v for k, v in target.items() if k not in _TARGET_HANDLED}
    if rest:
        extras["target"] = rest
    return source, quote, pos or TextPositionSelector(-1, -1), fp, extras


def _parse_bodies(ann: dict[str, Any]) -> tuple[str, list[str], dict[str, Any]]:
    note = ""
    tags: list[str] = []
    extra: dict[str, Any] = {}
    if isinstance(ann.get("bodyValue"), str):
        note = ann["bodyValue"]
        extra["note_as_bodyValue"] = True
    other: list[Any] = []
    for body in _as_list(ann.get("body")):
        raw_purposes = _as_list(body.get("purpose")) if isinstance(body, dict) else []
        purposes = {p for p in raw_purposes if isinstance(p, str)}
        textual = (
            isinstance(body, dict)
            and len(purposes) == len(raw_purposes)  # a purpose that is not a name: kept as is
            and isinstance(body.get("value"), str)
            and (not _types(body) or "TextualBody" in _types(body))
        )
        if textual and purposes == {"tagging"} and set(body) <= {"type", "purpose", "value"}:
            tags.append(body["value"])
        elif textual and not note and purposes <= {"commenting"}:
            note = body["value"]
            extra["note_body"] = {k: v for k, v in body.items() if k != "value"}
        else:
            other.append(body)
    if other:
        extra["bodies"] = other
    return note, tags, extra


def _parse_highlight(store: Store, ann: dict[str, Any]) -> _Parsed | str:
    raw_id = ann.get("id")
    hid = _id_from_iri(raw_id) if isinstance(raw_id, str) and raw_id else str(uuid.uuid4())
    targets = _as_list(ann.get("target"))
    if not targets:
        return f"{raw_id or '(no id)'}: no target"
    parsed = _parse_target(store, targets[0], str(raw_id or hid))
    if isinstance(parsed, str):
        return parsed
    source, quote, pos, fp, extra = parsed
    if len(targets) > 1:
        extra["more_targets"] = targets[1:]
    note, tags, body_extra = _parse_bodies(ann)
    extra.update(body_extra)
    target0 = targets[0]
    style_class = target0.get("styleClass")
    if isinstance(style_class, list):
        style_class = style_class[0] if style_class else None
    if isinstance(style_class, str) and style_class:
        color = _color_from_style(style_class, ann.get("stylesheet"))
        if not 0 < len(color) <= 64:
            color = COLORS[0]
        extra["styleClass"] = target0["styleClass"]
        if "stylesheet" in ann:
            extra["stylesheet"] = ann["stylesheet"]
    else:
        color = COLORS[0]
        extra["no_style"] = True
        if "stylesheet" in ann:
            extra["stylesheet"] = ann["stylesheet"]
    extra["color_at_import"] = color
    _keep_context(ann, extra)
    rest = {k: v for k, v in ann.items() if k not in _ANN_HANDLED}
    if ann.get("motivation", "highlighting") != "highlighting":
        rest["motivation"] = ann["motivation"]
    if rest:
        extra["annotation"] = rest
    created = ann.get("created") if isinstance(ann.get("created"), str) else None
    modified = ann.get("modified") if isinstance(ann.get("modified"), str) else None
    stamp = now_iso()
    h = Highlight(
        id=hid,
        article_id=source,
        quote=quote,
        position=pos,
        fingerprint=fp,
        color=color,
        note=note,
        created=created or stamp,
        modified=modified or created or stamp,
        tags=tuple(sorted(set(tags))),
    )
    return _Parsed(h, extra)


def _parse_verdict(store: Store, ann: dict[str, Any]) -> ClaimVerdict | str:
    """A verdict annotation (``diptych:verdict``) as a ``ClaimVerdict``, or why not."""
    raw_id = ann.get("id")
    name = raw_id if isinstance(raw_id, str) and raw_id else "(no id)"
    vid = _id_from_iri(raw_id) if isinstance(raw_id, str) and raw_id else str(uuid.uuid4())
    verdict, origin = ann.get(VERDICT_KEY), ann.get(ORIGIN_KEY, "reader")
    if verdict not in ("same", "different") or origin not in ("claim", "reader"):
        return f"{name}: a claim verdict Diptych does not know ({verdict!r}, {origin!r})"
    targets = _as_list(ann.get("target"))
    if len(targets) != 2:
        return f"{name}: a claim verdict needs two passages"
    ends = []
    for target in targets:
        parsed = _parse_target(store, target, name)
        if isinstance(parsed, str):
            return parsed
        source, quote, pos, fp, _extra = parsed
        try:
            check_text("a verdict's passage", quote.exact + quote.prefix + quote.suffix)
        except StoreError as exc:
            return f"{name}: {exc}"
        ends.append(Passage(source, quote, pos, fp))
    if ends[0].article_id == ends[1].article_id:
        return f"{name}: a claim verdict joins passages of two different articles"
    stamp = now_iso()
    created = ann["created"] if isinstance(ann.get("created"), str) else stamp
    modified = ann["modified"] if isinstance(ann.get("modified"), str) else created
    return ClaimVerdict(vid, ends[0], ends[1], verdict, origin, created, modified, 1)


def _keep_context(ann: dict[str, Any], extra: dict[str, Any]) -> None:
    ctx = ann.get("@context")
    extras = [c for c in _as_list(ctx) if c not in CONTEXT]
    if extras:
        extra["context"] = extras


def _is_link(ann: dict[str, Any]) -> bool:
    return "linking" in _as_list(ann.get("motivation")) and len(_as_list(ann.get("target"))) == 2


def import_w3c(store: Store, data: Any) -> ImportReport:
    """Add the annotations in ``data`` (parsed JSON) to the store as one transaction."""
    check_depth(data)
    data = _finite(data)
    report = ImportReport()
    known = {a.id for a in store.articles() if a.fingerprint}
    highlights: list[tuple[Highlight, dict[str, Any]]] = []
    links: list[tuple[Link, dict[str, Any]]] = []
    seen_ids: set[str] = set()
    verdicts: list[ClaimVerdict] = []
    verdict_ids: set[str] = set()
    anns = annotations_in(data)
    for ann in anns:
        if VERDICT_KEY in ann:
            parsed_v = _parse_verdict(store, ann)
            if isinstance(parsed_v, str):
                report.skipped.append(parsed_v)
            elif parsed_v.id in verdict_ids:
                report.skipped.append(f"{parsed_v.id}: appears twice in the file")
            else:
                verdict_ids.add(parsed_v.id)
                verdicts.append(parsed_v)
            continue
        if _is_link(ann):
            continue
        parsed = _parse_highlight(store, ann)
        if isinstance(parsed, str):
            report.skipped.append(parsed)
            continue
        try:
            store.check_highlight(parsed.highlight, parsed.extra)
        except StoreError as exc:
            report.skipped.append(f"{parsed.highlight.id}: {exc}")
            continue
        if parsed.highlight.id in seen_ids:
            report.skipped.append(f"{parsed.highlight.id}: appears twice in the file")
            continue
        seen_ids.add(parsed.highlight.id)
        highlights.append((parsed.highlight, parsed.extra))
    existing = {h.id for h in store.all_highlights(include_deleted=True)}
    for ann in anns:
        if not _is_link(ann) or VERDICT_KEY in ann:
            continue
        raw_id = ann.get("id")
        lid = _id_from_iri(raw_id) if isinstance(raw_id, str) and raw_id else str(uuid.uuid4())
        ends: list[str] = []
        for n, target in enumerate(_as_list(ann.get("target"))):
            ref = target.get(HIGHLIGHT_KEY) if isinstance(target, dict) else target
            ref_id = _id_from_iri(ref) if isinstance(ref, str) else None
            if ref_id and (ref_id in seen_ids or ref_id in existing):
                ends.append(ref_id)
                continue
            # A link from another tool: its ends become highlights of their own.
            sub = {
                "id": ref if isinstance(ref, str) else f"{lid}-{n + 1}",
                "target": target,
                "created": ann.get("created"),
                "modified": ann.get("modified"),
            }
            parsed = _parse_highlight(store, sub)
            if isinstance(parsed, str):
                break
            try:
                store.check_highlight(parsed.highlight, parsed.extra)
            except StoreError:
                break
            if parsed.highlight.id not in seen_ids:
                seen_ids.add(parsed.highlight.id)
                highlights.append((parsed.highlight, parsed.extra))
            ends.append(parsed.highlight.id)
        if len(ends) != 2 or ends[0] == ends[1]:
            report.skipped.append(f"{raw_id or lid}: a link whose two passages could not be read")
            continue
        note, _tags, body_extra = _parse_bodies(ann)
        extra: dict[str, Any] = dict(body_extra)
        try:
            check_text("a link's note", note)
            check_text("the annotation", json.dumps(ann, ensure_ascii=False))
        except StoreError as exc:
            report.skipped.append(f"{raw_id or lid}: {exc}")
            continue
        _keep_context(ann, extra)
        rest = {k: v for k, v in ann.items() if k not in _ANN_HANDLED}
        if rest:
            extra["annotation"] = rest
        stamp = now_iso()
        created = str(ann["created"]) if isinstance(ann.get("created"), str) else stamp
        modified = str(ann["modified"]) if isinstance(ann.get("modified"), str) else created
        links.append((Link(lid, ends[0], ends[1], note, created, modified), extra))
    counts = store.import_records(highlights, links)
    if verdicts:
        report.verdicts_added, report.verdicts_present = store.import_verdicts(verdicts)
    report.highlights_added, report.highlights_present = counts[0], counts[1]
    report.links_added, report.links_present = counts[2], counts[3]
    report.unknown_sources = sorted({h.article_id for h, _ in highlights} - known)
    return report


# -- Markdown -----------------------------------------------------------------------------

TopicOf = Callable[[Article, int], "str | None"]


def _topic_in(sections: Sequence[TopicSection], offset: int) -> str | None:
    for s in sections:
        if s.start <= offset < s.end:
            return s.topic
    return None


def topic_lookup(articles: Sequence[Article], topics: ArticleTopics) -> TopicOf:
    """A ``topic_of`` for ``export_markdown`` from the pair's topic sections."""
    by_id = {a.id: topics.sections("a" if i == 0 else "b") for i, a in enumerate(articles[:2])}

    def topic_of(article: Article, offset: int) -> str | None:
        return _topic_in(by_id.get(article.id, ()), offset)

    return topic_of


# Characters that must not reach a Markdown file as they are: C0 controls but tab and newline,
# DEL, C1 controls, and the bidirectional controls that reorder what a reader sees (U+202E...).
_MD_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MD_LINE_BREAKS = re.compile("[\u2028\u2029\r]")
# Inline Markdown and HTML: emphasis, code, links and images, raw HTML and entities, tables,
# strikethrough. Each is written backslash-escaped, so user text stays text.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
# What turns a line into a heading, list item or setext underline: escaped at the line start.
_MD_BLOCK_START = re.compile(r"^(\s*)(?:([#+=-])|(\d{1,9})([.)])(?=\s|$))")
_SAFE_LINK = re.compile(r"(?:https?|file)://[^\s<>\x00-\x1f\x7f]+")


def _md_text(s: str) -> str:
    """User text as characters safe in a Markdown file: controls and bidirectional overrides
    shown as U+FFFD, line and paragraph separators as line breaks, and every Markdown/HTML
    character escaped."""
    s = _MD_LINE_BREAKS.sub("\n", s)
    return _MD_INLINE.sub(r"\\\1", _MD_HIDDEN.sub("\ufffd", s))


def _md_one_line(s: str) -> str:
    """User text on one line (a title, a topic): as ``_md_text``, line breaks as spaces."""
    return " ".join(_md_text(s).split())


def _md_line(line: str) -> str:
    """One line of escaped user text, kept as text: a leading "#", "-", "+", "=", or "1." /
    "1)" before a space is escaped so it doesn't turn into a heading or a list ("52.3" and
    "(see 3)" stay as they are)."""

    def esc(m: re.Match[str]) -> str:
        if m.group(2):
            return f"{m.group(1)}\\{m.group(2)}"
        return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"

    return _MD_BLOCK_START.sub(esc, line, count=1)


def _md_link(iri: str) -> str:
    """An article's address: a link when it is a web or file address, else escaped text
    (never a ``javascript:`` or other link)."""
    if _SAFE_LINK.fullmatch(iri):
        return f"<{iri}>"
    return _md_one_line(iri)


def _md_paragraphs(s: str) -> str:
    """User text as Markdown that shows its own line breaks."""
    lines = [_md_line(ln) for ln in _md_text(s).split("\n")]
    out = []
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        out.append(ln + ("  " if ln.strip() and nxt.strip() else ""))
    return "\n".join(out)


def _blockquote(s: str) -> str:
    lines = _md_paragraphs(s).split("\n")
    return "\n".join(("> " + ln) if ln.strip() else ">" for ln in lines)


def _short(s: str, n: int = 80) -> str:
    """User text on one line, cut to about ``n`` characters (before escaping)."""
    s = " ".join(s.split())
    return _md_one_line(s if len(s) <= n else s[: n - 1] + "…")


def _md_highlight(h: Highlight, quote: str) -> list[str]:
    out = [_blockquote(quote), ""]
    meta = [_md_one_line(h.color)]
    if h.tags:
        meta.append("tags: " + ", ".join(_md_one_line(t) for t in h.tags))
    if h.note:
        out.extend([_md_paragraphs(h.note), ""])
    out.extend([f"*{' · '.join(meta)}*", ""])
    return out


def export_markdown(
    store: Store,
    articles: Sequence[Article] | None = None,
    *,
    topics: ArticleTopics | None = None,
    topic_of: TopicOf | None = None,
    title: str = "Highlights",
) -> str:
    """Markdown notes: per article, its highlights as block quotes with notes, grouped by topic
    (from ``topic_of(article, offset)``, or the pair's ``topics`` with ``articles`` = (A, B)),
    in text order; highlights not found in the current text listed apart; then the links.

    Without ``articles`` every article in the store is listed, as stored, without topics."""
    if topic_of is None and topics is not None and articles:
        topic_of = topic_lookup(articles, topics)
    lines = [f"# {title}", ""]
    quote_of: dict[str, tuple[str, str]] = {}  # highlight id → (article title, quote)
    article_ids: list[str] = []
    if articles is not None:
        for art in articles:
            article_ids.append(art.id)
            name = art.title or art.id
            lines += [f"## {_md_one_line(name)}", "", _md_link(art.id), ""]
            resolved = store.resolve_all(art)
            found = sorted((r for r in resolved if r.status != "orphaned"), key=lambda r: r.start)
            orphans = [r for r in resolved if r.status == "orphaned"]
            groups: dict[str | None, list[ResolvedHighlight]] = {}
            for r in found:
                groups.setdefault(topic_of(art, r.start) if topic_of else None, []).append(r)
            by_topic = any(t is not None for t in groups)
            for topic, rs in groups.items():
                if by_topic:
                    lines += [f"### {_md_one_line(topic) if topic else 'No topic'}", ""]
                for r in rs:
                    quote = art.text[r.start : r.end]
                    quote_of[r.id] = (name, quote)
                    lines += _md_highlight(r.highlight, quote)
            if orphans:
                lines += ["### Not found in the current text", ""]
                for r in orphans:
                    quote_of[r.id] = (name, r.highlight.quote.exact)
                    lines += _md_highlight(r.highlight, r.highlight.quote.exact)
            if not resolved:
                lines += ["*No highlights.*", ""]
    else:
        for rec in store.articles():
            hs = store.highlights_for(rec.id)
            if not hs:
                continue
            article_ids.append(rec.id)
            name = rec.title or rec.id
            lines += [f"## {_md_one_line(name)}", "", _md_link(rec.id), ""]
            for h in hs:
                quote_of[h.id] = (name, h.quote.exact)
                lines += _md_highlight(h, h.quote.exact)
    links = store.links_for(article_ids)
    if links:
        lines += ["## Links", ""]
        for lk in links:
            ends = []
            for hid in (lk.a, lk.b):
                if hid not in quote_of:
                    h = store.get(hid)
                    quote_of[hid] = (h.article_id, h.quote.exact)
                name, quote = quote_of[hid]
                ends.append(f"“{_short(quote)}” (*{_md_one_line(name)}*)")
            line = f"- {ends[0]} ↔ {ends[1]}"
            if lk.note:
                line += f" — {_short(lk.note, 400)}"
            lines.append(line)
        lines.append("")
    lines += _md_confirmed(store, articles)
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_confirmed(store: Store, articles: Sequence[Article] | None) -> list[str]:
    """The claims the reader confirmed (of the pair ``articles``, or all), as pairs marked as
    the reader's verdict."""
    claims = confirmed_claims(store, articles)
    if not claims:
        return []
    names = {rec.id: rec.title or rec.id for rec in store.articles()}
    for art in articles or ():
        names[art.id] = art.title or art.id
    lines = [
        "## Claims you confirmed",
        "",
        "*Pairs you marked as the same claim (your verdict, not the engine's).*",
        "",
    ]
    for c in claims:
        ends = []
        for p, found in ((c.a, c.a_found), (c.b, c.b_found)):
            where = "" if found else ", not found in the current text"
            ends.append(
                f"“{_short(p.quote.exact)}” (*{_md_one_line(names.get(p.article_id, p.article_id))}*{where})"
            )
        said = "a pair you added" if c.verdict.origin == "reader" else "confirmed by you"
        lines.append(f"- ✓ {ends[0]} ↔ {ends[1]} — same claim, {said}")
    lines.append("")
    return lines
