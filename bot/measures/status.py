"""A measure's status for a scope, from its deadlines and the updates staff posted.

A placeholder rule until the catalogue work refines it: done if any 'done' update exists, in progress if any
update exists, overdue if a deadline has passed without 'done', not started otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.measures.catalogue import Measure


class Status(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class UpdateFact:
    """What status needs to know of one update (not withdrawn)."""

    done_on: date
    status: str  # in_progress, done


def measure_status(measure: Measure, updates: list[UpdateFact], today: date) -> Status:
    if any(u.status == "done" for u in updates):
        return Status.DONE
    due = measure.deadline.on
    if due is not None and due < today:
        return Status.OVERDUE
    return Status.IN_PROGRESS if updates else Status.NOT_STARTED
