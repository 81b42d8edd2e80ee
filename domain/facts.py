"""Plain records the repositories hand to the domain's rules (db/ builds them, bot/ reasons with them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class UpdateFact:
    """What a measure's status needs to know of one update (not withdrawn)."""

    done_on: date
    status: str  # a domain.enums.UpdateStatus value: in_progress, done
