"""Refusals of a typed date outside the bot's limits (bot/flows/moments.py), shared by every flow."""

from __future__ import annotations

from datetime import date, datetime

from aiogram.utils.i18n import gettext as _

from bot.flows.moments import day_bounds, latest_moment
from bot.views.formats import short_date, short_date_time


def too_far_text(now: datetime, locale: str) -> str:
    last = latest_moment(now)
    return _(
        "That is more than a year ahead. Please send a date no later than {last}.", locale=locale
    ).format(last=short_date_time(last))


def day_out_of_bounds_text(today: date, locale: str) -> str:
    first, last = day_bounds(today)
    return _("Please send a date from {first} to {last}.", locale=locale).format(
        first=short_date(first), last=short_date(last)
    )
