"""An event as an iCalendar file. (Stub: being built.)"""

from __future__ import annotations

from db.models import Event


def event_ics(event: Event, locale: str) -> bytes:
    """The .ics bytes for one event in the reader's language, with the Asia/Almaty time zone."""
    raise NotImplementedError
