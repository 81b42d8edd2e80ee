"""The /staff list is cut into pages that stay inside Telegram's message limit."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.views.staff import LIST_BUDGET, LIST_ROWS, StaffLine, list_pages
from db.repositories.staff import RoleRow

WHEN = datetime(2026, 12, 6, tzinfo=UTC)


def _line(n: int, length: int) -> StaffLine:
    return StaffLine(RoleRow(n, 1000 + n, "psychologist", "s", WHEN), "x" * length, "Школа № 1")


def test_pages_keep_order_and_stay_within_the_budget() -> None:
    # Names of people are up to 64 + 64 characters, and escaping can make them five times longer.
    lines = [_line(n, 900 if n % 3 == 0 else 120) for n in range(40)]
    pages = list_pages(lines)
    assert [line for page in pages for line in page] == lines
    for page in pages:
        assert 1 <= len(page) <= LIST_ROWS
        assert sum(len(line.text) + 1 for line in page) <= LIST_BUDGET
    assert LIST_BUDGET + 200 < 4096  # the header and the page number fit too
    assert list_pages([]) == [[]]
