"""/event's Family Hour sentences: a roadmap that sets one month reads in the singular, and an ended
roadmap's months are told as what it provided for, in both languages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from bot.clock import KZ
from bot.events.family_hour import FamilyHourMonths, family_hour_months
from bot.i18n import compile_catalogs, create_i18n
from bot.views.event_create import ask_kind, family_hour_schedule
from tests.support.event_plan import PLAN_CODE, event_catalogue
from tests.support.org_tree import REGION

pytestmark = pytest.mark.no_database

MEASURES = {PLAN_CODE: 55}
STEPS = ["topic_kk", "topic_ru", "when", "kind", "place", "capacity"]
# The test plan runs 2023–2027: in force on the first day, ended (none after it) on the second.
IN_FORCE, ENDED = date(2026, 12, 6), date(2028, 1, 10)

ONE_MONTH = {
    ("kk", True): "Қолданыстағы жол картасы (2023–2027) бойынша «Отбасы сағаты» жылына бір рет, "
    "қыркүйек айында өткізіледі.",
    ("kk", False): "Соңғы жол картасы (2023–2027) «Отбасы сағаты» кездесуін жылына бір рет, "
    "қыркүйек айында өткізуді көздеді.",
    ("ru", True): "По действующей дорожной карте (2023–2027) для «Отбасы сағаты» отведён один месяц в году "
    "— сентябрь.",
    ("ru", False): "Последняя дорожная карта (2023–2027) отводила для «Отбасы сағаты» один месяц в году "
    "— сентябрь.",
}
# Two to twelve months take the plural (Russian's «few» and «many» forms read alike).
PLURAL = {
    "kk": "«Отбасы сағаты» кездесулерін қыркүйек және наурыз айларында өткізуді көздеді.",
    "ru": "предусматривала встречи «Отбасы сағаты» в следующие месяцы: сентябрь и март.",
}
NOT_PROVIDED = {
    "kk": "Қаңтар айында «Отбасы сағаты» кездесулері көзделмеген.",
    "ru": "На январь встречи «Отбасы сағаты» не предусматривались.",
}


@pytest.fixture(autouse=True)
def _i18n() -> Iterator[None]:
    compile_catalogs()
    with create_i18n("kk").context():
        yield


def months_on(day: date, months: tuple[int, ...]) -> FamilyHourMonths:
    found = family_hour_months(event_catalogue(family_hour_months=months), [REGION], day, MEASURES)
    assert found is not None
    return found


@pytest.mark.parametrize("locale", ["kk", "ru"])
@pytest.mark.parametrize("in_force", [True, False])
def test_the_number_of_months_picks_the_form(locale: str, in_force: bool) -> None:
    day = IN_FORCE if in_force else ENDED
    family_hour = months_on(day, (9,))
    assert (family_hour.months, family_hour.in_force) == ((9,), in_force)
    assert family_hour_schedule(family_hour, locale) == ONE_MONTH[(locale, in_force)]
    if not in_force:
        assert PLURAL[locale] in family_hour_schedule(months_on(day, (3, 9)), locale)


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_an_ended_roadmaps_month_is_told_in_the_past(locale: str) -> None:
    family_hour = months_on(ENDED, (9,))
    text = ask_kind(datetime(2028, 1, 20, 18, 0, tzinfo=KZ), family_hour, STEPS, locale)
    assert f"{NOT_PROVIDED[locale]} {ONE_MONTH[(locale, False)]}" in text, text
