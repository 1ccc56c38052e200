"""Background work without Qt: what the window runs off its UI thread, as plain Python.

``cancel``         a thread-safe cancel token (``CancelToken``, ``JobCancelled``)
``article_cache``  parsed articles pickled in the user cache dir, keyed by file and parser code
``child_process``  parsing big files and analysing long pairs in child processes
``pair_job``       opening a pair: read, report the articles, analyse, report the analysis

The Qt side that runs these on a thread pool and delivers results on the UI thread is
``diptych.ui.jobs`` (one helper for all background work) and ``diptych.ui.worker``
(the window's pair loader). Imports only ``diptych.core`` and the standard library
(checked by tests/core/test_core_is_qt_free.py, with Qt blocked).
"""
