"""The one reading of a typed date and time for the whole bot, in Kazakhstan time.

Accepted everywhere: `25.12.2026 18:30`, `25.12 18:30` (the next 25 December from now), a slash for the date's
dot (`25/12/2026`), a dot for the colon (`18.30`), a comma or spaces between date and time.

The limits hold for every date people type: a moment to come at most `MAX_AHEAD` from now (an event moved to
9999 breaks its calendar file), a day (a report's period) from `EARLIEST_DAY` to `MAX_AHEAD` from today.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.clock import KZ

# A year ahead: what an event or a scheduled post may need, and a Telegram-safe calendar file.
MAX_AHEAD = timedelta(days=366)
# Nothing the bot keeps is older; a year like 0999 or 1025 is a typing slip, not a period to report on.
EARLIEST_DAY = date(2000, 1, 1)

_MOMENT = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})(?:[./](\d{4}))?\s*[\s,]\s*(\d{1,2})[:.](\d{2})\s*$")
# A day alone (a report's period, the day a measure was done): DD.MM.YYYY, a slash for the dot.
_DAY = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})\s*$")


class Problem(StrEnum):
    """Why a typed moment was not taken; each flow words it for its own step."""

    UNREADABLE = "unreadable"  # not the DD.MM.YYYY HH:MM shape
    NO_SUCH_DAY = "no_such_day"  # the shape, but no such date or time (31.02, 24:10)
    PAST = "past"
    TOO_FAR = "too_far"  # past MAX_AHEAD (or the flow's own max_ahead)


class Field(StrEnum):
    """The part of a typed date or time that does not exist."""

    DAY = "day"  # 0, or past the month's last day (31.04, 30.02, 29.02 of a common year)
    MONTH = "month"  # 0 or above 12
    HOUR = "hour"  # above 23
    MINUTE = "minute"  # above 59


@dataclass(frozen=True)
class Impossible:
    """A date or time of the right shape that is no date or time: what to tell the person who typed it.

    `year` is the year the date was read in (typed, or the next one from now when left out), so «29.02»
    typed in December 2026 is told about February 2027; `days` is that month's length (for Field.DAY).
    """

    field: Field
    day: int
    month: int
    year: int
    days: int = 0
    hour: int | None = None
    minute: int | None = None

    @property
    def typed_date(self) -> str:
        return f"{self.day:02d}.{self.month:02d}.{self.year}"

    @property
    def typed_time(self) -> str:
        return f"{self.hour or 0:02d}:{self.minute or 0:02d}"


def impossible(
    day: int, month: int, year: int, hour: int | None = None, minute: int | None = None
) -> Impossible | None:
    """What is wrong with these numbers as a date (and time), the date first; None when they are one."""
    if not 1 <= month <= 12:
        return Impossible(Field.MONTH, day, month, year, hour=hour, minute=minute)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return Impossible(Field.DAY, day, month, year, days, hour, minute)
    if hour is not None and hour > 23:
        return Impossible(Field.HOUR, day, month, year, hour=hour, minute=minute)
    if minute is not None and minute > 59:
        return Impossible(Field.MINUTE, day, month, year, hour=hour, minute=minute)
    return None


class MomentError(ValueError):
    def __init__(self, problem: Problem, detail: Impossible | None = None) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.detail = detail  # for NO_SUCH_DAY: what does not exist


def parse_moment(text: str, now: datetime, *, max_ahead: timedelta = MAX_AHEAD) -> datetime:
    """A moment still to come, aware in Kazakhstan time; raises MomentError saying why not.

    Without a year the date is the next one from now, so «05.01 10:00» typed in December means January.
    """
    match = _MOMENT.match(text or "")
    if match is None:
        raise MomentError(Problem.UNREADABLE)
    day, month, hour, minute = (int(match.group(i)) for i in (1, 2, 4, 5))
    typed_year = int(match.group(3)) if match.group(3) else None
    local_now = now.astimezone(KZ)
    # Without a year: this year's date, or next year's once this year's has passed (a month already gone).
    year = typed_year or (local_now.year if month >= local_now.month else local_now.year + 1)
    if (wrong := impossible(day, month, year, hour, minute)) is not None:
        raise MomentError(Problem.NO_SUCH_DAY, wrong)
    moment = datetime(year, month, day, hour, minute, tzinfo=KZ)
    if typed_year is None and moment <= now:
        # 29.02 of a leap year already passed: the next February has 28 days.
        if (wrong := impossible(day, month, year + 1, hour, minute)) is not None:
            raise MomentError(Problem.NO_SUCH_DAY, wrong)
        moment = moment.replace(year=year + 1)
    if moment <= now:
        raise MomentError(Problem.PAST)
    if moment > now + max_ahead:
        raise MomentError(Problem.TOO_FAR)
    return moment


def parse_typed_day(text: str | None) -> date:
    """A day typed as DD.MM.YYYY (or DD/MM/YYYY); raises MomentError: UNREADABLE, or NO_SUCH_DAY and why."""
    match = _DAY.match(text or "")
    if match is None:
        raise MomentError(Problem.UNREADABLE)
    day, month, year = (int(part) for part in match.groups())
    if (wrong := impossible(day, month, year)) is not None:
        raise MomentError(Problem.NO_SUCH_DAY, wrong)
    return date(year, month, day)


def example_moment(now: datetime) -> datetime:
    """A moment every step of a moment to come takes: a week from now at 18:00, Kazakhstan time."""
    return (now.astimezone(KZ) + timedelta(days=7)).replace(hour=18, minute=0, second=0, microsecond=0)


def example_day(today: date, *, last: bool = False) -> date:
    """A day a period may be typed with: the first of this month to start, today to end (never after it)."""
    return today if last else today.replace(day=1)


def latest_moment(now: datetime, max_ahead: timedelta = MAX_AHEAD) -> datetime:
    """The last moment parse_moment takes, in Kazakhstan time (for the refusal to name it)."""
    return (now + max_ahead).astimezone(KZ)


def day_bounds(today: date, max_ahead: timedelta = MAX_AHEAD) -> tuple[date, date]:
    """The first and last day a typed day may be."""
    return EARLIEST_DAY, today + max_ahead


def day_in_bounds(day: date, today: date, max_ahead: timedelta = MAX_AHEAD) -> bool:
    first, last = day_bounds(today, max_ahead)
    return first <= day <= last
