"""The layers (README: Architecture): the import-linter contracts in pyproject.toml hold, none
lists an exception, every module of ``service`` has its place in a layer, and no modules
import each other in a circle."""
from __future__ import annotations

import ast
import re
import tomllib

import grimp
from importlinter.cli import lint_imports

from tests.conftest import REPO

PYPROJECT = REPO / "pyproject.toml"


def _contracts() -> list[dict]:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def test_architecture_contracts_are_kept(capsys):
    code = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


def test_architecture_contracts_list_no_exceptions():
    contracts = _contracts()
    assert contracts and all("ignore_imports" not in c and not c.get("allow_indirect_imports") for c in contracts)


def test_architecture_every_module_of_service_is_in_a_layer():
    (layers,) = [c["layers"] for c in _contracts() if c["type"] == "layers"]
    placed = {name.strip() for layer in layers for name in re.split(r"[|:]", layer)}
    modules = {f"service.{p.stem}" for p in (REPO / "service").glob("*.py") if p.stem != "__init__"}
    packages = {f"service.{p.parent.name}" for p in (REPO / "service").glob("*/__init__.py")}
    assert (modules | packages) - placed == set()


def test_architecture_no_module_imports_another_modules_private_names():
    """Shared code is public where it lives (e.g. the application context), never a ``_helper``
    borrowed from another module (as one command line's ``_engine`` once was by the hook)."""
    borrowed = []
    for path in [*(REPO / "service").rglob("*.py"), *(REPO / "recognizers").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("service", "recognizers"):
                borrowed += [f"{path.relative_to(REPO)}: {node.module}.{a.name}" for a in node.names
                             if a.name.startswith("_") and not a.name.startswith("__")]
    assert borrowed == []


def test_architecture_no_modules_import_each_other_in_a_circle():
    graph = grimp.build_graph("service", "recognizers", "config")
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    assert _circles(edges) == []


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Groups of two or more modules that reach each other (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in edges.get(module, ()):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def test_architecture_circle_finder_finds_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []
