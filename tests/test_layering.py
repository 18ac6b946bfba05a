"""Data flows one way: fetch (bytes, pages, records) then ingest (Articles). Nothing under
`newsweave.fetch` may import `newsweave.ingest`, not even lazily inside a function."""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
from pathlib import Path

import newsweave.fetch


def _imported(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Every module named by an import statement anywhere in the tree (relative ones
    resolved against `module`)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = module if is_package else module.rpartition(".")[0]
                base = importlib.util.resolve_name("." * node.level, package)
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return names


def _fetch_modules() -> list[tuple[str, Path, bool]]:
    root = Path(newsweave.fetch.__file__).parent
    found = [("newsweave.fetch", root / "__init__.py", True)]
    for info in pkgutil.walk_packages([str(root)], "newsweave.fetch."):
        spec = importlib.util.find_spec(info.name)
        assert spec is not None and spec.origin is not None
        found.append((info.name, Path(spec.origin), info.ispkg))
    return found


def test_the_walk_finds_fetch_modules_and_their_imports():
    modules = {name: (path, pkg) for name, path, pkg in _fetch_modules()}
    assert {"newsweave.fetch", "newsweave.fetch.http", "newsweave.fetch.feeds"} <= set(modules)
    path, pkg = modules["newsweave.fetch"]
    assert "newsweave.fetch.http" in _imported(ast.parse(path.read_text()), "newsweave.fetch",
                                               pkg)


def test_relative_and_lazy_imports_are_seen():
    tree = ast.parse("def f():\n    from ..ingest import html\n    import newsweave.ingest\n")
    names = _imported(tree, "newsweave.fetch.feeds", False)
    assert {"newsweave.ingest", "newsweave.ingest.html"} <= names


def test_fetch_never_imports_ingest():
    offenders = []
    for name, path, pkg in _fetch_modules():
        found = {t for t in _imported(ast.parse(path.read_text(), str(path)), name, pkg)
                 if t == "newsweave.ingest" or t.startswith("newsweave.ingest.")}
        offenders += [f"{name} imports {t}" for t in sorted(found)
                      if t.rpartition(".")[0] not in found]  # the module, not each name
    assert not offenders, "fetch must not import ingest: " + "; ".join(offenders)
