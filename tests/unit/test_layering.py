"""The layers import only downwards: domain <- db <- bot <- handlers <- app (docs/ARCHITECTURE.md, Layering).

Every import statement of every file is read (also those inside functions and `if TYPE_CHECKING:`), and so
is `importlib.import_module("...")` with a literal name, so an arrow cannot hide in a lazy import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What the files of each package may not import.
FORBIDDEN = {
    "domain": {"db", "bot", "handlers", "app"},
    "db": {"bot", "handlers", "app"},
    "bot": {"handlers", "app"},
    "handlers": {"app"},
}
# `python -m bot` is the process's entry point: its three lines hand over to app/cli.py, the command line of
# the composition root (app/ includes the handlers), so it is the one file under bot/ that may import app.
ENTRY_POINTS = {"bot/__main__.py": {"app"}}

pytestmark = pytest.mark.no_database


def _module_of(path: Path) -> list[str]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imports(source: str, path: Path) -> list[tuple[int, str]]:
    """(line, top-level package) of everything the source imports."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's own package
                package = _module_of(path)
                if path.name != "__init__.py":
                    package = package[:-1]
                base = package[: len(package) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return [(line, name.split(".")[0]) for line, name in found]


def violations(package: str) -> list[str]:
    wrong = []
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        allowed = ENTRY_POINTS.get(relative, set())
        for line, top in imports(path.read_text(encoding="utf-8"), path):
            if top in FORBIDDEN[package] - allowed:
                wrong.append(f"{relative}:{line} imports {top}")
    return wrong


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_upward_imports(package: str) -> None:
    assert violations(package) == []


def test_the_reader_sees_every_form_of_import() -> None:
    source = (
        "import handlers.post\n"
        "from bot.views import posts\n"
        "def later():\n"
        "    from handlers import build_root_router\n"
        "    importlib.import_module('app')\n"
        "from . import rows\n"
        "from ..views import posts\n"
    )
    path = ROOT / "bot" / "flows" / "example.py"
    assert imports(source, path) == [
        (1, "handlers"),
        (2, "bot"),
        (6, "bot"),
        (7, "bot"),
        (4, "handlers"),
        (5, "app"),
    ]
