"""macros/ is layered: each layer (a folder) imports only from itself and the layers before
it, and no module imports, directly or through others, a module that imports it back.

Every import of every module is read with `ast` (those inside functions too), relative or
absolute, and resolved to the module it names."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

MACROS = ROOT / "macros"
LAYERS = ['i18n', 'data', 'evidence', 'figures', 'pages', 'publish']  # lowest first


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in MACROS.rglob("*.py")}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # `from package import module` names a module
                full = f"{target}.{alias.name}"
                found.add(full if full in known else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {t for t in found if t in known and t != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def layer_of(name: str) -> int | None:
    parts = name.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_is_in_a_layer_with_a_docstring():
    for name in modules():
        if name != "macros":
            assert layer_of(name) is not None, f"{name} is in no layer folder"
    for layer in LAYERS:
        init = MACROS / layer / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and "import" in doc, f"macros/{layer}/__init__.py must say what it may import"


def test_no_layer_imports_a_later_one():
    upward = [f"{name} imports {target}" for name, targets in graph().items()
              for target in targets
              if name != "macros" and layer_of(target) is not None
              and layer_of(target) > layer_of(name)]
    assert upward == []


def test_no_import_circle():
    edges = graph()
    circles, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(edges[node]):
            if nxt.startswith(node + ".") or node.startswith(nxt + "."):
                continue  # a package and its own modules
            if state.get(nxt) == "open":
                circles.append(" -> ".join(path[path.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert circles == []


def test_the_walk_sees_imports():
    # the test can fail: the entry point imports the plugin (inside its functions), which
    # imports the page macros, which import the evidence
    edges = graph()
    assert "macros.publish.plugin" in edges["macros"]
    assert any(t.startswith("macros.pages.") for t in edges["macros.publish.plugin"])
    assert any(layer_of(t) == LAYERS.index("evidence") for t in edges["macros.pages.view"])
