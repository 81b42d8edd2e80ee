"""The layers import only downwards: domain <- db <- bot <- handlers <- app (docs/ARCHITECTURE.md, Layering).

Every import statement of every file is read (also those inside functions and `if TYPE_CHECKING:`), and so
is `importlib.import_module("...")` with a literal name, so an arrow cannot hide in a lazy import.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.imports import imported_modules

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


def imports(source: str, path: Path) -> list[tuple[int, str]]:
    """(line, top-level package) of everything the source imports."""
    tops = ((line, name.split(".")[0]) for line, name in imported_modules(source, path, ROOT))
    return list(dict.fromkeys(tops))


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
