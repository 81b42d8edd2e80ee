"""A measure's status for a scope, from its deadlines and the updates staff posted.

Recurring measures are judged per period (a quarter, a half-year, the months between two due months, a school
year), clipped to the plan's dates: done when a 'done' update falls inside the current period; overdue when
the period before it closed without one and the current one has none yet (a report is owed); in progress
when the current period has any update; not started otherwise. A once measure is done by any 'done' update
and overdue once its date has passed. A plan that has ended owes nothing: its measures get a final outcome
instead (done in every period, reported, not reported).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from bot.measures.catalogue import Measure, Plan
from domain.enums import FinalState, MeasureStatus, UpdateStatus
from domain.facts import UpdateFact


@dataclass(frozen=True, slots=True)
class Period:
    """One reporting window; `due` is its last day, by which the report is owed."""

    start: date
    due: date

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.due


def month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def periods(measure: Measure, plan: Plan | None = None, around: date | None = None) -> list[Period]:
    """Every reporting period of a measure within the plan, in order; one for a once measure.

    Without a plan, the years around `around` (default today) stand in for it.
    """
    deadline = measure.deadline
    if deadline.kind == "once":
        assert deadline.on is not None
        return [Period(plan.starts if plan else deadline.on, deadline.on)]
    if plan is not None:
        starts, ends = plan.starts, plan.ends
    else:
        year = (around or date.today()).year
        starts, ends = date(year - 2, 1, 1), date(year + 1, 12, 31)
    if deadline.kind == "school_year":
        raw = [Period(date(y, 9, 1), date(y + 1, 5, 31)) for y in range(starts.year - 1, ends.year + 1)]
    else:
        raw = []
        months = deadline.due_months()
        for year in range(starts.year, ends.year + 1):
            previous_end = month_end(year - 1, months[-1])
            for month in months:
                end = month_end(year, month)
                raw.append(Period(previous_end + timedelta(days=1), end))
                previous_end = end
    return [
        Period(max(p.start, starts), min(p.due, ends)) for p in raw if p.due >= starts and p.start <= ends
    ]


def _current(all_periods: list[Period], today: date) -> int:
    """The index of the period holding today; the last one begun (school holidays, after the plan)."""
    return max((i for i, p in enumerate(all_periods) if p.start <= today), default=0)


def measure_status(
    measure: Measure, updates: list[UpdateFact], today: date, *, plan: Plan | None = None
) -> MeasureStatus:
    if measure.deadline.kind == "once":
        if any(u.status == UpdateStatus.DONE for u in updates):
            return MeasureStatus.DONE
        assert measure.deadline.on is not None
        if measure.deadline.on < today:
            return MeasureStatus.OVERDUE
        return MeasureStatus.IN_PROGRESS if updates else MeasureStatus.NOT_STARTED
    all_periods = periods(measure, plan, today)
    if not all_periods:
        return MeasureStatus.NOT_STARTED
    i = _current(all_periods, today)
    current = all_periods[i]
    inside = [u for u in updates if current.holds(u.done_on)]
    if any(u.status == UpdateStatus.DONE for u in inside):
        return MeasureStatus.DONE
    if current.due < today:
        return MeasureStatus.OVERDUE
    if i > 0 and current.start <= today:
        before = all_periods[i - 1]
        if not any(u.status == UpdateStatus.DONE and before.holds(u.done_on) for u in updates):
            return MeasureStatus.OVERDUE
    return MeasureStatus.IN_PROGRESS if inside else MeasureStatus.NOT_STARTED


@dataclass(frozen=True, slots=True)
class Outcome:
    state: FinalState
    periods_done: int
    periods: int  # 1 for a once measure


def final_outcome(measure: Measure, updates: list[UpdateFact], plan: Plan) -> Outcome:
    all_periods = periods(measure, plan)
    done = [u for u in updates if u.status == UpdateStatus.DONE]
    if measure.deadline.kind == "once":
        closed = 1 if done else 0
    else:
        closed = sum(1 for p in all_periods if any(p.holds(u.done_on) for u in done))
    total = 1 if measure.deadline.kind == "once" else len(all_periods)
    if not updates:
        state = FinalState.NOT_REPORTED
    elif total and closed == total:
        state = FinalState.DONE
    else:
        state = FinalState.REPORTED
    return Outcome(state, closed, total)


def next_due(measure: Measure, plan: Plan | None, today: date) -> date | None:
    """The next date (today or later) by which a report is due within the plan; None when none is left."""
    if measure.deadline.kind == "once":
        on = measure.deadline.on
        return on if on is not None and on >= today else None
    return next((p.due for p in periods(measure, plan, today) if p.due >= today), None)
