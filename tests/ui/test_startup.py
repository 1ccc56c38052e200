"""What the window's start imports before the first paint (issue 9.8: start-up does not get
slower). Speed itself is measured by tests/benchmarks/bench_startup.py; these tests pin the
cause: code the first frame does not show (the store, the side panels, the note editor, the
subcommands) is not imported until the articles are on screen."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from helpers.window import app_env

# the modules recorded when the window says "articles shown", in a child started like
# `python -m diptych` (no arguments: the last pair, here the seed pair)
CHILD = textwrap.dedent(
    """
    import json, sys
    from diptych.ui import app

    seen = []
    original = app._maybe_exit_when_ready

    def record(window):
        original(window)
        window.articles_shown.connect(lambda: seen.append(sorted(sys.modules)))

    app._maybe_exit_when_ready = record
    from diptych.cli import main

    code = main(sys.argv[1:])
    print("MODULES " + json.dumps(seen[0] if seen else None), flush=True)
    sys.exit(code)
    """
)

NOT_BEFORE_FIRST_PAINT = (
    "diptych.core.notes.store",  # the highlights store opens after the first paint
    "diptych.core.notes.anchoring",
    "diptych.ui.highlights.controller",
    "diptych.ui.highlights.note_editor",
    "diptych.ui.highlights.state",
    "diptych.ui.claims.panel",  # the side panels are built after the first paint
    "diptych.ui.highlights.panel",
    "diptych.ui.find_bar",
    "diptych.ui.export_dialog",
    "diptych.cli.analysis",  # the subcommands: `diptych` alone builds no parser
    "diptych.cli.highlights",
    "diptych.cli.export",
    "diptych.cli.desktop",
)


def _modules_at_first_paint(tmp_path, *argv: str) -> list[str]:
    env = app_env(tmp_path, DIPTYCH_EXIT_WHEN="shown")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *argv],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stdout.splitlines() if x.startswith("MODULES "))
    modules = json.loads(line.removeprefix("MODULES "))
    assert modules, out.stderr
    return list(modules)


@pytest.mark.slow
def test_the_first_paint_imports_nothing_it_does_not_show(tmp_path):
    modules = set(_modules_at_first_paint(tmp_path))
    assert "diptych.ui.main_window" in modules  # the recording saw the window's start
    early = [m for m in NOT_BEFORE_FIRST_PAINT if m in modules]
    assert early == []


def test_the_subcommand_parsers_import_no_core_code():
    # `diptych A.md B.md` builds every parser to tell files from subcommand names; building
    # them must not import what only running a subcommand needs
    code = textwrap.dedent(
        """
        import sys
        from diptych.cli.app import command_names
        assert "claims" in command_names()
        core = sorted(m for m in sys.modules if m.startswith("diptych.core.")
                      and m not in ("diptych.core.errors",))
        print(core)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout


def test_the_escape_that_spares_the_start_the_html_module_escapes_as_it_does():
    import html

    from diptych.ui.safe_text import as_rich, escape

    for text in ["<img src=file:///etc/passwd>", "a & b", "&amp;", "'\"", "", "plain", "<<>>&&"]:
        assert escape(text) == html.escape(text)
    assert as_rich("<b>x</b> & 'y'") == (
        "<p style='white-space: pre-wrap'>&lt;b&gt;x&lt;/b&gt; &amp; &#x27;y&#x27;</p>"
    )


@pytest.mark.slow
def test_sigterm_once_the_window_is_shown_closes_it_through_the_quit_handler(tmp_path):
    # the quit signals are installed after the first paint (issue 9.8): by then a SIGTERM
    # (a logout, `kill`) goes through the window's close, and the process exits with 0
    # instead of dying of the signal (-15)
    env = app_env(tmp_path, DIPTYCH_EXIT_WHEN="analysed")
    proc = subprocess.Popen(
        [sys.executable, "-m", "diptych"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("shown "), first
        time.sleep(0.2)  # the handler is installed on the event loop's next turn
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if "analysed" in out:
        pytest.skip("the analysis finished (and quit) before the signal was sent")
    assert proc.returncode == 0, err
