"""The parse cache's code stamp covers every module below diptych.core, subpackages included."""

from pathlib import Path

import diptych.core as core
from diptych.background import article_cache


def test_code_stamp_names_modules_in_core_subpackages() -> None:
    article_cache._code_stamp.cache_clear()
    stamp = article_cache._code_stamp()
    root = Path(core.__path__[0])
    for sub in ("reading", "compare", "notes"):
        files = sorted((root / sub).glob("*.py"))
        assert files, sub
        for f in files:
            assert f"{f.relative_to(root)}:" in stamp, f


def test_code_stamp_changes_when_a_parser_changes(tmp_path, monkeypatch) -> None:
    fake = tmp_path / "core"
    (fake / "reading").mkdir(parents=True)
    parser = fake / "reading" / "md_blocks.py"
    parser.write_text("x = 1\n")
    monkeypatch.setattr(core, "__path__", [str(fake)])
    article_cache._code_stamp.cache_clear()
    before = article_cache._code_stamp()
    parser.write_text("x = 22\n")
    article_cache._code_stamp.cache_clear()
    after = article_cache._code_stamp()
    article_cache._code_stamp.cache_clear()
    assert before != after


def test_cache_dir_is_the_one_platformdirs_names(monkeypatch, tmp_path) -> None:
    """The fast path (no platformdirs import at start-up) agrees with platformdirs."""
    from platformdirs import user_cache_dir

    for value in (str(tmp_path / "xdg-cache"), "", "   ", None):
        if value is None:
            monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CACHE_HOME", value)
        want = Path(user_cache_dir("diptych", appauthor=False)) / "articles"
        assert article_cache.cache_dir() == want, value
