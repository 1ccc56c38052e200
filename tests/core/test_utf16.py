from hypothesis import given
from hypothesis import strategies as st

from diptych.core.utf16 import Utf16Map


def _u16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60))
def test_round_trip_every_codepoint_offset(text: str) -> None:
    m = Utf16Map(text)
    assert m.utf16_length == _u16_len(text)
    for cp in range(len(text) + 1):
        u = m.to_utf16(cp)
        assert u == _u16_len(text[:cp])
        assert m.to_codepoint(u) == cp


def test_offset_inside_surrogate_pair_snaps_to_character_start() -> None:
    text = "a😀b"
    m = Utf16Map(text)
    assert m.to_utf16(2) == 3
    assert m.to_codepoint(2) == 1  # the low surrogate of 😀
    assert m.to_codepoint(3) == 2


def test_emoji_and_combining_marks_before_target() -> None:
    text = "e\u0301 👩‍👩‍👧 target"
    m = Utf16Map(text)
    cp = text.index("target")
    assert m.to_utf16(cp) == _u16_len(text[:cp])


def test_fast_paths_agree_with_utf16_for_ascii_bmp_and_astral_texts() -> None:
    for text in ("plain ascii " * 50, "café – naïve “quotes” " * 50, "x😀é𝄞" * 50 + "end"):
        m = Utf16Map(text)
        assert m.utf16_length == _u16_len(text)
        for cp in range(0, len(text) + 1, 7):
            assert m.to_utf16(cp) == _u16_len(text[:cp])
            assert m.to_codepoint(m.to_utf16(cp)) == cp
