"""Article loading speed on generated files (run on demand, prints numbers; not a test).

    .venv/bin/python tests/benchmarks/bench_articles.py

Loads plain text and Markdown of 1, 5 and 20 MB, one 5 MB line and a 2 MB HTML page, and
prints seconds, MB/s and how time grows from 5 to 20 MB (4x input; linear is ~4x time).
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from diptych.core.reading.articles import load_article

WORDS = [
    "the",
    "council",
    "voted",
    "to",
    "rebuild",
    "a",
    "wall",
    "along",
    "river",
    "after",
    "flood",
    "damaged",
    "homes",
    "and",
    "engineers",
    "said",
    "project",
    "would",
    "cost",
    "millions",
    "while",
    "residents",
    "asked",
    "whether",
    "Eastford",
    "downstream",
    "would",
    "pay",
    "U.S.",
    "Gen.",
    "No.",
    "240",
    "e.g.",
    "2.5",
    "percent",
]


def _paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 8)):
        n = rng.randint(8, 30)
        s = " ".join(rng.choice(WORDS) for _ in range(n))
        sentences.append(s[0].upper() + s[1:] + rng.choice([".", ".", ".", "?", "!"]))
    return " ".join(sentences)


def _text(size: int, rng: random.Random, *, markdown: bool = False) -> str:
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        p = _paragraph(rng)
        if markdown and i % 10 == 0:
            p = f"## Section {i}\n\n" + p.replace(" wall ", " **wall** ", 1)
        parts.append(p)
        total += len(p) + 2
        i += 1
    return "\n\n".join(parts)


def _time(path: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    art = load_article(path)
    return time.perf_counter() - t0, len(art.text)


def main() -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        results: dict[str, float] = {}
        for mb in (1, 5, 20):
            for suffix, md in ((".txt", False), (".md", True)):
                p = d / f"gen-{mb}mb{suffix}"
                p.write_text(_text(mb * 1_000_000, rng, markdown=md), encoding="utf-8")
                secs, n = _time(p)
                results[f"{mb}{suffix}"] = secs
                print(f"{p.name:16} {secs:6.2f} s  {mb / secs:5.1f} MB/s  {n:>10} chars")
        line = d / "one-line-5mb.txt"
        line.write_text(_paragraph(rng).replace("\n", " ") * 1 + " x" * 2_400_000, encoding="utf-8")
        secs, n = _time(line)
        print(f"{line.name:16} {secs:6.2f} s  {n:>10} chars")
        html = d / "page-2mb.html"
        body = "".join(f"<p>{_paragraph(rng)}</p>" for _ in range(2500))
        html.write_text(f"<html><body><h1>T</h1>{body}</body></html>", encoding="utf-8")
        secs, n = _time(html)
        print(f"{html.name:16} {secs:6.2f} s  {n:>10} chars")
        for suffix in (".txt", ".md"):
            ratio = results[f"20{suffix}"] / results[f"5{suffix}"]
            print(f"growth 5 -> 20 MB ({suffix}): {ratio:.2f}x time for 4x input")


if __name__ == "__main__":
    main()
