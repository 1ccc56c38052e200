"""Escaping untrusted text for a Markdown file: hidden characters, inline and block syntax."""

from __future__ import annotations

import re

from diptych.core.controls import ACTING_CLASS

# Characters that must not reach a Markdown file as they are: C0 controls but tab and newline,
# DEL, C1 controls, and the bidirectional controls that reorder what a reader sees (U+202E...);
# direction marks (U+200E, U+200F, U+061C) stay, as in the panes: right-to-left notes need them
_MD_HIDDEN = re.compile(ACTING_CLASS)
_MD_LINE_BREAKS = re.compile("[\u2028\u2029\r]")
# Inline Markdown and HTML: emphasis, code, links and images, raw HTML and entities, tables,
# strikethrough. Each is written backslash-escaped, so user text stays text.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
# What turns a line into a heading, list item or setext underline: escaped at the line start.
_MD_BLOCK_START = re.compile(r"^(\s*)(?:([#+=-])|(\d{1,9})([.)])(?=\s|$))")
# Indentation that reaches four columns (a tab, or four spaces) starts a code block after a
# blank line, where escapes show as typed: it is written as character references instead
_MD_CODE_INDENT = re.compile(r"^(?: {4}| {0,3}\t)[ \t]*")
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
    "(see 3)" stay as they are); indentation of four columns or more is written as character
    references, so it doesn't turn into a code block."""

    def esc(m: re.Match[str]) -> str:
        if m.group(2):
            return f"{m.group(1)}\\{m.group(2)}"
        return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"

    indent = _MD_CODE_INDENT.match(line)
    if indent is not None:  # "    text" or a tab: text, not a code block
        lead = indent.group().replace(" ", "&#32;").replace("\t", "&#9;")
        return lead + _MD_BLOCK_START.sub(esc, line[indent.end() :], count=1)
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
