"""How the bot writes dates, times and numbers: one way per language, by Babel, in Kazakhstan time.

Every date or time a screen shows comes from here, so one form reads alike on every screen:

- a long date: kk «2026 жылғы 8 желтоқсан», ru «8 декабря 2026 г.» (Babel's ru long form). Kazakh puts the
  year first as «жылғы», as official Kazakh writing does; Babel's own kk long form abbreviates it to
  «2026 ж. 8 желтоқсан», and «8 желтоқсан 2026» is the Russian word order. A kk date ends in the month's
  name (a date and time in the time), never in a bare year, so a postposition the translation puts after it
  («... дейін», «... бастап») follows a word;
- without the year where a screen has always left it out (a button, an invitation good for a few days):
  kk «8 желтоқсан», ru «8 декабря»;
- with the time: «2026 жылғы 8 желтоқсан, 17:00», «8 декабря 2026 г., 17:00»; an event adds its weekday,
  after the date in Kazakh («2026 жылғы 8 желтоқсан, сейсенбі, 18:00»), before it in Russian («вторник,
  8 декабря 2026 г., 18:00»);
- short numeric forms, «08.12.2026» and «08.12.2026 17:00», only where staff are asked to type a date, so
  the example, the limits and the echo of what they typed read the way they type.

A moment (a datetime) is shown in Kazakhstan time (Asia/Almaty, UTC+5); one without a time zone is UTC, as
Babel reads it. Numbers are grouped as each language writes them: «12 345» with a no-break space.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from babel.dates import format_date, format_datetime, get_date_format
from babel.numbers import format_decimal

from bot.clock import KZ

# The long date's pattern per language; any other locale gets Babel's own long form.
_LONG = {"kk": "y 'жылғы' d MMMM"}
_DAY_MONTH = "d MMMM"
_WEEKDAY = "EEEE"
_TIME = "HH:mm"
_SHORT_DATE = "dd.MM.y"
# Digits, dots and colons only: the same in every language.
_NUMERIC = "ru"


def grouped(value: int | float | Decimal, locale: str) -> str:
    """A count as people read it in this language: «1 000» with Babel's grouping, not «1000»."""
    return format_decimal(value, locale=locale)


def local(moment: datetime) -> datetime:
    """The moment in Kazakhstan time; a naive one is taken as UTC."""
    return (moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)).astimezone(KZ)


def _day(day: date | datetime) -> date:
    return local(day).date() if isinstance(day, datetime) else day


def long_date(day: date | datetime, locale: str) -> str:
    """kk «2026 жылғы 8 желтоқсан», ru «8 декабря 2026 г.»."""
    pattern = _LONG.get(locale) or get_date_format("long", locale=locale).pattern
    return format_date(_day(day), pattern, locale=locale)


def date_before_stop(day: date | datetime, locale: str) -> str:
    """A long date followed by a full stop: Russian's «31 декабря 2025 г.» lends its dot to the sentence."""
    return long_date(day, locale).removesuffix(".")


def day_month(day: date | datetime, locale: str) -> str:
    """The day and month without the year: kk «8 желтоқсан», ru «8 декабря»."""
    return format_date(_day(day), _DAY_MONTH, locale=locale)


def clock_time(moment: datetime) -> str:
    """«18:00», Kazakhstan time."""
    return format_datetime(local(moment), _TIME, locale=_NUMERIC)


def date_time(moment: datetime, locale: str) -> str:
    """kk «2026 жылғы 8 желтоқсан, 17:00», ru «8 декабря 2026 г., 17:00»."""
    return f"{long_date(moment, locale)}, {clock_time(moment)}"


def day_month_time(moment: datetime, locale: str) -> str:
    """Without the year: kk «8 желтоқсан, 17:00», ru «8 декабря, 17:00»."""
    return f"{day_month(moment, locale)}, {clock_time(moment)}"


def weekday_date_time(moment: datetime, locale: str) -> str:
    """An event's time, with its weekday: kk «2026 жылғы 8 желтоқсан, сейсенбі, 18:00»,
    ru «вторник, 8 декабря 2026 г., 18:00»."""
    weekday = format_date(_day(moment), _WEEKDAY, locale=locale)
    if locale == "kk":
        return f"{long_date(moment, locale)}, {weekday}, {clock_time(moment)}"
    return f"{weekday}, {long_date(moment, locale)}, {clock_time(moment)}"


def month_name(month: int, locale: str) -> str:
    """The month's name as a list names it: nominative, lower case (kk «желтоқсан», ru «декабрь»)."""
    return format_date(date(2000, month, 1), "LLLL", locale=locale).lower()


def short_date(day: date | datetime) -> str:
    """«08.12.2026»: the form staff type a date in."""
    return format_date(_day(day), _SHORT_DATE, locale=_NUMERIC)


def short_date_time(moment: datetime) -> str:
    """«08.12.2026 17:00», Kazakhstan time: the form staff type a date and time in."""
    return format_datetime(local(moment), f"{_SHORT_DATE} {_TIME}", locale=_NUMERIC)


__all__ = [
    "clock_time",
    "date_before_stop",
    "date_time",
    "day_month",
    "day_month_time",
    "grouped",
    "local",
    "long_date",
    "month_name",
    "short_date",
    "short_date_time",
    "weekday_date_time",
]
