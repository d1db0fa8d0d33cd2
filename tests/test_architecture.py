"""The rules between the three apps (docs/architecture.md), checked on every import of their code.

- archive imports neither newsroom nor search; newsroom does not import search;
- an app imports another only through that app's public modules (``PUBLIC``);
- nobody imports a private (``_name``) name of another module of ours.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {"archive": 0, "newsroom": 1, "search": 2}
# What the apps above may import from the ones below.
PUBLIC = {
    "archive": {
        "archive.models", "archive.signals", "archive.extensions", "archive.pagination",
        "archive.serializers", "archive.parsing", "archive.ingestion.hooks",
        "archive.ingestion.inserts",
        "archive.curation.roles",
    },
    "newsroom": {"newsroom.models", "newsroom.queries"},
}


def imported_modules(module: str, source: str, *, is_package: bool = False):
    """``(imported module, names, line)`` for every import in ``source`` (relative ones resolved
    against ``module``), wherever it stands: top level or inside a function."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join(parts + ([base] if base else []))
            yield base, tuple(a.name for a in node.names), node.lineno


def violations(module: str, source: str, *, is_package: bool = False) -> list[str]:
    own = module.split(".")[0]
    found = []
    for target, names, line in imported_modules(module, source, is_package=is_package):
        top = target.split(".")[0]
        where = f"{module}:{line}"
        if top not in LAYERS:
            continue
        # ``from archive import models`` imports the module archive.models.
        targets = [f"{target}.{n}" for n in names] if target == top and names else [target]
        if LAYERS[top] > LAYERS[own]:
            found.append(f"{where} imports {target}, a layer above {own}")
        elif top != own:
            found += [f"{where} imports {t}, not a public module of {top}"
                      for t in targets if t not in PUBLIC[top]]
        found += [f"{where} imports the private name {n} of {target}"
                  for n in names if n.startswith("_") and target != module]
    return found


def _modules():
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts.pop()
            yield ".".join(parts), path, is_package


def test_the_apps_import_each_other_only_down_and_through_public_modules():
    found = []
    modules = list(_modules())
    assert len(modules) > 100  # the whole code base is read
    for module, path, is_package in modules:
        found += violations(module, path.read_text(encoding="utf-8"), is_package=is_package)
    assert found == []


def test_the_rules_catch_each_kind_of_breach():
    assert violations("archive.views.articles", "from search.highlighting import snippet") == [
        "archive.views.articles:1 imports search.highlighting, a layer above archive"]
    assert violations("newsroom.views", "def f():\n    import search.engine\n") == [
        "newsroom.views:2 imports search.engine, a layer above newsroom"]
    assert violations("newsroom.views", "from archive.views.articles import paginate") == [
        "newsroom.views:1 imports archive.views.articles, not a public module of archive"]
    assert violations("search.querying.hits", "from archive import curation") == [
        "search.querying.hits:1 imports archive.curation, not a public module of archive"]
    assert violations("search.highlighting", "from .querying.snippets import _Matcher") == [
        "search.highlighting:1 imports the private name _Matcher of search.querying.snippets"]
    assert violations("archive.ingestion.run", "from .services import save_parsed_article") == []
    assert violations("search.views.feeds", "from archive.models import Article") == []


def _top_level_graph() -> dict[str, set[str]]:
    """Module -> the modules of ours it imports when it is imported (top-level statements,
    ``if TYPE_CHECKING`` blocks left out; a submodule importing its own package is no edge)."""
    modules = {module: (path, is_package) for module, path, is_package in _modules()}
    graph = {}
    for module, (path, is_package) in modules.items():
        body = [node for node in ast.parse(path.read_text(encoding="utf-8")).body
                if isinstance(node, (ast.Import, ast.ImportFrom))]
        edges = set()
        for target, names, _line in imported_modules(
                module, ast.unparse(ast.Module(body=body, type_ignores=[])),
                is_package=is_package):
            for name in names or ("",):
                candidate = f"{target}.{name}" if name else target
                edges.add(candidate if candidate in modules else target)
        graph[module] = {t for t in edges if t in modules and not module.startswith(t + ".")}
    return graph


def test_no_module_imports_itself_through_a_cycle():
    graph, state, path, cycles = _top_level_graph(), {}, [], []

    def visit(module):
        state[module] = "open"
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                cycles.append(" -> ".join(path[path.index(target):] + [target]))
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert "archive.ingestion.services" in graph["archive.ingestion.run"]
    assert cycles == []
