"""The import graph of albrel's modules: data flows one way, with no circle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "albrel_cli"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every albrel module ``path`` imports, at the top or inside a function."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if not target.startswith("albrel_cli"):
                continue
            for alias in node.names:  # ``from . import query`` names a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in GRAPH_NAMES else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("albrel_cli")}
    return {module for module in found if module != name}


GRAPH_NAMES = {_module_name(p) for p in PACKAGE.rglob("*.py")}
GRAPH = {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def test_the_import_graph_has_no_circle() -> None:
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for target in GRAPH.get(module, ()):
            visit(target, (*path, module))
        done.add(module)

    for module in GRAPH:
        visit(module, ())


@pytest.mark.parametrize(("lower", "higher"), [
    ("albrel_cli.model", "albrel_cli.catalog"),
    ("albrel_cli.query", "albrel_cli.render"),
    ("albrel_cli.query", "albrel_cli.load"),
    ("albrel_cli.render", "albrel_cli.query"),
    ("albrel_cli.render", "albrel_cli.load"),
    ("albrel_cli.render", "albrel_cli.catalog"),  # it asks a model.Lookup for names

    ("albrel_cli.process", "albrel_cli.cli"),
])
def test_a_layer_imports_nothing_above_it(lower: str, higher: str) -> None:
    for module, targets in GRAPH.items():
        if module == lower or module.startswith(lower + "."):
            assert not any(t == higher or t.startswith(higher + ".") for t in targets), module


def test_only_the_entry_points_import_the_command_line() -> None:
    importers = {module for module, targets in GRAPH.items() if "albrel_cli.cli" in targets}
    assert importers == {"albrel_cli.__main__"}
