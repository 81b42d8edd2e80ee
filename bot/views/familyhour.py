from __future__ import annotations

from datetime import date

from bot.content import Content


def next_family_hour_month(today: date, months: list[int]) -> int:
    """The month of the next Family Hour: this month if it is one (the school may not have held it yet)."""
    for step in range(12):
        month = (today.month - 1 + step) % 12 + 1
        if month in months:
            return month
    raise ValueError("no Family Hour months configured")


def familyhour_message(content: Content, today: date, locale: str) -> str:
    fh = content.familyhour
    t = fh.text(locale)
    month = next_family_hour_month(today, fh.months)
    upcoming = t.next_month.format(month=fh.month_name(month, locale))
    return "\n\n".join(
        [f"<b>{t.title}</b>", t.what.strip(), t.expect.strip(), t.clubs.strip(), f"<b>{upcoming}</b>"]
    )
