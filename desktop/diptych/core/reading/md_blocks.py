"""Markdown to raw blocks: a small, linear-time reader of the Markdown that articles use.

Blocks: ATX and setext headings, paragraphs (hard line breaks split blocks), block quotes,
bullet and ordered list items, fenced code, pipe tables (one paragraph per row), thematic
breaks (a section break for the chrome filter) and raw HTML blocks (through nh3, then the HTML
walker). Inline: backslash escapes (``\\$`` reads ``$``), code spans, ``*``/``_`` emphasis,
``[text](url)`` links, autolinks, images (dropped) and a few inline HTML tags. Blank lines
before each block are recorded for the chrome filter.
"""

from __future__ import annotations

import html as html_lib
import re
from contextvars import ContextVar
from dataclasses import dataclass, field

from diptych.core.reading.rawblocks import RawBlock, StyleTuple, safe_url

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_LIST = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HTML_BLOCK = re.compile(
    r"^ {0,3}<(?:!--|/?(?:address|article|aside|blockquote|body|center|details|dialog|div|dl|"
    r"figure|footer|form|h[1-6]|header|hr|html|iframe|li|main|nav|ol|p|pre|script|section|"
    r"style|table|tbody|td|tfoot|th|thead|tr|ul|video|audio|object|embed|noscript|svg|img)\b)",
    re.IGNORECASE,
)
_MAX_QUOTE_DEPTH = 8
_INDENTED_CODE = re.compile(r"^(?: {4}|\t| {1,3}\t)")


def _code_line(line: str, indent: int) -> str:
    """A line of code without the ``indent`` columns its block is indented by, tabs as
    spaces (to a tab stop of four) and no trailing space: its own indentation stays."""
    expanded = line.expandtabs(4).rstrip()
    cut = min(indent, len(expanded) - len(expanded.lstrip(" ")))
    return expanded[cut:]


_REF_DEF = re.compile(r"^ {0,3}\[([^\]]{1,200})\]:[ \t]*<?([^\s>]+)>?(?:[ \t]+[\"'(].*)?[ \t]*$")
_REFS: ContextVar[dict[str, str]] = ContextVar("markdown_link_refs", default={})  # noqa: B039


_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]{0,40})\s*[:=]\s*(.*)$")


def front_matter(source: str) -> tuple[dict[str, str], str]:
    """YAML (``---``) or TOML (``+++``) front matter of a Markdown file: its simple
    ``key: value`` pairs, and the source with the front matter replaced by blank lines."""
    lines = source.split("\n", 200)
    if not lines or lines[0].strip() not in ("---", "+++"):
        return {}, source
    fence = lines[0].strip()
    closers = ("---", "...") if fence == "---" else ("+++",)
    end = next((i for i in range(1, min(len(lines), 200)) if lines[i].strip() in closers), -1)
    if end < 0:
        return {}, source
    fields: dict[str, str] = {}
    for line in lines[1:end]:
        m = _FRONT_KEY.match(line.strip())
        if m and m.group(2):
            fields[m.group(1).lower()] = m.group(2).strip().strip("\"'")
    if not fields:
        return {}, source
    rest = source.split("\n", end + 1)[-1] if end + 1 < len(lines) else ""
    return fields, "\n" * (end + 1) + rest


def parse_markdown(source: str) -> list[RawBlock]:
    """Raw blocks of a Markdown document (link reference definitions resolved and removed)."""
    refs: dict[str, str] = {}
    lines: list[str] = []
    removed = False
    for line in source.split("\n"):
        m = _REF_DEF.match(line) if "]:" in line else None
        if m:
            refs.setdefault(" ".join(m.group(1).lower().split()), m.group(2))
            removed = True
            continue
        if removed:  # a run of definitions reads as one blank line, not a section break
            removed = False
            if lines and not lines[-1].strip() and not line.strip():
                continue
            if lines and lines[-1].strip() and line.strip():
                lines.append("")
        lines.append(line)
    token = _REFS.set(refs)
    try:
        return _parse_lines(lines, depth=0)
    finally:
        _REFS.reset(token)


def _parse_lines(lines: list[str], depth: int) -> list[RawBlock]:
    out: list[RawBlock] = []
    carried: list[tuple[str, str]] = []  # left out before the first block (an image alone)
    blank = 0
    i = 0
    n = len(lines)
    para: list[str] = []
    para_gap = 0

    def emit(
        kind: str,
        text: str,
        styles: list[StyleTuple],
        level: int,
        gap: int,
        *,
        explicit: bool = False,
    ) -> None:
        out.append(RawBlock(kind, text, styles, level, gap_before=gap, explicit=explicit))

    def flush_para() -> None:
        nonlocal para
        if not para:
            return
        gap = para_gap
        chunk: list[str] = []
        for j, line in enumerate(para):
            hard = line.endswith("  ") or line.endswith("\\")
            chunk.append(line.rstrip("\\").strip() if hard else line.strip())
            if hard or j == len(para) - 1:
                text, styles = parse_inline(" ".join(chunk))
                emit("paragraph", text, styles, 0, gap)
                gap = 0
                chunk = []
        para = []

    while i < n:
        line = lines[i]
        if not line.strip():
            flush_para()
            blank += 1
            i += 1
            continue
        gap = blank
        blank = 0
        fence = _FENCE.match(line)
        if fence:
            flush_para()
            marker = fence.group(1)
            # the fence's own indentation is taken off each line (as CommonMark does);
            # the rest is the code's and stays
            fence_indent = len(line) - len(line.lstrip(" "))
            i += 1
            first = True
            while i < n and not lines[i].lstrip().startswith(marker):
                if lines[i].strip():
                    code = _code_line(lines[i], fence_indent)
                    emit("paragraph", code, [], 0, gap if first else 0)
                    out[-1].role = "code"
                    first = False
                i += 1
            i += 1
            continue
        if not para and _INDENTED_CODE.match(line) and not (out and out[-1].kind == "list_item"):
            # an indented code block: lines indented four spaces (or a tab), and the blank
            # lines between them (not under a list item, whose indented lines are its own)
            first = True
            while i < n and (_INDENTED_CODE.match(lines[i]) or not lines[i].strip()):
                if not lines[i].strip():
                    j = i
                    while j < n and not lines[j].strip():
                        j += 1
                    if j >= n or not _INDENTED_CODE.match(lines[j]):
                        break  # the blank lines after the block are not the code's
                    i = j
                    continue
                emit("paragraph", _code_line(lines[i], 4), [], 0, gap if first else 0)
                out[-1].role = "code"
                first = False
                i += 1
            continue
        atx = _ATX.match(line)
        if atx:
            flush_para()
            text, styles = parse_inline(atx.group(2) or "")
            emit("heading", text, styles, len(atx.group(1)), gap, explicit=True)
            i += 1
            continue
        if para and _SETEXT.match(line) and not _LIST.match(line):
            level = 1 if line.strip().startswith("=") else 2
            text, styles = parse_inline(" ".join(x.strip() for x in para))
            emit("heading", text, styles, level, para_gap, explicit=True)
            para = []
            i += 1
            continue
        if _HR.match(line):
            flush_para()
            blank = max(blank, 2)  # a rule is a section break
            i += 1
            continue
        if _QUOTE.match(line):
            flush_para()
            inner: list[str] = []
            while i < n and lines[i].strip() and (_QUOTE.match(lines[i]) or inner):
                m = _QUOTE.match(lines[i])
                inner.append(lines[i][m.end() :] if m else lines[i])
                i += 1
            if depth < _MAX_QUOTE_DEPTH:
                sub = _parse_lines(inner, depth + 1)
            else:
                t, st = parse_inline(" ".join(x.strip() for x in inner))
                sub = [RawBlock("paragraph", t, st)]
            for k, blk in enumerate(sub):
                blk.kind = "quote"
                blk.level = 0
                blk.explicit = True
                blk.gap_before = gap if k == 0 else blk.gap_before
                out.append(blk)
            continue
        lst = _LIST.match(line)
        if lst and (not para or lst.group(2) in ("-", "*", "+", "1.", "1)")):
            flush_para()
            indent = len(lst.group(1).replace("\t", "    "))
            item = [lst.group(3)]
            i += 1
            while (
                i < n
                and lines[i].strip()
                and not _LIST.match(lines[i])
                and not (_ATX.match(lines[i]) or _QUOTE.match(lines[i]) or _FENCE.match(lines[i]))
            ):
                item.append(lines[i].strip())
                i += 1
            text, styles = parse_inline(" ".join(item))
            emit("list_item", text, styles, indent // 2 + 1, gap, explicit=True)
            marker = lst.group(2)
            if marker[0].isdigit():  # an ordered item keeps its number ("3." is 3)
                out[-1].number = int(marker[:-1])
            continue
        if _HTML_BLOCK.match(line):
            flush_para()
            chunk = []
            while i < n and lines[i].strip():
                chunk.append(lines[i])
                i += 1
            from diptych.core.reading.html_blocks import html_fragment_to_blocks

            unplaced: list[tuple[str, str]] = []
            sub = html_fragment_to_blocks("\n".join(chunk), unplaced)
            if unplaced:  # an image alone: its alt text listed where it stood
                if out:
                    out[-1].removed_after = [*out[-1].removed_after, *unplaced]
                else:
                    carried.extend(unplaced)
            for k, blk in enumerate(sub):
                blk.gap_before = gap if k == 0 else 0
                out.append(blk)
            continue
        if "|" in line and i + 1 < n and _TABLE_SEP.match(lines[i + 1]) and not para:
            first = True
            while i < n and lines[i].strip() and "|" in lines[i]:
                if not _TABLE_SEP.match(lines[i]):
                    cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                    text, styles = parse_inline(" | ".join(cells))
                    emit("paragraph", text, styles, 0, gap if first else 0)
                    out[-1].role = "row"
                    first = False
                i += 1
            continue
        if not para:
            para_gap = gap
        para.append(line)
        i += 1
    flush_para()
    if carried and out:
        out[0].removed_before = [*carried, *out[0].removed_before]
    return out


# ---------------------------------------------------------------------------------- inline

_INLINE = re.compile(
    r"""(?P<esc>\\[!-/:-@\[-`{-~])
    |(?P<code>`+)
    |(?P<img>!\[(?:[^\[\]\\]|\\.){0,500}\]\([^()\s]*(?:\s+"[^"]*")?\))
    |(?P<link>\[(?P<ltext>(?:[^\[\]\\]|\\.|\[[^\[\]]{0,200}\]){0,1000})\]
        \(\s*<?(?P<url>[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\))
    |(?P<ref>\[(?P<rtext>(?:[^\[\]\\]|\\.|\[[^\[\]]{0,200}\]){1,1000})\](?:[ ]?\[(?P<rlabel>[^\[\]]{0,200})\])?)
    |(?P<auto><(?:https?://|mailto:)[^<>\s]{1,2000}>)
    |(?P<tag></?(?P<tname>[A-Za-z][A-Za-z0-9]{0,15})(?:\s[^<>]{0,500})?/?>)
    |(?P<ent>&(?:[A-Za-z][A-Za-z0-9]{1,31}|\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6});)
    |(?P<delim>\*+|_+)""",
    re.VERBOSE,
)
_TOKEN_START = re.compile(r"[\\`!\[<&*_]")  # every inline token starts with one of these
_SPECIAL = re.compile(r"[\\`\[<&*_]")  # no inline syntax without one of these ("![" has "[")
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


@dataclass
class _Delim:
    char: str
    count: int  # characters still literal
    can_open: bool
    can_close: bool


@dataclass
class _Inline:
    pieces: list[str | _Delim] = field(default_factory=list)
    # styles as (kind, start piece index, end piece index, url); a style covers pieces
    # (start, end) exclusive of both delimiter pieces, or [start, end) for non-delimiters
    spans: list[tuple[str, int, int, str | None, bool]] = field(default_factory=list)


def parse_inline(src: str, *, links: bool = True) -> tuple[str, list[StyleTuple]]:
    """Inline Markdown to text and styles (offsets in the returned text)."""
    if not _SPECIAL.search(src):
        return src, []  # plain prose: nothing to parse
    st = _Inline()
    stack: list[int] = []  # indexes of opener delimiter pieces
    html_open: list[tuple[str, int, str | None]] = []  # inline HTML tags: kind, piece, url
    pos = 0
    for sm in _TOKEN_START.finditer(src):
        if sm.start() < pos:
            continue  # inside a span already consumed
        m = _INLINE.match(src, sm.start())
        if m is None:
            continue
        if m.start() > pos:
            st.pieces.append(src[pos : m.start()])
        pos = m.end()
        g = m.lastgroup
        if g == "esc":
            st.pieces.append(m.group()[1])
        elif g == "code":
            ticks = m.group()
            close = src.find(ticks, m.end())
            if close < 0:
                st.pieces.append(ticks)
            else:
                st.pieces.append(src[m.end() : close].strip() or " ")
                pos = close + len(ticks)
        elif g == "img":
            # not part of the text (and never fetched), but listed where it stood
            alt, _, rest = m.group()[2:].partition("](")
            _add_image(st, alt, rest.split()[0].rstrip(")") if rest.split() else "")
        elif g == "link":
            if not links:
                st.pieces.append(m.group())
                continue
            # links within the page ("#section") do not count for link density
            _add_link(st, m.group("ltext"), m.group("url"), fragments_count=False)
        elif g == "ref":
            label = " ".join((m.group("rlabel") or m.group("rtext")).lower().split())
            target = _REFS.get().get(label)
            if target is None or not links:
                if m.group("rlabel") is None:  # "[text]" alone: keep its text, parse inside
                    st.pieces.append("[")
                    pos = m.start("rtext")
                    continue
                st.pieces.append(m.group())
                continue
            _add_link(st, m.group("rtext"), target, fragments_count=True)
        elif g == "auto":
            target = m.group()[1:-1]
            base = len(st.pieces)
            st.pieces.append(target)
            url = safe_url(target)
            if url and links:
                st.spans.append(("link", base, base + 1, url, False))
        elif g == "tag":
            _inline_tag(st, html_open, m.group(), m.group("tname").lower())
        elif g == "ent":
            st.pieces.append(html_lib.unescape(m.group()))
        elif g == "delim":
            run = m.group()
            before = src[m.start() - 1] if m.start() > 0 else " "
            after = src[m.end()] if m.end() < len(src) else " "
            can_open = not after.isspace()
            can_close = not before.isspace()
            if run[0] == "_":  # intraword underscores are literal (snake_case)
                can_open = can_open and not before.isalnum()
                can_close = can_close and not after.isalnum()
            d = _Delim(run[0], len(run), can_open, can_close)
            idx = len(st.pieces)
            st.pieces.append(d)
            if can_close:
                _match_closer(st, stack, idx)
            if d.can_open and d.count:
                stack.append(idx)
                if len(stack) > 64:
                    del stack[0]  # bound the search: unmatched openers stay literal
    if pos < len(src):
        st.pieces.append(src[pos:])
    return _render(st)


def _attr(pattern: re.Pattern[str], raw: str) -> str:
    """The value of the attribute ``pattern`` finds in the tag ``raw`` ("" when absent),
    whichever quotes it has."""
    m = pattern.search(raw)
    return next((x for x in m.groups() if x is not None), "") if m else ""


def _add_image(st: _Inline, alt: str, src: str) -> None:
    """An image's mark at the current place: its alt text, else its file name (an "image"
    style of no width, whose url is what to list; the article lists it as removed text)."""
    said = " ".join(alt.split()) or src.rstrip("/").rsplit("/", 1)[-1] or "image"
    st.spans.append(("image", len(st.pieces), len(st.pieces), said[:200], False))


def _add_link(st: _Inline, inner: str, target: str, *, fragments_count: bool) -> None:
    """A link's text as one piece (its own inline styles kept) and its link span. Unsafe or
    relative targets keep no URL but still count for link density, as an "anchor"; a
    fragment-only target ("#section") counts only when ``fragments_count``."""
    inner_text, inner_styles = parse_inline(inner, links=False)
    base = len(st.pieces)
    st.pieces.append(inner_text)
    for kind, s, e, url in inner_styles:
        st.spans.append((f"{kind}\0{s}\0{e}", base, base + 1, url, False))
    url = safe_url(target)
    if url or fragments_count or not target.startswith("#"):
        st.spans.append(("link" if url else "anchor", base, base + 1, url, False))


def _inline_tag(
    st: _Inline, html_open: list[tuple[str, int, str | None]], raw: str, name: str
) -> None:
    closing = raw.startswith("</")
    kind = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "a": "link"}.get(name)
    if name == "br":
        st.pieces.append(" ")
        return
    if name == "img":  # not part of the text (and never fetched), but listed where it stood
        _add_image(st, html_lib.unescape(_attr(_ALT, raw)), _attr(_SRC, raw))
        return
    if name == "sup":
        _superscript(st, html_open, closing)
        return
    if kind is None:
        return  # other tags are dropped, their text kept
    if not closing:
        url = None
        if kind == "link":
            url = safe_url(_attr(_HREF, raw))
            if not url:
                kind = "anchor"
        html_open.append((kind, len(st.pieces), url))
        return
    for j in range(len(html_open) - 1, max(-1, len(html_open) - 65), -1):  # bounded search
        k, start, url = html_open[j]
        if k == kind or (kind == "link" and k == "anchor"):
            del html_open[j]
            st.spans.append((k, start, len(st.pieces), url, False))
            return


def _superscript(st: _Inline, html_open: list[tuple[str, int, str | None]], closing: bool) -> None:
    """A superscript reads "^" before it, as one writes it in plain text ("x<sup>2</sup>" is
    "x^2", "e<sup>-x</sup>" is "e^(-x)"), in the pane and in the text the engine reads alike:
    "x2" would be another number."""
    if not closing:
        html_open.append(("sup", len(st.pieces), None))
        st.pieces.append("^")
        return
    for j in range(len(html_open) - 1, max(-1, len(html_open) - 65), -1):  # bounded search
        if html_open[j][0] == "sup":
            start = html_open[j][1]
            del html_open[j]
            inner = "".join(
                p if isinstance(p, str) else p.char * p.count for p in st.pieces[start + 1 :]
            )
            if not inner.strip():
                st.pieces[start] = ""
            elif not inner.isalnum():
                st.pieces[start] = "^("
                st.pieces.append(")")
            return


def _match_closer(st: _Inline, stack: list[int], idx: int) -> None:
    closer = st.pieces[idx]
    assert isinstance(closer, _Delim)
    while closer.count and stack:
        found = -1
        for j in range(len(stack) - 1, -1, -1):
            op = st.pieces[stack[j]]
            assert isinstance(op, _Delim)
            if op.char == closer.char and op.count:
                found = j
                break
        if found < 0:
            return
        op_idx = stack[found]
        op = st.pieces[op_idx]
        assert isinstance(op, _Delim)
        del stack[found + 1 :]  # openers between them can no longer match
        use = 2 if op.count >= 2 and closer.count >= 2 else 1
        op.count -= use
        closer.count -= use
        st.spans.append(("bold" if use == 2 else "italic", op_idx, idx, None, True))
        if not op.count:
            stack.pop()
    closer.can_open = closer.can_open and closer.count > 0


def _render(st: _Inline) -> tuple[str, list[StyleTuple]]:
    starts: list[int] = []
    out: list[str] = []
    length = 0
    for p in st.pieces:
        starts.append(length)
        s = p if isinstance(p, str) else p.char * p.count
        out.append(s)
        length += len(s)
    starts.append(length)
    text = "".join(out)
    styles: list[StyleTuple] = []
    for kind, a, b, url, delimited in st.spans:
        if "\0" in kind:  # a style inside link text: offsets relative to that piece
            k, s, e = kind.split("\0")
            styles.append((k, starts[a] + int(s), starts[a] + int(e), url))
            continue
        if delimited:
            # from after the opener's leftover literal chars (they sit on its outer, left
            # side) to the closer's start (its leftovers sit on its right)
            start, end = starts[a + 1], starts[b]
        else:
            start, end = starts[a], starts[b]
        if end > start or kind == "image":  # an image is a mark of no width
            styles.append((kind, start, end, url))
    return text, styles
