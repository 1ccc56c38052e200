"""Build the translation set: chapters of two independent public-domain English translations
of the Bible, laid out as pairs of articles with verses dropped on each side, and the gold
sentence pairs that come from the verse numbering (issue 11's "external translation set").

Run once, by hand (not collected by pytest; needs ``pysword`` and the two SWORD modules,
``sources/en/ASV/ASV.zip`` and ``sources/en/BBE/BBE.zip`` of the scrollmapper/bible_databases
repository, unzipped into one folder each):

    PYTHONPATH=desktop:<site-packages with pysword> python tests/benchmarks/build_translation_set.py ASV_DIR BBE_DIR

It writes ``tests/data/claim_pairs/translation_<chapter>_{asv,bbe}.md`` and
``tests/data/translation_claim_gold.tsv``; the rules (what is dropped, what gold is) are in
``tests/data/claim_pairs/README.md`` and the gold file's header.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "data" / "claim_pairs"
GOLD = ROOT / "tests" / "data" / "translation_claim_gold.tsv"

# (file stem, book, chapter, heading)
CHAPTERS = [
    ("ruth1", "Ruth", 1, "Ruth, chapter 1"),
    ("genesis37", "Genesis", 37, "Genesis, chapter 37"),
    ("acts12", "Acts", 12, "Acts, chapter 12"),
    ("philippians2", "Philippians", 2, "Philippians, chapter 2"),
]
SIDES = [("asv", "American Standard Version (1901)"), ("bbe", "Bible in Basic English (1949/1964)")]
DROP_SHARE = 0.12  # of each side's verses, different verses on the two sides
SEED = 11  # issue 11
# a pair of sentences is gold when the stretch of the verse axis both cover is at least this
# share of the shorter one's stretch
MIN_SHARED = 0.5
PARA_EVERY = 5  # a paragraph break after about every fifth verse, where both sides end one
_END = re.compile(r"[.!?][\"'\u2019\u201d)]*$")


HEADER = """\
# The translation set's gold sentence pairs (issue 11's "external translation set", our own).
# Source: the scrollmapper/bible_databases repository (sources/en/ASV, sources/en/BBE: the
# CrossWire SWORD modules), American Standard Version (1901) as A and Bible in Basic English
# (1949/1964) as B, both Public Domain (the modules' DistributionLicense). Chapters Ruth 1,
# Genesis 37, Acts 12, Philippians 2, laid out as claim_pairs/translation_<chapter>_{asv,bbe}.md
# by tests/benchmarks/build_translation_set.py (seed 11): verse text verbatim, no verse
# numbers, a paragraph break where both sides end a sentence after about every fifth verse;
# about 12 % of the verses dropped on each side, different verses on the two sides, only
# verses that are whole sentences on their side.
# Gold, at the unit the engine reports (a sentence pair): each body sentence covers a stretch
# of the verse axis (for every verse it touches, the share of that verse's characters inside
# it); a pair (A sentence, B sentence) is gold when the stretch both cover is at least half
# the shorter one's. So a sentence spanning verses pairs with each of the other side's
# sentences inside it, two sentences of one verse pair in order, and a sentence whose verses
# were dropped on the other side pairs with nothing.
# Columns: chapter, the verses both sentences translate, the start of the A sentence, the
# start of the B sentence (each the shortest prefix of 30+ characters found once in its file).
"""


def read_verses(module_dir: str, book: str, chapter: int) -> list[str]:
    from pysword.modules import SwordModules  # type: ignore[import-not-found]

    mods = SwordModules(module_dir)
    key = next(iter(mods.parse_modules()))
    bible = mods.get_bible_from_module(key)
    verses = list(bible.get_iter(books=[book], chapters=[chapter], clean=True))
    return [" ".join(v.split()) for v in verses]


def drops(va: list[str], vb: list[str], stem: str) -> tuple[set[int], set[int]]:
    """Verse numbers (1-based) dropped on side A and on side B: disjoint, never verse 1, and
    only verses that are whole sentences on their side (the verse before ends a sentence and
    so does the verse), so what is dropped is sentences."""
    rng = random.Random(f"{SEED}-{stem}")
    n = len(va)
    k = max(1, round(DROP_SHARE * n))

    def whole(vs: list[str], v: int) -> bool:
        return bool(_END.search(vs[v - 2]) and _END.search(vs[v - 1]))

    pool = list(range(2, n + 1))
    rng.shuffle(pool)
    da = [v for v in pool if whole(va, v)][:k]
    db = [v for v in pool if whole(vb, v) and v not in da][:k]
    return set(da), set(db)


def layout(verses: list[str], dropped: set[int], breaks: set[int], heading: str, version: str):
    """The article's markdown, and each kept verse's (start, end) offsets in it."""
    text = f"# {heading} ({version})\n\n"
    spans: dict[int, tuple[int, int]] = {}
    para: list[str] = []
    for v, verse in enumerate(verses, 1):
        if v not in dropped:
            if para:
                text += " "
            spans[v] = (len(text), len(text) + len(verse))
            text += verse
            para.append(verse)
        if v in breaks and para:
            text += "\n\n"
            para = []
    return text.rstrip() + "\n", spans


def portions(art, verses: list[str], spans: dict[int, tuple[int, int]]):
    """Each body sentence of ``art`` and the stretch of the verse axis it covers: for each
    verse it touches, the fraction of that verse (by characters) inside the sentence."""
    where: dict[int, tuple[int, int]] = {}
    pos = 0
    for v in sorted(spans):
        start = art.text.index(verses[v - 1], pos)  # the markdown source's offsets differ
        where[v] = (start, start + len(verses[v - 1]))
        pos = where[v][1]
    out = []
    for s in art.sentences:
        if art.block_at(s.start) < 1:
            continue  # the heading
        por: dict[int, tuple[float, float]] = {}
        for v, (x, y) in where.items():
            lo, hi = max(x, s.start), min(y, s.end)
            if lo < hi:
                por[v] = ((lo - x) / (y - x), (hi - x) / (y - x))
        out.append((s, por))
    return out


def overlap(pa: dict[int, tuple[float, float]], pb: dict[int, tuple[float, float]]) -> float:
    return sum(
        max(0.0, min(pa[v][1], pb[v][1]) - max(pa[v][0], pb[v][0])) for v in set(pa) & set(pb)
    )


def length(p: dict[int, tuple[float, float]]) -> float:
    return sum(y - x for x, y in p.values())


def snippet(text: str, body: str) -> str:
    """The shortest prefix of a sentence (from 30 characters, whole words) found once."""
    words = text.split(" ")
    for k in range(1, len(words) + 1):
        s = " ".join(words[:k])
        if len(s) >= 30 and body.count(s) == 1:
            return s
    return text


def main(argv: list[str]) -> int:
    asv_dir, bbe_dir = argv
    from diptych.core.reading.articles import load_article

    rows: list[str] = []
    for stem, book, chapter, heading in CHAPTERS:
        va, vb = read_verses(asv_dir, book, chapter), read_verses(bbe_dir, book, chapter)
        assert len(va) == len(vb), (stem, len(va), len(vb))
        n = len(va)
        da, db = drops(va, vb, stem)
        breaks = {
            v
            for v in range(PARA_EVERY, n, PARA_EVERY)
            if _END.search(va[v - 1]) and _END.search(vb[v - 1])
        }
        # where verse v does not end a sentence on both sides, break after the next one that does
        for v in range(PARA_EVERY, n, PARA_EVERY):
            if v not in breaks:
                w = next(
                    (
                        w
                        for w in range(v + 1, n)
                        if _END.search(va[w - 1]) and _END.search(vb[w - 1])
                    ),
                    None,
                )
                if w is not None and w + 1 < v + PARA_EVERY:
                    breaks.add(w)
        arts = []
        for (side, version), verses, dropped in ((SIDES[0], va, da), (SIDES[1], vb, db)):
            md, spans = layout(verses, dropped, breaks, heading, version)
            path = OUT / f"translation_{stem}_{side}.md"
            path.write_text(md, encoding="utf-8")
            arts.append((load_article(path), spans))
        (a, sa), (b, sb) = arts
        pa, pb = portions(a, va, sa), portions(b, vb, sb)
        for s_a, por_a in pa:
            for s_b, por_b in pb:
                shared = overlap(por_a, por_b)
                if shared and shared >= MIN_SHARED * min(length(por_a), length(por_b)):
                    rows.append(
                        "\t".join(
                            [
                                stem,
                                ",".join(str(v) for v in sorted(set(por_a) & set(por_b))),
                                snippet(a.span_text(s_a), a.text),
                                snippet(b.span_text(s_b), b.text),
                            ]
                        )
                    )
        print(stem, n, "verses; dropped A", sorted(da), "B", sorted(db))
    GOLD.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
