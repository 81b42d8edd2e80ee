"""Kazakhstan time. One clock object is handed around so tests can control it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

KZ = ZoneInfo("Asia/Almaty")


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
