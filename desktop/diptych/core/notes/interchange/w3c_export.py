"""Export: highlights, links and confirmed claims as a W3C Web Annotation collection."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from diptych.core.model import Article, Highlight
from diptych.core.notes.anchoring import describe
from diptych.core.notes.interchange.confirmed import ConfirmedClaim, confirmed_claims
from diptych.core.notes.interchange.vocab import (
    CONTEXT,
    FINGERPRINT_KEY,
    HIGHLIGHT_KEY,
    ORIGIN_KEY,
    VERDICT_KEY,
    _style_class,
    _stylesheet,
    annotation_iri,
)
from diptych.core.notes.interchange.w3c_files import _as_list
from diptych.core.notes.store import Link, ResolvedHighlight, Store, now_iso
from diptych.core.notes.store.verdicts import Passage


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
        # and the articles they are stored under (a copy's highlights stay with the
        # original file): their links are found there
        ids: set[str] | None = {a.id for a in articles} | {h.article_id for h in highlights}
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
