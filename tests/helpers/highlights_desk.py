"""The highlights UI without the main window: two ReaderPanes, the link gutter and the
controller on a real Store, wired as the window wires them; and the flood pair it shows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QWidget

from diptych.core.model import Article
from diptych.core.notes.store import Store
from diptych.ui.highlights import HighlightController
from diptych.ui.link_gutter import LinkGutter, pane_extent
from diptych.ui.reader_pane import ReaderPane
from helpers.articles import make_article

FLOOD_A = [
    "The river rose overnight and the bridge was closed to traffic.",
    "Officials said the water level would peak on Thursday afternoon.",
    "Volunteers filled sandbags along the eastern bank of the town.",
    "Schools will stay closed until the roads are safe again.",
]
FLOOD_B = [
    "Schools remain shut while roads are cleared.",
    "Authorities expect the flood to peak on Thursday.",
    "The old bridge was closed after the river rose during the night.",
    "A concert planned for the weekend has been postponed.",
]


class Desk(QWidget):
    """Stand-in for the main window: pane A | gutter | pane B, wired as the window will."""

    def __init__(self, store: Store, a, b) -> None:
        super().__init__()
        self.pane_a, self.pane_b = ReaderPane("a"), ReaderPane("b")
        self.gutter = LinkGutter()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.pane_a, 1)
        lay.addWidget(self.gutter)
        lay.addWidget(self.pane_b, 1)
        self.pane_a.set_article(a)
        self.pane_b.set_article(b)
        self.undo_stack = QUndoStack(self)
        self.ctl = HighlightController(
            store, self.pane_a, self.pane_b, self.undo_stack, self, dialogs=False
        )
        self.addActions(self.ctl.all_actions())
        self.gutter.set_extent_functions(
            pane_extent(self.pane_a, self.gutter), pane_extent(self.pane_b, self.gutter)
        )
        self.ctl.gutter_links_changed.connect(
            lambda links: self.gutter.set_links(links, group="highlights")
        )
        self.gutter.link_clicked.connect(self.ctl.on_gutter_link_clicked)
        self.gutter.link_menu_requested.connect(self.ctl.on_gutter_link_menu)
        self.errors: list[str] = []
        self.ctl.error_occurred.connect(self.errors.append)
        self.ctl.set_articles(a, b, background=False)


def flood_pair() -> tuple[Article, Article]:
    """The flood articles A and B, one sentence a paragraph."""
    return (
        make_article(FLOOD_A, "urn:test:flood-a", "Flood A"),
        make_article(FLOOD_B, "urn:test:flood-b", "Flood B"),
    )


def shown_flood_desk(qtbot, store: Store) -> Desk:
    """A ``Desk`` on ``store`` showing the flood pair, 1000×500, exposed (pytest-qt closes it)."""
    d = Desk(store, *flood_pair())
    qtbot.addWidget(d)
    d.resize(1000, 500)
    d.show()
    qtbot.waitExposed(d)
    return d


@contextmanager
def two_flood_desks(qtbot, path: Path) -> Iterator[list[Desk]]:
    """Two windows on the flood pair, each with its own Store connection on the file
    ``path``: what another window (or program) writing to the same store looks like."""
    stores = [Store.open(path, backups=False), Store.open(path, backups=False)]
    desks = []
    for s in stores:
        d = Desk(s, *flood_pair())
        qtbot.addWidget(d)
        d.resize(1000, 500)
        d.show()
        desks.append(d)
    try:
        yield desks
    finally:
        for d in desks:
            d.ctl.note_editor.close()
        for s in stores:
            s.close()


def select_words(pane: ReaderPane, words: str) -> None:
    """Select ``words`` the way a mouse selection does: a QTextCursor in Qt's own positions
    (found as the pane shows them: a bidi override there is a U+FFFD, one for one)."""
    from diptych.ui.article_document import display_text

    cur = pane.document().find(display_text(words))
    assert not cur.isNull(), words
    pane.setFocus()
    pane.setTextCursor(cur)
