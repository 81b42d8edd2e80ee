"""How an event reads everywhere it appears: its kind, topic, time (Kazakhstan time, Babel) and place.

The announcement, the parents' /familyhour list, reminders and change notices all use these, so an event
never reads two ways.
"""

from __future__ import annotations

import html

from aiogram.utils.i18n import gettext as _

from bot.views.formats import weekday_date_time
from db.models import Event
from domain.enums import EventKind


def kind_label(kind: str, locale: str) -> str:
    labels: dict[str, str] = {
        EventKind.FAMILY_HOUR: _("Family Hour", locale=locale),
        EventKind.SEMINAR: _("Parent seminar", locale=locale),
        EventKind.PARENT_CLUB: _("Parent club meeting", locale=locale),
    }
    return labels.get(kind, labels[EventKind.SEMINAR])


def topic(event: Event, locale: str) -> str:
    return event.topic_kk if locale == "kk" else event.topic_ru


def heading(event: Event, locale: str) -> str:
    """Kind and topic in bold, the topic (typed by staff) escaped."""
    return f"<b>{html.escape(kind_label(event.kind, locale))}: {html.escape(topic(event, locale))}</b>"


def event_summary(event: Event, locale: str) -> str:
    """Kind and topic in bold, then when and where; user-supplied text escaped."""
    when, where = weekday_date_time(event.starts_at, locale), html.escape(event.place)
    return f"{heading(event, locale)}\n🗓 {when}\n📍 {where}"


__all__ = ["event_summary", "heading", "kind_label", "topic"]
