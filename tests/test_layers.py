"""The package's import graph: no cycles, and no layer importing one above it (issue 23).

Imports inside functions count; imports under ``if TYPE_CHECKING:`` do not. ``from a.b import c``
depends on ``a.b`` (its ``__init__`` when it is a package) and on ``a.b.c`` when that is a module;
the parent packages Python runs on the way (``a``) are not counted as the module's own import.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "communique"

#: Lower layers and what they must never import.
_ABOVE_STAGES = ("communique.pipeline", "communique.store", "communique.analysis", "communique.api", "communique.web",
                 "communique.cli", "communique.feeds", "communique.spark", "communique.spark_main", "communique.loading")
_NEVER = {
    "communique.knowledge": ("communique.nlp", "communique.ingest", "communique.extract", *_ABOVE_STAGES),
    "communique.nlp": _ABOVE_STAGES,
    "communique.ingest": _ABOVE_STAGES,
    "communique.extract": _ABOVE_STAGES,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in (SRC / PACKAGE).rglob("*.py") if "migrations" not in p.parts}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except those under ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                stack.extend(child.orelse)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child
            stack.append(child)


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom, known: set[str]) -> set[str]:
    """The modules of the package that one import statement makes ``module`` depend on."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base = module.split(".") if is_package else module.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            origin = ".".join(base + ([node.module] if node.module else []))
        else:
            origin = node.module or ""
        names = [origin] + [f"{origin}.{alias.name}" for alias in node.names]
    return {name for name in names if name in known}


def import_graph() -> nx.DiGraph:
    """The graph of which module of the package imports which."""
    modules = _modules()
    known = set(modules)
    graph = nx.DiGraph()
    graph.add_nodes_from(known)
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _imports(tree):
            for target in _targets(module, path.name == "__init__.py", node, known):
                if target != module:
                    graph.add_edge(module, target)
    return graph


def test_no_import_cycles():
    graph = import_graph()
    cycles = sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)
    assert cycles == [], "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


@pytest.mark.parametrize("low", sorted(_NEVER))
def test_no_upward_imports(low):
    graph = import_graph()
    bad = sorted((a, b) for a, b in graph.edges
                 if (a == low or a.startswith(low + ".")) and any(b == up or b.startswith(up + ".") for up in _NEVER[low]))
    assert bad == [], "\n".join(f"{a} imports {b}" for a, b in bad)


#: Issue 23: no module over this many lines, no class over the other (data and migrations aside).
MAX_MODULE_LINES = 800
MAX_CLASS_LINES = 400


def test_modules_and_classes_stay_small():
    too_big = []
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        if {"migrations", "examples"} & set(path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            too_big.append(f"{path.relative_to(SRC)}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and node.end_lineno and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES:
                too_big.append(f"{path.relative_to(SRC)}: class {node.name}, {node.end_lineno - node.lineno + 1} lines")
    assert too_big == [], "\n".join(too_big)
