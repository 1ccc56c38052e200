"""Test helpers shared by every test folder and by the benchmarks run as scripts.

``tests/conftest.py`` puts ``tests/`` on ``sys.path`` so ``from helpers.articles import
make_article`` works from any folder; a benchmark run as a script does the same at its top.

- ``articles``: ``make_article``, an Article built straight from the model (no loader).
- ``claims_list``: the claims panel's list as the reader sees it (headings, rows, their texts,
  tooltips and colours).
- ``desk``: long articles and a linear anchor chain for the reading-desk tests.
- ``highlights``: a small hand-made pair with topics and claims for the highlights UI tests.
- ``highlights_desk``: two panes, the gutter and the highlight controller wired as the window
  wires them (no main window), and the flood pair they show.
- ``window``: the main window as the window tests open it (shown, sized, the seed pair in it).
- ``export``: the PDF export test articles, random highlights and the PDF readers.
"""
