"""The highlights package's state (``ui/highlights/state.py``) without Qt."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from diptych.core.model import Highlight
from diptych.core.notes.anchoring import describe
from diptych.core.notes.store import Link
from diptych.ui.highlights.state import HighlightState, Placed, trim
from helpers.articles import make_article


def test_state_imports_with_qt_blocked() -> None:
    code = textwrap.dedent(
        """
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split('.')[0] in ('PySide6', 'shiboken6'):
                    raise ImportError('Qt is blocked in this test: ' + name)
                return None
        sys.meta_path.insert(0, Block())
        import diptych.ui.highlights.state
        assert not any(k.startswith(('PySide6', 'shiboken6')) for k in sys.modules)
        print('ok')
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def _hl(art, hid: str, start: int, end: int, note: str = "") -> Highlight:
    quote, pos = describe(art.text, start, end)
    return Highlight(hid, art.id, quote, pos, art.fingerprint, "yellow", note)


def test_rows_links_and_partners() -> None:
    a = make_article(["The river rose overnight."], "urn:a")
    b = make_article(["The river rose in the night."], "urn:b")
    st = HighlightState()
    st.reset(a, b)
    st.place_new(_hl(a, "h1", 4, 9, "own"), "a", (4, 9))
    st.place_new(_hl(b, "h2", 4, 9), "b", (4, 9))
    st.place_new(_hl(a, "h3", 10, 14), "a", (10, 14))
    st.set_links([Link("l1", "h1", "h2", "shared")])
    assert st.link_of("h2") == st.link_of("h1")
    assert st.with_partners(["h2"]) == {"h1", "h2"}
    assert st.partner_quote("h1") == "river"
    assert st.exact("a", 4, 9) is not None and st.exact("a", 4, 8) is None
    assert [lk.id for lk, _pa, _pb in st.linked_pairs()] == ["l1"]
    assert {r.id for r in st.rows()} == {"h1", "h2", "h3"}
    st.set_deleted(["h3"], True)
    assert st.row("h3") is None and [p.h.id for p in st.highlights("a")] == ["h1"]


def test_an_orphan_is_listed_last_and_counted() -> None:
    a = make_article(["Alpha beta gamma."], "urn:a")
    st = HighlightState()
    st.reset(a, None)
    st.by_side["a"]["o"] = Placed(_hl(a, "o", 0, 5), "orphaned", -1, -1)
    st.place_new(_hl(a, "h", 6, 10), "a", (6, 10))
    assert [p.h.id for p in st.highlights("a")] == ["h", "o"]
    assert st.orphan_count() == 1


def test_trim_drops_surrounding_white_space() -> None:
    assert trim("  word \n", 0, 8) == (2, 6)
