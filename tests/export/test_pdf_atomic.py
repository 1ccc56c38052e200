"""A failed, cancelled or killed export never leaves a partial file nor replaces a good one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from diptych.core.errors import DiptychError
from diptych.export import annotations as annots
from diptych.export.pdf import ExportCancelled, export_pdf
from helpers.export import random_highlights


def test_cancelled_export_leaves_no_file(app: Any, pair: Any, tmp_path: Path) -> None:
    calls: list[str] = []
    with pytest.raises(ExportCancelled):
        export_pdf(
            tmp_path / "c.pdf",
            *pair,
            progress=lambda f, m: calls.append(m),
            cancelled=lambda: len(calls) > 4,  # cancel while pages are being drawn
        )
    assert any(m.startswith("Drawing page") for m in calls)
    assert list(tmp_path.iterdir()) == []


def test_cancelled_export_keeps_the_existing_file(app: Any, pair: Any, tmp_path: Path) -> None:
    out = tmp_path / "keep.pdf"
    out.write_bytes(b"%PDF-1.4 the good old file")
    with pytest.raises(ExportCancelled):
        export_pdf(out, *pair, cancelled=lambda: True)
    assert out.read_bytes() == b"%PDF-1.4 the good old file"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pdf"]


def test_exception_while_annotating_leaves_no_partial_file_and_keeps_existing(
    app: Any, pair: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "x.pdf"
    out.write_bytes(b"old")
    real_add = annots._add_highlight
    seen = []

    def failing(*args: Any, **kwargs: Any) -> None:
        seen.append(1)
        if len(seen) == 3:
            raise RuntimeError("boom in the middle")
        real_add(*args, **kwargs)

    monkeypatch.setattr(annots, "_add_highlight", failing)
    with pytest.raises(RuntimeError, match="boom"):
        export_pdf(out, *pair, highlights=random_highlights(pair, 6))
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]


def test_exception_while_writing_the_file_leaves_nothing(
    app: Any, pair: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfWriter

    def half_write(self: PdfWriter, stream: Any) -> Any:
        stream.write(b"%PDF-1.7\n% half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(PdfWriter, "write", half_write)
    with pytest.raises(DiptychError, match="the disk is full"):  # one line, no traceback
        export_pdf(tmp_path / "full.pdf", *pair)
    assert list(tmp_path.iterdir()) == []


def test_killed_export_leaves_no_file(app: Any, tmp_path: Path) -> None:
    """kill -9 in the middle of writing: the destination folder stays empty."""
    out = tmp_path / "killed.pdf"
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(Path(__file__).parents[1])!r})
        from helpers.export import long_article
        from diptych.export import annotations as annots
        from diptych.export.pdf import export_pdf

        real = annots.annotate
        def slow(src, dst, **kw):
            dst.write(src[: len(src) // 2])  # half the bytes are in the file...
            dst.flush()
            print("WRITING", flush=True)
            time.sleep(60)  # ...when the process is killed
        annots.annotate = slow
        a = long_article(20, title="A", article_id="k:a")
        b = long_article(20, title="B", seed=3, article_id="k:b")
        export_pdf({str(out)!r}, a, b)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "WRITING"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"layout": "diagonal"}, "unknown layout"),
        ({"page_size": "a3"}, "unknown page size"),
    ],
)
def test_bad_options_are_clear_errors(
    app: Any, pair: Any, tmp_path: Path, kwargs: dict[str, str], message: str
) -> None:
    with pytest.raises(DiptychError, match=message):
        export_pdf(tmp_path / "o.pdf", *pair, **kwargs)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_missing_or_read_only_folder_is_a_clear_error(app: Any, pair: Any, tmp_path: Path) -> None:
    with pytest.raises(DiptychError, match="does not exist"):
        export_pdf(tmp_path / "nope" / "o.pdf", *pair)
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        if os.access(ro, os.W_OK):  # running as root: permissions do not stop us
            pytest.skip("root can write anywhere")
        with pytest.raises(DiptychError, match="not writable"):
            export_pdf(ro / "o.pdf", *pair)
    finally:
        ro.chmod(0o700)


def test_existing_file_is_replaced_only_when_complete(app: Any, pair: Any, tmp_path: Path) -> None:
    out = tmp_path / "o.pdf"
    out.write_bytes(b"old")
    out.chmod(0o640)
    export_pdf(out, *pair)
    assert out.read_bytes().startswith(b"%PDF-")
    assert out.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    assert [p.name for p in tmp_path.iterdir()] == ["o.pdf"]
