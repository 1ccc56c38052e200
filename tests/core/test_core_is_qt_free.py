"""diptych.core must import and work with Qt absent (import contract of the architecture)."""

import subprocess
import sys
import textwrap
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "desktop" / "diptych" / "core"


def _core_modules() -> list[str]:
    """Every module below core/, subpackages included, as a dotted name under diptych.core."""
    names = []
    for p in sorted(CORE.rglob("*.py")):
        parts = p.relative_to(CORE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return [n for n in names if n]


def test_core_walk_finds_subpackages() -> None:
    modules = _core_modules()
    assert "reading.articles" in modules and "notes.anchoring" in modules, modules
    assert len(modules) > 20


def test_core_imports_with_qt_blocked() -> None:
    modules = _core_modules()
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
            importlib.import_module('diptych.core.' + m)
        assert not any(k.startswith(('PySide6', 'shiboken6')) for k in sys.modules)
        print('ok', len({modules!r}))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok")


def test_no_core_module_mentions_qt_imports() -> None:
    for path in CORE.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            assert not stripped.startswith(
                ("import PySide6", "from PySide6", "import shiboken6")
            ), path
