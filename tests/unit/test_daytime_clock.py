"""Tests on the real clock run as by day: late in the evening normal posts would wait for the morning."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.clock import KZ
from bot.quiet_hours import in_quiet_hours
from tests.support.daytime_clock import daytime_clock


def test_by_day_the_clock_is_the_real_one() -> None:
    assert daytime_clock(datetime(2026, 12, 6, 14, 0, tzinfo=KZ)).offset == timedelta(0)


def test_in_quiet_hours_or_just_before_the_clock_reads_midday_of_the_same_date() -> None:
    for hour, minute in ((21, 30), (23, 14), (0, 5), (7, 59)):
        real = datetime(2026, 12, 6, hour, minute, tzinfo=KZ)
        shifted = real + daytime_clock(real).offset
        assert shifted.date() == real.date()
        assert not in_quiet_hours(shifted) and not in_quiet_hours(shifted + timedelta(hours=1))
