"""An event's announcement in one language: the text of the post parents get, above the RSVP buttons."""

from __future__ import annotations

import html

from aiogram.utils.i18n import gettext as _

from bot.events.ics import is_link
from bot.views.event_text import heading
from bot.views.formats import grouped, weekday_date_time
from db.models import Event


def place_html(place: str) -> str:
    text = place.strip()
    if is_link(text):
        escaped = html.escape(text, quote=True)
        return f'<a href="{escaped}">{escaped}</a>'
    return html.escape(text)


def announcement_text(event: Event, locale: str) -> str:
    """Kind and topic, when (Kazakhstan time), where, the places if limited, and how to answer.

    Works on an unsaved Event too, so the organiser's preview is the very text parents get.
    """
    lines = [
        heading(event, locale),
        "",
        "🗓 " + weekday_date_time(event.starts_at, locale),
        "📍 " + place_html(event.place),
    ]
    if event.capacity:
        lines.append("👥 " + _("Places: {n}", locale=locale).format(n=grouped(event.capacity, locale)))
    lines += [
        "",
        _("Please let us know with the buttons below whether you will come.", locale=locale),
        _("The «{button}» button sends you a calendar file with a reminder.", locale=locale).format(
            button=_("📅 Add to calendar", locale=locale)
        ),
    ]
    return "\n".join(lines)


__all__ = ["announcement_text", "place_html"]
