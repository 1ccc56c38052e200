"""diptych.core must import and work with Qt absent (import contract of the architecture)."""

import subprocess
import sys
import textwrap
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "desktop" / "diptych" / "core"


def test_core_imports_with_qt_blocked() -> None:
    modules = sorted(p.stem for p in CORE.glob("*.py") if p.stem != "__init__")
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
    for path in CORE.glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            assert not stripped.startswith(
                ("import PySide6", "from PySide6", "import shiboken6")
            ), path
