"""Plain text to raw blocks: paragraphs by blank lines, with e-mail conventions understood.

Wrapped lines are joined; a short line ends its block (lines of a menu, an address, a
signature stay apart). E-mail structure is a format convention, not site chrome, so it is read
here: a leading RFC 822 header block ("From:", "Subject:", "Date:") becomes metadata, lines
quoted with ">" are quotes, and everything after the RFC 3676 signature separator ("-- ") is
marked as signature. Rules of punctuation ("-----", "_____") are section breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diptych.core.reading.rawblocks import RawBlock

_HEADER = re.compile(r"^([A-Z][A-Za-z0-9-]{1,40}):[ \t]+(.*)$")
_RULE = re.compile(r"^[ \t]*([-=_*~#.·•+])\1{2,}[ \t]*$")
_QUOTED = re.compile(r"^[ \t]*>+ ?")
_SHORT_LINE = 50  # a line this short inside a paragraph is not a wrapped line


@dataclass
class MailHeaders:
    subject: str = ""
    sender: str = ""
    date: str = ""
    mime: bool = False  # the body is MIME-encoded (multipart, quoted-printable, base64)
    raw: str = ""  # the header lines as written


def _paragraphs(lines: list[str]) -> list[tuple[int, list[str]]]:
    out: list[tuple[int, list[str]]] = []
    blank = 0
    blank_before = 0
    cur: list[str] = []
    for line in lines:
        if not line.strip() or _RULE.match(line):
            if cur:
                out.append((blank_before, cur))
                cur = []
                blank = 0
            blank += 2 if _RULE.match(line) else 1
            continue
        if not cur:
            blank_before = blank
        cur.append(line)
    if cur:
        out.append((blank_before, cur))
    return out


def _mail_headers(paras: list[tuple[int, list[str]]]) -> tuple[MailHeaders | None, int]:
    """Headers of an e-mail at the top of the text (a run of "Name: value" lines)."""
    if not paras:
        return None, 0
    _gap, lines = paras[0]
    fields: dict[str, str] = {}
    last = ""
    for line in lines:
        m = _HEADER.match(line)
        if m:
            last = m.group(1).lower()
            fields[last] = m.group(2).strip()
        elif line[:1] in (" ", "\t") and last:  # folded header line
            fields[last] += " " + line.strip()
        else:
            return None, 0
    if not ({"from", "subject"} <= fields.keys() or {"subject", "date"} <= fields.keys()):
        return None, 0
    subject = re.sub(
        r"^(?:\s*(?:re|fwd?|aw|sv)\s*:\s*|\s*\[[^\]]{1,40}\]\s*)+",
        "",
        fields.get("subject", ""),
        flags=re.IGNORECASE,
    )
    sender = fields.get("from", "")
    name = re.sub(r"\s*<[^>]*>\s*", " ", sender).strip().strip('"')
    if not name or "@" in name:
        m = re.search(r"\(([^)]+)\)", sender)
        name = m.group(1) if m else name.replace(" at ", "@")
    ctype = fields.get("content-type", "").lower()
    cte = fields.get("content-transfer-encoding", "").lower()
    mime = ctype.startswith(("multipart/", "text/html")) or cte in ("quoted-printable", "base64")
    return (
        MailHeaders(subject.strip(), name.strip(), fields.get("date", ""), mime, "\n".join(lines)),
        1,
    )


def parse_text(source: str) -> tuple[list[RawBlock], MailHeaders | None]:
    lines = source.split("\n")
    paras = _paragraphs(lines)
    headers, skip = _mail_headers(paras)
    out: list[RawBlock] = []
    in_signature = False
    for gap, plines in paras[skip:]:
        groups: list[tuple[bool, list[str]]] = []
        for line in plines:
            if line.rstrip() in ("--", "-- "):
                in_signature = True
                continue
            quoted = bool(_QUOTED.match(line))
            if quoted:
                line = _QUOTED.sub("", line)
            if groups and groups[-1][0] == quoted:
                groups[-1][1].append(line)
            else:
                groups.append((quoted, [line]))
        for quoted, glines in groups:
            for text in _join_wrapped(glines):
                out.append(
                    RawBlock(
                        "quote" if quoted else "paragraph",
                        text,
                        gap_before=gap,
                        explicit=quoted,
                        chrome=in_signature,
                        role="signature" if in_signature else "",
                    )
                )
                gap = 0
    return out, headers


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join wrapped lines into blocks. A line clearly shorter than the paragraph's longest
    (and shorter than a typical wrap width) ends its block, so menus, addresses and
    signatures keep their lines apart while text wrapped at any width is joined."""
    stripped = [s for s in (line.strip() for line in lines) if s]
    if not stripped:
        return []
    longest = max(len(s) for s in stripped)
    # wrapped lines are long relative to the paragraph's longest, and never very short
    short = min(_SHORT_LINE, max(20, int(longest * 0.6)))
    blocks: list[str] = []
    cur: list[str] = []
    for s in stripped:
        cur.append(s)
        if len(s) < short and not s.endswith(("-", ",")):
            blocks.append(" ".join(cur))
            cur = []
    if cur:
        blocks.append(" ".join(cur))
    return blocks
