"""kill -9 while a note is typed in the real window: what the next start gets back.

Each round starts the window in a child process (``note_typing_child.py``), types a note key
by key, kills the process with SIGKILL at a random moment, and reads what a next start would
restore: the crash draft when there is one (``NoteSafekeeper.restore_once`` puts it back),
else the stored note. Typed text older than ``ALLOWED_LOSS_S`` before the kill must all be
there. ``DIPTYCH_KILL_ROUNDS`` sets the number of rounds (3 by default; 20 for the issue's
measurement).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from diptych.core.notes.store import Store
from diptych.ui.highlights.safekeeping import NoteDraft, draft_path_for

ALLOWED_LOSS_S = 2.0
CHILD = Path(__file__).with_name("note_typing_child.py")
TEXT_PREFIX_CHECK = 10  # every round typed for a while before the kill


def _round(tmp: Path, seed: int) -> dict[str, float]:
    rnd = random.Random(seed)
    db = tmp / f"notes-{seed}.sqlite3"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DIPTYCH_NO_DIALOGS="1")
    env["PYTHONPATH"] = os.pathsep.join([str(CHILD.parent), env.get("PYTHONPATH", "")])
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(db), str(tmp / f"desk-{seed}.ini"), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    typed: list[float] = []  # monotonic time at which character i was typed
    ready: list[str] = []
    got_ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            parts = line.split()
            if parts[:1] == ["ready"]:
                ready.append(parts[1])
                got_ready.set()
            elif parts[:1] == ["typed"]:
                typed.append(float(parts[2]))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert got_ready.wait(180), "the window never got ready"
        # 3-5 s of typing: the draft (every second) and the store save (within two seconds
        # of the first key) have both run more than once, and at least a second of typing
        # lies before the allowed loss; longer rounds only took longer
        time.sleep(rnd.uniform(3.0, 5.0))
        killed_at = time.monotonic()
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
    reader.join(10)
    hid = ready[0]
    n_typed = sum(1 for t in typed if t <= killed_at)
    store = Store.open(db, backups=False)
    try:
        stored = store.get(hid).note
    finally:
        store.close()
    draft = NoteDraft(draft_path_for(db)).read()
    recovered = draft.text if draft is not None and draft.key == hid else stored
    from note_typing_child import TEXT

    assert TEXT.startswith(recovered), "the recovered note is not what was typed"
    must_have = sum(1 for t in typed[:n_typed] if t < killed_at - ALLOWED_LOSS_S)
    lost_chars = n_typed - len(recovered)
    lost_old = max(0, must_have - len(recovered))
    first_lost = typed[len(recovered)] if len(recovered) < n_typed else killed_at
    return {
        "typed": n_typed,
        "recovered": len(recovered),
        "lost_chars": lost_chars,
        "lost_beyond_allowed": lost_old,
        "lost_seconds": killed_at - first_lost,
        "typing_seconds": killed_at - typed[0] if typed else 0.0,
        "from_draft": float(draft is not None),
    }


@pytest.mark.slow
def test_kill_9_while_typing_loses_at_most_the_last_two_seconds(tmp_path, capsys):
    rounds = int(os.environ.get("DIPTYCH_KILL_ROUNDS", "3"))
    results = [_round(tmp_path, seed) for seed in range(rounds)]
    with capsys.disabled():
        for i, r in enumerate(results):
            print(
                f"\nround {i}: typed {r['typed']} chars in {r['typing_seconds']:.1f} s, "
                f"recovered {r['recovered']} ({'draft' if r['from_draft'] else 'store'}), "
                f"lost {r['lost_chars']} = last {r['lost_seconds']:.2f} s, "
                f"lost beyond {ALLOWED_LOSS_S} s: {r['lost_beyond_allowed']}"
            )
    assert all(r["typed"] > TEXT_PREFIX_CHECK for r in results)
    assert [r["lost_beyond_allowed"] for r in results] == [0] * rounds
    assert max(r["lost_seconds"] for r in results) <= ALLOWED_LOSS_S
