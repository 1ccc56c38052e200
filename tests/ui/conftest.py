"""Window tests: garbage is collected on the UI thread after each test.

Python runs its cycle collector in whichever thread happens to allocate when a threshold is
crossed; the store worker (ui/highlights/store_calls.py), the highlight loader and the
background jobs run Python on other threads. A test's widgets left in a reference cycle
would then be deleted by Qt from that thread (a segfault, seen in the next test's worker).
Collecting here, on the UI thread, between tests leaves nothing of a finished test for
another thread to collect.
"""

from __future__ import annotations

import gc

import pytest


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_ui_thread():
    yield
    gc.collect()
