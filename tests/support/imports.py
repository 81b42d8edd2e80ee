"""Reading what a Python file imports, for the tests that keep the layers (tests/unit/test_layering.py) and
the test modules (tests/unit/test_test_layout.py) apart. Every import statement counts, also those inside
functions and under `if TYPE_CHECKING:`, and so does `importlib.import_module("...")` with a literal name."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _package_of(path: Path, root: Path) -> list[str]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts[:-1]  # the package a relative import starts from, for an __init__.py too


def imported_modules(source: str, path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """(line, dotted name) of every module the source may import: for `from package import name`, both the
    package and package.name, since the name may be a module."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the file's own package
                package = _package_of(path, root)
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, node.module] if node.module else package)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found
