"""The package's shape: no import cycles, no private helper crossing a package, a complete wheel list.

The import graph is read from the source with :mod:`ast` (every ``import`` and
``from ... import`` of ``mapper``, at module level or inside a function, but not
under ``if TYPE_CHECKING:``), so a cycle that only a later call would trip over
is caught too.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "mapper"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _imports(node)


def _edges(name: str, path: Path) -> Iterator[tuple[str, str]]:
    """(imported module, imported name or "") pairs of one module; relative imports resolved."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "mapper":
                    yield alias.name, ""
            continue
        base = node.module or ""
        if node.level:
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
        if base.split(".")[0] != "mapper":
            continue
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            yield (sub, "") if sub in MODULES else (base, alias.name)


def _graph() -> dict[str, set[str]]:
    return {name: {target for target, _ in _edges(name, path) if target in MODULES} for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), or a module importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in graph[v]:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    assert _cycles(_graph()) == []


def _package_of(module: str) -> str:
    """The subpackage a module belongs to (``mapper.geoparse``), or ``mapper`` for top-level modules."""
    parts = module.split(".")
    if len(parts) >= 2 and f"mapper.{parts[1]}" in MODULES and MODULES[f"mapper.{parts[1]}"].name == "__init__.py":
        return f"mapper.{parts[1]}"
    return "mapper"


def test_no_private_helper_is_imported_from_elsewhere() -> None:
    """A ``_name`` stays in its module; a ``_module`` stays in its package."""
    crossing = []
    for name, path in MODULES.items():
        for target, attr in _edges(name, path):
            if target not in MODULES or target == name:
                continue
            private_module = any(part.startswith("_") for part in target.split(".")[1:])
            if (attr.startswith("_") and not attr.startswith("__")) or (private_module and _package_of(target) != _package_of(name)):
                crossing.append(f"{name} imports {target}{'.' + attr if attr else ''}")
    assert crossing == []


def test_the_wheel_lists_every_package_and_ships_the_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages = {n for n, p in MODULES.items() if p.name == "__init__.py"}
    assert set(config["packages"]) - {"mapper.data"} == packages
    assert config["package-dir"]["mapper.data"] == "data"
    shipped = config["package-data"]
    assert "**/*" in shipped["mapper.data"]
    assert "*.json" in shipped["mapper.models"]  # the trained models
