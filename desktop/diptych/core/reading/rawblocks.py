"""The intermediate form every reader (Markdown, plain text, HTML) produces: raw blocks.

A raw block is a block's text before whitespace is collapsed, its inline styles, and the
layout facts the chrome filter uses (blank lines before it, whether markup said what it is).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

StyleTuple = tuple[str, int, int, str | None]  # kind, start, end (in the block's text), url

_WS_RUN = re.compile(r"[ \t\n\r\f\v]+")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def safe_url(url: str | None) -> str | None:
    """The link target if it is absolute http(s) or mailto, else None (javascript:, data:,
    file:, relative links into the reader's disk are all dropped)."""
    if not url:
        return None
    u = url.strip()
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
    low = re.sub(r"[\x00-\x20]+", "", u).lower()
    if low.startswith(_SAFE_SCHEMES) and len(u) <= 4096:
        return u
    return None


@dataclass
class RawBlock:
    kind: str  # "heading" | "paragraph" | "quote" | "list_item" (title/byline are decided later)
    text: str
    styles: list[StyleTuple] = field(default_factory=list)
    level: int = 0
    gap_before: int = 1  # blank lines (or equivalent) before the block; >= 2 is a section break
    explicit: bool = False  # the markup said this is a heading (or list item, quote)
    chrome: bool = False  # known chrome by format convention (e-mail headers, signature)
    role: str = ""  # "row", "signature", ... for format-specific facts
    boiler: bool = False  # inside an HTML element whose class/id names page furniture
    # the page's own word on where its article is: which <article> element holds the block
    # (1, 2, ... in the page's order, the outermost one; 0: none), and whether a <main> does
    article: int = 0
    main: bool = False
    caption: bool = False  # inside an HTML <figure> or <figcaption>
    number: int = 0  # an ordered list item's number ("3." is 3); 0: a bullet, or no item
    extracted: bool | None = None  # kept by trafilatura (HTML only; None: not asked)
    readable: bool | None = None  # kept by readability-lxml (HTML only; None: not asked)
    # what the loader left out just before this block: (kind, text) pairs, shown on request
    removed_before: list[tuple[str, str]] = field(default_factory=list, repr=False)
    # what it left out after this block and before the next (a reader's last block only)
    removed_after: list[tuple[str, str]] = field(default_factory=list, repr=False)
    cache: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def normalized(self) -> RawBlock | None:
        """Whitespace runs collapsed to one space, ends stripped, styles remapped; None if empty."""
        text = self.text
        if self.role == "code" and not self.styles:
            # a line of code keeps its indentation (the code's structure; "    return" is not
            # "return"): only other whitespace runs are one space, and the end is stripped
            body = text.lstrip(" ")
            indent = " " * (len(text) - len(body))
            code = _WS_RUN.sub(" ", body).strip()
            return self._with(indent + code, []) if code else None
        if not self.styles:  # the common case, at C speed
            fast = _WS_RUN.sub(" ", text).strip()
            if not fast:
                return None
            return self._with(fast, [])
        pieces: list[str] = []
        old_starts: list[int] = []  # old offset where each kept piece starts
        new_starts: list[int] = []
        pos = 0
        out_len = 0
        for m in _WS_RUN.finditer(text):
            if m.start() > pos:
                old_starts.append(pos)
                new_starts.append(out_len)
                pieces.append(text[pos : m.start()])
                out_len += m.start() - pos
            old_starts.append(m.start())
            new_starts.append(out_len)
            pieces.append(" ")
            out_len += 1
            pos = m.end()
        if pos < len(text):
            old_starts.append(pos)
            new_starts.append(out_len)
            pieces.append(text[pos:])
            out_len += len(text) - pos
        collapsed = "".join(pieces)
        lead = len(collapsed) - len(collapsed.lstrip())
        stripped = collapsed.strip()
        if not stripped:
            return None

        def remap(old: int) -> int:
            i = bisect.bisect_right(old_starts, old) - 1
            if i < 0:
                return 0
            new = new_starts[i] + (
                min(old - old_starts[i], 1) if pieces[i] == " " else old - old_starts[i]
            )
            return max(0, min(len(stripped), new - lead))

        styles: list[StyleTuple] = []
        for kind, s, e, url in self.styles:
            ns, ne = remap(s), remap(e)
            # trim spaces inside the styled range so a style never starts or ends on a space
            while ns < ne and stripped[ns] == " ":
                ns += 1
            while ne > ns and stripped[ne - 1] == " ":
                ne -= 1
            if ne > ns or kind == "image":  # an image's mark has no width
                styles.append((kind, ns, ne, url))
        return self._with(stripped, styles)

    def _with(self, text: str, styles: list[StyleTuple]) -> RawBlock:
        """This block with other text and styles (and nothing cached about the old text)."""
        return replace(self, text=text, styles=styles, cache={})


class BlockBuilder:
    """Accumulates text and inline styles for the current block; ``flush`` emits it."""

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self._parts: list[str] = []
        self._len = 0
        self._styles: list[StyleTuple] = []
        self._open: list[tuple[str, int, str | None]] = []  # kind, start, url
        self.pending_gap = 1
        # text the reader left out (page furniture, hidden text): before the block being
        # built, and what was left out after that block had begun (before the one after it)
        self._removed_next: list[tuple[str, str]] = []
        self._removed_later: list[tuple[str, str]] = []
        # what was left out of an input that gave no block at all (a fragment of an image)
        self.unplaced: list[tuple[str, str]] = []

    @property
    def length(self) -> int:
        return self._len

    def has_text(self) -> bool:
        return any(p.strip() for p in self._parts)

    def add(self, text: str) -> None:
        if text:
            self._parts.append(text)
            self._len += len(text)

    def open_style(self, kind: str, url: str | None = None) -> None:
        self._open.append((kind, self._len, url))

    def close_style(self, kind: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == kind:
                k, start, url = self._open.pop(i)
                if self._len > start:
                    self._styles.append((k, start, self._len, url))
                return

    def flush(
        self,
        kind: str,
        level: int = 0,
        *,
        explicit: bool = False,
        role: str = "",
        boiler: bool = False,
        article: int = 0,
        main: bool = False,
        caption: bool = False,
    ) -> None:
        text = "".join(self._parts)
        styles = list(self._styles)
        for k, start, url in self._open:  # styles still open continue into the next block
            if len(text) > start:
                styles.append((k, start, len(text), url))
        self._open = [(k, 0, url) for k, _s, url in self._open]
        self._parts = []
        self._len = 0
        self._styles = []
        if text.strip():
            self.blocks.append(
                RawBlock(
                    kind,
                    text,
                    styles,
                    level,
                    gap_before=self.pending_gap,
                    explicit=explicit,
                    role=role,
                    boiler=boiler,
                    article=article,
                    main=main,
                    caption=caption,
                    removed_before=self._removed_next,
                )
            )
            self.pending_gap = 1
            self._removed_next, self._removed_later = self._removed_later, []
        elif self._removed_later:
            self._removed_next, self._removed_later = self._removed_next + self._removed_later, []

    def gap(self, n: int) -> None:
        self.pending_gap = max(self.pending_gap, n)

    def note_removed(self, kind: str, text: str, *, after_text: bool) -> None:
        """List text left out here (``after_text``: after text of the block being built, so
        it is placed before the block that follows that one)."""
        (self._removed_later if after_text else self._removed_next).append((kind, text))

    def close_removed(self) -> None:
        """At the end of the input (after the last ``flush``): what was left out after the
        last block is that block's ``removed_after``."""
        rest = self._removed_next + self._removed_later
        self._removed_next, self._removed_later = [], []
        if rest and self.blocks:
            self.blocks[-1].removed_after = [*self.blocks[-1].removed_after, *rest]
        elif rest:
            self.unplaced = [*self.unplaced, *rest]
