"""The house rules of ``civicat/``, as imports: each job in its own package, and the domain
knowing nothing of the jobs around it (docs/architecture.md, "The parts and their rooms")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "civicat"
MODULES = sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """Every import of a file as (absolute module, names taken from it, line)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, [], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((module, [alias.name for alias in node.names], node.lineno))
    return found


def where(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent))


def test_only_the_mkdocs_package_imports_mkdocs_or_material():
    outside = [f"{where(path)}:{line} imports {module}" for path in MODULES
               if not module_name(path).startswith("civicat.mkdocs")
               for module, _names, line in imports(path) if module.split(".")[0] in {"mkdocs", "material"}]
    assert outside == []


@pytest.mark.parametrize("rooms, forbidden", [
    (("civicat.hours",), ("civicat",)),
    (("civicat.catalogue",), ("civicat.render", "civicat.mkdocs", "civicat.serve", "civicat.cli", "civicat.contract",
                              "civicat.exports")),
    (("civicat.render", "civicat.contract"), ("civicat.mkdocs", "civicat.zensical", "civicat.serve", "civicat.cli")),
    (("civicat.mkdocs",), ("civicat.serve", "civicat.cli")),
    (("civicat.zensical",), ("civicat.mkdocs", "civicat.serve", "civicat.cli")),
    (("civicat.deploy",), ("civicat.render", "civicat.mkdocs", "civicat.zensical", "civicat.serve", "civicat.cli")),
    (("civicat.backup",), ("civicat",)),
    (("civicat.search",), ("civicat",)),
    (("civicat.exports",), ("civicat.render", "civicat.mkdocs", "civicat.zensical", "civicat.serve", "civicat.cli")),
], ids=["hours knows nothing of civicat", "the catalogue knows nothing of what is made from it",
        "rendering does not know mkdocs", "the mkdocs adapter does not know the command line or server",
        "the Zensical project needs neither mkdocs nor the command line",
        "going live works on a built site, not on the build", "the backup knows only SQLite",
        "the search index takes the renderer's pages as they are and imports nothing of civicat",
        "the exports know the catalogue and hours, not pages or mkdocs"])
def test_the_domain_does_not_import_the_jobs_around_it(rooms, forbidden):
    wrong = []
    for path in MODULES:
        name = module_name(path)
        if not name.startswith(rooms):
            continue
        for module, names, line in imports(path):
            targets = [t for t in [module] + [f"{module}.{n}" for n in names]
                       if not any(t == room or t.startswith(room + ".") for room in rooms)]  # its own modules
            if any(t == f or t.startswith(f + ".") for t in targets for f in forbidden):
                wrong.append(f"{where(path)}:{line} imports {module}")
    assert wrong == []


def test_no_module_imports_a_private_name_of_another():
    """A leading underscore means "only for this module": reaching in from outside couples two
    modules through what one of them may change at any time. mkdocs' own private API is used in
    exactly one place, civicat/mkdocs/internals.py, which a test of its own watches."""
    wrong = []
    for path in MODULES:
        if where(path) == "civicat/mkdocs/internals.py":
            continue
        for module, names, line in imports(path):
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private:
                wrong.append(f"{where(path)}:{line} takes {', '.join(private)} from {module}")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules_here = {name for module, names, _line in imports(path) if module.startswith("civicat") for name in names}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules_here
                    and node.attr.startswith("_") and not node.attr.startswith("__")):
                wrong.append(f"{where(path)}:{node.lineno} uses {node.value.id}.{node.attr}")
    assert wrong == []


def test_the_command_line_lists_every_subcommand_module():
    """No import loop that silently skips a subcommand whose module is missing."""
    from civicat import cli

    listed = {module.__name__ for module in cli.COMMANDS}
    on_disk = {module_name(path) for path in (PACKAGE / "cli").glob("*.py") if path.stem not in ("__init__", "__main__")}
    assert listed == on_disk
    source = (PACKAGE / "cli" / "__init__.py").read_text(encoding="utf-8")
    assert "__import__" not in source and "import_module" not in source
