"""The import rules of docs/ARCHITECTURE.md, checked on the source with the standard `ast`.

The graph: one node per module of portal, disclosure, search, monitoring, interaction,
assessment and core (migrations excluded); one edge per import statement executed when the
module is imported, i.e. not inside a function and not under ``if TYPE_CHECKING:``.
``import a.b.c`` and ``from a.b import c`` (c a submodule) are edges to ``a.b.c``;
``from a.b import name`` is an edge to ``a.b``. The parent packages Python also initialises
are not edges: a package's ``__init__`` gathering its submodules, which import each other by
full path, is the usual layout and not a cycle.

Rules:

(a) no cycle in that graph;
(b) ``core`` imports no app (portal, disclosure, search, monitoring, interaction,
    assessment), not even inside a function;
(c) no module imports another app's private module. A module is *private* when its own name
    or the name of a package on its path starts with ``_`` (``__init__`` does not count),
    e.g. ``search._scoring`` or ``monitoring._internal.state``. The apps are the Django apps:
    portal, disclosure, disclosure.applications, disclosure.annual_reports, search,
    monitoring, interaction, assessment, and core counts as one too;
(d) an import inside a function says why it is not at the top of the module: a comment
    ``# local import: <reason>`` on the import's first line or on the line above.
"""

import ast
from collections import deque
from pathlib import Path

from wagtail.models import Page, get_page_models

from portal.visibility import RoutedViewRestrictions

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGES = ("portal", "disclosure", "search", "monitoring", "interaction", "assessment", "core")
APPS = (
    "disclosure.applications",
    "disclosure.annual_reports",
    "portal",
    "disclosure",
    "search",
    "monitoring",
    "interaction",
    "assessment",
    "core",
)
REASON = "# local import:"


def module_name(path, root=BASE_DIR):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files():
    for package in PACKAGES:
        for path in sorted((BASE_DIR / package).rglob("*.py")):
            relative = path.relative_to(BASE_DIR).parts
            if "migrations" in relative or "node_modules" in relative:
                continue
            yield path


def app_of(module):
    for app in APPS:
        if module == app or module.startswith(app + "."):
            return app
    return None


def is_private(module):
    return any(part.startswith("_") for part in module.split("."))


def is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class Import:
    def __init__(self, module, target, lineno, local):
        self.module = module  # the importing module
        self.target = target  # the imported module (one of ours)
        self.lineno = lineno
        self.local = local  # inside a function

    def __repr__(self):
        return f"{self.module}:{self.lineno} -> {self.target}"


def resolve_from(node, module, is_package):
    """The absolute module named by ``from X import ...`` in `module`."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    if node.level > 1:
        base = base[: -(node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(path, modules, root=BASE_DIR):
    """Every import of one of our modules in the file at `path`, module-level or local."""
    module = module_name(path, root)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []

    def ours(name):
        return name in modules

    def visit(node, local):
        if isinstance(node, ast.If) and is_type_checking(node.test):
            for child in node.orelse:
                visit(child, local)
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            local = True
        if isinstance(node, ast.Import):
            for alias in node.names:
                if ours(alias.name):
                    found.append(Import(module, alias.name, node.lineno, local))
        elif isinstance(node, ast.ImportFrom):
            source = resolve_from(node, module, is_package)
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if ours(submodule):
                    found.append(Import(module, submodule, node.lineno, local))
                elif ours(source):
                    found.append(Import(module, source, node.lineno, local))
        for child in ast.iter_child_nodes(node):
            visit(child, local)

    visit(tree, False)
    return found


def all_imports():
    paths = list(source_files())
    modules = {module_name(path) for path in paths}
    return {path: imports_of(path, modules) for path in paths}


def cycles(edges):
    """One shortest cycle per strongly connected component of the graph (Tarjan)."""
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def strongconnect(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                strongconnect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                components.append(component)

    for node in sorted(edges):
        if node not in index:
            strongconnect(node)

    found = []
    for component in components:
        start = min(component)
        # Breadth-first from start back to start, inside the component.
        previous = {start: None}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for target in sorted(edges.get(node, ())):
                if target == start:
                    path = [node]
                    while previous[path[-1]] is not None:
                        path.append(previous[path[-1]])
                    found.append(" -> ".join([start, *reversed(path[:-1]), start]))
                    queue.clear()
                    break
                if target in component and target not in previous:
                    previous[target] = node
                    queue.append(target)
    return sorted(found)


def test_no_import_cycles():
    edges = {}
    for imports in all_imports().values():
        for item in imports:
            if not item.local:
                edges.setdefault(item.module, set()).add(item.target)
    found = cycles(edges)
    assert not found, "import cycles:\n" + "\n".join(found)


def test_core_imports_no_app():
    wrong = [
        item
        for imports in all_imports().values()
        for item in imports
        if app_of(item.module) == "core" and app_of(item.target) != "core"
    ]
    assert not wrong, f"core must not import the apps: {wrong}"


def test_no_app_imports_another_apps_private_module():
    wrong = [
        item
        for imports in all_imports().values()
        for item in imports
        if is_private(item.target) and app_of(item.target) != app_of(item.module)
    ]
    assert not wrong, f"imports of another app's private module: {wrong}"


def test_function_local_imports_give_their_reason():
    missing = []
    for path, imports in all_imports().items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for item in imports:
            here = lines[item.lineno - 1]
            above = lines[item.lineno - 2] if item.lineno > 1 else ""
            if item.local and REASON not in here and REASON not in above.strip():
                missing.append(f"{path.relative_to(BASE_DIR)}:{item.lineno}")
    assert not missing, f"function-local imports without a '{REASON} <reason>' comment:\n" + (
        "\n".join(sorted(set(missing)))
    )


# The checker itself, on small sources it must judge right.


def test_checker_finds_a_cycle_and_ignores_type_checking_and_local_imports():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == ["a -> b -> c -> a"]
    assert cycles({"a": {"b"}, "b": set()}) == []
    assert cycles({"a": {"a"}}) == ["a -> a"]


def test_checker_reads_imports_right(tmp_path):
    package = tmp_path / "monitoring"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "tasks.py").write_text("")
    (package / "_state.py").write_text("")
    runner = package / "runner.py"
    runner.write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import tasks\n"
        "from monitoring._state import x\n"
        "if TYPE_CHECKING:\n"
        "    from monitoring import views\n"
        "def run():\n"
        "    # local import: the reason\n"
        "    import monitoring.tasks\n"
        "    from .tasks import enqueue\n"
    )
    modules = {"monitoring", "monitoring.tasks", "monitoring._state", "monitoring.runner"}
    found = imports_of(runner, modules, root=tmp_path)
    assert [(i.target, i.lineno, i.local) for i in found] == [
        ("monitoring.tasks", 2, False),
        ("monitoring._state", 3, False),
        ("monitoring.tasks", 8, True),
        ("monitoring.tasks", 9, True),
    ]
    assert is_private("monitoring._state") and not is_private("monitoring.tasks")
    assert app_of("disclosure.applications.views") == "disclosure.applications"
    assert app_of("disclosure.models.columns") == "disclosure"


def test_every_page_type_reads_its_view_restrictions_from_the_routing():
    """Wagtail's serve hook asks every page view for its view restrictions; the routing has read
    the ancestors already (portal/visibility.py RoutedViewRestrictions, issue 15)."""
    missing = [
        model.__name__
        for model in get_page_models()
        if model is not Page and not issubclass(model, RoutedViewRestrictions)
    ]
    assert missing == []
