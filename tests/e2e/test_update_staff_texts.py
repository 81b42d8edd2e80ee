"""/update says what really happens: parents get a public update as a message each, and a district-wide one
only after approval (staff walk-through, round 8)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import DISTRICT, SCHOOL, add_tree, grant
from tests.support.small_plan import small_catalogue

PSY, COORD = 8801, 8802
START = datetime(2026, 12, 2, 12, 0, tzinfo=KZ)  # a Wednesday afternoon: no quiet hours

WORDS = {
    "ru": {
        "public": "Публичный",
        "internal": "Внутренний",
        "today": "Сегодня",
        "none": "Нет фото и документов",
        "status": "в работе",
        "here": "📍 Район в целом",
        "confirm": "Подтвердить",
        "skip": "Пропустить",
        "asked": "Публичный придёт сообщением всем подписанным родителям",
        "channel": "канал",
        "after": "Сохранено. Родители получат его после одобрения.",
        "territory": "Территория: Тестовый район",
        "to": "(0 получателей)",
        "hidden": "Видят родители: нет",
        "figure": "Участников — сколько?",
        "figures": "Участников — 120",
    },
    "kk": {
        "public": "Жария",
        "internal": "Ішкі",
        "today": "Бүгін",
        "none": "Фото мен құжат жоқ",
        "status": "орындалуда",
        "here": "📍 Бүкіл аудан",
        "confirm": "Растау",
        "skip": "Өткізіп жіберу",
        "asked": "Жариясы жазылған әр ата-анаға хабарлама болып келеді",
        "channel": "арна",
        "after": "Сақталды. Ата-аналар оны мақұлданғаннан кейін алады.",
        "territory": "Аумақ: Сынақ ауданы",
        "to": "(0 алушы)",
        "hidden": "Ата-аналар көреді: жоқ",
        "figure": "Қатысушылар — қанша?",
        "figures": "Қатысушылар — 120",
    },
}


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    overrides = Overrides(clock=FrozenClock(START), catalogue=small_catalogue())
    async with running_app(database_url, overrides) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


async def _until(user, fragment: str, limit: int = 6) -> dict:
    for _ in range(limit):
        message = await user.next_message()
        if fragment in (message.get("text") or ""):
            return message
    raise AssertionError(f"no message with {fragment!r}")


@pytest.mark.parametrize("locale", ["ru", "kk"])
async def test_public_update_is_a_message_and_waits_for_approval(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    await grant(app.dp["sessionmaker"], COORD, "coordinator", DISTRICT)
    await pick_language(app.emu.user(ADMIN_ID), locale)
    coord = app.emu.user(COORD)
    await pick_language(coord, locale)
    await coord.send("/update 3")
    await coord.next_message()
    await coord.send("Стендтер жаңартылды.")
    await coord.next_message()
    await coord.send("Стенды обновлены.")
    when = await coord.next_message()
    await coord.press(when, button_with(when, w["today"]))
    evidence = await coord.next_message()
    await coord.press(evidence, button_with(evidence, w["none"]))
    status = await coord.next_message()
    await coord.press(status, button_with(status, w["status"]))
    visibility = await coord.wait_edit(status)
    assert w["asked"] in visibility["text"] and w["channel"] not in visibility["text"]
    await coord.press(visibility, button_with(visibility, w["public"]))
    orgs = await coord.next_message()
    assert w["here"] in str(orgs["reply_markup"])
    await coord.press(orgs, w["here"])
    summary = await coord.next_message()
    assert w["territory"] in summary["text"]
    await coord.press(summary, button_with(summary, w["confirm"]))
    saved = await coord.next_message()
    assert saved["text"].startswith("✅ " + w["after"]), saved["text"]
    assert w["channel"] not in saved["text"]
    await _until(app.emu.user(ADMIN_ID), w["to"])


MINE = {
    "ru": {
        "withdraw": "Отозвать",
        "sure": "Отозвать отчёт",
        "yes": "Да, отозвать",
        "no": "Нет, оставить",
        "kept": "Отчёт остаётся",
        "done": "Отчёт отозван",
        "again": "Этот отчёт уже отозван.",
        "empty": "Изменять больше нечего",
    },
    "kk": {
        "withdraw": "қайтарып алу",
        "sure": "қайтарып аласыз ба",
        "yes": "Иә, қайтарып алу",
        "no": "Жоқ, қалдыру",
        "kept": "Есеп өзгеріссіз қалды",
        "done": "Есеп қайтарып алынды",
        "again": "Бұл есеп әлдеқашан қайтарып алынған.",
        "empty": "Өзгертетін ештеңе қалмады",
    },
}


@pytest.mark.parametrize("locale", ["ru", "kk"])
async def test_withdrawing_asks_first_and_an_old_button_says_it_is_withdrawn(
    app: RunningApp, locale: str
) -> None:
    w, m = WORDS[locale], MINE[locale]
    await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY)
    await pick_language(psy, locale)
    await psy.send("/update 3")
    await psy.next_message()
    await psy.send("Стендтер жаңартылды.")
    await psy.next_message()
    await psy.send("Стенды обновлены.")
    when = await psy.next_message()
    await psy.press(when, button_with(when, w["today"]))
    evidence = await psy.next_message()
    await psy.press(evidence, button_with(evidence, w["none"]))
    status = await psy.next_message()
    await psy.press(status, button_with(status, w["status"]))
    visibility = await psy.wait_edit(status)
    await psy.press(visibility, button_with(visibility, w["internal"]))
    summary = await psy.next_message()
    await psy.press(summary, button_with(summary, w["confirm"]))
    await psy.next_message()

    await psy.send("/myupdates")
    mine = await psy.next_message()
    await psy.press(mine, button_with(mine, m["withdraw"]))
    sure = await psy.next_message()
    assert m["sure"] in sure["text"]
    await psy.press(sure, button_with(sure, m["no"]))
    assert m["kept"] in (await psy.wait_edit(sure))["text"]
    await psy.press(mine, button_with(mine, m["withdraw"]))
    sure = await psy.next_message()
    await psy.press(sure, button_with(sure, m["yes"]))
    assert m["done"] in (await psy.next_message())["text"]
    again = await psy.press(mine, button_with(mine, m["withdraw"]))
    assert again["show_alert"] and again["text"] == m["again"]
    await psy.send("/myupdates")
    assert m["empty"] in (await psy.next_message())["text"]
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["ru", "kk"])
async def test_figures_are_asked_and_summed_up_in_words(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY)
    await pick_language(psy, locale)
    await psy.send("/update 2")
    await psy.next_message()
    await psy.send("Жиналыс өтті.")
    await psy.next_message()
    await psy.send("Прошло собрание.")
    participants = await psy.next_message()
    assert w["figure"] in participants["text"], participants["text"]
    await psy.send("120")
    events = await psy.next_message()
    await psy.press(events, button_with(events, w["skip"]))
    when = await psy.next_message()
    await psy.press(when, button_with(when, w["today"]))
    evidence = await psy.next_message()
    await psy.press(evidence, button_with(evidence, w["none"]))
    status = await psy.next_message()
    await psy.press(status, button_with(status, w["status"]))
    visibility = await psy.wait_edit(status)
    await psy.press(visibility, button_with(visibility, w["internal"]))
    summary = (await psy.next_message())["text"]
    assert w["figures"] in summary and w["hidden"] in summary
    assert w["internal"] + "\n" not in summary
