"""``diptych export-pdf``: the seed pair (or two files) with highlights from the store."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from diptych.cli import main
from diptych.core.compare.claims import find_claims
from diptych.core.notes.store import Store
from diptych.core.reading.articles import load_seed_pair
from helpers.export import pdfannots_started, squeeze


@pytest.mark.slow
def test_export_pdf_on_the_seed_pair_reads_back_every_store_highlight(
    qapp: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = load_seed_pair()
    db = tmp_path / "h.sqlite3"
    with Store.open(db) as store:
        made = []
        for art in (a, b):
            for n, blk in enumerate(art.blocks[2:40:6]):
                s = blk.start + min(10, (blk.end - blk.start) // 3)
                e = min(blk.end, s + 90)
                while e < blk.end and not art.text[e].isspace():
                    e += 1
                made.append(store.add_highlight(art, s, e, color="blue", note=f"n{n} (x) \\ y"))
        store.link(made[0].id, made[-1].id, "compare")
    readers = {}
    for layout in ("sequential", "parallel"):
        out = tmp_path / f"seed-{layout}.pdf"
        code = main(["export-pdf", "--db", str(db), "--out", str(out), "--layout", layout])
        assert code == 0
        printed = capsys.readouterr().out
        assert f"{len(made)} highlights" in printed and str(out) in printed
        # the claims counted as the appendix lists them: the numbered (strong) ones, then the
        # possible ones, never all of them as if they were alike
        tiers = [c.tier for c in find_claims(*load_seed_pair()).claims]
        said = f"{tiers.count('strong')} claims (+{tiers.count('possible')} possible)"
        assert said in printed, printed
        readers[layout] = (out, pdfannots_started(out))  # both read at once: half the wait
    for layout, (out, proc) in readers.items():
        stdout, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0, layout
        by_id: dict[str, list[dict[str, Any]]] = {}
        for an in json.loads(stdout):
            by_id.setdefault(an["name"].split("-", 1)[1].rsplit("-p", 1)[0], []).append(an)
        assert set(by_id) == {h.id for h in made}, layout
        for h in made:
            art = a if h.article_id == a.id else b
            text = "".join(p["text"] for p in by_id[h.id])
            assert squeeze(text) == squeeze(art.text[h.position.start : h.position.end])
            assert by_id[h.id][0]["contents"].startswith(h.note)
        assert "compare" in by_id[made[0].id][0]["contents"]
        assert "compare" in by_id[made[-1].id][0]["contents"]
        assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
        meta = PdfReader(str(out)).metadata
        assert meta.title.startswith("Bolivia")


def test_export_pdf_on_two_files_without_highlights(
    qapp: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fa = tmp_path / "a.md"
    fb = tmp_path / "b.txt"
    fa.write_text(
        "# First piece\n\nThe council voted on the budget on Tuesday.\n", encoding="utf-8"
    )
    fb.write_text("Second piece\n\nOn Tuesday the council passed the budget.\n", encoding="utf-8")
    out = tmp_path / "two.pdf"
    code = main(
        ["export-pdf", str(fa), str(fb), "--out", str(out), "--db", str(tmp_path / "db"),
         "--page-size", "letter", "--no-cover"]
    )  # fmt: skip
    assert code == 0
    reader = PdfReader(str(out))
    assert round(float(reader.pages[0].mediabox.height)) == 792
    assert "council voted" in " ".join(reader.pages[0].extract_text().split())


def test_export_pdf_usage_errors(
    qapp: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export-pdf"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["export-pdf", "--out", str(tmp_path / "x.pdf"), "--layout", "diagonal"])
    assert exc.value.code == 2
    code = main(
        ["export-pdf", "--out", str(tmp_path / "no" / "x.pdf"), "--db", str(tmp_path / "d")]
    )
    assert code == 1
    assert "does not exist" in capsys.readouterr().err
    folder = tmp_path / "DIR.md"
    folder.mkdir()
    assert main(["export-pdf", "--out", str(folder), "--db", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert "is a folder; give a PDF file name" in err and "name name" not in err


def test_export_pdf_applies_the_readers_verdicts_from_the_store(
    qapp: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:

    a, b = load_seed_pair()
    claims = find_claims(a, b).claims
    strong = [c for c in claims if c.tier == "strong"]
    possible = [c for c in claims if c.tier == "possible"]
    assert strong and possible
    confirmed, rejected = possible[0], strong[0]
    db = tmp_path / "h.sqlite3"
    with Store.open(db) as store:
        for c, verdict in ((confirmed, "same"), (rejected, "different")):
            store.set_verdict(a, (c.a.start, c.a.end), b, (c.b.start, c.b.end), verdict)
    out = tmp_path / "v.pdf"
    assert main(["export-pdf", "--db", str(db), "--out", str(out), "--no-cover", "-q"]) == 0
    capsys.readouterr()
    pages = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    first = next(i for i, p in enumerate(pages) if "Appendix" in p and "Overlapping" in p)
    appendix = squeeze("".join(pages[first:]))
    assert f"Confirmedbyyou·score{confirmed.score:.2f}" in appendix
    assert squeeze(a.text[confirmed.a.start : confirmed.a.end])[:60] in appendix
    assert squeeze(a.text[rejected.a.start : rejected.a.end])[:60] not in appendix
