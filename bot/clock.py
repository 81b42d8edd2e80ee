"""Kazakhstan time. One clock object is handed around so tests can control it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

KZ = ZoneInfo("Asia/Almaty")


def kz_day(day: date) -> tuple[datetime, datetime]:
    """The start of `day` in Kazakhstan and the start of the next one."""
    start = datetime.combine(day, time(0, 0), tzinfo=KZ)
    return start, datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=KZ)


class Clock:
    def now(self) -> datetime:
        return datetime.now(KZ)


class FrozenClock(Clock):
    """A clock that only moves when told to; for tests and benchmarks."""

    def __init__(self, start: datetime) -> None:
        self._now = start.astimezone(KZ)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta
