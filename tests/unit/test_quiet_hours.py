from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import KZ
from bot.quiet_hours import effective_send_at, in_quiet_hours
from domain.enums import Urgency

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database


def kz(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=KZ)


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [
        (kz(2, 21, 59), False),
        (kz(2, 22, 0), True),
        (kz(3, 3, 0), True),
        (kz(3, 7, 59), True),
        (kz(3, 8, 0), False),
    ],
)
def test_quiet_hours_are_22_to_8_kazakhstan_time(moment: datetime, quiet: bool) -> None:
    assert in_quiet_hours(moment) is quiet


def test_a_normal_post_at_night_waits_for_eight_in_the_morning() -> None:
    assert effective_send_at(None, kz(2, 23, 30), Urgency.NORMAL) == kz(3, 8)
    assert effective_send_at(None, kz(3, 2, 0), Urgency.NORMAL) == kz(3, 8)
    assert effective_send_at(kz(4, 23, 0), kz(2, 12), Urgency.NORMAL) == kz(5, 8)


def test_silent_and_urgent_posts_go_at_once_and_daytime_posts_are_not_moved() -> None:
    assert effective_send_at(None, kz(2, 23, 30), Urgency.SILENT) is None
    assert effective_send_at(None, kz(2, 23, 30), Urgency.URGENT) is None
    assert effective_send_at(None, kz(2, 12), Urgency.NORMAL) is None
    assert effective_send_at(kz(4, 15), kz(2, 12), Urgency.NORMAL) == kz(4, 15)


def test_utc_input_is_read_in_kazakhstan_time() -> None:
    assert in_quiet_hours(datetime(2026, 12, 2, 17, 30, tzinfo=UTC)) is True  # 22:30 in Almaty
    assert in_quiet_hours(datetime(2026, 12, 2, 16, 30, tzinfo=UTC)) is False  # 21:30 in Almaty
