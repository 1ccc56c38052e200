"""Import: W3C annotations (ours or another tool's) into the store, with a report."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from diptych.core.errors import StoreError
from diptych.core.model import Highlight, TextPositionSelector, TextQuoteSelector
from diptych.core.notes.anchoring import Reanchorer, describe, unplaced
from diptych.core.notes.interchange.vocab import (
    _ANN_HANDLED,
    _TARGET_HANDLED,
    CONTEXT,
    FINGERPRINT_KEY,
    HIGHLIGHT_KEY,
    MAX_POSITION,
    ORIGIN_KEY,
    VERDICT_KEY,
    _color_from_style,
    id_is_kept,
    stored_id,
)
from diptych.core.notes.interchange.w3c_files import (
    _as_list,
    _finite,
    _types,
    annotations_in,
    check_depth,
)
from diptych.core.notes.store import COLORS, Link, Store, check_text, now_iso
from diptych.core.notes.store.verdicts import ClaimVerdict, Passage


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
    # one line per highlight or link already there whose version in the file differs (the
    # store's is kept): the file's words are not taken, and that is said
    differing: list[str] = field(default_factory=list)
    # one line per imported highlight of an article Diptych has opened that is not placed in
    # the text it had then: not found, or ambiguous (its quote reads at several places)
    unplaced: list[str] = field(default_factory=list)
    ambiguous: int = 0  # how many of ``unplaced`` are ambiguous rather than not found
    # one line per annotation whose id is no IRI (e.g. "../../etc/passwd"): the urn:uuid it
    # was given (made from it: importing the file again finds it already there)
    new_ids: list[str] = field(default_factory=list)

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
                + (
                    (
                        " (1 of them differs from the file and was kept as it is here)"
                        if len(self.differing) == 1
                        else f" ({len(self.differing)} of them differ from the file and were"
                        " kept as they are here)"
                    )
                    if self.differing
                    else ""
                )
            )
        if self.unknown_sources:
            parts.append(
                f"{len(self.unknown_sources)} articles not opened in Diptych yet (highlights "
                f"kept; they anchor when opened): {', '.join(self.unknown_sources)}"
            )
        if self.unplaced:
            missing = len(self.unplaced) - self.ambiguous
            said = [
                *([f"{missing} not found"] if missing else []),
                *(
                    [f"{self.ambiguous} ambiguous (the quote reads at several places)"]
                    if self.ambiguous
                    else []
                ),
            ]
            parts.append(
                f"{_n(len(self.unplaced), 'highlight')} not placed in the article's text as "
                f"last opened ({' and '.join(said)}; kept as orphans to re-attach)"
            )
        if self.new_ids:
            parts.append(
                f"{_n(len(self.new_ids), 'annotation')} had an id that is not an IRI and "
                "got a urn:uuid id instead"
            )
        if self.skipped:
            parts.append(f"{len(self.skipped)} annotations skipped")
        return "; ".join(parts)


def _unplaced(
    store: Store, highlights: list[tuple[Highlight, dict[str, Any]]], new: set[str]
) -> tuple[list[str], int]:
    """For the highlights just added (ids in ``new``) of articles Diptych has opened: a line
    for each one the text it had then does not place (as the list and the window resolve it),
    and how many of those are ambiguous."""
    latest = {a.id: a.fingerprint for a in store.articles() if a.fingerprint}
    anchorers: dict[str, Reanchorer | None] = {}
    snapshots: dict[tuple[str, str], str | None] = {}  # each one read once, not per highlight
    lines: list[str] = []
    ambiguous = 0
    for h, _extra in highlights:
        if h.id not in new or h.article_id not in latest:
            continue
        if h.article_id not in anchorers:
            text = store.snapshot(h.article_id, latest[h.article_id])
            fp = latest[h.article_id]
            anchorers[h.article_id] = None if text is None else Reanchorer(text, fp)
        anchorer = anchorers[h.article_id]
        if anchorer is None:
            continue
        old = None
        if h.fingerprint:
            key = (h.article_id, h.fingerprint)
            if key not in snapshots:
                snapshots[key] = store.snapshot(*key)
            old = snapshots[key]
        r = anchorer.resolve(
            h.quote, h.position if h.position.start >= 0 else None, h.fingerprint, old
        )
        if r.found:
            continue
        ambiguous += r.places > 1
        quote = json.dumps(h.quote.exact[:60], ensure_ascii=False)
        lines.append(f"{h.id}: {quote} in {h.article_id}: {unplaced(r.places)}")
    return lines, ambiguous


def _differing(
    store: Store,
    highlights: list[tuple[Highlight, dict[str, Any]]],
    links: list[tuple[Link, dict[str, Any]]],
) -> list[str]:
    """A line for each highlight or link the store has already (same id) whose note, colour
    or tags in the file are not the store's, or that was deleted here."""
    ours = {h.id: h for h in store.all_highlights(include_deleted=True)}
    live = {h.id for h in store.all_highlights()}
    out: list[str] = []
    for h, _extra in highlights:
        old = ours.get(h.id)
        if old is None:
            continue
        what = [
            name
            for name, mine, theirs in (
                ("note", old.note, h.note),
                ("colour", old.color, h.color),
                ("tags", sorted(old.tags), sorted(h.tags)),
            )
            if mine != theirs
        ]
        said = [f"the file has another {', '.join(what)}"] if what else []
        if h.id not in live:
            said.append("it was deleted here")
        if said:
            out.append(f"{h.id}: {'; '.join(said)}; kept as it is here")
    our_links = {lk.id: lk for lk in store.all_links()}
    for lk, _extra in links:
        old_link = our_links.get(lk.id)
        if old_link is not None and old_link.note != lk.note:
            out.append(f"link {lk.id}: the note differs from the file; kept as it is here")
    return out


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# -- ids and colours ----------------------------------------------------------------------


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
    hid = stored_id(raw_id) if isinstance(raw_id, str) and raw_id else str(uuid.uuid4())
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
    vid = stored_id(raw_id) if isinstance(raw_id, str) and raw_id else str(uuid.uuid4())
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
        raw = ann.get("id")
        if isinstance(raw, str) and raw and not id_is_kept(raw):
            new_id = json.dumps(raw[:80], ensure_ascii=False)
            report.new_ids.append(f"{new_id} is not an IRI: now urn:uuid:{stored_id(raw)}")
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
        lid = stored_id(raw_id) if isinstance(raw_id, str) and raw_id else str(uuid.uuid4())
        ends: list[str] = []
        for n, target in enumerate(_as_list(ann.get("target"))):
            ref = target.get(HIGHLIGHT_KEY) if isinstance(target, dict) else target
            ref_id = stored_id(ref) if isinstance(ref, str) else None
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
    report.differing = _differing(store, highlights, links)
    before = {h.id for h in store.all_highlights(include_deleted=True)}
    counts = store.import_records(highlights, links)
    added = {h.id for h, _ in highlights} - before
    report.unplaced, report.ambiguous = _unplaced(store, highlights, added)
    if verdicts:
        report.verdicts_added, report.verdicts_present = store.import_verdicts(verdicts)
    report.highlights_added, report.highlights_present = counts[0], counts[1]
    report.links_added, report.links_present = counts[2], counts[3]
    report.unknown_sources = sorted({h.article_id for h, _ in highlights} - known)
    return report
