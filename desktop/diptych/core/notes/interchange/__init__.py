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
An annotation's ``id`` is kept when it is a UUID (``urn:uuid:``) or an absolute IRI; any
other (a relative "../../etc/passwd", text with spaces) gets a UUID made from it, the same
each time, said in the report (``vocab.stored_id``), so every export has valid ids.

Markdown export (``export_markdown``): per article, quotes as block quotes with their notes,
grouped by topic, orphans listed apart, links shown as pairs, then the claims the reader
confirmed (marked as the reader's verdict).

The package: ``vocab`` (keys, IRIs, colours as style classes), ``confirmed`` (confirmed claims
in the current texts), ``w3c_export``, ``w3c_files`` (safe JSON in and out), ``w3c_import``,
``markdown_escape`` and ``markdown``. The public names (and the private ones tests use) are re-exported here.
"""

from __future__ import annotations

from diptych.core.notes.interchange.confirmed import ConfirmedClaim, confirmed_claims
from diptych.core.notes.interchange.markdown import TopicOf, export_markdown, topic_lookup
from diptych.core.notes.interchange.vocab import (
    CONTEXT,
    DIPTYCH_NS,
    FINGERPRINT_KEY,
    HIGHLIGHT_KEY,
    MAX_DEPTH,
    MAX_POSITION,
    ORIGIN_KEY,
    PALETTE,
    VERDICT_KEY,
    W3C_CONTEXT,
    annotation_iri,
)
from diptych.core.notes.interchange.w3c_export import export_w3c
from diptych.core.notes.interchange.w3c_files import (
    annotations_in,
    check_depth,
    load_w3c_file,
    w3c_json,
)
from diptych.core.notes.interchange.w3c_import import ImportReport, import_w3c

__all__ = [
    "CONTEXT",
    "DIPTYCH_NS",
    "FINGERPRINT_KEY",
    "HIGHLIGHT_KEY",
    "MAX_DEPTH",
    "MAX_POSITION",
    "ORIGIN_KEY",
    "PALETTE",
    "VERDICT_KEY",
    "W3C_CONTEXT",
    "ConfirmedClaim",
    "ImportReport",
    "TopicOf",
    "annotation_iri",
    "annotations_in",
    "check_depth",
    "confirmed_claims",
    "export_markdown",
    "export_w3c",
    "import_w3c",
    "load_w3c_file",
    "topic_lookup",
    "w3c_json",
]
