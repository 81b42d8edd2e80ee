"""Report periods: this or last quarter, this half-year, this year, or two days the user types."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.measures.status import month_end
from bot.views.formats import short_date

DAY = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


class PeriodKind(StrEnum):
    quarter = "q"
    last_quarter = "lq"
    half_year = "h"
    year = "y"
    custom = "c"


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date  # inclusive

    def label(self) -> str:
        """«01.10.2026 – 31.12.2026»: numeric, as the days of a period are typed in /report."""
        return f"{short_date(self.start)} – {short_date(self.end)}"


def _months(year: int, first: int, last: int) -> Period:
    return Period(date(year, first, 1), month_end(year, last))


def _quarter(year: int, index: int) -> Period:
    return _months(year, 3 * index + 1, 3 * index + 3)


def period_of(kind: PeriodKind, today: date) -> Period:
    """The period a button means on `today` (custom periods are typed, not computed)."""
    index = (today.month - 1) // 3
    if kind is PeriodKind.quarter:
        return _quarter(today.year, index)
    if kind is PeriodKind.last_quarter:
        return _quarter(today.year - 1, 3) if index == 0 else _quarter(today.year, index - 1)
    if kind is PeriodKind.half_year:
        return _months(today.year, 1, 6) if today.month <= 6 else _months(today.year, 7, 12)
    if kind is PeriodKind.year:
        return _months(today.year, 1, 12)
    raise ValueError(f"{kind} is typed by the user")


def parse_day(text: str | None) -> date | None:
    """DD.MM.YYYY as people write it; None for anything else, including 31.02.2025."""
    match = DAY.match(text or "")
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None
