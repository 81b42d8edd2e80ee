"""An event as an iCalendar file (RFC 5545) that a parent opens from the announcement's calendar button.

The UID stays the same for the life of an event and SEQUENCE is its revision, so a file sent after a change
or a cancellation updates the entry a parent already added instead of adding a second one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from aiogram.utils.i18n import gettext as _
from icalendar import Alarm, Calendar
from icalendar import Event as CalendarEvent
from icalendar.enums import STATUS

from bot.clock import KZ
from bot.events import DEFAULT_DURATION_MIN
from bot.views.event_text import kind_label, topic
from db.models import Event
from domain.enums import EventStatus

PRODID = "-//Outreach bot for schools of Kazakhstan//Family Hour events//KK-RU"
UID_DOMAIN = "outreach-bot"
REMINDER_BEFORE = timedelta(hours=2)


def event_uid(event_id: int) -> str:
    return f"event-{event_id}@{UID_DOMAIN}"


def is_link(place: str) -> bool:
    """An online meeting's address (one word, http or https): a link in the announcement, URL here."""
    text = place.strip()
    return text.lower().startswith(("https://", "http://")) and not any(ch.isspace() for ch in text)


def event_ics(event: Event, locale: str) -> bytes:
    """The .ics bytes for one event in the reader's language, with the Asia/Almaty time zone."""
    starts = event.starts_at.astimezone(KZ)
    ends = starts + timedelta(minutes=event.duration_min or DEFAULT_DURATION_MIN)
    cancelled = event.status == EventStatus.CANCELLED
    summary = f"{kind_label(event.kind, locale)}: {topic(event, locale)}"
    place = event.place.strip()
    vevent = CalendarEvent.new(
        uid=event_uid(event.id),
        sequence=event.revision or 1,
        # When this version of the event was made: the same file twice is byte-for-byte the same.
        stamp=(event.changed_at or event.created_at or datetime.now(UTC)).astimezone(UTC),
        start=starts,
        end=ends,
        summary=summary,
        location=place,
        url=place if is_link(place) else None,
        description=_(
            "Please answer in the Telegram bot whether you will come: the buttons are under the "
            "announcement.",
            locale=locale,
        ),
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
    )
    if not cancelled:
        alarm = Alarm.new(description=summary)
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -REMINDER_BEFORE)
        vevent.add_component(alarm)
    calendar = Calendar.new(
        prodid=PRODID,
        uid=f"calendar-{event_uid(event.id)}",
        method="PUBLISH",
        language=locale,
        subcomponents=[vevent],
    )
    # A short VTIMEZONE around the event (Asia/Almaty has been +05:00 all year since March 2024).
    calendar.add_missing_timezones(
        first_date=date(starts.year - 1, 1, 1), last_date=date(starts.year + 2, 1, 1)
    )
    return calendar.to_ical()
