"""/report's ready-made periods are those a roadmap of the coordinator's region holds
(handlers/report.py offered_periods): today's quarter, half-year and year while a roadmap is in force, the
last ended roadmap's span and years when none is."""

from __future__ import annotations

from datetime import date

import pytest

from bot.reports import PeriodKind
from handlers.report import offered_periods
from tests.support.report_plan import small_plan

pytestmark = pytest.mark.no_database

PLAN = small_plan()  # 01.01.2023–31.12.2025
Q, LQ, H, Y = PeriodKind.quarter, PeriodKind.last_quarter, PeriodKind.half_year, PeriodKind.year


def test_in_force_all_four_and_no_ended_plan() -> None:
    periods = offered_periods([PLAN], date(2025, 5, 15))
    assert periods.kinds == (Q, LQ, H, Y) and periods.ended is None


def test_in_its_first_quarter_the_quarter_before_it_is_not_offered() -> None:
    periods = offered_periods([PLAN], date(2023, 2, 10))
    assert periods.kinds == (Q, H, Y) and periods.ended is None


def test_after_its_end_the_ended_plan_and_what_still_touches_it() -> None:
    assert offered_periods([PLAN], date(2026, 12, 6)).kinds == ()
    assert offered_periods([PLAN], date(2026, 12, 6)).ended is PLAN
    # Early in the next year the last quarter still falls in it.
    periods = offered_periods([PLAN], date(2026, 1, 20))
    assert periods.kinds == (LQ,) and periods.ended is PLAN


def test_a_successor_in_force_replaces_the_ended_one() -> None:
    later = PLAN.model_copy(
        update={"code": "krg-next", "starts": date(2026, 1, 1), "ends": date(2028, 12, 31)}
    )
    periods = offered_periods([PLAN, later], date(2026, 12, 6))
    assert periods.kinds == (Q, LQ, H, Y) and periods.ended is None
    # Imported ahead of its start, it holds nothing yet: the ended one's periods are offered meanwhile.
    upcoming = later.model_copy(update={"starts": date(2027, 1, 1)})
    periods = offered_periods([PLAN, upcoming], date(2026, 12, 6))
    assert periods.kinds == () and periods.ended is PLAN


def test_a_region_without_plans_keeps_the_four() -> None:
    assert offered_periods([], date(2026, 12, 6)).kinds == (Q, LQ, H, Y)
