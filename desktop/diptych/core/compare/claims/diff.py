"""The word diff of two fragments (diff-match-patch over word tokens)."""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from diptych.core.compare.terms import STOPWORDS, is_shouting, read_as, term_of
from diptych.core.model import DiffOp

_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0.2  # seconds: a worst case degrades to a coarser diff, never a stall
# a token is a figure (with the separators inside it: "70,000", "4:17", "3.5"), a word (with
# inner apostrophes), a run of whitespace or a run of punctuation, so "Morales," and "Morales "
# still share the word, and "70,000" / "50,000" differ as wholes, not as "70" / "50"
_TOKEN_RE = re.compile(r"\d+(?:[.,:]\d+)+|\w+(?:['’]\w+)*|\s+|[^\w\s]+", re.UNICODE)


# distinct content words a diff can align: the private-use characters they are mapped to
# (U+E000..U+F8FF, then planes 15 and 16)
_MAX_DIFF_WORDS = 6400 + 0x110000 - 0xF0000


class _TooManyWords(Exception):
    pass


def _is_content(tok: str) -> bool:
    return (tok[0].isalnum() or tok[0] == "_") and tok.lower().replace("’", "'") not in STOPWORDS


def word_diff(x: str, y: str) -> tuple[DiffOp, ...]:
    """Word-level diff of two texts that shows the content words they share.

    diff-match-patch aligns the two texts' content words (stop words, whitespace and
    punctuation left out, so a run of coincidental "the" and ", " cannot steer the alignment)
    as tokens mapped to characters; no semantic cleanup, which on two sentences that say one
    thing in a different order folds everything into one delete and one insert and hides every
    shared word. Between two aligned words, the tokens both sides start and end with are
    equal too. An equality between two edits that holds only whitespace, punctuation and stop
    words then becomes part of the edits around it, runs of edits merge, and each run lists
    what A drops before what B adds. Ops -1 and 0 rebuild ``x``; 0 and 1 rebuild ``y``.
    """
    tx, ty, anchors = _align(x, y)
    if anchors is None:
        return tuple(d for d in ((-1, x), (1, y)) if d[1])
    return _diff_ops(tx, ty, anchors)


def _align(
    x: str, y: str, *, by_term: bool = False, memo: dict[str, str | None] | None = None
) -> tuple[list[str], list[str], list[tuple[int, int]] | None]:
    """The tokens of ``x`` and ``y`` and their aligned content tokens as (index in x's tokens,
    index in y's tokens), in order (None when there are too many distinct words to align).
    ``by_term``: words match by content term (stem, any case), not as written (``memo``: a
    word -> term dictionary to reuse between calls)."""
    terms = memo if memo is not None else {}
    tx, ty = _TOKEN_RE.findall(x), _TOKEN_RE.findall(y)
    table: dict[str, str] = {}

    def encode(toks: list[str]) -> tuple[str, list[int]]:
        chars: list[str] = []
        where: list[int] = []
        shouting = by_term and is_shouting([t for t in toks if _is_content(t)])
        for i, tok in enumerate(toks):
            if not _is_content(tok):
                continue
            if by_term:
                k = read_as(tok, shouting)
                t = terms[k] if k in terms else terms.setdefault(k, term_of(k))
                key = t or tok.lower()
            else:
                key = tok
            ch = table.get(key)
            if ch is None:
                n = len(table)
                if n >= _MAX_DIFF_WORDS:
                    raise _TooManyWords
                ch = chr(0xE000 + n) if n < 6400 else chr(0xF0000 + n - 6400)
                table[key] = ch
            chars.append(ch)
            where.append(i)
        return "".join(chars), where

    try:
        ex, wx = encode(tx)
        ey, wy = encode(ty)
    except _TooManyWords:  # more distinct words than private-use characters: no alignment
        return tx, ty, None
    # aligned content tokens as (index in tx, index in ty), then an end sentinel
    anchors: list[tuple[int, int]] = []
    px = py = 0
    for op, s in _DMP.diff_main(ex, ey, False):
        if op == 0:
            anchors.extend((wx[px + k], wy[py + k]) for k in range(len(s)))
        if op <= 0:
            px += len(s)
        if op >= 0:
            py += len(s)
    return tx, ty, anchors


def _diff_ops(tx: list[str], ty: list[str], aligned: list[tuple[int, int]]) -> tuple[DiffOp, ...]:
    anchors = [*aligned, (len(tx), len(ty))]
    raw: list[tuple[int, str]] = []
    ix = iy = 0
    for ax, ay in anchors:
        gx, gy = tx[ix:ax], ty[iy:ay]
        pre = 0
        while pre < min(len(gx), len(gy)) and gx[pre] == gy[pre]:
            pre += 1
        suf = 0
        while suf < min(len(gx), len(gy)) - pre and gx[-1 - suf] == gy[-1 - suf]:
            suf += 1
        raw.append((0, "".join(gx[:pre])))
        raw.append((-1, "".join(gx[pre : len(gx) - suf])))
        raw.append((1, "".join(gy[pre : len(gy) - suf])))
        raw.append((0, "".join(gx[len(gx) - suf :])))
        if ax < len(tx) and tx[ax] == ty[ay]:
            raw.append((0, tx[ax]))
        elif ax < len(tx):  # aligned by term, written differently ("confronted", "confront")
            raw.append((-1, tx[ax]))
            raw.append((1, ty[ay]))
        ix, iy = ax + 1, ay + 1
    # merge neighbours of the same kind, drop empties
    ops: list[tuple[int, str]] = []
    for op, s in raw:
        if not s:
            continue
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + s)
        else:
            ops.append((op, s))

    out: list[DiffOp] = []
    dels: list[str] = []
    ins: list[str] = []

    def flush() -> None:
        if dels:
            out.append((-1, "".join(dels)))
        if ins:
            out.append((1, "".join(ins)))
        dels.clear()
        ins.clear()

    for i, (op, s) in enumerate(ops):
        if (
            op == 0
            and 0 < i < len(ops) - 1
            and not any(_is_content(t) for t in _TOKEN_RE.findall(s))
        ):
            dels.append(s)  # filler between edits: part of both edits
            ins.append(s)
        elif op == 0:
            flush()
            out.append((0, s))
        else:
            (dels if op < 0 else ins).append(s)
    flush()
    return tuple(out)
