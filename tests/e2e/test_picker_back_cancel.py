"""Every organisation picker has Back and Cancel (issue 15, item 5): /update's organisation, /report's area
and /invite's place. Back goes up one level of the tree, and from its top to the question before it; Cancel
ends the flow with a polite word. In Kazakh and in Russian."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import button_texts, button_with, callback_buttons, pick_language
from tests.support.org_tree import DISTRICT, REGION, TREE, grant
from tests.support.orgs import replace_organisations
from tests.support.small_plan import small_catalogue

COORD = 8601
START = datetime(2026, 12, 2, 12, 0, tzinfo=KZ)  # a Wednesday afternoon: no quiet hours
# A second region, so an admin's /report starts at the list of regions.
SECOND = [("t-reg2", "region", None, "Екінші облыс", "Вторая область")]

WORDS = {
    "kk": {
        "back": "⬅️ Артқа",
        "cancel": "✖️ Болдырмау",
        "district": "Сынақ ауданы",
        "region": "Сынақ облысы",
        "school": "№ 1 мектеп",
        "visibility": "ата-аналар көрсін бе",
        "public": "Жария",
        "which_org": "қай ұйым бойынша",
        "region_whole": "📍 Бүкіл облыс",
        "district_whole": "📍 Бүкіл аудан",
        "not_sent": "Тоқтатылды. Ештеңе жіберілген жоқ.",
        "nothing_changed": "Тоқтатылды. Ештеңе өзгерген жоқ.",
        "period": "Қай кезеңге?",
        "this_year": "Осы жыл",
        "which_area": "Жол картасы бойынша есеп",
        "role": "Әріптесіңіздің рөлі қандай болады?",
        "psychologist": "Мектеп психологы",
        "where": "Рөлі:",
        "texts": (
            "Ата-аналармен кездесу өтті.",
            "Прошла встреча с родителями.",
            "Бүгін",
            "Фото мен құжат жоқ",
        ),
        "status": "орындалуда",
    },
    "ru": {
        "back": "⬅️ Назад",
        "cancel": "✖️ Отмена",
        "district": "Тестовый район",
        "region": "Тестовая область",
        "school": "Школа № 1",
        "visibility": "Показать этот отчёт родителям",
        "public": "Публичный",
        "which_org": "По какой организации",
        "region_whole": "📍 Область в целом",
        "district_whole": "📍 Район в целом",
        "not_sent": "Отменено. Ничего не отправлено.",
        "nothing_changed": "Отменено. Ничего не изменилось.",
        "period": "За какой период?",
        "this_year": "Этот год",
        "which_area": "Отчёт по дорожной карте",
        "role": "Какая роль будет у коллеги?",
        "psychologist": "Школьный психолог",
        "where": "Роль:",
        "texts": (
            "Ата-аналармен кездесу өтті.",
            "Прошла встреча с родителями.",
            "Сегодня",
            "Нет фото и документов",
        ),
        "status": "в работе",
    },
}


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    overrides = Overrides(clock=FrozenClock(START), catalogue=small_catalogue())
    async with running_app(database_url, overrides) as running:
        await replace_organisations(running.dp["sessionmaker"], [*TREE, *SECOND])
        yield running


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_update_organisation_picker_goes_back_and_cancels(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    await grant(app.dp["sessionmaker"], COORD, "coordinator", REGION)
    coord = app.emu.user(COORD)
    await pick_language(coord, locale)
    kk, ru, today, no_evidence = w["texts"]
    await coord.send("/update 3")
    await coord.next_message()
    await coord.send(kk)
    await coord.next_message()
    await coord.send(ru)
    when = await coord.next_message()
    await coord.press(when, button_with(when, today))
    evidence = await coord.next_message()
    await coord.press(evidence, button_with(evidence, no_evidence))
    status = await coord.next_message()
    await coord.press(status, button_with(status, w["status"]))
    visibility = await coord.wait_edit(status)
    await coord.press(visibility, button_with(visibility, w["public"]))

    # The region coordinator starts inside the region: «Here», its districts, then Back and Cancel.
    region = await coord.next_message()
    assert w["which_org"] in region["text"]
    assert w["region_whole"] in button_texts(region)
    assert button_texts(region)[-2:] == [w["back"], w["cancel"]]
    await coord.press(region, button_with(region, w["district"]))
    district = await coord.wait_edit(region)
    assert w["district_whole"] in button_texts(district)
    assert w["school"] in button_texts(district)
    # Back: one level up, to the region.
    await coord.press(district, w["back"])
    region = await coord.wait_edit(district)
    assert w["region_whole"] in button_texts(region)
    # Back from the top: the question before it, answered again leads to the picker again.
    await coord.press(region, w["back"])
    visibility = await coord.wait_edit(region)
    assert w["visibility"] in visibility["text"]
    await coord.press(visibility, button_with(visibility, w["public"]))
    picker = await coord.next_message()
    assert w["which_org"] in picker["text"]
    here = callback_buttons(picker)[0]["callback_data"]
    # Cancel ends the flow, politely; the picker's old buttons no longer act.
    await coord.press(picker, w["cancel"])
    cancelled = await coord.wait_edit(picker)
    assert cancelled["text"] == w["not_sent"] and not button_texts(cancelled)
    # The flow is over: the picker's «Here», pressed again, only gets an alert, and nothing is saved.
    late = await coord.press_data(cancelled, here)
    assert late["show_alert"]
    await coord.expect_no_message(0.3)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_report_area_picker_goes_back_and_cancels(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    admin = app.emu.user(ADMIN_ID)
    await pick_language(admin, locale)
    await admin.send("/report")
    periods = await admin.next_message()
    assert w["period"] in periods["text"] and button_texts(periods)[-1] == w["cancel"]
    await admin.press(periods, button_with(periods, w["this_year"]))
    # Two regions: the admin chooses one, then an area in it.
    regions = await admin.wait_edit(periods)
    assert w["which_area"] in regions["text"]
    assert button_texts(regions)[-2:] == [w["back"], w["cancel"]]
    await admin.press(regions, button_with(regions, w["region"]))
    region = await admin.wait_edit(regions)
    assert button_texts(region)[:2] == [w["region"], w["district"]]
    # Back: up to the regions; Back again: to the periods.
    await admin.press(region, w["back"])
    regions = await admin.wait_edit(region)
    assert button_with(regions, w["region"]).startswith("📂")
    await admin.press(regions, w["back"])
    periods = await admin.wait_edit(regions)
    assert w["period"] in periods["text"]
    await admin.press(periods, button_with(periods, w["this_year"]))
    regions = await admin.wait_edit(periods)
    await admin.press(regions, w["cancel"])
    cancelled = await admin.wait_edit(regions)
    assert cancelled["text"] == w["nothing_changed"] and not button_texts(cancelled)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_invite_place_picker_goes_back_and_cancels(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    await grant(app.dp["sessionmaker"], COORD, "coordinator", REGION)
    coord = app.emu.user(COORD)
    await pick_language(coord, locale)
    await coord.send("/invite")
    roles = await coord.next_message()
    assert w["role"] in roles["text"] and button_texts(roles)[-1] == w["cancel"]
    await coord.press(roles, w["psychologist"])
    region = await coord.wait_edit(roles)
    assert w["where"] in region["text"]
    assert button_texts(region)[-2:] == [w["back"], w["cancel"]]
    await coord.press(region, button_with(region, w["district"]))
    district = await coord.wait_edit(region)
    assert w["school"] in button_texts(district)
    # Back: one level up, to the region; from there, to the choice of role.
    await coord.press(district, w["back"])
    region = await coord.wait_edit(district)
    assert w["district"] in " ".join(button_texts(region))
    await coord.press(region, w["back"])
    roles = await coord.wait_edit(region)
    assert w["role"] in roles["text"]
    await coord.press(roles, w["psychologist"])
    region = await coord.wait_edit(roles)
    await coord.press(region, w["cancel"])
    cancelled = await coord.wait_edit(region)
    assert cancelled["text"] == w["nothing_changed"] and not button_texts(cancelled)
    assert app.emu.rejections == []


async def test_a_district_coordinators_back_from_the_district_is_the_choice_of_role(app: RunningApp) -> None:
    """A coordinator of one district starts inside it: nothing above to go up to."""
    await grant(app.dp["sessionmaker"], COORD, "coordinator", DISTRICT)
    coord = app.emu.user(COORD)
    await pick_language(coord, "ru")
    await coord.send("/invite")
    roles = await coord.next_message()
    await coord.press(roles, WORDS["ru"]["psychologist"])
    district = await coord.wait_edit(roles)
    assert WORDS["ru"]["school"] in button_texts(district)
    await coord.press(district, WORDS["ru"]["back"])
    roles = await coord.wait_edit(district)
    assert WORDS["ru"]["role"] in roles["text"]
