"""/familyhour's page from plain data, and the schedule the handler reads from the roadmap catalogue."""

from __future__ import annotations

from datetime import date

import pytest

from bot.content import Content
from bot.measures import Catalogue, load_catalogue
from bot.views.familyhour import Schedule, familyhour_message
from handlers.familyhour import family_hour_schedule, next_family_hour_month

pytestmark = pytest.mark.no_database

CONTENT = Content.load()
CATALOGUE = load_catalogue()
MEASURES = CONTENT.familyhour.measures
NEXT = {"kk": "келесі «Отбасы сағаты» — желтоқсан айында", "ru": "следующий «Отбасы сағаты» — в декабре"}


def top(page: str) -> str:
    return page.split("\n\n")[1]


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_a_roadmap_in_force_names_the_next_month(locale: str) -> None:
    t = CONTENT.familyhour.text(locale)
    page = familyhour_message(CONTENT, Schedule(in_force=True, next_month=12, years="2023–2025"), locale)
    assert NEXT[locale] in top(page) and "2023–2025" in top(page)
    assert page.count(t.schedule) == 1 and t.no_roadmap not in page


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_between_roadmaps_no_month_is_named(locale: str) -> None:
    t = CONTENT.familyhour.text(locale)
    page = familyhour_message(CONTENT, Schedule(in_force=False), locale)
    assert top(page) == f"<b>{t.schedule} {t.no_roadmap} {t.school_announces}</b>"
    assert NEXT[locale] not in page and page.count(t.schedule) == 1
    # The past-tense schedule keeps the four months.
    months = {"kk": ("қыркүйек", "желтоқсан", "наурыз", "маусым"), "ru": ("сентябр", "декабр", "март", "июн")}
    assert all(m in t.schedule for m in months[locale])
    # A roadmap imported ahead of its start: its day instead of "not adopted".
    page = familyhour_message(CONTENT, Schedule(in_force=False, next_starts=date(2027, 1, 1)), locale)
    assert t.no_roadmap not in page and "2027" in top(page)
    # A roadmap in force that sets no Family Hour months: neither a month nor "not adopted".
    page = familyhour_message(CONTENT, Schedule(in_force=True), locale)
    assert top(page) == f"<b>{t.schedule} {t.school_announces}</b>"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 11, 22), Schedule(in_force=True, next_month=12, years="2023–2025")),
        (date(2025, 12, 31), Schedule(in_force=True, next_month=12, years="2023–2025")),
        (date(2024, 1, 5), Schedule(in_force=True, next_month=3, years="2023–2025")),
        (date(2026, 1, 1), Schedule(in_force=False)),
        (date(2026, 12, 6), Schedule(in_force=False)),
    ],
)
def test_the_schedule_comes_from_the_plan_in_force(today: date, expected: Schedule) -> None:
    assert family_hour_schedule(CATALOGUE, [], today, MEASURES) == expected
    assert family_hour_schedule(CATALOGUE, ["krg"], today, MEASURES) == expected
    # A region without a roadmap has none in force, whatever the date.
    assert family_hour_schedule(CATALOGUE, ["elsewhere"], today, MEASURES) == Schedule(in_force=False)


def test_another_regions_plan_and_a_plan_ending_before_the_month() -> None:
    krg = CATALOGUE.plan("krg-2023-2025")
    assert krg is not None
    other = krg.model_copy(
        update={"code": "x-2026", "region": "x", "starts": date(2026, 1, 1), "ends": date(2027, 10, 31)}
    )
    catalogue = Catalogue(plans=(krg, other))
    measures = {**MEASURES, "x-2026": 55}
    assert family_hour_schedule(catalogue, ["x"], date(2026, 7, 1), measures) == Schedule(
        in_force=True, next_month=9, years="2026–2027"
    )
    # December falls after the plan's end: no month, though a plan is in force.
    assert family_hour_schedule(catalogue, ["x"], date(2027, 10, 1), measures) == Schedule(in_force=True)
    # A plan the Family Hour page names no measure for schedules nothing.
    assert family_hour_schedule(catalogue, ["x"], date(2026, 7, 1), MEASURES) == Schedule(in_force=True)
    # Before it starts, the parent's region is between roadmaps and its start is known.
    assert family_hour_schedule(catalogue, ["x"], date(2025, 12, 1), measures) == Schedule(
        in_force=False, next_starts=date(2026, 1, 1)
    )


def test_next_month_wraps_into_the_next_year() -> None:
    assert next_family_hour_month(date(2024, 12, 20), (3, 6, 9, 12), date(2025, 12, 31)) == 12
    assert next_family_hour_month(date(2024, 12, 20), (3, 6, 9), date(2025, 12, 31)) == 3
    assert next_family_hour_month(date(2025, 12, 20), (3, 6, 9), date(2025, 12, 31)) is None


def test_every_family_hour_measure_is_in_the_catalogue() -> None:
    for code, number in MEASURES.items():
        plan = CATALOGUE.plan(code)
        measure = plan.measure(number) if plan is not None else None
        assert measure is not None and measure.parent_facing, (code, number)
        assert measure.deadline.due_months(), (code, number)
