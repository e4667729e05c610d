"""The architecture as a contract: the layers of sigmoid_cli and the one direction of imports.

A module may import modules of its own layer and of the layers below it, never above; and no
modules import each other in a loop, lazily (inside a function) or not. Every import counts,
``TYPE_CHECKING`` ones too. docs/architecture.md explains the layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "sigmoid_cli"
ROOT = Path(__file__).resolve().parent.parent

Layers = list[tuple[str, tuple[str, ...]]]

# From the top down. A layer is a list of module prefixes (a package takes in its modules).
LAYERS: Layers = [
    ("command line", ("sigmoid_cli.cli", "sigmoid_cli.__main__")),
    ("Python API", ("sigmoid_cli.api", "sigmoid_cli.__init__")),
    ("fit", ("sigmoid_cli.fit",)),
    ("stream", ("sigmoid_cli.stream",)),
    ("jobs", ("sigmoid_cli.jobs",)),
    ("proofs", ("sigmoid_cli.proofs",)),
    ("symbolic", ("sigmoid_cli.symbolic",)),
    ("plot", ("sigmoid_cli.plot",)),
    ("numeric", ("sigmoid_cli.numeric",)),
    ("grammar", ("sigmoid_cli.grammar",)),
    ("base", ("sigmoid_cli.deadline", "sigmoid_cli.errors")),
]


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts)  # a package is its "pkg.__init__" module


def modules(root: Path, package: str = PACKAGE) -> dict[str, Path]:
    return {_module_name(path, root): path for path in sorted((root / package).rglob("*.py"))}


def imports(root: Path, package: str = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package and the package's modules it imports, anywhere in its code."""
    known = modules(root, package)
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        here = name.split(".")[:-1]  # the package this module is in
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                targets.update(_resolve(alias.name, known) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = here[: len(here) - node.level + 1] if node.level else []
                source = ".".join([*base, node.module] if node.module else base)
                for alias in node.names:
                    targets.add(_resolve(f"{source}.{alias.name}", known, fallback=source))
        graph[name] = {t for t in targets if t and t != name}
    return graph


def _resolve(dotted: str, known: dict[str, Path], fallback: str | None = None) -> str:
    """The module a dotted name means: itself, its package's __init__, or the fallback's."""
    for candidate in (dotted, f"{dotted}.__init__"):
        if candidate in known:
            return candidate
    if fallback is not None:
        return _resolve(fallback, known)
    return ""


def layer_of(module: str, layers: Layers = LAYERS) -> int | None:
    best: tuple[int, int] | None = None  # (prefix length, layer index)
    for index, (_, prefixes) in enumerate(layers):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (
                best is None or len(prefix) > best[0]
            ):
                best = (len(prefix), index)
    return None if best is None else best[1]


def upward_imports(graph: dict[str, set[str]], layers: Layers = LAYERS) -> list[str]:
    found = []
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            low, high = layer_of(source, layers), layer_of(target, layers)
            if low is not None and high is not None and high < low:
                found.append(
                    f"{source} ({layers[low][0]}) imports {target} ({layers[high][0]}), a layer above it"
                )
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The loops of imports (strongly connected components of more than one module)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


# --- the contract ---------------------------------------------------------------------------------


def test_every_module_has_a_layer() -> None:
    homeless = [name for name in modules(ROOT) if layer_of(name) is None]
    assert not homeless, f"place these modules in a layer of tests/test_layers.py: {homeless}"


def test_imports_go_down_the_layers() -> None:
    assert upward_imports(imports(ROOT)) == []


def test_no_import_cycles() -> None:
    assert cycles(imports(ROOT)) == []


# --- the checker finds what it must ---------------------------------------------------------------


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A package of three layers: top imports middle, middle imports bottom (lazily)."""
    package = tmp_path / "pkg"
    (package / "middle").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "top.py").write_text("from .middle import work\n")
    (package / "middle" / "__init__.py").write_text("")
    (package / "middle" / "work.py").write_text("def f():\n    from pkg import bottom\n")
    (package / "bottom.py").write_text("import os\n")
    return tmp_path


TINY_LAYERS = [("top", ("pkg.top",)), ("middle", ("pkg.middle",)), ("bottom", ("pkg.bottom", "pkg.__init__"))]


def test_the_checker_reads_every_kind_of_import(tiny: Path) -> None:
    graph = imports(tiny, "pkg")
    assert graph["pkg.top"] == {"pkg.middle.work"}
    assert graph["pkg.middle.work"] == {"pkg.bottom"}
    assert upward_imports(graph, TINY_LAYERS) == [] and cycles(graph) == []


def test_the_checker_finds_an_upward_import_and_its_loop(tiny: Path) -> None:
    (tiny / "pkg" / "bottom.py").write_text("import os\n\nif os:\n    from .top import something\n")
    graph = imports(tiny, "pkg")
    assert upward_imports(graph, TINY_LAYERS) == [
        "pkg.bottom (bottom) imports pkg.top (top), a layer above it"
    ]
    assert cycles(graph) == [["pkg.bottom", "pkg.middle.work", "pkg.top"]]


def test_the_tests_import_the_source_tree() -> None:
    """A non-editable install (what CI does) must not be what the tests test."""
    import sigmoid_cli

    assert Path(sigmoid_cli.__file__).resolve().parent == ROOT / PACKAGE
