"""Family Hour and parent meetings: the measure each kind reports on, when they are held, how long.

KAR 55 is «Отбасы сағаты» (its months come from the roadmap: bot/events/family_hour.py); KAR 32 covers
parent seminars and lectures; KAR 40 the clubs of mothers, fathers and grandparents.
"""

from __future__ import annotations

from domain.enums import EventKind

# The roadmap measure an event's attendance reports on, and the figures it fills in.
MEASURE_OF_KIND: dict[EventKind, int] = {
    EventKind.FAMILY_HOUR: 55,
    EventKind.SEMINAR: 32,
    EventKind.PARENT_CLUB: 40,
}
DEFAULT_DURATION_MIN = 60

__all__ = ["DEFAULT_DURATION_MIN", "MEASURE_OF_KIND"]
