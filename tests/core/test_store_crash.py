"""The store under kill -9 and under two writers at once: nothing committed is ever lost."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from diptych.core.notes.store import Store
from helpers.articles import make_article

TESTS = Path(__file__).resolve().parents[1]  # for helpers, in the writer processes

# A writer process: adds highlights one action at a time and prints each id once the call has
# returned (i.e. once the store says the highlight is saved).
WRITER = textwrap.dedent(
    """
    import sys
    db, n, tag, tests = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    sys.path.insert(0, tests)
    from helpers.articles import make_article
    from diptych.core.notes.store import Store

    text = "The river carries silt to the delta, where it settles. " * 40
    art = make_article(text, "urn:crash:" + tag, tag)
    with Store.open(db) as store:
        for i in range(n):
            h = store.add_highlight(art, i % 500, i % 500 + 12, note=f"{tag} note {i} é😀")
            if i % 7 == 0:
                store.update_highlight(h.id, color="green", tags=[tag])
            sys.stdout.write(h.id + "\\n")
            sys.stdout.flush()
    """
)


def _start_writer(db: Path, n: int, tag: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(n), tag, str(TESTS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _collect(proc: subprocess.Popen[str], into: list[str]) -> threading.Thread:
    def run() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            into.append(line.strip())

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def _check_file(db: Path, ids: list[str]) -> None:
    if not db.exists():
        # killed before the store was first created (it is built aside and linked into
        # place): nothing can have been committed. Connecting here would create an empty
        # file, which the next open then rightly reports.
        assert ids == []
        return
    conn = sqlite3.connect(f"{db.as_uri()}?mode=rw", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {r[0] for r in conn.execute("SELECT id FROM highlights")}
    finally:
        conn.close()
    missing = [i for i in ids if i not in stored]
    assert not missing, f"{len(missing)} committed highlights lost"


@pytest.mark.slow
def test_kill_9_while_writing_never_loses_a_committed_highlight(tmp_path: Path) -> None:
    db = tmp_path / "crash.sqlite3"
    rng = random.Random(20261122)
    committed: list[str] = []
    killed_mid_run = 0
    for run in range(20):
        proc = _start_writer(db, 1000, f"run{run}")
        printed: list[str] = []
        reader = _collect(proc, printed)
        if run % 3 == 0:
            # a random moment from start-up (open, backup, schema creation) on
            time.sleep(rng.uniform(0.02, 0.4))
        else:
            # a random moment mid-run: after k highlights, plus up to a few ms. Up to 500, not
            # 1000: each commit adds a few pages to the write-ahead log, whose checkpoint
            # (every 1000 pages) comes after about 200, so kills still land before, during and
            # after one, at half the writing time (the run's cost is the writes, ~1 ms each)
            k = rng.randint(1, 500)
            deadline = time.monotonic() + 30
            while len(printed) < k and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.0005)
            time.sleep(rng.uniform(0, 0.004))
        proc.kill()  # SIGKILL: no cleanup, no flush, no close
        proc.wait()
        reader.join(5)
        if proc.returncode != 0:
            killed_mid_run += 1
        committed.extend(i for i in printed if i)
        _check_file(db, committed)
        # and the store opens cleanly afterwards, without calling anything damaged
        with Store.open(db, backups=False) as s:
            assert s.notices == []
            assert s.integrity_check() == "ok"
    # the 13 progress-based kills land mid-run whatever the machine's speed
    assert killed_mid_run >= 13
    assert len(committed) > 100  # ...and they had committed work by then
    print(f"\n{len(committed)} committed highlights over 20 kill -9 runs, all present")


def test_two_processes_writing_at_once_both_succeed_and_nothing_is_lost(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite3"
    Store.open(db).close()
    procs = [_start_writer(db, 300, tag) for tag in ("left", "right")]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert err == ""
    ids = [line for out, _ in outs for line in out.split()]
    assert len(ids) == 600
    _check_file(db, ids)
    with Store.open(db) as s:
        assert len(s.all_highlights()) == 600
        assert {t for h in s.all_highlights() for t in h.tags} == {"left", "right"}


def test_two_threads_sharing_one_store_interleave_safely(tmp_path: Path) -> None:
    text = "Threads share the store. " * 20
    art = make_article(text, "urn:threads", "")
    errors: list[BaseException] = []
    with Store.open(tmp_path / "t.sqlite3") as store:

        def work(k: int) -> None:
            try:
                for i in range(100):
                    h = store.add_highlight(art, i, i + 5, note=f"{k}-{i}")
                    store.resolve_all(art) if i % 25 == 0 else store.get(h.id)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert len(store.all_highlights()) == 300
