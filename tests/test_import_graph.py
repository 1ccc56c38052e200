"""No import cycle in the package (export and cli named on their own), counting imports inside
functions too: a lazy import hides a cycle from Python, not from a reader."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DESKTOP = Path(__file__).resolve().parents[1] / "desktop"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(DESKTOP).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(package: str) -> dict[str, set[str]]:
    """Every module under ``package`` → the modules of ``package`` it imports, anywhere in it
    (``from pkg import mod`` counts as importing ``pkg.mod`` when that is a module, else
    ``pkg``)."""
    root = DESKTOP / package.replace(".", "/")
    modules = {module_name(p): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_pkg = path.name == "__init__.py"
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_pkg else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:  # a submodule named, else the module it is in
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in modules else base)
            for t in targets:
                if t in modules and t != name:
                    deps.add(t)
        graph[name] = deps
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_walk_finds_a_cycle_when_there_is_one() -> None:
    assert find_cycle({"p.a": {"p.b"}, "p.b": {"p.c"}, "p.c": {"p.a"}}) == [
        "p.a",
        "p.b",
        "p.c",
        "p.a",
    ]
    assert find_cycle({"p.a": {"p.b"}, "p.b": set()}) is None


def test_the_walk_sees_imports_inside_functions() -> None:
    graph = import_graph("diptych.export")
    assert "diptych.export.render" in graph["diptych.export.pdf"]  # imported lazily in export_pdf
    assert "diptych.export.annotations" in graph["diptych.export.pdf"]


@pytest.mark.parametrize("package", ["diptych.export", "diptych.cli", "diptych"])
def test_package_has_no_import_cycle(package: str) -> None:
    assert find_cycle(import_graph(package)) is None
