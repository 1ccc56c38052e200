"""HTML (and trafilatura's XML) to raw blocks, without executing or fetching anything.

Size (~650 lines): one iterative walk whose element handlers share the walk's state (open
blocks, inline styles, the depth of dropped subtrees); splitting the handlers from the walk
would pass that state around instead.

The walk is iterative (``lxml.etree.iterwalk``), so 30,000 nested elements cannot exhaust the
stack; tables are flattened to one paragraph per row, cells separated by " | ", which also
flattens tables nested 30 deep. Scripts, styles, frames, embedded objects, forms' controls,
images and the page's navigation/aside/footer landmarks are dropped; links are kept only for
http(s) and mailto targets. What a reader would see of the dropped text (landmarks, dialogs,
form controls, MathML, and text the page hides) is listed in each block's ``removed_before``
(and the last block's ``removed_after``), where it stood, to be shown on request; code,
styles and media are not text and are not listed.
"""

from __future__ import annotations

import re
from html import unescape as html_unescape
from html.parser import HTMLParser
from typing import Any

from lxml import etree

from diptych.core.reading.rawblocks import BlockBuilder, RawBlock, safe_url

# trafilatura's XML vocabulary mapped onto HTML's
_TEI = {
    "head": "h",
    "list": "ul",
    "item": "li",
    "quote": "blockquote",
    "row": "tr",
    "cell": "td",
    "lb": "br",
    "graphic": "img",
    "ref": "a",
    "hi": "hi",
    "doc": "div",
    "main": "div",
    "comments": "nav",  # reader comments are not the article
    "code": "pre",
}

_DROP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "template",
        "svg",
        "math",
        "canvas",
        "video",
        "audio",
        "source",
        "track",
        "picture",
        "img",
        "map",
        "area",
        "input",
        "button",
        "select",
        "option",
        "optgroup",
        "textarea",
        "datalist",
        "meter",
        "progress",
        "nav",
        "aside",
        "footer",
        "dialog",
        "head",
        "title",
        "meta",
        "link",
        "base",
    ]
)
_DROP_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary", "search"))
# Dropped elements whose text a reader sees on the page, and the kind it is listed under
# (``Article.removed``); the others in _DROP hold code, media or metadata, not text.
_LISTED_TAGS = {
    "nav": "navigation",
    "aside": "aside",
    "footer": "footer",
    "dialog": "dialog",
    "button": "control",
    "select": "control",
    "textarea": "control",
    "math": "math",
}
_LISTED_ROLES = {
    "navigation": "navigation",
    "banner": "banner",
    "contentinfo": "footer",
    "complementary": "aside",
    "search": "search",
}
_NOT_TEXT = _DROP - _LISTED_TAGS.keys() - {"option", "optgroup"}  # muted inside a listed one
_MAX_LISTED_WORDS = 200  # a longer removed run (a site's whole menu) is listed cut, with a count
_WORD = re.compile(r"\S+")
_HAS_WORD = re.compile(r"\w")
_BLOCK = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "form",
        "h",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "caption",
        "legend",
        "menu",
    ]
)
# Page furniture named by class or id (the vocabulary readability-style extractors use), and
# names that mark the article itself, which win when both appear.
_BOILER_TOKENS = frozenset(
    (
        "comment",
        "comments",
        "related",
        "share",
        "sharing",
        "social",
        "newsletter",
        "subscribe",
        "subscription",
        "cookie",
        "cookies",
        "consent",
        "footer",
        "sidebar",
        "breadcrumb",
        "breadcrumbs",
        "promo",
        "advert",
        "advertisement",
        "ads",
        "sponsor",
        "sponsored",
        "popup",
        "modal",
        "banner",
        "nav",
        "navbar",
        "navigation",
        "menu",
        "masthead",
        "toolbar",
        "widget",
        "signup",
        "paywall",
        "disqus",
        "outbrain",
        "taboola",
    )
)
_CONTENT_TOKENS = frozenset(
    ("article", "body", "content", "entry", "main", "post", "story", "text", "blog", "prose")
)
_NAME_SPLIT = re.compile(r"[^a-z0-9]+")
_BOLD = frozenset(("b", "strong"))
_ITALIC = frozenset(("i", "em", "cite", "dfn", "var"))
_HEADING = re.compile(r"h([1-6])$")


_BOILER_CONTAINERS = frozenset(
    (
        "div",
        "section",
        "aside",
        "header",
        "footer",
        "ul",
        "ol",
        "form",
        "table",
        "dl",
        "menu",
        "details",
        "dialog",
        "center",
        "figure",
    )
)


def _boiler_named(el: Any, tag: str) -> bool:
    """True when a container's class or id names page furniture and not the article. (Not
    <html>/<body>, whose classes describe the page's state; ids of three or more words are
    usually made from a heading, "editing-and-navigation", and say nothing.)"""
    if tag not in _BOILER_CONTAINERS:
        return False
    tokens = set(_NAME_SPLIT.split(str(el.get("class") or "").lower()))
    id_tokens = [t for t in _NAME_SPLIT.split(str(el.get("id") or "").lower()) if t]
    if len(id_tokens) <= 2:
        tokens.update(id_tokens)
    return bool(tokens & _BOILER_TOKENS) and not tokens & _CONTENT_TOKENS


def _local(tag: Any) -> str | None:
    if not isinstance(tag, str):
        return None  # comments, processing instructions, entities
    if "}" in tag:
        tag = tag.rsplit("}", 1)[1]
    return str(tag).lower()


class _Walker:
    def __init__(self, tei: bool) -> None:
        self.tei = tei
        self.b = BlockBuilder()
        self.heading: list[int] = []
        self.lists = 0
        # per open list: the last number given in an <ol> (None in other lists), and the
        # number of the item whose first block is still to come (0: none)
        self.numbers: list[int | None] = []
        self.item_number = 0
        self.quotes = 0
        self.pre = 0
        self.skip = 0
        self.cells_in_row: list[int] = []
        self.inline: list[tuple[str, bool]] = []  # per open element: style kind, boiler mark
        self.boiler = 0  # depth of open elements named as page furniture
        # the page's <article> elements (how many opened so far, and the outermost one open,
        # 0: none) and the depth of open <main> elements (or role="main")
        self.articles = 0
        self.article = 0
        self.article_depth = 0
        self.main = 0
        self.figure = 0  # depth of open <figure> and <figcaption> elements
        # the text of a dropped element a reader would see, collected to be listed as removed
        self.list_removed = not tei
        self.listing: list[str] | None = None
        self.listing_kind = ""
        self.listing_after_text = False
        self.mute = 0  # skip depth of a script or style inside the listed element (0: none)
        # an <img>'s alt text listed as removed "image" (raw HTML in the user's own Markdown,
        # as a Markdown image's is; a web page's logos and icons are not listed)
        self.list_images = False

    def tag_of(self, el: Any) -> str | None:
        tag = _local(el.tag)
        if tag is None:
            return None
        if self.tei:
            mapped = _TEI.get(tag, tag)
            if mapped == "h":
                rend = str(el.get("rend") or "h2").lower()
                mapped = rend if _HEADING.match(rend) else "h2"
            if mapped == "pre":
                # trafilatura writes <code> for inline code too: only a block of its own is one
                parent = el.getparent()
                ptag = _local(parent.tag) if parent is not None else None
                if ptag in ("p", "item", "head", "cell", "hi", "ref", "quote"):
                    return "code"
            return mapped
        return tag

    def kind(self) -> tuple[str, int]:
        if self.heading:
            return "heading", self.heading[-1]
        if self.lists:
            return "list_item", self.lists
        if self.quotes:
            return "quote", 0
        return "paragraph", 0

    def flush(self, *, row_end: bool = False) -> None:
        kind, level = self.kind()
        # a table row read whole is data ("row"); paragraphs inside a layout table's cells are
        # ordinary blocks
        role = "row" if row_end else "code" if self.pre else ""
        emitted = len(self.b.blocks)
        self.b.flush(
            kind,
            level,
            explicit=kind != "paragraph",
            role=role,
            boiler=self.boiler > 0,
            article=self.article,
            main=self.main > 0,
            caption=self.figure > 0,
        )
        if len(self.b.blocks) > emitted:
            # an <ol> item's number goes with its first block
            if kind == "list_item" and self.item_number:
                self.b.blocks[-1].number = self.item_number
            self.item_number = 0

    def text(self, s: str | None) -> None:
        if not s or self.skip:
            if s and self.listing is not None and not self.mute:
                self.listing.append(s)
            return
        if self.pre:
            lines = s.split("\n")
            for i, line in enumerate(lines):
                if i:
                    self.flush()
                self.b.add(line)
        else:
            self.b.add(s)

    def dropped(self, el: Any, tag: str) -> str | None:
        """None when the element is read; else the kind its text is listed under when it
        is left out ("" for code, media and metadata, which are not text)."""
        if tag in _DROP and tag not in _LISTED_TAGS:
            return ""  # (an <option> outside a <select> too)
        style = (el.get("style") or "").replace(" ", "").lower()
        if (
            "hidden" in el.attrib
            or (el.get("aria-hidden") or "").lower() == "true"
            or "display:none" in style
            or "visibility:hidden" in style
        ):
            return "hidden"
        if tag in _DROP:
            return _LISTED_TAGS[tag]
        role = el.get("role")
        if role and role.lower() in _DROP_ROLES:
            return _LISTED_ROLES[role.lower()]
        return None

    def start(self, el: Any) -> None:
        tag = self.tag_of(el)
        if tag is None or self.skip:
            if tag is not None and self.skip:
                self.skip += 1
                if self.listing is not None and not self.mute:
                    if tag in _NOT_TEXT:
                        self.mute = self.skip
                    else:
                        if tag in _BLOCK or tag in ("br", "td", "th", "option"):
                            self.listing.append("\n")
                        if el.text:
                            self.listing.append(el.text)
            return
        kind = self.dropped(el, tag)
        if kind is not None and tag == "img" and self.list_images and self.list_removed:
            alt = " ".join((el.get("alt") or "").split())
            if alt:
                self.b.note_removed("image", alt[:200], after_text=self.b.has_text())
        if kind is not None:
            self.skip = 1
            if kind and self.list_removed:
                self.listing = [el.text] if el.text else []
                self.listing_kind = kind
                self.listing_after_text = self.b.has_text()
            return
        boiler = False
        if tag in _BLOCK:
            self.flush()
            if not self.tei and _boiler_named(el, tag):
                boiler = True
                self.boiler += 1
            if not self.tei:
                self._open_landmark(el, tag)
            m = _HEADING.match(tag)
            if m:
                self.heading.append(int(m.group(1)))
            elif tag in ("ul", "ol", "menu", "dl"):
                self.lists += 1
                self.numbers.append(_list_start(el) - 1 if tag == "ol" else None)
            elif tag == "li" and self.numbers and self.numbers[-1] is not None:
                self.numbers[-1] = _item_value(el, self.numbers[-1] + 1)
                self.item_number = self.numbers[-1]
            elif tag == "blockquote":
                self.quotes += 1
            elif tag == "pre":
                self.pre += 1
            elif tag == "tr":
                self.cells_in_row.append(0)
            elif tag == "hr":
                self.b.gap(2)
        elif tag in ("td", "th"):
            if self.cells_in_row:
                if self.cells_in_row[-1] and self.b.has_text():
                    self.b.add(" | ")
                self.cells_in_row[-1] += 1
        elif tag == "br":
            self.flush()
        self._open_inline(el, tag, boiler)
        self.text(el.text)

    def _open_landmark(self, el: Any, tag: str) -> None:
        """Count an <article> or <main> (or an element with that ARIA role), or a <figure>,
        opening."""
        role = (el.get("role") or "").strip().lower()
        if tag == "article" or role == "article":
            self.article_depth += 1
            if self.article_depth == 1:
                self.articles += 1
                self.article = self.articles
        if tag == "main" or role == "main":
            self.main += 1
        if tag in ("figure", "figcaption"):
            self.figure += 1

    def _close_landmark(self, el: Any, tag: str) -> None:
        role = (el.get("role") or "").strip().lower()
        if (tag == "article" or role == "article") and self.article_depth:
            self.article_depth -= 1
            if not self.article_depth:
                self.article = 0
        if (tag == "main" or role == "main") and self.main:
            self.main -= 1
        if tag in ("figure", "figcaption") and self.figure:
            self.figure -= 1

    def _open_inline(self, el: Any, tag: str, boiler: bool) -> None:
        kind = ""
        url: str | None = None
        if tag in _BOLD:
            kind = "bold"
        elif tag in _ITALIC:
            kind = "italic"
        elif tag == "hi":
            rend = str(el.get("rend") or "")
            kind = "bold" if "b" in rend else "italic" if "i" in rend else ""
        elif tag == "a":
            href = el.get("target") if self.tei else el.get("href")
            url = safe_url(href)
            # an unsafe or relative link keeps no URL, but still counts for link density
            # (links within the page, "#section", are neither: headings carry them as permalinks)
            kind = "link" if url else "anchor" if href and not href.startswith("#") else ""
        if kind:
            self.b.open_style(kind, url)
        self.inline.append((kind, boiler))

    def end(self, el: Any) -> None:
        tag = self.tag_of(el)
        if tag is None:
            self.text(el.tail)
            return
        if self.skip:
            if self.listing is not None:
                if self.mute == self.skip:
                    self.mute = 0
                elif tag in _BLOCK:
                    self.listing.append("\n")
            self.skip -= 1
            if self.skip:
                self.text(el.tail)  # (collected when listed)
                return
            if self.listing is not None:
                self._list_dropped()
            self.text(el.tail)
            return
        kind, boiler = self.inline.pop() if self.inline else ("", False)
        if kind:
            self.b.close_style(kind)
        if tag in _BLOCK:
            self.flush(row_end=tag == "tr")
            if boiler:
                self.boiler -= 1
            if not self.tei:
                self._close_landmark(el, tag)
            if _HEADING.match(tag) and self.heading:
                self.heading.pop()
            elif tag in ("ul", "ol", "menu", "dl"):
                self.lists -= 1
                if self.numbers:
                    self.numbers.pop()
            elif tag == "blockquote":
                self.quotes -= 1
            elif tag == "pre":
                self.pre -= 1
            elif tag == "tr" and self.cells_in_row:
                self.cells_in_row.pop()
        self.text(el.tail)

    def _list_dropped(self) -> None:
        """List the text of the dropped element just closed (if it has any words)."""
        parts, self.listing, self.mute = self.listing or [], None, 0
        lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
        text = "\n".join(line for line in lines if line)
        if _HAS_WORD.search(text):
            self.b.note_removed(
                self.listing_kind, _capped(text), after_text=self.listing_after_text
            )

    def finish(self) -> list[RawBlock]:
        self.flush()
        if self.list_removed:
            self.b.close_removed()
        return self.b.blocks


def _list_start(el: Any) -> int:
    """An <ol>'s first number (its ``start``, else 1)."""
    try:
        return max(0, min(10**9, int(str(el.get("start") or "1").strip())))
    except ValueError:
        return 1


def _item_value(el: Any, number: int) -> int:
    """An <li>'s number in an <ol>: its ``value`` if it has one, else the one counted."""
    try:
        return max(0, min(10**9, int(str(el.get("value")).strip()))) if el.get("value") else number
    except ValueError:
        return number


def _capped(text: str) -> str:
    """The text, or its first _MAX_LISTED_WORDS words and a count of the rest."""
    for i, m in enumerate(_WORD.finditer(text)):
        if i == _MAX_LISTED_WORDS:
            rest = sum(1 for _ in _WORD.finditer(text, m.start()))
            return f"{text[: m.start()].rstrip()} … (+{rest:,} more words)"
    return text


def tree_to_blocks(root: Any, *, tei: bool = False) -> list[RawBlock]:
    """Walk an lxml element tree into raw blocks (``tei``: trafilatura's XML output)."""
    w = _Walker(tei)
    w.list_removed = False  # an extractor's output: what it left out is not listed
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            w.start(el)
        else:
            w.end(el)
    return w.finish()


class _Elem:
    """The little of an lxml element the walker needs, for the event-driven reader."""

    __slots__ = ("attrs", "tag", "tail", "text")

    def __init__(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag = tag
        self.attrs = {k.lower(): v for k, v in attrs}
        self.text: str | None = None
        self.tail: str | None = None

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.attrs.get(key, default)

    @property
    def attrib(self) -> dict[str, str | None]:
        return self.attrs


_VOID = frozenset(
    (
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    )
)
# Tags a new one of the same kind implicitly closes (HTML's optional end tags).
_SELF_CLOSING_SIBLINGS = frozenset(("p", "li", "tr", "td", "th", "dt", "dd", "option"))
_MAX_OPEN = 100_000  # beyond this, further nesting is read as flat text
# What may stand in <head>; any other tag, or text, closes it (its end tag is optional: a page
# without "</head>" had its whole body read as head, and dropped)
_HEAD_CONTENT = frozenset(
    (
        *("base", "basefont", "bgsound", "link", "meta", "noscript"),
        *("script", "style", "template", "title", "head", "html"),
    )
)


class _EventReader(HTMLParser):
    """HTML read as a stream of tags (stdlib ``html.parser``): no tree, so no depth limit
    and no recursion, whatever the nesting; metadata from <title> and <meta> collected."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.walker = _Walker(tei=False)
        self.stack: list[_Elem] = []
        self.open_count: dict[str, int] = {}
        self.meta: dict[str, str] = {}
        self._title: list[str] | None = None
        self._ld: list[str] | None = None  # text of a JSON-LD <script> being read
        self._ld_chars = 0

    def _push(self, el: _Elem) -> None:
        self.stack.append(el)
        self.open_count[el.tag] = self.open_count.get(el.tag, 0) + 1
        self.walker.start(el)

    def _pop(self) -> None:
        el = self.stack.pop()
        self.open_count[el.tag] -= 1
        self.walker.end(el)

    def _close_head(self) -> None:
        """End an open <head> (and what is open in it) as a browser does."""
        while self.stack and self.open_count.get("head"):
            self._pop()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.open_count.get("head") and tag not in _HEAD_CONTENT:
            self._close_head()
        el = _Elem(tag, attrs)
        if tag == "script" and (el.get("type") or "").lower().strip() == "application/ld+json":
            self._ld = []
            self._ld_chars = 0
        if tag == "meta":
            self._meta(el)
        elif tag == "link" and "canonical" in (el.get("rel") or "").lower().split():
            self.meta.setdefault("url", (el.get("href") or "").strip())
        if tag in _VOID:
            self.walker.start(el)
            self.walker.end(el)
            return
        if tag in _SELF_CLOSING_SIBLINGS and self.open_count.get(tag):
            while self.stack and self.stack[-1].tag != tag and len(self.stack) > 1:
                if self.stack[-1].tag in ("table", "ul", "ol", "dl", "select"):
                    break
                self._pop()
            if self.stack and self.stack[-1].tag == tag:
                self._pop()
        if len(self.stack) >= _MAX_OPEN:
            return
        if tag == "title":
            self._title = []
        self._push(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.open_count.get("head") and tag not in _HEAD_CONTENT:
            self._close_head()
        el = _Elem(tag, attrs)
        if tag == "meta":
            self._meta(el)
        self.walker.start(el)
        self.walker.end(el)

    def handle_endtag(self, tag: str) -> None:
        if not self.open_count.get(tag):
            return  # a stray end tag
        if tag == "script" and self._ld is not None:
            _json_ld_meta("".join(self._ld), self.meta)
            self._ld = None
        if tag == "title" and self._title is not None:
            title = " ".join("".join(self._title).split())
            if title and not self.stack_has("svg"):  # an icon's <title> names no page
                self.meta.setdefault("title_tag", title)
                self.meta.setdefault("title", title)
            self._title = None
        while self.stack:
            top = self.stack[-1].tag
            self._pop()
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1].tag == "head" and data.strip():
            self._close_head()  # text straight in <head> is the body's
        if self._title is not None:
            self._title.append(data)
        if self._ld is not None and self._ld_chars < _MAX_JSON_LD:
            self._ld.append(data)
            self._ld_chars += len(data)
        self.walker.text(data)

    def stack_has(self, tag: str) -> bool:
        return bool(self.open_count.get(tag))

    def _meta(self, el: _Elem) -> None:
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        val = " ".join((el.get("content") or "").split())
        if not val:
            return
        if key in _TITLE_METAS:
            # the first of the most trusted wins (a later og:title is often the site's own);
            # preferred over <title>, which carries the site name
            rank = _TITLE_METAS.index(key)
            if rank < int(self.meta.get("_title_rank", len(_TITLE_METAS))):
                self.meta["title"] = val
                self.meta["_title_rank"] = str(rank)
        elif key in ("og:site_name", "application-name", "al:ios:app_name"):
            _add_site_name(self.meta, val)
        elif key in ("og:url",):
            self.meta["url"] = val
        elif key in ("author", "article:author", "dc.creator") and "byline" not in self.meta:
            if not val.startswith(("http://", "https://")) and not _handle_like(val):
                self.meta["byline"] = val
        elif key in _DATE_METAS:
            date = _iso_date(val) or ("" if _ISO_DATE.match(val) or len(val) > 40 else val)
            if date:
                rank = _DATE_METAS.index(key)
                if rank < int(self.meta.get("_date_rank", len(_DATE_METAS))):
                    self.meta["date"] = date
                    self.meta["_date_rank"] = str(rank)

    def finish(self) -> tuple[list[RawBlock], dict[str, str]]:
        self.close()
        while self.stack:
            self._pop()
        meta = {k: v for k, v in self.meta.items() if not k.startswith("_")}
        return self.walker.finish(), meta


_TITLE_METAS = ("og:title", "twitter:title", "dc.title", "headline")
_DATE_METAS = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "dc.date.issued",
    "dc.date",
    "pubdate",
    "date",
)
_ISO_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_SITE_TYPES = ("website", "organization", "newsmediaorganization")


_MONTH_DAY_YEAR = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b",
    re.IGNORECASE,
)


def _iso_date(value: str) -> str:
    """The ISO day a metadata date names: "2024-03-05T10:00:00Z", "19 Nov 2019 07:09 GMT",
    "Mon, 18 Nov 2019 16:07:38 -0600", "01:38 PM IST Nov 20, 2019" → the day as written;
    "" for none and for a placeholder (year 0001, month 00)."""
    from email.utils import parsedate_to_datetime

    from diptych.core.reading.chrome import _MONTHS, iso_date

    value = " ".join(value.split())
    m = _ISO_DATE.match(value)
    if m:
        year, month, day = (int(g) for g in m.groups())
    else:
        found = iso_date(value)  # "13 November 2019", "Nov. 13, 2019"
        if found is None:
            try:
                found = parsedate_to_datetime(value).date().isoformat()  # RFC 2822
            except (TypeError, ValueError, IndexError, OverflowError):
                found = None
        if found is None:
            md = _MONTH_DAY_YEAR.search(value)  # a month name, day and year inside
            if not md:
                return ""
            found = f"{md.group(3)}-{_MONTHS[md.group(1).lower()]:02d}-{int(md.group(2)):02d}"
        year, month, day = (int(g) for g in found.split("-"))
    if year < 1800 or not 1 <= month <= 12 or not 1 <= day <= 31:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


_ACCOUNT_NAMES = frozenset({"admin", "administrator", "webmaster", "root", "user", "guest"})


def _handle_like(name: str) -> bool:
    """A user handle or slug ("kevin-r", "jsmith_2", "gto": one token, lower case) or a
    CMS's default account ("admin"), not a person's name as printed."""
    name = name.strip()
    if name.lower() in _ACCOUNT_NAMES:
        return True
    return " " not in name and name == name.lower() and any(c.islower() for c in name)


def _add_site_name(meta: dict[str, str], name: str) -> None:
    """Site names (og:site_name, application-name, JSON-LD WebSite/publisher) collected one
    a line, to be taken off a page title."""
    name = " ".join(name.split())
    names = meta.get("site_name", "").split("\n") if meta.get("site_name") else []
    if name and name not in names and len(names) < 8 and len(name.split()) <= 8:
        meta["site_name"] = "\n".join([*names, name])


_MAX_JSON_LD = 256 * 1024  # larger JSON-LD blocks are not read for metadata
_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle", "report")


def _json_ld_meta(text: str, meta: dict[str, str]) -> None:
    """Headline, author and date from a page's JSON-LD (schema.org Article and kin)."""
    import json

    if len(text) > _MAX_JSON_LD:
        return
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        data = _broken_json_ld(text)  # a template's stray quote: the fields read one by one
    todo: list[Any] = [data]
    seen = 0
    while todo and seen < 500:  # breadth-first over @graph lists and nested objects
        item = todo.pop(0)
        seen += 1
        if isinstance(item, list):
            todo.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        if "@graph" in item:
            todo.append(item["@graph"])
        kind = item.get("@type")
        kinds = [str(k).lower() for k in (kind if isinstance(kind, list) else [kind])]
        if any(k in _SITE_TYPES for k in kinds):
            if isinstance(item.get("name"), str):
                _add_site_name(meta, item["name"])
            continue
        if "claimreview" in kinds:  # a fact check: its date is the article's
            date = item.get("datePublished")
            if isinstance(date, str) and _iso_date(date):
                meta.setdefault("ld_date", _iso_date(date))
            continue
        if not any(k.endswith(_ARTICLE_TYPES) for k in kinds):
            continue
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            _add_site_name(meta, publisher["name"])
        headline = item.get("headline") or item.get("name")
        if isinstance(headline, str) and headline.strip():
            meta.setdefault("ld_title", " ".join(html_unescape(headline).split())[:500])
        author = item.get("author")
        authors = author if isinstance(author, list) else [author]
        names: list[str] = []
        for a in authors:
            n = a.get("name") if isinstance(a, dict) else a
            if (
                isinstance(n, str)
                and n.strip()
                and not n.startswith(("http://", "https://"))
                and not _handle_like(n.strip())
            ):
                names.append(" ".join(n.split()))
        if names:
            meta.setdefault("ld_byline", ", ".join(names[:4]))
        date = item.get("datePublished")
        if isinstance(date, str) and _iso_date(date):
            meta.setdefault("ld_date", _iso_date(date))
        elif isinstance(date, (int, float)) and 0 < date < 1e13:  # epoch s or ms
            import datetime as dt

            secs = date / 1000 if date > 1e11 else date
            meta.setdefault("ld_date", dt.datetime.fromtimestamp(secs, dt.UTC).date().isoformat())


_LD_TYPE = re.compile(r'"@type"\s*:\s*"([^"]{1,60})"')
_LD_STRING = r'"((?:[^"\\\n]|\\.){1,500})"'
_LD_HEADLINE = re.compile(r'"headline"\s*:\s*' + _LD_STRING)
_LD_DATE = re.compile(r'"datePublished"\s*:\s*' + _LD_STRING)
_LD_AUTHOR = re.compile(
    r'"author"\s*:\s*\[?\s*(?:\{[^{}]{0,300}?"name"\s*:\s*' + _LD_STRING + "|" + _LD_STRING + ")"
)


def _broken_json_ld(text: str) -> dict[str, Any]:
    """The article fields of JSON-LD that does not parse (an unescaped quote in a
    description): its first article @type, headline, first author and datePublished."""
    import json

    kind = next((k for k in _LD_TYPE.findall(text) if k.lower().endswith(_ARTICLE_TYPES)), None)
    if kind is None:
        return {}

    def string(m: re.Match[str] | None) -> str | None:
        if m is None:
            return None
        raw = next(g for g in m.groups() if g is not None)
        try:
            return str(json.loads(f'"{raw}"'))
        except ValueError:
            return raw

    item: dict[str, Any] = {"@type": kind}
    for key, pattern in (("headline", _LD_HEADLINE), ("datePublished", _LD_DATE)):
        value = string(pattern.search(text))
        if value:
            item[key] = value
    author = string(_LD_AUTHOR.search(text))
    if author:
        item["author"] = author
    return item


# A DOCTYPE with an internal subset ("<!DOCTYPE html [ <!ENTITY …> ]>"): html.parser ends the
# declaration at the first ">" (inside the subset) and reads the rest, "]>" included, as text.
# Only near the start of the page, and bounded, as a DOCTYPE stands there.
_DOCTYPE_SUBSET = re.compile(
    r"<!DOCTYPE[^\[>]{0,500}\[.{0,65536}?\]\s*>", re.IGNORECASE | re.DOTALL
)


def read_html(html: str) -> tuple[list[RawBlock], dict[str, str]]:
    """Raw blocks and metadata (title, byline, date) of an HTML page, by our own walk."""
    if "<!DOCTYPE" in html[:4096].upper():
        m = _DOCTYPE_SUBSET.search(html, 0, min(len(html), 70_000))
        if m is not None and m.start() < 4096:
            html = html[: m.start()] + html[m.end() :]  # the declaration goes, never expanded
    reader = _EventReader()
    reader.feed(html)
    return reader.finish()


def html_fragment_to_blocks(
    html: str, unplaced: list[tuple[str, str]] | None = None
) -> list[RawBlock]:
    """Blocks of an HTML fragment (raw HTML inside Markdown), after nh3's allow-list; what it
    left out that no block of its own carries (an image alone) is added to ``unplaced``."""
    import nh3

    clean = nh3.clean(
        html,
        tags={
            "p",
            "br",
            "b",
            "strong",
            "i",
            "em",
            "a",
            "ul",
            "ol",
            "li",
            "blockquote",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "thead",
            "tbody",
            "tr",
            "td",
            "th",
            "div",
            "span",
            "pre",
            "code",
            "cite",
            "hr",
            "dl",
            "dt",
            "dd",
            "section",
            "article",
            # not shown, but listed as removed as on a web page (an image's alt text, what a
            # form control says): nothing the author wrote goes without a word
            "img",
            "textarea",
            "select",
            "option",
            "button",
        },
        attributes={"a": {"href"}, "img": {"alt"}},
        clean_content_tags={
            "script",
            "style",
            "iframe",
            "noscript",
            "object",
            "embed",
            "svg",
            "math",
            "template",
            "title",
        },
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    reader = _EventReader()
    reader.walker.list_images = True
    reader.feed(clean)
    blocks, _meta = reader.finish()
    if unplaced is not None:
        unplaced.extend(reader.walker.b.unplaced)
    return blocks
