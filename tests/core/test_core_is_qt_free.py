"""diptych.core and diptych.background must import and work with Qt absent (import contract of
the architecture: core is the app's logic, background the plain-Python side of its background
work; both are usable from the CLI, child processes and tests without Qt)."""

import subprocess
import sys
import textwrap
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "desktop" / "diptych"
CORE = PKG / "core"
QT_FREE = ("core", "background")  # packages below diptych that never import Qt


def _modules(package: str = "core") -> list[str]:
    """Every module below ``diptych.<package>``, subpackages included, as a dotted name
    relative to it ("" for the package itself)."""
    root = PKG / package
    names = []
    for p in sorted(root.rglob("*.py")):
        parts = p.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def _core_modules() -> list[str]:
    return [n for n in _modules("core") if n]


def _qt_free_modules() -> list[str]:
    """Dotted names of every module of the Qt-free packages (their ``__init__`` included)."""
    return [f"diptych.{pkg}" + (f".{n}" if n else "") for pkg in QT_FREE for n in _modules(pkg)]


def test_core_walk_finds_subpackages() -> None:
    modules = _core_modules()
    assert "reading.articles" in modules and "notes.anchoring" in modules, modules
    assert len(modules) > 20


def test_background_is_walked_too() -> None:
    modules = _qt_free_modules()
    for name in ("background.article_cache", "background.child_process", "background.pair_job"):
        assert f"diptych.{name}" in modules, modules


def test_core_and_background_import_with_qt_blocked() -> None:
    modules = _qt_free_modules()
    code = textwrap.dedent(
        f"""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):
                    raise ImportError('Qt is blocked in this test: ' + name)
                return None
        sys.meta_path.insert(0, Block())
        import importlib
        for m in {modules!r}:
            importlib.import_module(m)
        assert not any(k.startswith(('PySide6', 'shiboken6')) for k in sys.modules)
        print('ok', len({modules!r}))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok")


def test_no_qt_free_module_mentions_qt_imports() -> None:
    for path in (p for pkg in QT_FREE for p in (PKG / pkg).rglob("*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            assert not stripped.startswith(
                ("import PySide6", "from PySide6", "import shiboken6")
            ), path
