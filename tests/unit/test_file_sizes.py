"""Small files with names that say what they hold (issue 14): no product file over 450 lines."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.no_database

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 450


def test_no_product_file_is_over_450_lines() -> None:
    sizes = {
        path.relative_to(ROOT).as_posix(): len(path.read_text("utf-8").splitlines())
        for folder in ("app", "bot", "handlers", "db", "domain")
        for path in (ROOT / folder).rglob("*.py")
    }
    assert len(sizes) > 200
    assert {name: n for name, n in sizes.items() if n > LIMIT} == {}
