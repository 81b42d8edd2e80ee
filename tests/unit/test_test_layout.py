"""No file under tests/ imports a test module (tests/**/test_*.py): what tests share lives in tests/support/.

A helper taken from another test module changes with the tests around it there, and running one file loads
the other; a helper in tests/support/ has one home that says what it is for. Every import statement is read
(also those inside functions), and so is `importlib.import_module("...")` with a literal name, as
tests/unit/test_layering.py does for the layers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.imports import imported_modules

ROOT = Path(__file__).resolve().parents[2]

# (importing file, test module) pairs allowed for now, each with the reason it cannot go yet. An entry that
# no longer happens fails test_every_allowed_import_still_happens, so the list only shrinks.
ALLOWED: set[tuple[str, str]] = set()

pytestmark = pytest.mark.no_database


def owning_test_module(name: str, root: Path = ROOT) -> str | None:
    """The test module (a file tests/**/test_*.py) a dotted name is or is inside of: tests.e2e.test_digest for
    tests.e2e.test_digest.MONDAY_0859; None for anything else (tests.support.databases.test_database_url)."""
    parts = name.split(".")
    for n in range(1, len(parts)):
        if parts[n].startswith("test_") and root.joinpath(*parts[: n + 1]).with_suffix(".py").is_file():
            return ".".join(parts[: n + 1])
    return None


def imports_of_test_modules(root: Path = ROOT) -> set[tuple[str, int, str]]:
    """(file, line, test module) of every import of a test module by a file under tests/."""
    found = set()
    for path in sorted((root / "tests").rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        for line, name in imported_modules(path.read_text(encoding="utf-8"), path, root):
            module = owning_test_module(name, root)
            if module is not None:
                found.add((relative, line, module))
    return found


def test_no_file_under_tests_imports_a_test_module() -> None:
    wrong = sorted(
        f"{file}:{line} imports {name}"
        for file, line, name in imports_of_test_modules()
        if (file, name) not in ALLOWED
    )
    assert wrong == [], "move what they share to tests/support/"


def test_every_allowed_import_still_happens() -> None:
    happening = {(file, name) for file, _, name in imports_of_test_modules()}
    assert ALLOWED - happening == set(), "no longer imported: remove the entry from ALLOWED"


def test_the_reader_sees_every_form_of_import() -> None:
    source = (
        "import tests.e2e.test_digest\n"
        "from tests.e2e.test_event_manage import PLAN_CODE\n"
        "from tests.e2e import test_subscribe\n"
        "def later():\n"
        "    from .test_staff_post import write_post\n"
        "    importlib.import_module('tests.e2e.test_restart_mid_flow')\n"
        "from tests.support.chat import next_with\n"
        "from tests.conftest import SharedRedis\n"
    )
    path = ROOT / "tests" / "e2e" / "test_example.py"
    modules = [owning_test_module(name) for _, name in imported_modules(source, path)]
    assert sorted({module for module in modules if module}) == [
        "tests.e2e.test_digest",
        "tests.e2e.test_event_manage",
        "tests.e2e.test_restart_mid_flow",
        "tests.e2e.test_staff_post",
        "tests.e2e.test_subscribe",
    ]
