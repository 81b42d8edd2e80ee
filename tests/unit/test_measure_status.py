"""The status of a measure per deadline kind, over the plan's periods, and the next due date."""

from __future__ import annotations

from datetime import date

import pytest

from bot.measures import (
    Catalogue,
    Deadline,
    Measure,
    Plan,
    final_outcome,
    measure_status,
    next_due,
    periods,
)
from bot.measures.catalogue import Section
from domain.enums import FinalState, MeasureStatus
from domain.facts import UpdateFact

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database

TEXT = {"kk": "мерзім", "ru": "срок"}


def _measure(kind: str, on: date | None = None, months: tuple[int, ...] = ()) -> Measure:
    return Measure.model_validate(
        {
            "number": 1,
            "section": 1,
            "title": {"kk": "Іс-шара", "ru": "Мероприятие"},
            "form": {"kk": "Есеп", "ru": "отчёт"},
            "deadline": Deadline.model_validate({"kind": kind, "on": on, "months": months, "text": TEXT}),
            "responsible": {"kk": "ББ", "ru": "УО"},
        }
    )


def _plan(measure: Measure) -> Plan:
    return Plan(
        code="t-2023-2025",
        region="t",
        title={"kk": "Жоспар", "ru": "План"},  # type: ignore[arg-type]
        starts=date(2023, 1, 1),
        ends=date(2025, 12, 31),
        sections=(Section(number=1, title={"kk": "Бөлім", "ru": "Раздел"}),),  # type: ignore[arg-type]
        measures=(measure,),
    )


def done(day: date) -> UpdateFact:
    return UpdateFact(day, "done")


def started(day: date) -> UpdateFact:
    return UpdateFact(day, "in_progress")


def status(measure: Measure, updates: list[UpdateFact], today: date) -> MeasureStatus:
    return measure_status(measure, updates, today, plan=_plan(measure))


def test_once() -> None:
    m = _measure("once", on=date(2024, 2, 29))
    assert status(m, [], date(2024, 1, 10)) is MeasureStatus.NOT_STARTED
    assert status(m, [started(date(2024, 1, 5))], date(2024, 1, 10)) is MeasureStatus.IN_PROGRESS
    assert status(m, [started(date(2024, 1, 5))], date(2024, 3, 1)) is MeasureStatus.OVERDUE
    # Done late is still done.
    assert status(m, [done(date(2024, 4, 1))], date(2024, 5, 1)) is MeasureStatus.DONE
    assert next_due(m, _plan(m), date(2024, 2, 29)) == date(2024, 2, 29)
    assert next_due(m, _plan(m), date(2024, 3, 1)) is None
    # Positional use without a plan keeps working.
    assert measure_status(m, [], date(2024, 3, 1)) is MeasureStatus.OVERDUE


def test_quarterly() -> None:
    m = _measure("quarterly")
    q1_done = done(date(2024, 2, 1))
    assert status(m, [q1_done], date(2024, 3, 20)) is MeasureStatus.DONE
    # A new quarter with the last one done: nothing owed yet.
    assert status(m, [q1_done], date(2024, 4, 2)) is MeasureStatus.NOT_STARTED
    assert status(m, [q1_done, started(date(2024, 4, 3))], date(2024, 4, 10)) is MeasureStatus.IN_PROGRESS
    # The last quarter closed without a report: overdue until this quarter's is done.
    assert status(m, [], date(2024, 4, 2)) is MeasureStatus.OVERDUE
    assert status(m, [done(date(2024, 4, 9))], date(2024, 4, 10)) is MeasureStatus.DONE
    # The very first quarter of the plan owes nothing before its end.
    assert status(m, [], date(2023, 2, 1)) is MeasureStatus.NOT_STARTED
    assert next_due(m, _plan(m), date(2024, 4, 2)) == date(2024, 6, 30)
    assert next_due(m, _plan(m), date(2024, 12, 31)) == date(2024, 12, 31)


def test_semiannual() -> None:
    m = _measure("semiannual")
    assert [p.due for p in periods(m, _plan(m))][:3] == [
        date(2023, 6, 30),
        date(2023, 12, 31),
        date(2024, 6, 30),
    ]
    h1 = done(date(2024, 6, 30))
    assert status(m, [h1], date(2024, 6, 30)) is MeasureStatus.DONE
    assert status(m, [h1], date(2024, 7, 1)) is MeasureStatus.NOT_STARTED
    # A done update of the first half does not count for the second.
    assert status(m, [done(date(2024, 3, 1))], date(2024, 12, 1)) is MeasureStatus.NOT_STARTED
    assert status(m, [done(date(2024, 3, 1))], date(2025, 1, 5)) is MeasureStatus.OVERDUE
    assert next_due(m, _plan(m), date(2024, 7, 1)) == date(2024, 12, 31)


def test_yearly_and_given_months() -> None:
    yearly = _measure("yearly", months=(12,))
    assert status(yearly, [done(date(2023, 12, 1))], date(2024, 5, 1)) is MeasureStatus.NOT_STARTED
    assert status(yearly, [], date(2024, 5, 1)) is MeasureStatus.OVERDUE
    assert next_due(yearly, _plan(yearly), date(2024, 5, 1)) == date(2024, 12, 31)
    # October, December, March, May: the windows run between the due months.
    fire = _measure("yearly", months=(10, 12, 3, 5))
    windows = [(p.start, p.due) for p in periods(fire, _plan(fire)) if p.due.year == 2024]
    assert windows == [
        (date(2024, 1, 1), date(2024, 3, 31)),
        (date(2024, 4, 1), date(2024, 5, 31)),
        (date(2024, 6, 1), date(2024, 10, 31)),
        (date(2024, 11, 1), date(2024, 12, 31)),
    ]
    assert next_due(fire, _plan(fire), date(2024, 6, 1)) == date(2024, 10, 31)


def test_school_year() -> None:
    m = _measure("school_year")
    school_2023 = done(date(2024, 3, 1))
    assert status(m, [school_2023], date(2024, 5, 1)) is MeasureStatus.DONE
    # Summer holidays judge the school year just ended.
    assert status(m, [school_2023], date(2024, 7, 15)) is MeasureStatus.DONE
    assert status(m, [], date(2024, 7, 15)) is MeasureStatus.OVERDUE
    # A new school year starts clean when the last was done.
    assert status(m, [school_2023], date(2024, 9, 10)) is MeasureStatus.NOT_STARTED
    assert next_due(m, _plan(m), date(2024, 7, 15)) == date(2025, 5, 31)
    # The plan starts mid school year: the first window is clipped to the plan.
    assert periods(m, _plan(m))[0].start == date(2023, 1, 1)


def test_continuous_reports_each_december() -> None:
    m = _measure("continuous")
    assert status(m, [started(date(2024, 2, 1))], date(2024, 3, 1)) is MeasureStatus.OVERDUE  # 2023 had none
    both = [done(date(2023, 9, 1)), started(date(2024, 2, 1))]
    assert status(m, both, date(2024, 3, 1)) is MeasureStatus.IN_PROGRESS
    assert next_due(m, _plan(m), date(2024, 3, 1)) == date(2024, 12, 31)


def test_after_the_plan_ends_the_last_period_is_judged() -> None:
    m = _measure("quarterly")
    assert status(m, [done(date(2025, 11, 1))], date(2026, 6, 1)) is MeasureStatus.DONE
    assert status(m, [done(date(2025, 8, 1))], date(2026, 6, 1)) is MeasureStatus.OVERDUE
    assert next_due(m, _plan(m), date(2026, 1, 1)) is None


@pytest.mark.parametrize(
    "bad", [{"kind": "once"}, {"kind": "yearly", "on": "2024-01-01"}, {"kind": "yearly", "months": [13]}]
)
def test_inconsistent_deadlines_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        Deadline.model_validate({**bad, "text": TEXT})


def _done(*days: date) -> list[UpdateFact]:
    return [UpdateFact(day, "done") for day in days]


def test_final_outcome_of_an_ended_plan() -> None:
    once = _measure("once", on=date(2023, 12, 31))
    assert final_outcome(once, [], _plan(once)).state is FinalState.NOT_REPORTED
    assert final_outcome(once, [UpdateFact(date(2024, 3, 1), "in_progress")], _plan(once)).state is (
        FinalState.REPORTED
    )
    # Done late is still done: the plan is over, nothing is owed any more.
    assert final_outcome(once, _done(date(2024, 3, 1)), _plan(once)).state is FinalState.DONE

    yearly = _measure("yearly")
    plan = _plan(yearly)
    outcome = final_outcome(yearly, _done(date(2023, 5, 1), date(2025, 11, 30)), plan)
    assert (outcome.state, outcome.periods_done, outcome.periods) == (FinalState.REPORTED, 2, 3)
    outcome = final_outcome(yearly, _done(date(2023, 5, 1), date(2024, 2, 1), date(2025, 11, 30)), plan)
    assert (outcome.state, outcome.periods_done, outcome.periods) == (FinalState.DONE, 3, 3)

    quarterly = _measure("quarterly")
    outcome = final_outcome(quarterly, _done(date(2024, 4, 20), date(2024, 5, 1)), _plan(quarterly))
    assert (outcome.state, outcome.periods_done, outcome.periods) == (FinalState.REPORTED, 1, 12)


def _dated(code: str, starts: date, ends: date, region: str = "t") -> Plan:
    return _plan(_measure("yearly")).model_copy(
        update={"code": code, "starts": starts, "ends": ends, "region": region}
    )


def test_the_current_plan_the_archive_and_the_next_one() -> None:
    old = _dated("t-2023-2025", date(2023, 1, 1), date(2025, 12, 31))
    new = _dated("t-2027-2029", date(2027, 1, 1), date(2029, 12, 31))
    elsewhere = _dated("x-2026-2028", date(2026, 1, 1), date(2028, 12, 31), region="x")
    catalogue = Catalogue(plans=(new, elsewhere, old))
    between = date(2026, 12, 6)
    assert catalogue.current(between, "t") is None
    assert catalogue.plan_for_region("t", between) is None
    assert catalogue.archived(between, "t") == [old]
    assert catalogue.upcoming(between, "t") == [new]
    assert catalogue.current(date(2027, 1, 1), "t") is new
    assert catalogue.archived(date(2027, 1, 1), "t") == [old]
    assert catalogue.upcoming(date(2027, 1, 1), "t") == []
    assert catalogue.current(date(2025, 12, 31), "t") is old
    assert catalogue.current(between, "x") is elsewhere
    # A report's period chooses the plan it falls in; one touching no plan has none.
    assert catalogue.for_period("t", date(2024, 1, 1), date(2024, 12, 31)) is old
    assert catalogue.for_period("t", date(2025, 10, 1), date(2027, 3, 31)) is old  # 92 days against 90
    assert catalogue.for_period("t", date(2025, 12, 1), date(2027, 6, 30)) is new
    assert catalogue.for_period("t", date(2026, 1, 1), date(2026, 12, 31)) is None
    assert catalogue.of_region("t") == [old, new]


def test_a_newer_plan_adopted_before_the_old_one_ends_replaces_it() -> None:
    old = _dated("t-2023-2025", date(2023, 1, 1), date(2025, 12, 31))
    new = _dated("t-2025-2027", date(2025, 7, 1), date(2027, 12, 31))
    catalogue = Catalogue(plans=(old, new))
    assert catalogue.current(date(2025, 8, 1), "t") is new
    assert catalogue.archived(date(2025, 8, 1), "t") == [old]
