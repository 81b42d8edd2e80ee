"""/event's Family Hour sentences: a roadmap that sets one month reads in the singular, and an ended
roadmap's months are told as what it provided for, in both languages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from bot.clock import KZ
from bot.events.family_hour import FamilyHourMonths, family_hour_allowed, family_hour_months
from bot.i18n import compile_catalogs, create_i18n
from bot.measures import Catalogue
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
# After the roadmap's end the months are information: the kind step offers Family Hour in any month.
ANY_MONTH = {
    "kk": "Бұл күнге қолданыстағы жол картасы жоқ, сондықтан бұл айлар тек бағдар үшін: «Отбасы сағатын» "
    "кез келген айда өткізуге болады.",
    "ru": "На эту дату действующей дорожной карты нет, поэтому эти месяцы — лишь ориентир: «Отбасы сағаты» "
    "можно провести в любом месяце.",
}
NOT_A_MONTH = {"kk": "Қаңтар — «Отбасы сағатының» айы емес.", "ru": "Январь — не месяц «Отбасы сағаты»."}
ANOTHER_DATE = {"kk": "басқа күн жіберіңіз", "ru": "отправьте другую дату"}
# A roadmap imported ahead of its start (2028–2030, Family Hour in September): in force on a date in 2028.
UPCOMING = {
    "kk": "Қаңтар — «Отбасы сағатының» айы емес. 01.01.2028 ж. бастап қолданылатын жол картасы (2028–2030) "
    "бойынша «Отбасы сағаты» жылына бір рет, қыркүйек айында өткізіледі.",
    "ru": "Январь — не месяц «Отбасы сағаты». По дорожной карте (2028–2030), которая вступает в силу "
    "01.01.2028, для «Отбасы сағаты» отведён один месяц в году — сентябрь.",
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
def test_an_ended_roadmaps_months_are_information_only(locale: str) -> None:
    family_hour = months_on(ENDED, (9,))
    assert family_hour_allowed(family_hour, 1) and family_hour.allows(9)
    text = ask_kind(datetime(2028, 1, 20, 18, 0, tzinfo=KZ), family_hour, STEPS, locale)
    assert f"{ONE_MONTH[(locale, False)]} {ANY_MONTH[locale]}" in text, text
    assert NOT_A_MONTH[locale] not in text and ANOTHER_DATE[locale] not in text


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_a_roadmap_in_force_keeps_family_hour_to_its_months(locale: str) -> None:
    family_hour = months_on(IN_FORCE, (9,))
    assert not family_hour_allowed(family_hour, 1) and family_hour_allowed(family_hour, 9)
    text = ask_kind(datetime(2027, 1, 20, 18, 0, tzinfo=KZ), family_hour, STEPS, locale)
    assert f"{NOT_A_MONTH[locale]} {ONE_MONTH[(locale, True)]}" in text, text
    assert ANOTHER_DATE[locale] in text and ANY_MONTH[locale] not in text


def _with_a_successor() -> Catalogue:
    """The test plan (2023–2027) and the next one, imported ahead of its start on 1 January 2028."""
    (plan,) = event_catalogue(family_hour_months=(9,)).plans
    later = plan.model_copy(update={"starts": date(2028, 1, 1), "ends": date(2030, 12, 31)})
    return Catalogue(plans=(plan, later.model_copy(update={"code": "krg-2028-2030"})))


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_a_roadmap_imported_ahead_of_its_start_rules_the_dates_in_its_period(locale: str) -> None:
    catalogue, measures = _with_a_successor(), {**MEASURES, "krg-2028-2030": 55}
    day = date(2028, 1, 20)
    family_hour = family_hour_months(catalogue, [REGION], day, measures, IN_FORCE)
    assert family_hour is not None and family_hour.upcoming and not family_hour_allowed(family_hour, 1)
    assert family_hour.plan.code == "krg-2028-2030"
    text = ask_kind(datetime(2028, 1, 20, 18, 0, tzinfo=KZ), family_hour, STEPS, locale)
    assert UPCOMING[locale] in text, text
    # Today, within the plan in force, the same months are said in the present.
    today = family_hour_months(catalogue, [REGION], IN_FORCE, measures, IN_FORCE)
    assert today is not None and not today.upcoming and today.plan.code == PLAN_CODE
