"""An orphan whose quote reads at several places of the text (another tool's annotation
with only an exact quote) is shown as what it is: found, but ambiguous, not "not found"."""

from __future__ import annotations

from diptych.core.notes.interchange import import_w3c
from diptych.core.notes.store import Store
from diptych.ui.highlights.panel import row_tooltip
from helpers.highlights_desk import flood_pair, shown_flood_desk


def test_the_window_says_an_orphan_read_at_two_places_is_ambiguous(qtbot, tmp_path):
    a, _b = flood_pair()
    assert a.text.count("closed") == 2  # "the bridge was closed", "will stay closed"
    store = Store.open(tmp_path / "h.sqlite3", backups=False)
    annotation = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:6a1f6b52-3c1e-4f8e-9a57-1f1d2b6c0001",
        "type": "Annotation",
        "motivation": "highlighting",
        "target": {"source": a.id, "selector": {"type": "TextQuoteSelector", "exact": "closed"}},
    }
    assert import_w3c(store, [annotation]).highlights_added == 1
    messages: list[str] = []
    try:
        desk = shown_flood_desk(qtbot, store)
        desk.ctl.status_message.connect(messages.append)
        desk.ctl.reload()
        qtbot.waitUntil(lambda: not desk.ctl.is_loading())
        (row,) = desk.ctl.rows()
        assert (row.status, row.places) == ("orphaned", 2)
        tip = row_tooltip(row)
        assert "reads at 2 places" in tip and "not found" not in tip
        assert any("1 highlight read at several places" in m for m in messages), messages
        assert not any("could not be found" in m for m in messages), messages
    finally:
        store.close()
