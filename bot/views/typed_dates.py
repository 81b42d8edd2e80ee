"""What a date or time typed wrongly is told: a date that does not exist says why («В феврале 2027 года 28
дней», «2027 жылғы ақпанда 28 күн бар»), and every example is one the same step would take, counted from the
bot's clock (bot/flows/moments.py example_moment, example_day), never a date written into a string."""

from __future__ import annotations

from datetime import date, datetime

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from babel.dates import format_date

from bot.flows.moments import Field, Impossible, example_day, example_moment
from bot.views.formats import short_date, short_date_time

_KK_FRONT = set("әеіөүэи")
_KK_BACK = set("аоұыуяё")
_KK_VOICELESS = set("кқпстфхшщцч")


def _kk_locative(word: str) -> str:
    """«ақпан» -> «ақпанда», «қыркүйек» -> «қыркүйекте», «шілде» -> «шілдеде» (harmony, assimilation)."""
    vowels = [ch for ch in word if ch in _KK_FRONT or ch in _KK_BACK]
    front = bool(vowels) and vowels[-1] in _KK_FRONT
    first = "т" if word[-1] in _KK_VOICELESS else "д"
    return word + first + ("е" if front else "а")


def _ru_prepositional(word: str) -> str:
    """«февраль» -> «феврале», «май» -> «мае», «март» -> «марте» (after «в»)."""
    return word[:-1] + "е" if word[-1] in "ьй" else word + "е"


def month_in(month: int, locale: str) -> str:
    """The month as «in February» needs it, lower case: kk «ақпанда», ru «феврале» (Babel's name declined)."""
    name = format_date(date(2000, month, 1), "LLLL", locale=locale).lower()
    return _kk_locative(name) if locale == "kk" else _ru_prepositional(name)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def impossible_text(wrong: Impossible, locale: str) -> str:
    """Why the typed date or time does not exist, in one sentence."""
    if wrong.field is Field.MONTH:
        return _("A year has 12 months: there is no date {date}.", locale=locale).format(
            date=wrong.typed_date
        )
    if wrong.field is Field.DAY:
        month = month_in(wrong.month, locale)
        if wrong.month == 2:  # the only month whose length is the year's
            text = ngettext(
                "In {month} {year} there is {days} day: there is no date {date}.",
                "In {month} {year} there are {days} days: there is no date {date}.",
                wrong.days,
                locale=locale,
            )
        else:
            text = ngettext(
                "In {month} there is {days} day: there is no date {date}.",
                "In {month} there are {days} days: there is no date {date}.",
                wrong.days,
                locale=locale,
            )
        filled = text.format(month=month, year=wrong.year, days=wrong.days, date=wrong.typed_date)
        return _capitalised(filled)
    return _(
        "Hours run from 00 to 23 and minutes from 00 to 59: there is no time {time}.", locale=locale
    ).format(time=wrong.typed_time)


def send_again_text(example: str, locale: str) -> str:
    return _("Please send it again, like {example}.", locale=locale).format(example=example)


def moment_example(now: datetime) -> str:
    """«14.12.2026 18:00»: a week from now at 18:00, what any step asking for a moment to come takes."""
    return short_date_time(example_moment(now))


def day_example(today: date, *, last: bool = False) -> str:
    """«01.12.2026» for a first day, today for a last one: days a report's period takes."""
    return short_date(example_day(today, last=last))


def no_such_moment_text(wrong: Impossible, now: datetime, locale: str) -> str:
    return f"{impossible_text(wrong, locale)} {send_again_text(moment_example(now), locale)}"


def no_such_day_text(wrong: Impossible, example: str, locale: str) -> str:
    return f"{impossible_text(wrong, locale)} {send_again_text(example, locale)}"
