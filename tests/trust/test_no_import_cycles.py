"""No import cycles between the modules of our packages (issue 14 item 7).

The graph holds every import statement, also those inside functions: an import
moved into a function to dodge a cycle still is one (the two modules cannot be
understood, tested or layered apart). Migrations and tests are left out.
"""

import ast
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("budgets", "offers", "tariffs", "config")

Graph = dict[str, set[str]]

# A bare process after django.setup(), as the web process and commands start: the
# task names the services look up (config.celery.task) must be registered.
REGISTERED = """
import json, django
django.setup()
from config.celery import app
print(json.dumps(sorted(name for name in app.tasks if name.startswith("budgets."))))
"""


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _source_files(root: Path, packages: tuple[str, ...]) -> Iterator[Path]:
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).parts
            if "migrations" not in parts and "tests" not in parts:
                yield path


def _base(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The module ``from <base> import …`` names, relative imports resolved."""
    if not node.level:
        return node.module or ""
    anchor = module.split(".")
    if not is_package:
        anchor.pop()  # a module's "." is its package
    anchor = anchor[: len(anchor) - (node.level - 1)]
    return ".".join([*anchor, node.module] if node.module else anchor)


def _imported(
    tree: ast.AST, module: str, is_package: bool, modules: set[str]
) -> Iterator[str]:
    """Every module the file names in an import, at any depth; ``from a.b import
    c`` names a.b.c when that is a module, else a.b (c is a name in it)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _base(node, module, is_package)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield submodule if submodule in modules else base


def import_graph(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> Graph:
    """Each of our modules and the modules of ours it imports."""
    files = {_module_name(path, root): path for path in _source_files(root, packages)}
    graph: Graph = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        named = _imported(tree, module, path.name == "__init__.py", set(files))
        graph[module] = {name for name in named if name in files} - {module}
    return graph


def strongly_connected(graph: Graph) -> list[list[str]]:
    """Tarjan's algorithm, iterative: the components of more than one module, and
    single modules that import themselves."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, ()):
                    components.append(sorted(component))
    return components


def _describe(component: list[str], graph: Graph) -> str:
    members = set(component)
    arrows = [
        f"  {module} -> {target}"
        for module in component
        for target in sorted(graph[module] & members)
    ]
    return "\n".join([", ".join(component), *arrows])


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_the_graph_holds_imports_in_functions_and_relative_ones(tmp_path):
    _write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/a.py": "def f():\n    from . import b\n",  # a module: app.b
            "app/b.py": "from app.a import f\n",  # a name in app.a
            "app/sub/__init__.py": "from .. import a\nimport json\n",
            "app/sub/c.py": "from .d import x\n",  # app/sub/d.py does not exist
            "app/migrations/0001.py": "from app import b\n",
            "app/tests/test_a.py": "import app.a\n",
        },
    )
    assert import_graph(tmp_path, ("app",)) == {
        "app": set(),
        "app.a": {"app.b"},
        "app.b": {"app.a"},
        "app.sub": {"app.a"},  # json is not ours
        "app.sub.c": set(),
    }


def test_a_cycle_is_one_component_and_a_chain_none():
    # a -> b -> c -> a is one cycle, which d only leads into; e imports itself.
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert strongly_connected(graph) == [["a", "b", "c"], ["e"]]
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_there_is_no_import_cycle():
    graph = import_graph()
    cycles = strongly_connected(graph)
    report = "\n\n".join(_describe(component, graph) for component in cycles)
    assert not cycles, f"Import cycles (module -> module it imports):\n{report}"


def test_the_tasks_the_services_queue_are_registered_at_start_up():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    out = subprocess.run(
        [sys.executable, "-c", REGISTERED],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(out.splitlines()[-1]) == [
        "budgets.tasks.importjob_oprydning_task",
        "budgets.tasks.importjob_run_task",
        "budgets.tasks.maanedstal_genberegn_task",
        "budgets.tasks.maanedstal_kontroller_task",
    ]
