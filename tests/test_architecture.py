"""The package's shape: imports run one way (no cycle, no lazy import to dodge one), MkDocs never
enters the package, and every module opens with its purpose."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter

from conftest import PROJECT

PACKAGE = PROJECT / "antq"


def imports(tree: ast.Module) -> list[tuple[str, bool]]:
    """(imported module, imported at the module's top level) for every import of a module."""
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            name = ("antq." if node.level else "") + (node.module or "")
            found.append((name.rstrip("."), id(node) in top))
    return found


def modules() -> dict[str, ast.Module]:
    return {path.stem: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(PACKAGE.glob("*.py"))}


def test_the_package_never_imports_mkdocs():
    found = {name: [m for m, _ in imports(tree) if m.split(".")[0] in {"mkdocs", "properdocs", "material"}]
             for name, tree in modules().items()}
    assert {name: m for name, m in found.items() if m} == {}


def test_package_imports_are_at_the_top_and_form_no_cycle():
    graph, lazy = {}, []
    for name, tree in modules().items():
        own = [(m, top) for m, top in imports(tree) if m.startswith("antq.") or m == "antq"]
        lazy += [f"{name} -> {m}" for m, top in own if not top]
        graph[name] = {m.removeprefix("antq.").split(".")[0] for m, _ in own if m != "antq"}
    assert lazy == []
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as cycle:
        raise AssertionError(f"import cycle: {' -> '.join(cycle.args[1])}") from None
    # Below everything: the problems and the model; above everything: the pages and the commands' shell.
    assert order.index("problems") < order.index("model") < order.index("load") < order.index("pages")


def test_every_module_opens_with_its_purpose():
    assert [name for name, tree in modules().items() if name != "__init__" and not ast.get_docstring(tree)] == []
