"""The engine's pipeline runs one way: structure <- loading <- render <- outputs, with no import cycles.

Read from the source with ``ast`` (nothing is imported), so the test fails on the import itself, wherever it
sits in a module (top level, function body or ``TYPE_CHECKING`` block).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT

PACKAGE = PROJECT / "plugins" / "ltss_toolkit"

LAYERS = [
    {"structure"},  # the model: pages, sections, resources, problems, publications; imports nothing of ours
    {"extensions"},  # what a kind of content plugs in (readers, checks, pages, PDFs)
    {"loading"},  # files to model
    {"render"},  # model to Markdown and HTML
    {"flow", "figures", "case_studies", "glossary", "trust", "open_data", "search"},  # the extensions, each a kind of
    # content, and the search index shaped from the glossary and the pages
    {"engine"},  # the content's one entry: load, validate, check links
    {"editing"},  # editors' commands (check, new), schemas, the repository's edit and feedback links
    {"errors", "config", "plugin"},  # the MkDocs plugin, fed by everything above
    {"outputs"},  # the build: MkDocs in-process, PDFs, offline zip
    {"serve", "__main__"},  # commands
]
"""Each part may import its own layer and the ones above it, never one below."""


def layer_of(module: str) -> int:
    part = module.split(".")[1] if "." in module else ""
    for rank, names in enumerate(LAYERS):
        if part in names:
            return rank
    raise AssertionError(f"{module}: add its part '{part}' to LAYERS")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every ``ltss_toolkit`` module that ``path`` imports, resolved to a module (not a name in it)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [target] + [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        for candidate in candidates:
            if candidate.split(".")[0] == "ltss_toolkit" and candidate in MODULES:
                found.add(candidate)
    found.discard(name)
    return found


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def test_no_module_imports_a_later_stage_of_the_pipeline() -> None:
    upward = [
        f"{name} imports {target}"
        for name, targets in sorted(GRAPH.items())
        if name != "ltss_toolkit"
        for target in sorted(targets)
        if target != "ltss_toolkit" and layer_of(target) > layer_of(name)
    ]
    assert upward == []


def test_no_import_cycles() -> None:
    """Between modules, and between the parts (``loading`` and ``structure`` once imported each other)."""
    cycles = []
    for graph in (GRAPH, _parts_graph()):
        done: set[str] = set()
        for start in sorted(graph):
            stack = [(start, [start])]
            while stack:
                node, path = stack.pop()
                for target in sorted(graph.get(node, ())):
                    if target == start:
                        cycles.append(" -> ".join([*path, start]))
                    elif target not in path and target not in done:
                        stack.append((target, [*path, target]))
            done.add(start)
    assert cycles == []


def _parts_graph() -> dict[str, set[str]]:
    parts: dict[str, set[str]] = {}
    for name, targets in GRAPH.items():
        if name == "ltss_toolkit":
            continue
        part = name.split(".")[1]
        parts.setdefault(part, set()).update(t.split(".")[1] for t in targets if t != "ltss_toolkit")
        parts[part].discard(part)
    return parts


def test_structure_writes_no_html() -> None:
    """The model says what exists; HTML and Markdown are written in render/ (and by the extensions)."""
    offenders = [
        f"{path.relative_to(PROJECT)}:{number}"
        for path in (PACKAGE / "structure").glob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "<p " in line or "<a " in line or "</" in line or "class=\\\"" in line or 'class="' in line
    ]
    assert offenders == []


def test_the_plugin_and_a_site_build_without_pdfs_never_load_weasyprint() -> None:
    code = (
        "import sys, ltss_toolkit.plugin, ltss_toolkit.outputs.pipeline, ltss_toolkit.outputs.pdf.cache;"
        "assert 'weasyprint' not in sys.modules, 'WeasyPrint was imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


MKDOCS_ADAPTERS = ("plugin", "config", "errors", "__main__", "outputs", "serve")
"""The parts that may import MkDocs (or its theme): the plugin and its options, the build and the preview."""


def third_party_imports(path: Path) -> set[str]:
    """The top-level names of the packages ``path`` imports (not ours, not the standard library)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
    return {name for name in names if name != "ltss_toolkit" and name not in sys.stdlib_module_names}


def test_only_the_adapters_import_mkdocs() -> None:
    """The engine's parts work without MkDocs (plain functions, tested without a build); only the adapters
    named in ``MKDOCS_ADAPTERS`` (and the README) import it or its theme."""
    offenders = [
        f"{name} imports {package}"
        for name, path in sorted(MODULES.items())
        for package in sorted(third_party_imports(path) & {"mkdocs", "material"})
        if name.split(".")[1:2] and name.split(".")[1] not in MKDOCS_ADAPTERS
    ]
    assert offenders == []


USED_THROUGH_MKDOCS_YML = {"mkdocs-material", "mkdocs-macros-plugin", "pymdown-extensions"}
"""Declared for the site's configuration (the theme, the macros plugin, a Markdown extension), never imported."""


def _distribution(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_declared_dependencies_are_the_ones_the_engine_imports() -> None:
    """``pyproject.toml`` names every package the engine imports and nothing only the tests use."""
    import importlib.metadata
    import tomllib

    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_distribution(r) for r in project["dependencies"]}
    providers = importlib.metadata.packages_distributions()
    imported = {
        distribution.lower().replace("_", "-")
        for path in MODULES.values()
        for name in third_party_imports(path)
        for distribution in providers.get(name, [name])
    }
    assert sorted(imported - declared) == [], "imported but not declared"
    assert sorted(declared - imported - USED_THROUGH_MKDOCS_YML) == [], "declared but not imported by the engine"
