"""Loading articles: Markdown, plain text and HTML files into one canonical clean text.

Size (~900 lines, over the ~600 this project aims at): it is the one loading pipeline every
format goes through, read top to bottom: format dispatch, the shared clean-up steps, the
extractors' votes, then title / byline / date. The formats themselves live in their own modules
(``md_blocks``, ``text_blocks``, ``html_blocks``, ``documents``, ``web``); the metadata part is
the piece to move out next if this grows.

Every format is read into raw blocks (``md_blocks``, ``text_blocks``, ``html_blocks``), then the
same steps follow: whitespace collapsed inside blocks, paragraphs split mid-sentence rejoined,
quotations after a colon recognised, site chrome removed by prose-likeness (``chrome``), title,
subtitle, byline and date found, blocks over 20,000 characters cut at sentence ends, and the
blocks joined by exactly one "\\n" into ``Article.text`` with styles and sentences as spans into
it. HTML is read by our own stream walk (no depth limit), with trafilatura's main-content
extraction as evidence for the chrome filter; e-mail headers, MIME bodies and signatures and
Markdown front matter are understood.

Untrusted content is only parsed: nothing is executed or fetched, links other than http(s) and
mailto are dropped, and loading a file reads that file only (the seed manifest is read for
files of the shipped seed directory, never for a user's file).
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import logging
import os
import re
import stat
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from diptych.core.errors import ArticleError
from diptych.core.model import Article, ArticleMeta, Block, BlockKind, InlineStyle, RemovedText
from diptych.core.reading.chrome import (
    byline_parts,
    content_structure,
    ends_sentence,
    features,
    headline_like,
    rejoin_split_paragraphs,
    scrape_marks,
    select_article,
    select_by_votes,
    title_index,
)
from diptych.core.reading.encoding import decode_bytes
from diptych.core.reading.rawblocks import RawBlock
from diptych.core.reading.sentences import split_sentences

Format = Literal["markdown", "text", "html", "pdf", "epub", "docx"]
_TEXT_FORMATS = ("markdown", "text", "html")

MAX_FILE_BYTES = 32 * 1024 * 1024  # larger files are refused with a message saying so
_TRAFILATURA_MAX_CHARS = 2 * 1024 * 1024  # above this, our own linear walk reads the HTML
_TRAFILATURA_METADATA_MAX_CHARS = 512 * 1024
_GC_PAUSE_CHARS = 1024 * 1024

_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_TEXT_SUFFIXES = {".txt", ".text", ".eml", ".asc"}

# Characters that must not reach the canonical text: C0/C1 controls (tab and newlines are
# whitespace and handled), lone surrogates, and Unicode line/paragraph separators (they would
# become extra blocks in Qt's document).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_LINE_SEPARATORS = re.compile(r"\r\n?|[\x85\u2028\u2029]")
_OPEN_QUOTE = ("“", '"', "„", "«", "‘")


def fingerprint_of(text: str) -> str:
    """``"sha256:<hex>"`` of the text encoded as UTF-8."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


# --------------------------------------------------------------------------------- loading


def _format_for(path: Path, head: bytes) -> Format:
    suffix = path.suffix.lower()
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in _HTML_SUFFIXES:
        return "html"
    sniff = head[:1024].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower().replace(b"\x00", b"")
    if sniff.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "html"
    return "text"


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ArticleError(f"{shown}: no such file") from None
    except OSError as exc:
        raise ArticleError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    if path.is_dir():
        raise ArticleError(f"{shown}: is a directory, not an article file")
    if not stat.S_ISREG(st.st_mode):  # a FIFO or a device would block or never end
        raise ArticleError(f"{shown}: is not a regular file")
    if st.st_size > MAX_FILE_BYTES:
        raise ArticleError(
            f"{shown}: is too large ({st.st_size / 1048576:.1f} MiB; "
            f"the limit is {MAX_FILE_BYTES // 1048576} MiB)"
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise ArticleError(f"{shown}: is a directory, not an article file") from None
    except PermissionError:
        raise ArticleError(f"{shown}: cannot be read (permission denied)") from None
    except OSError as exc:
        raise ArticleError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:  # grew while we looked, or a device
        raise ArticleError(f"{shown}: is too large (the limit is {MAX_FILE_BYTES // 1048576} MiB)")
    return data


_DOCUMENT_SUFFIXES: dict[str, Format] = {".pdf": "pdf", ".epub": "epub", ".docx": "docx"}


def _document_format(path: Path, data: bytes) -> Format | None:
    """ "pdf", "epub" or "docx" for such a file (by its bytes, else its suffix), else None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/epub+zip" in data[:200]:
            return "epub"
        if path.suffix.lower() == ".docx" or b"word/" in data[:8192]:
            return "docx"
    return _DOCUMENT_SUFFIXES.get(path.suffix.lower())


def load_article(
    path: str | os.PathLike[str],
    *,
    article_id: str | None = None,
    meta: ArticleMeta | None = None,
    encoding: str | None = None,
    progress: Any = None,
    fetching: Any = None,
    cancel: Any = None,
) -> Article:
    """Read one article file (.md, .txt, .html, .pdf, .epub, .docx; other suffixes are
    sniffed), or an http(s) URL (fetched, kept as a snapshot, identified by its canonical URL;
    see ``web``).

    ``encoding`` forces the text encoding (for "Reopen with encoding…"); ``progress(done,
    total)`` is called after each page of a PDF; for a URL, ``fetching(bytes, expected or
    None)`` is called as it arrives and ``cancel()`` is asked between chunks. Raises :class:`ArticleError` with one clear
    line for anything that is not a readable article.
    """
    shown = os.fspath(path)
    if isinstance(path, str) and re.match(r"(?i)\s*https?://", shown):
        from diptych.core.reading.web import FetchCancelled, fetch_snapshot, kept_copy

        shown = shown.strip()
        why = ""
        try:
            page, canonical = fetch_snapshot(shown, cancel=cancel, progress=fetching)
        except FetchCancelled:
            raise
        except ArticleError as exc:  # offline, the site down, the page gone: the copy kept
            kept = kept_copy(shown)
            if kept is None:
                raise
            page, canonical = kept.page, kept.url
            when = f" on {kept.fetched_at}" if kept.fetched_at else " before"
            why = f"{exc}; showing the copy kept{when}"
        meta = replace(meta, url=meta.url or canonical) if meta else ArticleMeta(url=canonical)
        meta = replace(meta, kept_copy=why)
        try:
            return load_article(
                page, article_id=article_id or meta.url, meta=meta, progress=progress
            )
        except ArticleError as exc:  # named by the address the reader gave, not the snapshot
            message = str(exc).removeprefix(f"{page}: ")
            raise ArticleError(f"{shown}: {message}") from None
    p = _path_of_address(shown) if isinstance(path, str) else Path(shown)
    data = _read_bytes(p, shown)
    if not data:
        raise ArticleError(f"{shown}: is empty")
    doc_fmt = _document_format(p, data)
    if doc_fmt is not None:
        return _load_document(p, shown, data, doc_fmt, article_id, meta, progress)
    fmt = _format_for(p, data)
    try:
        text, used = decode_bytes(data, encoding=encoding, html=fmt == "html")
    except ArticleError as exc:
        raise ArticleError(f"{shown}: {exc}") from None
    if not text.strip():
        raise ArticleError(f"{shown}: contains only whitespace, no text")
    abspath = str(p.resolve())
    seed = _seed_entry(p)
    merged = ArticleMeta(source_path=abspath, source_format=fmt, encoding=used)
    if seed is not None:
        merged = replace(
            merged,
            title=seed.title,
            byline=seed.author,
            date=seed.date,
            publication=seed.publication,
            url=seed.url,
        )
    merged = _overlay(merged, meta)
    aid = article_id or (merged.url if merged.url else p.resolve().as_uri())
    try:
        return _article(text, fmt, source_path=abspath, article_id=aid, meta=merged)
    except ArticleError as exc:
        raise ArticleError(f"{shown}: {exc}") from None


_SCHEME = re.compile(r"(?i)\s*([a-z][a-z0-9+.-]+):")


def _path_of_address(shown: str) -> Path:
    """A ``file://`` address as the file it names; any other address (``ftp:``,
    ``javascript:``) refused plainly, not as "no such file"; a path as itself (a file named
    "a:b.md" that is there too)."""
    m = _SCHEME.match(shown)
    try:
        if m is None or Path(shown).exists():
            return Path(shown)
    except (OSError, ValueError):
        return Path(shown)
    if m.group(1).lower() != "file":
        raise ArticleError(f"{shown}: only files and http(s) addresses can be opened")
    from diptych.core.reading.web import file_address_path

    local = file_address_path(shown)
    if local is None:
        raise ArticleError(f"{shown}: names a file on another computer; copy it here first")
    return Path(local)


def _load_document(
    p: Path,
    shown: str,
    data: bytes,
    fmt: Format,
    article_id: str | None,
    meta: ArticleMeta | None,
    progress: Any,
) -> Article:
    from diptych.core.reading import documents

    abspath = str(p.resolve())
    merged = _overlay(ArticleMeta(source_path=abspath, source_format=fmt), meta)
    aid = article_id or merged.url or p.resolve().as_uri()
    try:
        if fmt == "pdf":
            raw, found = documents.pdf_blocks(data, progress=progress)
        elif fmt == "epub":
            raw, found = documents.epub_blocks(data)
        else:
            raw, found = documents.docx_blocks(data)
        for b in raw:
            b.text = _LENGTH_KEEPING_CLEAN.sub(" ", b.text)
        return _assemble(raw, found, fmt, source_path=abspath, article_id=aid, meta=merged)
    except ArticleError as exc:
        raise ArticleError(f"{shown}: {exc}") from None


# controls and line separators become spaces, one for one, so that style offsets still hold
_LENGTH_KEEPING_CLEAN = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\x85\u2028\u2029\r]"
)


def article_from_text(
    text: str,
    fmt: Format,
    *,
    source_path: str = "",
    article_id: str | None = None,
    meta: ArticleMeta | None = None,
) -> Article:
    """An Article from text already in memory (``fmt``: "markdown", "text" or "html")."""
    if fmt not in _TEXT_FORMATS:
        raise ArticleError(f"unknown article format {fmt!r} (use markdown, text or html)")
    if not isinstance(text, str):
        raise ArticleError("article text must be a string")
    base = ArticleMeta(source_path=source_path, source_format=fmt)
    merged = _overlay(base, meta)
    aid = article_id or merged.url or (Path(source_path).resolve().as_uri() if source_path else "")
    if not aid:
        aid = "text:" + fingerprint_of(text)[7:23]
    return _article(text, fmt, source_path=source_path, article_id=aid, meta=merged)


def load_seed_pair() -> tuple[Article, Article]:
    """The seed pair shipped in ``seeds/``, with the manifest's metadata and canonical URLs."""
    from diptych.core.resources import seed_pair

    pair = seed_pair()
    out = []
    for side in (pair.a, pair.b):
        meta = ArticleMeta(
            title=side.title,
            byline=side.author,
            date=side.date,
            publication=side.publication,
            url=side.url,
        )
        out.append(load_article(side.path, article_id=side.url or None, meta=meta))
    return out[0], out[1]


def _seed_entry(path: Path) -> Any:
    """The manifest entry for a file of the shipped seed directory (never beside user files)."""
    from diptych.core.resources import manifest_entry_for, seeds_dir

    try:
        seeds = Path(str(seeds_dir())).resolve()
        if path.resolve().parent != seeds:
            return None
    except (OSError, ModuleNotFoundError):
        return None
    return manifest_entry_for(path)


def _overlay(base: ArticleMeta, meta: ArticleMeta | None) -> ArticleMeta:
    if meta is None:
        return base
    changes = {k: v for k, v in vars(meta).items() if v}
    return replace(base, **changes)


# ------------------------------------------------------------------------------- assembling


def _clean_source(text: str) -> str:
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _CONTROL.sub(" ", text)
    return text.lstrip("\ufeff")


def _parse(text: str, fmt: Format) -> tuple[list[RawBlock], dict[str, str]]:
    found: dict[str, str] = {}
    if fmt == "markdown":
        from diptych.core.reading.md_blocks import front_matter, parse_markdown

        fields, body = front_matter(text)
        if fields:
            found["_removed_front matter"] = text[: len(text) - len(body.lstrip("\n"))].strip()
        text = body
        for key, names in (
            ("title", ("title",)),
            ("byline", ("author", "authors", "byline")),
            ("date", ("date", "published", "pubdate")),
        ):
            value = next((fields[n] for n in names if fields.get(n)), "")
            if value:
                found[key] = value[:10] if re.match(r"\d{4}-\d\d-\d\d", value) else value
        return parse_markdown(text), found
    if fmt == "text":
        from diptych.core.reading.text_blocks import parse_text

        blocks, headers = parse_text(text)
        if headers is not None:
            if headers.mime:
                blocks = _mime_body_blocks(text, blocks)
            found = {
                "title": headers.subject,
                "byline": headers.sender,
                "_removed_headers": headers.raw,
            }
            d = _parse_mail_date(headers.date)
            if d:
                found["date"] = d
        return blocks, found
    return _parse_html(text)


def _mime_body_blocks(text: str, fallback: list[RawBlock]) -> list[RawBlock]:
    """The readable body of a MIME e-mail (its text/plain part, else text/html), decoded."""
    import email
    import email.policy

    from diptych.core.reading.text_blocks import parse_text

    try:
        msg = email.message_from_string(text, policy=email.policy.default)
        part = msg.get_body(preferencelist=("plain", "html"))
        if part is None:
            return fallback
        content = part.get_content()
    except (LookupError, ValueError, TypeError, AttributeError, UnicodeError):
        return fallback
    if not isinstance(content, str) or not content.strip():
        return fallback
    content = _clean_source(content)
    if part.get_content_subtype() == "html":
        return _parse_html(content)[0]
    return parse_text(content)[0]


def _parse_mail_date(value: str) -> str:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date().isoformat() if value else ""
    except (TypeError, ValueError, IndexError, OverflowError):
        return ""


def _quiet_loggers() -> None:
    for name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


_BYLINE_TAIL = re.compile(r"\s+(?:published|updated|posted)\b.*$", re.IGNORECASE)


def _parse_html(text: str) -> tuple[list[RawBlock], dict[str, str]]:
    """Blocks of an HTML page by our own walk, with trafilatura's main-content extraction as
    evidence: a block trafilatura left out counts as no prose for the chrome filter (it is
    kept only between blocks that are). When trafilatura drops clearly more prose than the
    filter would (a paragraph after a form, a definition list), its verdict is ignored."""
    from diptych.core.reading.html_blocks import read_html

    _quiet_loggers()
    own, found = read_html(text)
    if len(text) > _TRAFILATURA_MAX_CHARS:
        return own, found
    traf, tmeta = _trafilatura_blocks(text)
    for k, v in tmeta.items():
        # trafilatura's date is htmldate's guess from anywhere in the page ("as of 2024");
        # dates come from <meta> tags and byline lines only
        if k == "byline":  # its author is read up to the date line's verb
            v = _BYLINE_TAIL.sub("", v or "")
        if v and not found.get(k) and k != "date":
            found[k] = v
    read = _readability_blocks(text)
    if traf and read:
        _mark_votes(own, traf, read)
    elif traf and _prose_words(own) <= 1.2 * _prose_words(traf):
        _mark_extracted(own, traf)
    return own, found


_GRAM_WORD = re.compile(r"\w+")
_VOTE_SHARE = 0.6  # a block is a candidate's when this share of its word trigrams is in it


def _trigrams(text: str) -> set[tuple[str, ...]]:
    w = _GRAM_WORD.findall(text.lower())
    return {tuple(w[i : i + 3]) for i in range(max(1, len(w) - 2))} if w else set()


_CJK_PHRASE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _grams(text: str) -> set[tuple[str, ...]]:
    """A candidate's word trigrams and bigrams, and its long "words" of Chinese, Japanese or
    Korean, which write no spaces (a block of one or two such words, as a line of Japanese
    between commas is, is looked up among these)."""
    w = _GRAM_WORD.findall(text.lower())
    grams = {tuple(w[i : i + 3]) for i in range(max(1, len(w) - 2))}
    grams.update(itertools.pairwise(w))
    grams.update((t,) for t in w if len(t) >= 6 and _CJK_PHRASE.search(t))
    return grams


def _mark_votes(own: list[RawBlock], traf: list[RawBlock], read: list[RawBlock]) -> None:
    """Mark each of our blocks with whether trafilatura and readability-lxml each kept it:
    most of its word trigrams are in their text (so their block boundaries, whitespace and
    punctuation do not matter)."""
    t_grams = _grams("\n".join(b.text for b in traf))
    r_grams = _grams("\n".join(b.text for b in read))
    for b in own:
        grams = _trigrams(b.text)
        if grams:
            b.extracted = sum(g in t_grams for g in grams) >= _VOTE_SHARE * len(grams)
            b.readable = sum(g in r_grams for g in grams) >= _VOTE_SHARE * len(grams)
    # a label the page repeats (a caption under every photo; no sentence, which an author may
    # repeat on purpose) gets a vote for as many copies as the extractor kept (trafilatura
    # keeps one), the first ones
    keys = [" ".join(b.text.lower().split()) for b in own]
    counts = Counter(k for k in keys if len(k) >= 20 and not ends_sentence(k))
    if not any(c > 1 for c in counts.values()):
        return
    t_text = " ".join(" ".join(b.text.lower().split()) for b in traf)
    r_text = " ".join(" ".join(b.text.lower().split()) for b in read)
    left: dict[tuple[str, str], int] = {}
    for b, key in zip(own, keys, strict=True):
        if counts.get(key, 0) <= 1:
            continue
        for name, text in (("t", t_text), ("r", r_text)):
            n = left.setdefault((name, key), text.count(key))
            if n <= 0:
                if name == "t":
                    b.extracted = False
                else:
                    b.readable = False
            left[(name, key)] = n - 1


def _readability_blocks(text: str) -> list[RawBlock]:
    """Main content through readability-lxml, as raw blocks ([] when it is not available or
    finds nothing)."""
    from diptych.core.reading.html_blocks import tree_to_blocks
    from diptych.core.reading.readers import load

    readability = load("readability-lxml")
    if readability is None:
        return []
    import lxml.html

    try:
        summary = readability.Document(text).summary(html_partial=True)
        if not summary or not summary.strip():
            return []
        parser = lxml.html.HTMLParser(no_network=True, recover=True, remove_comments=True)
        return tree_to_blocks(lxml.html.fragment_fromstring(summary, parser=parser))
    except Exception:  # readability raises its own Unparseable and lxml errors on odd pages
        return []


_PIECE_SPLIT = re.compile(r"(?<=[.!?。！？:;])\s+")


def _pieces(text: str) -> list[str]:
    return [p for p in _PIECE_SPLIT.split(" ".join(text.lower().split())) if len(p) > 2]


def _mark_extracted(own: list[RawBlock], traf: list[RawBlock]) -> None:
    """Mark each of our blocks with whether trafilatura kept (most of) its sentences."""
    kept = {p for b in traf for p in _pieces(b.text)}
    for b in own:
        pieces = _pieces(b.text)
        if pieces:
            b.extracted = 2 * sum(p in kept for p in pieces) >= len(pieces)


def _prose_words(raw: list[RawBlock]) -> int:
    """Words of prose the chrome filter keeps from these blocks."""
    blocks = [nb for b in raw if (nb := b.normalized()) is not None]
    kept = select_article(rejoin_split_paragraphs(blocks), bare_headings=False).blocks
    return sum(f.words for f in map(features, kept) if f.score >= 0.5)


def _trafilatura_blocks(text: str) -> tuple[list[RawBlock], dict[str, str]]:
    """Main content through trafilatura (formatting and links kept), as raw blocks."""
    from lxml import etree

    from diptych.core.reading.html_blocks import tree_to_blocks
    from diptych.core.reading.readers import load

    trafilatura = load("trafilatura")
    if trafilatura is None:
        return [], {}
    try:
        xml = trafilatura.extract(
            text,
            output_format="xml",
            include_formatting=True,
            include_links=True,
            include_tables=True,
            include_images=False,
            include_comments=False,
            favor_recall=False,
            # metadata (htmldate, content hash) costs seconds on big pages; ours comes from
            # <meta> tags and the byline/date lines, theirs only helps on ordinary sizes
            with_metadata=len(text) <= _TRAFILATURA_METADATA_MAX_CHARS,
            deduplicate=False,
            fast=True,  # no justext/readability fallback: they re-read ~100 stop-list files per page
        )
    except Exception:
        return [], {}
    if not xml:
        return [], {}
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
        doc = etree.fromstring(xml.encode("utf-8"), parser=parser)
    except etree.XMLSyntaxError:
        return [], {}
    if doc is None:
        return [], {}
    meta = {k: str(doc.get(k) or "") for k in ("title", "author", "date")}
    return tree_to_blocks(doc, tei=True), {
        "title": meta["title"],
        "byline": meta["author"],
        "date": meta["date"],
    }


_TITLE_WORD = re.compile(r"\w+")
_NOT_TITLES = frozenset(("contents", "table of contents", "share", "menu", "advertisement"))


def _title_words(text: str) -> set[str]:
    return {w for w in _TITLE_WORD.findall(text.lower().replace("’", "").replace("'", ""))}


def _same_title(a: str, b: str) -> bool:
    """Two titles say the same: most words of the shorter are in the longer."""
    wa, wb = _title_words(a), _title_words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def _can_be_title(text: str) -> bool:
    """Not "Contents", a date line or a standfirst (a long sentence)."""
    t = " ".join(text.split())
    if not t or t.lower().rstrip(":") in _NOT_TITLES or t.lower().startswith("by "):
        return False
    parts = byline_parts(t)  # (a title in Title Case reads as a name: only dates count)
    if parts is not None and parts[1] is not None:
        return False
    return len(t.split()) <= 30 and not (ends_sentence(t) and t.endswith(".") and len(t) > 90)


_PROSE_ABOVE_WORDS = 20  # a paragraph this long is the article's text, not a kicker or "Share"


def _long_paragraph(b: RawBlock) -> bool:
    """A paragraph long enough to be the article's text (or a photo's caption)."""
    return b.kind == "paragraph" and len(b.text.split()) >= _PROSE_ABOVE_WORDS


def _choose_page_title(
    kept: list[RawBlock], title_idx: int, found: dict[str, str], *, web: bool = True
) -> int:
    """The title of a web page. The page says it in its metadata (JSON-LD ``headline``,
    ``og:title``, ``<title>`` less the site's name) and usually in a heading; the heading the
    selection found is the title when the metadata agrees (or says nothing). Otherwise a
    heading near the top that agrees is taken, and failing that, the metadata's title is
    put at the top (a kicker, "Share" or a quotation above the headline is not the title).
    ``web``: a web page, whose top-level heading is the title even when the metadata says
    otherwise (an SEO ``<title>``), unless another heading near the top says what the
    metadata says, and whose heading naming the site (a logo's h1) is never the title and
    is removed. (A book's or a document's first h1 is its first chapter's; their headings
    are all kept.)"""
    h1_stands = web
    sites = _site_names(found) if web else []
    said: list[str] = []
    shown = " ".join(kept[title_idx].text.split()) if web and 0 <= title_idx < len(kept) else ""
    # the page's own headings near the top: the one the selection found first
    heads = [shown] if shown else []
    if web:
        heads += [" ".join(b.text.split()) for b in kept[:8] if b.kind == "heading"]
    for t in (found.get("ld_title", ""), found.get("title", ""), found.get("title_tag", "")):
        if t and t.strip():
            title, site_parts = _split_page_title(t, sites)
            for head in heads if not site_parts else []:
                rest = _beside_heading(t, head)
                # "Mill story | The Courier" over the heading "Mill story": the rest is the site
                short = len(rest.split()) <= max(2, len(head.split()))
                if rest and _name_like(rest) and short:
                    title, site_parts = head, [rest]
                    break
            said.append(title)
            if web:
                sites.extend(site_parts)  # the name the title carried is the site's
    said = [t for t in said if _can_be_title(t) and not _names_site(t, sites)]
    j, logo_was_title = 0, False
    while j < min(3, len(kept) - 1):  # the site's name as a heading at the top is its logo
        if kept[j].kind == "heading" and _names_site(kept[j].text, sites):
            logo = kept.pop(j)
            kept[j].removed_before = [
                *logo.removed_before,
                ("furniture", logo.text),
                *kept[j].removed_before,
            ]
            logo_was_title = logo_was_title or title_idx == j
            title_idx = title_idx - 1 if title_idx > j else -1 if title_idx == j else title_idx
            continue
        j += 1
    agreeing = _agreeing_heading(kept, said, sites=sites) if said else -1
    if title_idx >= 0:
        b = kept[title_idx]
        if _can_be_title(b.text) and not _names_site(b.text, sites):
            agrees = not said or _says_what_metadata_says(b.text, said)
            h1 = h1_stands and b.kind == "heading" and b.level == 1 and b.explicit
            if agrees or (h1 and agreeing < 0 and not _label_beside(b.text, said)):
                # the page's own headline stands
                return title_idx
    if agreeing >= 0:
        prose_above = any(_long_paragraph(b) for b in kept[:agreeing])  # (a photo's caption)
        if agreeing > 2 or prose_above:  # the title opens the article: what stood above follows
            _title_to_top(kept, agreeing)
            return 0
        return agreeing
    if not said:
        if title_idx >= 0 and _can_be_title(kept[title_idx].text):
            if not _names_site(kept[title_idx].text, sites):
                return title_idx
            # the site's name stood as the headline: the next heading above the prose
            return _agreeing_heading(kept, [], start=title_idx + 1, sites=sites)
        return _agreeing_heading(kept, [], sites=sites) if logo_was_title else -1
    kept.insert(0, RawBlock("heading", said[0], explicit=True))
    return 0


def _title_to_top(kept: list[RawBlock], idx: int) -> None:
    """Move the title, with the byline and date lines under it, to the top."""
    end = idx + 1
    while end < min(len(kept), idx + 4) and kept[end].kind in ("paragraph", "heading"):
        parts = byline_parts(kept[end].text)
        if parts is None:
            break
        end += 1
    kept[:end] = kept[idx:end] + kept[:idx]


_CRUMBS = re.compile(r"(?:[^›»/>|\n]{1,40}?\s*[›»/>|]\s*)+")


def _drop_breadcrumbs(kept: list[RawBlock], title_idx: int) -> int:
    """A breadcrumb trail near the title that ends with it ("Home » News » Storm hits the
    coast") is page furniture: it leaves the text and is listed. Returns the title's index."""
    title = " ".join(kept[title_idx].text.split()).lower()
    j = 0
    while title and j < min(len(kept) - 1, title_idx + 3):
        b = kept[j]
        text = " ".join(b.text.split())
        if (
            j != title_idx
            and b.kind == "paragraph"
            and len(text.split()) <= 40
            and text.lower().endswith(title)
            and _CRUMBS.fullmatch(text[: len(text) - len(title)])
        ):
            crumb = kept.pop(j)
            kept[j].removed_before = [
                *crumb.removed_before,
                ("furniture", crumb.text),
                *kept[j].removed_before,
            ]
            title_idx -= 1 if j < title_idx else 0
            continue
        j += 1
    return title_idx


def _agreeing_heading(
    kept: list[RawBlock], said: list[str], *, start: int = 0, sites: list[str] | None = None
) -> int:
    """The first heading near the top, above the article's prose, that says what the
    metadata says (any heading, when ``said`` is empty); -1 if none. Under a paragraph of
    prose (a photo's caption, or the article's text) only a heading that says the metadata's
    title word for word is the headline: any other is a section's."""
    prose_above = False
    for j, b in enumerate(kept[:8]):
        if _long_paragraph(b):
            prose_above = True
        if (
            j >= start
            and b.kind == "heading"
            and _can_be_title(b.text)
            and not _names_site(b.text, sites or [])
            and (not said or _says_what_metadata_says(b.text, said))
            and (not prose_above or any(_title_words(b.text) == _title_words(t) for t in said))
        ):
            return j
    return -1


def _label_beside(text: str, said: list[str]) -> bool:
    """A word or two ("News", "Blog", "Storm") against a headline of four words or more in
    the metadata: a label, not the headline."""
    return len(text.split()) <= 2 and all(len(t.split()) >= 4 for t in said)


def _says_what_metadata_says(text: str, said: list[str]) -> bool:
    if _label_beside(text, said):
        return any(_title_words(text) == _title_words(t) for t in said)
    return any(_same_title(text, t) for t in said)


_PERMALINK_MARKS = " ¶§#🔗\u00a0"


def _without_permalink_mark(b: RawBlock) -> RawBlock:
    """A heading without the permalink sign documentation generators append ("Menus¶")."""
    if b.kind != "heading" or not b.text.endswith(tuple(_PERMALINK_MARKS)):
        return b
    text = b.text.rstrip(_PERMALINK_MARKS)
    n = len(text)
    b.text = text
    b.styles = [(k, s, min(e, n), u) for k, s, e, u in b.styles if s < n]
    b.cache.clear()
    return b


_TITLE_SITE_SEPARATOR = re.compile(r"\s+(?:::|\|\||[|–—·•»~/]|-{1,2})\s+")
_SITE_PREFIX_END = re.compile(r"\s*(?:::|\|\||[|:–—·•»~/]|-{1,2})\s*")
_SITE_SUFFIX_START = re.compile(r"\s*(?:::|\|\||[|:–—·•»~/]|-{1,2})\s*$")
_NAME_SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "de", "del", "der", "des", "di", "die", "du", "el", "en"}
    | {"for", "in", "la", "le", "les", "of", "on", "the", "to", "und", "y"}
)
_QUOTE_MARKS = "\"'‘’“”«»„"


def _norm_name(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _site_names(found: dict[str, str]) -> list[str]:
    """The site's names the page gives (og:site_name, application-name, JSON-LD WebSite,
    Organization or publisher), and its host from og:url / the canonical link."""
    from urllib.parse import urlsplit

    names = [n for n in found.get("site_name", "").split("\n") if n.strip()]
    url = found.get("url", "")
    if url.startswith(("http://", "https://")):
        try:
            host = (urlsplit(url).hostname or "").removeprefix("www.")
        except ValueError:
            host = ""
        if host:
            from diptych.core.reading.web import site_label

            names.append(host)
            label = site_label(host)  # "sportsnet.ca" is named "Sportsnet", "news.bbc.co.uk" "BBC"
            if label:
                names.append(label)
    return names


def _is_site_part(part: str, sites: list[str]) -> bool:
    """A part of a page title that names the site ("The Courier", "Courier.com")."""
    n = _norm_name(part)
    if not n:
        return False
    for site in sites:
        keys = {_norm_name(site), *(_norm_name(p) for p in _TITLE_SITE_SEPARATOR.split(site))}
        for k in keys:
            if n == k:
                return True
            # "The Real Deal" of "The Real Deal New York", "Courier News" of "courier"
            near = k.startswith(n) or (n.startswith(k) and len(part.split()) <= 3)
            if near and len(n) >= 4 and len(k) >= 4 and _name_like(part):
                return True
    return False


def _name_like(part: str) -> bool:
    """A short part that reads as a name (a site's), not words of a headline: at most four
    words, each capitalised (or a small word, or with a digit or a dot: "VG247",
    "Sportsnet.ca"), no quotation marks, no question."""
    words = part.split()
    if not words or len(words) > 4 or any(c in part for c in _QUOTE_MARKS + "?!"):
        return False
    return all(
        w[0].isupper() or w.lower() in _NAME_SMALL_WORDS or any(c.isdigit() or c == "." for c in w)
        for w in words
    )


def _reads_as_words(text: str) -> bool:
    """Four words or more, some of them lower-case words that are not small words: a
    headline written as a sentence, not a name."""
    words = text.split()
    return len(words) >= 4 and any(
        w[0].islower() and w.isalpha() and w not in _NAME_SMALL_WORDS for w in words
    )


def _page_title(title: str, sites: list[str] | None = None) -> str:
    """A page title without the site's name ("Storm hits coast | The Courier" → "Storm hits
    coast"; "The Courier: Storm hits coast" when the page names its site "The Courier").
    Parts that the page's site names match go, at either end; failing that, a short
    name-like part after the last separator."""
    return _split_page_title(title, sites)[0]


def _split_page_title(title: str, sites: list[str] | None = None) -> tuple[str, list[str]]:
    """(the page title without the site's name, the parts taken off as the site's name)."""
    title = " ".join(title.split())
    sites = [s for s in (sites or []) if s.strip()]
    low = title.lower()
    for site in sorted(sites, key=len, reverse=True):  # the site's whole name, at an end
        name = " ".join(site.split()).lower()
        if low == name:  # (a site's front page, or a page naming its site by its title)
            return title, []
        if low.startswith(name):
            m = _SITE_PREFIX_END.match(title, len(name))
            if m and m.end() > len(name) and m.end() < len(title):
                return _split_page_title(title[m.end() :], [])[0], [title[: len(name)]]
        if low.endswith(name):
            head = title[: len(title) - len(name)]
            m = _SITE_SUFFIX_START.search(head)
            if m and m.start() > 0:
                return _split_page_title(head[: m.start()], [])[0], [title[len(head) :]]
    parts = _TITLE_SITE_SEPARATOR.split(title)
    seps = _TITLE_SITE_SEPARATOR.findall(title)
    if len(parts) == 1:
        return title, []
    lo, hi = 0, len(parts)
    while hi - lo > 1 and _is_site_part(parts[hi - 1], sites):
        hi -= 1
    while hi - lo > 1 and _is_site_part(parts[lo], sites):
        lo += 1
    if (lo, hi) == (0, len(parts)):  # no part names the site: a short name at an end goes
        head = title[: title.rfind(parts[-1])].rstrip(" |–—·•»~/:-")
        last = parts[-1]
        one_token = " " not in last and last.replace(".", "").replace("-", "").isalnum()
        if head and len(last) < len(head) and (_name_like(last) or one_token):
            return head, [last]  # "VG247", "The Courier", "techcrunch"
        tail = title[len(parts[0]) + len(seps[0]) :]
        if len(parts[0].split()) <= 3 and _name_like(parts[0]) and _reads_as_words(tail):
            return tail, [parts[0]]  # "The Courier | Storm hits the coast"
        return title, []
    out = parts[lo]
    for i in range(lo + 1, hi):
        out += seps[i - 1] + parts[i]
    return out.strip(), parts[:lo] + parts[hi:]


def _beside_heading(title: str, heading: str) -> str:
    """What a page title says beside the page's own heading, across a separator ("Mill story
    | The Courier" over the heading "Mill story" gives "The Courier"), else ""."""
    title, heading = " ".join(title.split()), " ".join(heading.split())
    if not heading or len(title) <= len(heading):
        return ""
    low, h = title.lower(), heading.lower()
    if low.startswith(h):
        m = _SITE_PREFIX_END.match(title, len(h))
        if m and m.end() > len(h) and m.group().strip() and m.end() < len(title):
            return title[m.end() :].strip()
    if low.endswith(h):
        head = title[: len(title) - len(h)]
        m = _SITE_SUFFIX_START.search(head)
        if m and m.start() > 0 and m.group().strip():
            return head[: m.start()].strip()
    return ""


def _names_site(text: str, sites: list[str]) -> bool:
    """The text is the site's name (a logo's h1 "The Courier"), as the page names it."""
    n = _norm_name(text).removeprefix("the")
    return bool(n) and any(n == _norm_name(s).removeprefix("the") for s in sites)


MAX_BLOCK_CHARS = 20_000  # longer blocks (a 5 MB line) are cut, so a text view lays them out fast
_SENTENCE_GAP = re.compile(r"[.!?…。！？][\"'”’)\]]*\s")


def _split_giant_blocks(blocks: list[RawBlock]) -> list[RawBlock]:
    """Blocks no longer than MAX_BLOCK_CHARS: a longer one is cut at its last sentence end
    (else space) before the limit, the space becoming the block separator."""
    out: list[RawBlock] = []
    for b in blocks:
        if len(b.text) <= MAX_BLOCK_CHARS:
            out.append(b)
            continue
        text, pos = b.text, 0
        while pos < len(text):
            end = min(len(text), pos + MAX_BLOCK_CHARS)
            nxt = end
            if end < len(text):
                lo = pos + MAX_BLOCK_CHARS // 2
                cut = -1
                for m in _SENTENCE_GAP.finditer(text, lo, end):
                    cut = m.end() - 1
                if cut < 0:
                    cut = text.rfind(" ", lo, end)
                if cut > pos:
                    end, nxt = cut, cut + 1  # the space becomes the separator
            raw = text[pos:end]
            piece_text = raw.strip()
            lead = len(raw) - len(raw.lstrip())
            styles = [
                (k, max(0, max(s, pos) - pos - lead), min(e, end) - pos - lead, u)
                for k, s, e, u in b.styles
                if s < end and e > pos
            ]
            styles = [
                (k, s, min(e, len(piece_text)), u)
                for k, s, e, u in styles
                if e > s or k == "image"  # an image's mark has no width
            ]
            if piece_text:
                piece = RawBlock(b.kind, piece_text, styles, b.level, explicit=b.explicit)
                if pos == 0:
                    piece.removed_before = b.removed_before
                out.append(piece)
            pos = nxt
    return out


def _mark_quotes(blocks: list[RawBlock]) -> None:
    """A paragraph that opens with a quotation mark right after one ending with ':' is a
    quotation, and so are the paragraphs that continue it (each opening with a quotation mark,
    as multi-paragraph quotations are printed, until one closes it)."""
    open_quote = False
    for i, b in enumerate(blocks):
        if b.kind != "paragraph" or b.explicit:
            open_quote = b.kind == "quote" and open_quote
            continue
        starts = b.text.startswith(_OPEN_QUOTE)
        prev = blocks[i - 1] if i else None
        if starts and (open_quote or (prev is not None and prev.text.endswith(":"))):
            b.kind = "quote"
            # still open if the paragraph has more opening than closing marks
            opens = b.text.count("“") + b.text.count("„")
            closes = b.text.count("”")
            open_quote = opens > closes
        else:
            open_quote = False


def _shouted_label(text: str, parts: tuple[str | None, str | None], found: dict[str, str]) -> bool:
    """A bare line in capitals that reads as a name ("GIRLS BASKETBALL"), with no "By" and
    no date, and not the author the page's metadata names: a label, not a byline."""
    name, date = parts
    if name is None or date is not None or not text.isupper() or name != text.strip():
        return False
    said = f"{found.get('ld_byline', '')} {found.get('byline', '')}".lower()
    return name.lower() not in said


def _assign_front_matter(
    kept: list[RawBlock], title_idx: int, fmt: Format, found: dict[str, str]
) -> None:
    """Title, subtitle, byline and date lines at the head; bare-line headings in plain text."""
    if title_idx >= 0 and title_idx <= 2:
        kept[title_idx].kind = "title"
        kept[title_idx].level = 1
        i = title_idx + 1
        seen = 0
        while i < len(kept) and seen < 5:
            b = kept[i]
            f = features(b)
            parts = byline_parts(b.text) if b.kind in ("paragraph", "heading") else None
            if parts is not None and _shouted_label(b.text, parts, found):
                parts = None  # "GIRLS BASKETBALL" under the headline is a section's label
            if parts is not None and (parts[0] is None or not found.get("byline_found")):
                b.kind = "byline"
                name, d = parts
                if d:
                    found.setdefault("date_found", d)
                if name:
                    found["byline_found"] = name
            elif headline_like(b, f, bare=fmt == "text") and b.kind in ("paragraph", "heading"):
                b.kind = "heading"
                b.level = max(b.level, 2)
            else:
                break
            i += 1
            seen += 1
    if fmt == "text":  # bare lines that read as headings ("For a Workers Party!") are headings
        for b in kept:
            if (
                b.kind == "paragraph"
                and headline_like(b, features(b))
                and not ends_sentence(b.text.rstrip('!?”’"'))
            ):
                b.kind = "heading"
                b.level = 2


def _article(
    text: str,
    fmt: Format,
    *,
    source_path: str,
    article_id: str,
    meta: ArticleMeta,
) -> Article:
    if len(text) < _GC_PAUSE_CHARS or not gc.isenabled():
        return _build_article(text, fmt, source_path=source_path, article_id=article_id, meta=meta)
    # Millions of small acyclic objects make the cyclic collector rescan them again and again
    # (time grows faster than the text); pausing it keeps loading linear.
    gc.disable()
    try:
        return _build_article(text, fmt, source_path=source_path, article_id=article_id, meta=meta)
    finally:
        gc.enable()


def _build_article(
    text: str,
    fmt: Format,
    *,
    source_path: str,
    article_id: str,
    meta: ArticleMeta,
) -> Article:
    source = _clean_source(text)
    raw, found = _parse(source, fmt)
    return _assemble(raw, found, fmt, source_path=source_path, article_id=article_id, meta=meta)


def _assemble(
    raw: list[RawBlock],
    found: dict[str, str],
    fmt: Format,
    *,
    source_path: str,
    article_id: str,
    meta: ArticleMeta,
) -> Article:
    blocks = _normalized_blocks(raw)
    blocks = rejoin_split_paragraphs(blocks)
    _mark_quotes(blocks)
    # HTML marks its headings; plain text cannot, and Markdown written by hand often does not
    bare = fmt in ("markdown", "text")  # formats without heading markup
    if fmt == "html" and any(b.readable is not None for b in blocks):
        sel = select_by_votes(blocks)
    else:
        sel = select_article(blocks, bare_headings=bare)
    if fmt == "html":
        keep = set(sel.indices) | _in_pages_article(blocks, sel.indices)
        title_block = sel.blocks[sel.title_index] if sel.title_index >= 0 else None
        kept = [b for i, b in enumerate(blocks) if i in keep]
        title_idx = next((j for j, b in enumerate(kept) if b is title_block), -1)
    elif fmt in ("pdf", "epub", "docx"):  # a document: only its page furniture goes
        keep = {i for i, b in enumerate(blocks) if not b.chrome}
        kept = [b for i, b in enumerate(blocks) if i in keep]
        title_idx = title_index(kept, bare)
    else:
        keep = _kept_of_own_file(blocks, sel.indices)
        kept = [b for i, b in enumerate(blocks) if i in keep]
        title_idx = title_index(kept, bare)
    if not kept:
        raise ArticleError("no readable text in this file")
    inside: list[bool] | None = None
    if fmt == "html" and keep:
        # furniture inside the article (the page's own element, or between kept blocks)
        # is listed as such: it may be the article's words, and the window says it went
        lo, hi = min(keep), max(keep)
        inside = [
            a or lo < i < hi for i, a in enumerate(_pages_article(blocks, sorted(sel.indices)))
        ]
    trailing = _note_removed(blocks, keep, found, inside)
    if fmt in ("html", "epub", "docx"):  # their metadata names the title
        # a web page's h1 is its headline; a book's first h1 is its first chapter's
        title_idx = _choose_page_title(kept, title_idx, found, web=fmt == "html")
        if fmt == "html" and title_idx >= 0:
            title_idx = _drop_breadcrumbs(kept, title_idx)
    elif title_idx < 0 and found.get("title"):
        title_text = _page_title(found["title"], _site_names(found))
        if title_text:
            kept.insert(0, RawBlock("heading", title_text, explicit=True))
            title_idx = 0
    _assign_front_matter(kept, title_idx, fmt, found)
    kept = _split_giant_blocks(kept)

    parts: list[str] = []
    out_blocks: list[Block] = []
    styles: list[InlineStyle] = []
    removed: list[RemovedText] = []
    pos = 0
    for b in kept:
        if parts:
            pos += 1
        removed.extend(_removed_text(k, t, pos) for k, t in b.removed_before)
        kind: BlockKind = b.kind if b.kind in _BLOCK_KINDS else "paragraph"  # type: ignore[assignment]
        number = b.number if kind == "list_item" else 0
        out_blocks.append(Block(kind, pos, pos + len(b.text), b.level, number))
        for k, s, e, url in b.styles:
            if k == "bold":
                styles.append(InlineStyle("bold", pos + s, pos + e))
            elif k == "italic":
                styles.append(InlineStyle("italic", pos + s, pos + e))
            elif k == "link" and url:
                styles.append(InlineStyle("link", pos + s, pos + e, url))
            elif k == "footnote mark" and url:  # a PDF's note mark, taken out after [s, e)
                removed.append(RemovedText("footnote mark", url, pos + e))
            elif k == "image" and url:  # an image in Markdown: its alt text, where it stood
                removed.append(RemovedText("image", url, pos + s))
        parts.append(b.text)
        pos += len(b.text)
    full = "\n".join(parts)
    removed.extend(_removed_text(k, t, len(full)) for k, t in trailing)
    styles.sort(key=lambda s: (s.start, -s.end, s.kind))
    sentences = split_sentences(full, out_blocks)

    shown = next((full[b.start : b.end] for b in out_blocks if b.kind == "title"), None)
    title = meta.title or (
        shown if shown is not None else _page_title(found.get("title", ""), _site_names(found))
    )
    byline = (
        meta.byline
        or found.get("byline_found", "")
        or found.get("ld_byline", "")
        or found.get("byline", "")
    )
    date = (
        meta.date
        or found.get("date_found", "")
        or found.get("date", "")
        or found.get("ld_date", "")
    )
    final_meta = replace(
        meta,
        title=title,
        byline=byline,
        date=date,
        source_path=meta.source_path or source_path,
        source_format=fmt,
    )
    return Article(
        id=article_id,
        text=full,
        blocks=tuple(out_blocks),
        styles=tuple(styles),
        sentences=sentences,
        meta=final_meta,
        fingerprint=fingerprint_of(full),
        removed=tuple(removed),
    )


def _normalized_blocks(raw: list[RawBlock]) -> list[RawBlock]:
    """The blocks with whitespace collapsed, less the empty ones, whose removed text (listed
    before or after them, and an image's alt text: a Markdown image on a line of its own)
    moves on to the next block (or after the last)."""
    out: list[RawBlock] = []
    carried: list[tuple[str, str]] = []
    for b in raw:
        nb = b.normalized()
        if nb is not None:
            nb = _without_permalink_mark(nb)
        if nb is None or not nb.text:
            images = [("image", url) for k, _s, _e, url in b.styles if k == "image" and url]
            carried += [*b.removed_before, *images, *b.removed_after]
            continue
        if carried:
            nb.removed_before, carried = [*carried, *nb.removed_before], []
        out.append(nb)
    if carried and out:
        out[-1].removed_after = [*out[-1].removed_after, *carried]
    return out


def _pages_article(blocks: list[RawBlock], selected: list[int]) -> list[bool]:
    """For each block, whether it lies in what the page itself marks as its article: its
    <article> element (of several, the one holding most of the selected text), else its
    <main> (all False when the page marks neither around the selected text)."""
    words: Counter[int] = Counter()
    for i in selected:
        if blocks[i].article:
            words[blocks[i].article] += len(blocks[i].text.split())
    if words:
        art = words.most_common(1)[0][0]
        return [b.article == art for b in blocks]
    if any(blocks[i].main for i in selected):
        return [b.main for b in blocks]
    return [False] * len(blocks)


def _in_pages_article(blocks: list[RawBlock], selected: list[int]) -> set[int]:
    """The sentences of what the page itself marks as its article (``_pages_article``) that
    run on from the first or the last block kept up to that element's edge: a short last
    paragraph reads as little prose, but the page's markup says it is the article's, so the
    prose filter's guess does not remove it. Only running text: not a heading, a caption (a
    <figure>'s), a link list, a line addressing the reader ("Like this article?"), what the page names as
    furniture (a "share" box), or text the page shows twice. (Inside the kept stretch, text
    the filter left out stays out: there it is mostly captions and sign-up boxes, which the
    page's markup does not tell from the article's text, and the window says it went.)"""
    inside = _pages_article(blocks, selected)
    if not any(inside):
        return set()
    seen = Counter(" ".join(b.text.split()) for b in blocks)

    def sentence(i: int) -> bool:
        b = blocks[i]
        if not inside[i] or b.chrome or b.boiler or b.caption or b.kind == "heading":
            return False
        f = features(b)
        return (
            ends_sentence(b.text)
            and f.link_density < 0.3
            and not (f.you_ratio >= 0.08 and f.words <= 25)
            and seen[" ".join(b.text.split())] == 1
        )

    out: set[int] = set()
    i = max(selected) + 1
    while i < len(blocks) and sentence(i):
        out.add(i)
        i += 1
    i = min(selected) - 1
    while i >= 0 and sentence(i):
        out.add(i)
        i -= 1
    return out


def _is_prose(b: RawBlock) -> bool:
    return features(b).score >= 0.5


def _own_text(b: RawBlock) -> bool:
    """Prose, or the structure the file's markup gives it (headings, code, lists and tables
    of text): what a writer puts in a file of their own beside the article."""
    return _is_prose(b) or content_structure(b)


def _kept_of_own_file(blocks: list[RawBlock], selected: list[int]) -> set[int]:
    """What a Markdown or text file keeps: the user wrote it, so every paragraph from the
    article's first to its last block stays, and so does whatever lies before or after it,
    unless the file's ends show it was copied from a web page or a mail archive
    (``scrape_marks``). Then each end loses what lies beyond the prose (and the headings,
    code, lists and tables of text) next to the article;
    what is removed is listed in ``Article.removed``. A signature or mail headers, known by
    the format's conventions, are always left out (and listed)."""
    if not selected:
        return set()
    lo, hi = min(selected), max(selected)
    keep = {i for i in range(lo, hi + 1) if not blocks[i].chrome}
    # the file's own structure (a heading, code, a list or table of text) never shows a
    # scraped page: a README's code and its list of features are the writer's
    marks = [
        m and not content_structure(b) for m, b in zip(scrape_marks(blocks), blocks, strict=True)
    ]
    if not any(marks[:lo]) and not any(marks[hi + 1 :]):
        return {i for i, b in enumerate(blocks) if not b.chrome}
    i = lo - 1
    while i >= 0 and not marks[i] and _own_text(blocks[i]):
        keep.add(i)
        i -= 1
    i = hi + 1
    while i < len(blocks) and not marks[i] and _own_text(blocks[i]):
        keep.add(i)
        i += 1
    return keep


# the kind a left-out block of a web page's article carries until it is listed as
# RemovedText("furniture", ..., inside=True)
_INSIDE_FURNITURE = "furniture inside"


def _removed_text(kind: str, text: str, at: int) -> RemovedText:
    if kind == _INSIDE_FURNITURE:
        return RemovedText("furniture", text, at, inside=True)
    return RemovedText(kind, text, at)


def _note_removed(
    blocks: list[RawBlock],
    keep: set[int],
    found: dict[str, str],
    inside: list[bool] | None = None,
) -> list[tuple[str, str]]:
    """Attach each left-out block (and the metadata read from the file's head) to the kept
    block that follows it; returns what follows the last kept block. ``inside``: which
    blocks stood inside a web page's article (their furniture is listed as such)."""
    pending: list[tuple[str, str]] = []
    for key in ("_removed_front matter", "_removed_headers"):
        text = found.pop(key, "")
        if text.strip():
            pending.append((key.removeprefix("_removed_"), text.strip()))
    for i, b in enumerate(blocks):
        if i in keep:
            if pending:
                b.removed_before = pending + b.removed_before
            pending, b.removed_after = b.removed_after, []
            continue
        kind = b.role if b.role in ("signature", "running head", "page number") else "furniture"
        if kind == "furniture" and inside is not None and inside[i]:
            kind = _INSIDE_FURNITURE
        pending.extend(b.removed_before)
        pending.append((kind, b.text))
        pending.extend(b.removed_after)
    return pending


_BLOCK_KINDS: Sequence[str] = ("title", "byline", "heading", "paragraph", "quote", "list_item")
