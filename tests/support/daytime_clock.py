"""The real clock moved into the day when a test runs in Kazakhstan's quiet hours (22:00-08:00).

A normal post waits for the morning then, so a test that sends one and expects it at once failed whenever the
suite ran late in the evening (CI has no fixed hour). The date stays today's and time still flows; by day the
offset is zero, so the bot's clock and the test's agree. `shared_daytime_clock` is one per test process: every
instance a test starts (a second one, a webhook one) must read the same time as the first.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from functools import cache

from bot.clock import KZ, Clock
from bot.quiet_hours import in_quiet_hours

MIDDAY = time(11, 0)


class ShiftedClock(Clock):
    def __init__(self, offset: timedelta) -> None:
        self.offset = offset

    def now(self) -> datetime:
        return datetime.now(KZ) + self.offset


def daytime_clock(real: datetime | None = None) -> ShiftedClock:
    now = real or datetime.now(KZ)
    # An hour of margin before quiet hours begin: a long test started at 21:30 must not cross 22:00.
    if not in_quiet_hours(now) and not in_quiet_hours(now + timedelta(hours=1)):
        return ShiftedClock(timedelta(0))
    return ShiftedClock(datetime.combine(now.date(), MIDDAY, tzinfo=KZ) - now)


@cache
def shared_daytime_clock() -> ShiftedClock:
    return daytime_clock()
