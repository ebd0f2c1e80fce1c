"""The package's shape: a one-way flow of imports, and a light public extraction API."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import newscrawler

PACKAGE = Path(newscrawler.__file__).parent
# Lower layers: they import no Scrapy or Twisted and nothing from the layers above them.
LOWER = ("extraction", "dedup", "state", "storage")
ABOVE = ("spiders", "pipelines", "middlewares", "extensions", "commands", "cli", "runtime")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(name: str) -> set[str]:
    """The newscrawler modules `name` imports (anywhere but under `if TYPE_CHECKING:`), with the
    packages Python runs on the way (importing a.b.c runs a/__init__ and a/b/__init__), except
    the packages `name` lies in (those are initialised before it)."""
    tree = ast.parse(MODULES[name].read_text())
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for child in ast.walk(node))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [
                f"{node.module}.{alias.name}"
                if f"{node.module}.{alias.name}" in MODULES
                else node.module
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            parts = target.split(".")
            for end in range(2, len(parts) + 1):  # the root package itself imports nothing
                candidate = ".".join(parts[:end])
                inside = name.startswith(f"{candidate}.")
                if candidate in MODULES and candidate != name and not inside:
                    found.add(candidate)
    return found


def test_the_package_has_no_import_cycle():
    graph = {name: imports_of(name) for name in MODULES}
    cycles = []
    state: dict[str, int] = {}  # 1: on the stack, 2: done

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_lower_layers_import_neither_scrapy_nor_the_layers_above_them():
    offenders = []
    for name, path in MODULES.items():
        if name.count(".") == 0 or name.split(".")[1] not in LOWER:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                parts = module.split(".")
                if parts[0] in ("scrapy", "twisted") or (
                    parts[0] == "newscrawler" and len(parts) > 1 and parts[1] in ABOVE
                ):
                    offenders.append(f"{name} imports {module}")
    assert offenders == []


def test_no_module_imports_a_private_name_of_another():
    offenders = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("newscrawler"):
                private = [a.name for a in node.names if a.name.startswith("_")]
                offenders += [f"{name}: {node.module}.{p}" for p in private if p != "__version__"]
    assert offenders == []


def test_extract_article_loads_neither_scrapy_nor_twisted():
    code = (
        "import sys\n"
        "from newscrawler import extract_article\n"
        "record = extract_article('<html><body><article><p>' + 'Words of a story. ' * 60 +"
        " '</p></article></body></html>', url='https://example.com/2024/01/02/story/')\n"
        "assert record['text'], record\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('scrapy', 'twisted'))\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == ""
