"""Right-click on a link's band in the gutter: the link's menu (its note, and "Linked
passages are the same claim"). A new user looking to turn a link into a claim right-clicked
the band that draws it, and nothing happened: the entry was only on the passages' own menus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from diptych.core.model import ClaimPair
from helpers.highlights_desk import shown_flood_desk


@pytest.fixture
def desk(qtbot, store):
    d = shown_flood_desk(qtbot, store)
    yield d
    d.ctl.note_editor.close()


def _point_in(gutter, key) -> QPoint:
    gutter.repaint()
    for path, link in gutter._painted:
        if link.key == key:
            box = path.boundingRect()
            for i in range(1, 20):
                for j in range(1, 20):
                    p = QPointF(
                        box.left() + box.width() * i / 20, box.top() + box.height() * j / 20
                    )
                    if path.contains(p) and gutter.link_at(p) is link:
                        return p.toPoint()
    raise AssertionError(f"no band {key!r} painted")


def test_right_click_on_a_link_band_offers_to_make_it_a_claim(desk, qtbot):
    a, b = desk.ctl.state.articles["a"], desk.ctl.state.articles["b"]
    desk.ctl.set_claims([ClaimPair(a.sentences[1], b.sentences[1], 0.8, None, ("peak",), ())])
    assert desk.ctl.link_claim(0) is not None
    desk.ctl.note_editor.close()
    (link,) = desk.ctl.links()
    key = ("link", link.id)

    # the band, right-clicked: the gutter asks for that link's menu, and the controller
    # (wired as in the window) shows it there
    asked: list[object] = []
    desk.gutter.link_menu_requested.connect(lambda k, _pos: asked.append(k))
    pos = _point_in(desk.gutter, key)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, desk.gutter.mapToGlobal(pos))
    QApplication.sendEvent(desk.gutter, event)
    assert asked == [key]
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, QMenu)
    assert "Linked passages are the same claim" in [x.text() for x in popup.actions()]
    popup.close()

    # the menu: the link's note, and the link made a claim
    menu = desk.ctl.gutter_menu_for(key)
    assert menu is not None
    texts = [act.text() for act in menu.actions()]
    assert "Linked passages are the same claim" in texts and "Edit link note…" in texts
    wanted: list[tuple[int, int, int, int]] = []
    desk.ctl.claim_from_link_requested.connect(lambda *spans: wanted.append(spans))
    next(act for act in menu.actions() if act.text().startswith("Linked")).trigger()
    s_a, s_b = a.sentences[1], b.sentences[1]
    assert wanted and wanted[0][0] >= s_a.start and wanted[0][2] >= s_b.start
    # a claim's band has no such menu
    assert desk.ctl.gutter_menu_for(("claim", 0)) is None
