"""Parents' quiet hours, 22:00-08:00 Kazakhstan time: an ordinary post waits for the morning."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.clock import KZ
from domain.enums import Urgency

QUIET_FROM = time(22, 0)
QUIET_UNTIL = time(8, 0)


def in_quiet_hours(moment: datetime) -> bool:
    local = moment.astimezone(KZ).time()
    return local >= QUIET_FROM or local < QUIET_UNTIL


def end_of_quiet_hours(moment: datetime) -> datetime:
    local = moment.astimezone(KZ)
    morning = local.replace(hour=QUIET_UNTIL.hour, minute=0, second=0, microsecond=0)
    return morning if local.time() < QUIET_UNTIL else morning + timedelta(days=1)


def effective_send_at(requested: datetime | None, now: datetime, urgency: Urgency) -> datetime | None:
    """When a post really goes out; None means at once."""
    moment = requested if requested is not None and requested > now else now
    if urgency is Urgency.NORMAL and in_quiet_hours(moment):
        return end_of_quiet_hours(moment)
    return None if moment is now else moment
