"""The package's shape stays as the layout promises: no import cycles, no reaching into another
module's private names, no module much over 600 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hkanalysis"
MAX_LINES = 650  # "about 600": past this a module is a sub-package waiting to be made


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def resolved(module: str, node: ast.ImportFrom) -> str:
    """The absolute module an ``from ... import`` in ``module`` names."""
    if not node.level:
        return node.module or ""
    is_package = MODULES[module].name == "__init__.py"
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(module: str) -> list[tuple[str, str, int]]:
    """``(imported module, imported name or "", line)`` for every import in ``module``, at any depth."""
    found = []
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "", node.lineno) for alias in node.names if alias.name.startswith("hkanalysis")]
        elif isinstance(node, ast.ImportFrom):
            source = resolved(module, node)
            if source.startswith("hkanalysis"):
                for alias in node.names:
                    # "from . import x" may import a module x, or a name x of the package
                    target = f"{source}.{alias.name}"
                    found.append((target, "", node.lineno) if target in MODULES else (source, alias.name, node.lineno))
    return found


def test_resolving_relative_imports():
    node = ast.parse("from ..tables import SCHEMAS").body[0]
    assert resolved("hkanalysis.corpus.load", node) == "hkanalysis.tables"
    node = ast.parse("from .stories import canonical").body[0]
    assert resolved("hkanalysis.corpus", node) == "hkanalysis.corpus.stories"


def module_aliases(module: str) -> dict[str, str]:
    """Names that ``module`` binds to other hkanalysis modules (``from ..corpus import load as corpus``)."""
    aliases = {}
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and resolved(module, node).startswith("hkanalysis"):
            for alias in node.names:
                target = f"{resolved(module, node)}.{alias.name}"
                if target in MODULES:
                    aliases[alias.asname or alias.name] = target
    return aliases


def test_no_module_uses_another_modules_private_names():
    offences = [
        f"{module}:{line} imports {name} from {source}"
        for module in MODULES
        for source, name, line in imports(module)
        if name.startswith("_") and source != module
    ]
    for module, path in MODULES.items():
        aliases = module_aliases(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                offences.append(f"{module}:{node.lineno} uses {aliases[node.value.id]}.{node.attr}")
    assert offences == []


def test_no_import_cycles_between_modules():
    graph = {module: {source for source, _, _ in imports(module) if source in MODULES} for module in MODULES}
    # a package's __init__ importing its own modules is how it chooses its public names, not a cycle
    for module in graph:
        graph[module] = {
            m for m in graph[module] if not (MODULES[module].name == "__init__.py" and m.startswith(module))
        }
        graph[module] -= {module}
    cycles, state = [], {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                cycles.append(path[path.index(target) :] + [target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_much_over_six_hundred_lines(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines: split it at its seams"
