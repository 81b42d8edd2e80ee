"""The Family Hour months /event offers, from the roadmap catalogue, as /familyhour reads them.

The months are those of the Family Hour measure (content/familyhour.yaml names it per plan) of the roadmap in
force for the staff member's region on the event's date. Between two roadmaps no plan schedules Family Hour,
yet schools keep the last one's practice, so the most recent ended plan answers, said in the past tense.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from bot.measures import Catalogue, Plan


@dataclass(frozen=True)
class FamilyHourMonths:
    months: tuple[int, ...]
    plan: Plan
    in_force: bool  # False: the plan has ended and no other one is in force


def family_hour_months(
    catalogue: Catalogue, regions: Iterable[str] | None, day: date, measures: Mapping[str, int]
) -> FamilyHourMonths | None:
    """The Family Hour months on `day` in these regions; None when no roadmap, in force or ended, sets any.

    Like /familyhour for a parent without a school, no region (an admin), or only regions the catalogue holds
    no plan for, reads every region the catalogue holds.
    """
    planned = sorted(r for r in regions or () if catalogue.of_region(r))
    chosen: list[str | None] = [*planned] or [None]
    in_force = [p for r in chosen if (p := catalogue.current(day, r)) is not None]
    ended = sorted(
        (p for r in chosen for p in catalogue.archived(day, r) if p.ended(day)),
        key=lambda p: (p.ends, p.starts),
        reverse=True,
    )
    if in_force:  # one that sets no Family Hour months is what applies now, not an ended one's months
        return next((m for p in in_force if (m := _of(p, measures, in_force=True))), None)
    return next((m for p in ended if (m := _of(p, measures, in_force=False))), None)


def months_of(plan: Plan, measures: Mapping[str, int]) -> tuple[int, ...]:
    """The months `plan`'s Family Hour measure (`measures` names it per plan) falls due in; () if none."""
    number = measures.get(plan.code)
    measure = plan.measure(number) if number is not None else None
    return tuple(measure.deadline.due_months()) if measure is not None else ()


def _of(plan: Plan, measures: Mapping[str, int], *, in_force: bool) -> FamilyHourMonths | None:
    months = months_of(plan, measures)
    return FamilyHourMonths(_school_year_order(months), plan, in_force) if months else None


def _school_year_order(months: Iterable[int]) -> tuple[int, ...]:
    # Staff count the year from September, as the roadmap lists them: September, December, March, June.
    return tuple(sorted(months, key=lambda m: (m - 9) % 12))
