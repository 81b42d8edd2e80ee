"""Family Hour and parent meetings: the kinds, the answers and the measure each kind reports on.

KAR 55 is «Отбасы сағаты», held in every school each September, December, March and June; KAR 32 covers
parent seminars and lectures; KAR 40 the clubs of mothers, fathers and grandparents.
"""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    FAMILY_HOUR = "family_hour"
    SEMINAR = "seminar"
    PARENT_CLUB = "parent_club"


class Answer(StrEnum):
    GOING = "going"
    NOT_GOING = "not_going"
    WAITING = "waiting"  # said they would come when the event was full


class EventStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


# The roadmap measure an event's attendance reports on, and the figures it fills in.
MEASURE_OF_KIND: dict[EventKind, int] = {
    EventKind.FAMILY_HOUR: 55,
    EventKind.SEMINAR: 32,
    EventKind.PARENT_CLUB: 40,
}
FAMILY_HOUR_MONTHS = (9, 12, 3, 6)
DEFAULT_DURATION_MIN = 60

__all__ = [
    "DEFAULT_DURATION_MIN",
    "FAMILY_HOUR_MONTHS",
    "MEASURE_OF_KIND",
    "Answer",
    "EventKind",
    "EventStatus",
]
