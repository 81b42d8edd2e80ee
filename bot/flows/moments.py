"""The one reading of a typed date and time for the whole bot, in Kazakhstan time.

Accepted everywhere: `25.12.2026 18:30`, `25.12 18:30` (the next 25 December from now), a slash for the date's
dot (`25/12/2026`), a dot for the colon (`18.30`), a comma or spaces between date and time.

The limits hold for every date people type: a moment to come at most `MAX_AHEAD` from now (an event moved to
9999 breaks its calendar file), a day (a report's period) from `EARLIEST_DAY` to `MAX_AHEAD` from today.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.clock import KZ

# A year ahead: what an event or a scheduled post may need, and a Telegram-safe calendar file.
MAX_AHEAD = timedelta(days=366)
# Nothing the bot keeps is older; a year like 0999 or 1025 is a typing slip, not a period to report on.
EARLIEST_DAY = date(2000, 1, 1)

_MOMENT = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})(?:[./](\d{4}))?\s*[\s,]\s*(\d{1,2})[:.](\d{2})\s*$")


class Problem(StrEnum):
    """Why a typed moment was not taken; each flow words it for its own step."""

    UNREADABLE = "unreadable"  # not the DD.MM.YYYY HH:MM shape
    NO_SUCH_DAY = "no_such_day"  # the shape, but no such date or time (31.02, 24:10)
    PAST = "past"
    TOO_FAR = "too_far"  # past MAX_AHEAD (or the flow's own max_ahead)


class MomentError(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def parse_moment(text: str, now: datetime, *, max_ahead: timedelta = MAX_AHEAD) -> datetime:
    """A moment still to come, aware in Kazakhstan time; raises MomentError saying why not.

    Without a year the date is the next one from now, so «05.01 10:00» typed in December means January.
    """
    match = _MOMENT.match(text or "")
    if match is None:
        raise MomentError(Problem.UNREADABLE)
    day, month, year, hour, minute = (int(g) if g else None for g in match.groups())
    local_now = now.astimezone(KZ)
    try:
        moment = datetime(year or local_now.year, month, day, hour, minute, tzinfo=KZ)  # type: ignore[arg-type]
        if year is None and moment <= now:
            moment = moment.replace(year=local_now.year + 1)
    except ValueError:
        raise MomentError(Problem.NO_SUCH_DAY) from None
    if moment <= now:
        raise MomentError(Problem.PAST)
    if moment > now + max_ahead:
        raise MomentError(Problem.TOO_FAR)
    return moment


def latest_moment(now: datetime, max_ahead: timedelta = MAX_AHEAD) -> datetime:
    """The last moment parse_moment takes, in Kazakhstan time (for the refusal to name it)."""
    return (now + max_ahead).astimezone(KZ)


def day_bounds(today: date, max_ahead: timedelta = MAX_AHEAD) -> tuple[date, date]:
    """The first and last day a typed day may be."""
    return EARLIEST_DAY, today + max_ahead


def day_in_bounds(day: date, today: date, max_ahead: timedelta = MAX_AHEAD) -> bool:
    first, last = day_bounds(today, max_ahead)
    return first <= day <= last
