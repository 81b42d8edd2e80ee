"""The Family Hour months /event offers, from the roadmap catalogue, as /familyhour reads them.

The months are those of the Family Hour measure (content/familyhour.yaml names it per plan) of the roadmap in
force for the staff member's region on the event's date. Between two roadmaps no plan schedules Family Hour,
yet schools keep the last one's practice, so the most recent ended plan answers, said in the past tense; its
months are then information only, and a Family Hour may be held on any date (`allows`). Creating and
rescheduling an event ask the same question here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from bot.measures import Catalogue, Plan
from db.repositories import Repositories


@dataclass(frozen=True)
class FamilyHourMonths:
    months: tuple[int, ...]
    plan: Plan
    in_force: bool  # False: the plan has ended and no other one is in force
    upcoming: bool = False  # in force on the event's date, but not yet today: imported ahead of its start

    def allows(self, month: int) -> bool:
        """A roadmap in force holds Family Hour to its months; an ended one's months bind no one."""
        return not self.in_force or month in self.months


def family_hour_allowed(family_hour: FamilyHourMonths | None, month: int) -> bool:
    """Whether a Family Hour may be held in `month`; with no roadmap that sets months, in any month."""
    return family_hour is None or family_hour.allows(month)


def family_hour_months(
    catalogue: Catalogue,
    regions: Iterable[str] | None,
    day: date,
    measures: Mapping[str, int],
    today: date | None = None,
) -> FamilyHourMonths | None:
    """The Family Hour months on `day` in these regions; None when no roadmap, in force or ended, sets any.
    `today` (default `day`) tells a roadmap in force on `day` that has not started yet; the regions are read
    as `_plans_on` reads them.
    """
    in_force, ended = _plans_on(catalogue, regions, day)
    if in_force:  # one that sets no Family Hour months is what applies now, not an ended one's months
        found = next((m for p in in_force if (m := _of(p, measures, in_force=True))), None)
        upcoming = found is not None and found.plan.starts > (today or day)
        return replace(found, upcoming=True) if found is not None and upcoming else found
    return next((m for p in ended if (m := _of(p, measures, in_force=False))), None)


async def regions_of(repo: Repositories, codes: Iterable[str] | None) -> set[str] | None:
    """The regions these organisations lie in; None (any region) without any, as for an admin."""
    codes = list(codes or ())
    if not codes:
        return None
    return {org.code for org in await repo.orgs.regions()} & await repo.orgs.above(codes)


def measure_plan(catalogue: Catalogue, regions: Iterable[str] | None, day: date) -> Plan | None:
    """The roadmap an event on `day` counts under: the one in force then, else the one that ended last (the
    caller says it has ended); None when the regions have no roadmap before `day`."""
    in_force, ended = _plans_on(catalogue, regions, day)
    return next(iter(in_force or ended), None)


def _plans_on(
    catalogue: Catalogue, regions: Iterable[str] | None, day: date
) -> tuple[list[Plan], list[Plan]]:
    """The roadmaps in force on `day` in these regions, and those ended by then, the latest first.

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
    return in_force, ended


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
