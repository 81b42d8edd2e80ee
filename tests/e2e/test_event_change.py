"""/event's summary has ✏️ Change: one part of the draft (a topic, the date, the kind, the venue, who is
invited, the places) is asked again, its question saying what is there now, and the bot goes straight back to
a fresh preview and summary with the rest kept; ⬅️ Back at the part's question puts it back. Every question
after the first has ⬅️ Back, the typed ones too. An old Change, or a forged one, changes nothing."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.clock import KZ, FrozenClock
from bot.digest import iso_week
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.measures import Catalogue
from bot.middlewares.throttling import FloodControl
from bot.outgoing import OutgoingLimiter
from db.models import AuditRecord, DigestRun, Event
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, button_with, next_with, pick_language
from tests.support.event_plan import event_catalogue
from tests.support.org_tree import DISTRICT, SCHOOL, add_tree, grant
from tests.support.restarts import NOW, bot_process, quiet_emulator

PSY, COORD, COORD_2, STRANGER = 8951, 8952, 8953, 8954
TOPIC_KK, TOPIC_RU = "Баланың интернеттегі қауіпсіздігі", "Безопасность ребёнка в интернете"
PLACE = "Школа № 1, актовый зал"
WORDS = {
    "kk": {
        "all": "Барлық сыныптар",
        "no_limit": "Шектеусіз",
        "summary": "Жарияламас бұрын тексеріңіз",
        "confirm": "Растау",
        "announced": "жарияланды",
        "change": "Өзгерту",
        "menu": "Нені өзгерткіңіз келеді?",
        "back": "Артқа",
        "over": "Бұл қадам аяқталды",
        "kk": "Қазақша тақырып",
        "ru": "Орысша тақырып",
        "when": "Күні мен уақыты",
        "kind": "Кездесу түрі",
        "place": "Өтетін орны",
        "to": "Шақырылғандар",
        "places": "Орын саны",
        "seminar": "Ата-аналарға арналған семинар",
        "text_now": "Қазіргі мәтін:",
        "currently": "Ағымдағы мәні:",
        "ask_kk": "қазақша",
        "ask_ru": "орысша",
        "ask_when": "Қашан басталады?",
        "ask_place": "Қайда өтеді?",
        "ask_grades": "қай сыныптардың",
        "ask_places": "Қанша орын бар?",
    },
    "ru": {
        "all": "Все классы",
        "no_limit": "Без ограничения",
        "summary": "Проверьте перед публикацией",
        "confirm": "Подтвердить",
        "announced": "Встреча объявлена",
        "change": "Изменить",
        "menu": "Что вы хотите изменить?",
        "back": "Назад",
        "over": "Этот шаг уже завершён",
        "kk": "Тема на казахском",
        "ru": "Тема на русском",
        "when": "Дата и время",
        "kind": "Вид встречи",
        "place": "Место проведения",
        "to": "Приглашённые",
        "places": "Количество мест",
        "seminar": "Семинар для родителей",
        "text_now": "Текущий текст:",
        "currently": "Текущее значение:",
        "ask_kk": "по-казахски",
        "ask_ru": "по-русски",
        "ask_when": "Когда начало?",
        "ask_place": "Где пройдёт?",
        "ask_grades": "каких классов",
        "ask_places": "Сколько мест?",
    },
}


@contextlib.asynccontextmanager
async def _running(database_url: str, catalogue: Catalogue | None = None) -> AsyncIterator[RunningApp]:
    """The bot at NOW with the test organisation tree, unpaced; flood control would stop a staff member
    doing in seconds what takes minutes."""
    overrides = Overrides(clock=FrozenClock(NOW), catalogue=catalogue, flood=FloodControl(limit=1000))
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    emu = Emulator(chat_rate=None)
    async with running_app(database_url, overrides, emulator=emu, limiter=limiter) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    async with _running(database_url) as running:
        yield running


async def _count(app: RunningApp, *where: Any) -> int:
    async with app.dp["sessionmaker"]() as session:
        stmt = select(func.count()).select_from(AuditRecord).where(*where)
        return int(await session.scalar(stmt) or 0)


async def _event(app: RunningApp) -> Event:
    async with app.dp["sessionmaker"]() as session:
        [event] = list(await session.scalars(select(Event)))
        return event


async def _psychologist(app: RunningApp, locale: str) -> Any:
    async with app.dp["sessionmaker"]() as session:
        # This week's digest counts as sent, so it cannot come between a question and the test's answer.
        session.add(DigestRun(user_id=PSY, week=iso_week(NOW), claimed_at=NOW, sent_at=NOW))
        await session.commit()
    await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY)
    await pick_language(psy, locale)
    return psy


def _has_back(message: dict, locale: str) -> bool:
    return any(WORDS[locale]["back"] in label for label in button_texts(message))


async def _summary(psy: Any, locale: str, when: str = "20.12.2026 18:30") -> dict:
    """/event at the psychologist's school, all grades, 40 places: the summary."""
    w = WORDS[locale]
    await psy.send("/event")
    await psy.next_message()
    await psy.send(TOPIC_KK)
    await psy.next_message()
    await psy.send(TOPIC_RU)
    await psy.next_message()
    await psy.send(when)
    await psy.next_message()  # the place (a Family Hour month)
    await psy.send(PLACE)
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, w["all"]))
    await psy.wait_edit(grades)
    await psy.send("40")
    return await next_with(psy, w["summary"])


async def _open(user: Any, summary: dict, locale: str, part: str) -> dict:
    """✏️ Change on `summary`, then the part: its question, in place of the menu."""
    w = WORDS[locale]
    await user.press(summary, button_with(summary, w["change"]))
    menu = await user.wait_edit(summary)
    assert w["menu"] in menu["text"]
    await user.press(menu, button_with(menu, w[part]))
    return await user.wait_edit(menu)


async def _until_summary(user: Any, locale: str) -> tuple[str, dict]:
    """The texts up to the next summary (the preview), and the summary."""
    seen = []
    for _ in range(8):
        message = await user.next_message()
        if WORDS[locale]["summary"] in (message.get("text") or ""):
            return " ".join(seen), message
        seen.append(message.get("text") or message.get("caption") or "")
    raise AssertionError("no summary")


async def _confirm(user: Any, summary: dict, locale: str) -> None:
    await user.press(summary, button_with(summary, WORDS[locale]["confirm"]))
    await next_with(user, WORDS[locale]["announced"])


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_change_the_date_from_the_summary(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    psy = await _psychologist(app, locale)
    summary = await _summary(psy, locale)
    question = await _open(psy, summary, locale, "when")
    assert w["ask_when"] in question["text"] and f"{w['currently']} 20.12.2026 18:30" in question["text"]
    assert _has_back(question, locale)
    await psy.send("22.12.2026 17:00")  # December too: still a Family Hour, no place or grades asked
    preview, fresh = await _until_summary(psy, locale)
    assert "17:00" in preview and "18:30" not in preview and TOPIC_KK in preview and TOPIC_RU in preview
    assert button_with(fresh, w["confirm"]) and button_with(fresh, w["change"])
    await _confirm(psy, fresh, locale)
    event = await _event(app)
    assert event.starts_at == datetime(2026, 12, 22, 17, 0, tzinfo=KZ)
    assert (event.kind, event.topic_kk, event.topic_ru) == ("family_hour", TOPIC_KK, TOPIC_RU)
    assert (event.place, event.capacity, event.audience["grades"]) == (PLACE, 40, None)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_back_at_a_part_puts_it_back_then_the_venue_changes(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    psy = await _psychologist(app, locale)
    summary = await _summary(psy, locale)
    question = await _open(psy, summary, locale, "ru")
    assert w["text_now"] in question["text"] and TOPIC_RU in question["text"]
    await psy.press(question, button_with(question, w["back"]))
    menu = await psy.wait_edit(question)
    assert w["menu"] in menu["text"]
    await psy.press(menu, button_with(menu, w["back"]))
    summary = await psy.wait_edit(menu)
    assert w["summary"] in summary["text"] and button_with(summary, w["confirm"])

    question = await _open(psy, summary, locale, "place")
    assert w["ask_place"] in question["text"] and PLACE in question["text"] and _has_back(question, locale)
    await psy.send("https://zoom.us/j/123456")
    preview, fresh = await _until_summary(psy, locale)
    assert TOPIC_RU in preview and PLACE not in preview
    await _confirm(psy, fresh, locale)
    event = await _event(app)
    assert (event.place, event.topic_ru, event.capacity) == ("https://zoom.us/j/123456", TOPIC_RU, 40)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_change_the_kind_and_the_places(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    psy = await _psychologist(app, locale)
    summary = await _summary(psy, locale)
    kinds = await _open(psy, summary, locale, "kind")
    assert w["currently"] in kinds["text"] and "«Отбасы сағаты»" in kinds["text"]
    assert _has_back(kinds, locale) and len(button_texts(kinds)) == 5  # three kinds, Back, Cancel
    await psy.press(kinds, button_with(kinds, w["seminar"]))
    preview, fresh = await _until_summary(psy, locale)
    assert w["seminar"] in preview and w["seminar"] in fresh["text"]

    places = await _open(psy, fresh, locale, "places")
    assert w["ask_places"] in places["text"] and f"{w['currently']} 40" in places["text"]
    await psy.press(places, button_with(places, w["no_limit"]))
    _, fresh = await _until_summary(psy, locale)
    await _confirm(psy, fresh, locale)
    event = await _event(app)
    assert (event.kind, event.capacity, event.place, event.topic_kk) == ("seminar", None, PLACE, TOPIC_KK)
    assert event.starts_at == datetime(2026, 12, 20, 18, 30, tzinfo=KZ)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_changed_kazakh_topic_is_checked_against_the_russian(app: RunningApp, locale: str) -> None:
    w, topic = WORDS[locale], "Баланың смартфондағы қауіпсіздігі туралы әңгіме"
    psy = await _psychologist(app, locale)
    summary = await _summary(psy, locale)
    question = await _open(psy, summary, locale, "kk")
    assert w["text_now"] in question["text"] and TOPIC_KK in question["text"]
    await psy.send("Безопасность детей в интернете и дома")  # Russian where the Kazakh topic goes
    warning = await psy.next_message()
    assert "⚠️" in warning["text"] and len(warning["reply_markup"]["inline_keyboard"]) == 2
    await psy.send(topic)
    preview, fresh = await _until_summary(psy, locale)
    assert topic in preview and TOPIC_KK not in preview and TOPIC_RU in preview
    stale_keep = await psy.press_data(warning, "evn:k")  # the warning's Keep, after the summary came
    assert w["over"] in stale_keep["text"]
    await _confirm(psy, fresh, locale)
    event = await _event(app)
    assert (event.topic_kk, event.topic_ru) == (topic, TOPIC_RU)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_date_out_of_the_family_hour_months_asks_the_kind(database_url: str, locale: str) -> None:
    """A roadmap in force holds Family Hour to September: a new date in January asks the kind, ⬅️ Back there
    asks the date again, and ⬅️ Back from that puts the September Family Hour back."""
    w = WORDS[locale]
    async with _running(database_url, event_catalogue(family_hour_months=(9,))) as app:
        psy = await _psychologist(app, locale)
        summary = await _summary(psy, locale, when="10.09.2027 18:00")
        question = await _open(psy, summary, locale, "when")
        await psy.send("15.01.2027 17:00")
        kind = await psy.next_message()
        assert button_texts(kind)[:2] == [w["seminar"], button_texts(kind)[1]] and _has_back(kind, locale)
        assert "«Отбасы сағаты»" not in button_texts(kind)
        await psy.press(kind, button_with(kind, w["back"]))
        again = await psy.wait_edit(kind)  # the date's question again, in place of the kind's
        assert w["ask_when"] in again["text"] and "10.09.2027 18:00" in again["text"]
        stale = await psy.press_data(question, "evn:em:")  # the first question's Back: Change counts here now
        assert w["over"] in stale["text"]
        await psy.press(again, button_with(again, w["back"]))
        menu = await psy.wait_edit(again)
        await psy.press(menu, button_with(menu, w["back"]))
        summary = await psy.wait_edit(menu)
        assert "«Отбасы сағаты»" in summary["text"]  # put back: the September Family Hour

        await _open(psy, summary, locale, "when")
        await psy.send("15.01.2027 17:00")
        kind = await psy.next_message()
        await psy.press(kind, button_with(kind, w["seminar"]))
        _, fresh = await _until_summary(psy, locale)
        await _confirm(psy, fresh, locale)
        event = await _event(app)
        assert (event.kind, event.starts_at) == ("seminar", datetime(2027, 1, 15, 17, 0, tzinfo=KZ))
        assert (event.place, event.capacity) == (PLACE, 40)
        assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_every_question_after_the_first_has_back(app: RunningApp, locale: str) -> None:
    """⬅️ Back at the typed questions too (the Russian topic, the date, the venue, the places): the question
    before in place of it; answered again, the wizard goes on with what was typed last."""
    w = WORDS[locale]
    psy = await _psychologist(app, locale)
    await psy.send("/event")
    first = await psy.next_message()
    assert not _has_back(first, locale)
    await psy.send("Ескі тақырып")
    topic_ru = await psy.next_message()
    assert w["ask_ru"] in topic_ru["text"] and _has_back(topic_ru, locale)
    await psy.press(topic_ru, button_with(topic_ru, w["back"]))
    assert w["ask_kk"] in (await psy.wait_edit(topic_ru))["text"]
    await psy.send(TOPIC_KK)
    await psy.next_message()
    await psy.send(TOPIC_RU)
    when = await psy.next_message()
    assert w["ask_when"] in when["text"] and _has_back(when, locale)
    await psy.press(when, button_with(when, w["back"]))
    assert w["ask_ru"] in (await psy.wait_edit(when))["text"]
    await psy.send(TOPIC_RU)
    await psy.next_message()
    await psy.send("20.12.2026 18:30")
    place = await psy.next_message()
    assert _has_back(place, locale)
    await psy.press(place, button_with(place, w["back"]))
    assert w["ask_when"] in (await psy.wait_edit(place))["text"]
    await psy.send("21.12.2026 18:30")
    await psy.next_message()
    await psy.send(PLACE)
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, w["back"]))
    assert w["ask_place"] in (await psy.wait_edit(grades))["text"]
    await psy.send(PLACE)
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, w["all"]))
    places = await psy.wait_edit(grades)
    assert _has_back(places, locale)
    await psy.press(places, button_with(places, w["back"]))
    grades = await psy.wait_edit(places)
    assert w["ask_grades"] in grades["text"]
    await psy.press(grades, button_with(grades, w["all"]))
    await psy.wait_edit(grades)
    await psy.send("40")
    summary = await next_with(psy, w["summary"])
    await _confirm(psy, summary, locale)
    event = await _event(app)
    assert (event.topic_kk, event.topic_ru, event.place) == (TOPIC_KK, TOPIC_RU, PLACE)
    assert event.starts_at == datetime(2026, 12, 21, 18, 30, tzinfo=KZ)
    assert app.emu.rejections == []


async def test_old_and_forged_change_presses_change_nothing(app: RunningApp) -> None:
    psy = await _psychologist(app, "ru")
    summary = await _summary(psy, "ru")
    await _open(psy, summary, "ru", "ru")
    await psy.send("Безопасность детей в сети")
    _, fresh = await _until_summary(psy, "ru")
    # Change of the older summary (its message now the question) while the fresh one waits: a step over.
    old = await psy.press_data(summary, "evn:em:")
    assert "Этот шаг уже завершён" in old["text"]
    stranger = app.emu.user(STRANGER)
    menu = await pick_language(stranger, "ru")
    for data in ("evn:em:", "evn:ep:ru"):
        assert "для сотрудников" in (await stranger.press_data(menu, data))["text"]
    await psy.press(fresh, button_with(fresh, "Изменить"))
    menu = await psy.wait_edit(fresh)
    assert "Приглашённые" in " ".join(button_texts(menu))  # one school, several grades: asked
    forged = await psy.press_data(menu, "evn:ep:zz")  # a part this draft does not have
    assert forged["text"] and await _count(app, AuditRecord.action == "event.forged") == 1
    await psy.press(menu, button_with(menu, "Назад"))
    fresh = await psy.wait_edit(menu)
    await _confirm(psy, fresh, "ru")
    for message, data in ((fresh, "evn:em:"), (fresh, "evn:ep:ru"), (fresh, "evn:es:")):
        assert "Этот шаг уже завершён" in (await psy.press_data(message, data))["text"]
    event = await _event(app)
    assert (event.topic_kk, event.topic_ru) == (TOPIC_KK, "Безопасность детей в сети")
    assert await _count(app, AuditRecord.action == "event.stale") == 4
    assert app.emu.rejections == []


async def test_a_coordinator_invites_one_school_instead_of_the_district(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, COORD_2, "coordinator", DISTRICT)
    coord = app.emu.user(COORD)
    await pick_language(coord, "ru")
    await coord.send("/event")
    await coord.next_message()
    await coord.send(TOPIC_KK)
    await coord.next_message()
    await coord.send(TOPIC_RU)
    await coord.next_message()
    await coord.send("20.12.2026 18:30")
    await coord.next_message()
    await coord.send(PLACE)
    orgs = await coord.next_message()
    await coord.press(orgs, button_with(orgs, "Всем"))
    grades = await coord.wait_edit(orgs)
    await coord.press(grades, button_with(grades, "Все классы"))
    await coord.wait_edit(grades)
    await coord.send("40")
    summary = await next_with(coord, "Проверьте")
    assert "одобрит" in summary["text"]  # the whole district waits for another coordinator

    orgs = await _open(coord, summary, "ru", "to")
    await coord.press(orgs, button_with(orgs, "Назад"))  # Back at the organisations: the menu
    menu = await coord.wait_edit(orgs)
    await coord.press(menu, button_with(menu, "Назад"))
    summary = await coord.wait_edit(menu)
    assert "одобрит" in summary["text"]
    orgs = await _open(coord, summary, "ru", "to")
    await coord.press(orgs, button_with(orgs, "Школа № 1"))
    grades = await coord.wait_edit(orgs)
    await coord.press(grades, button_with(grades, "Все классы"))
    _, fresh = await _until_summary(coord, "ru")
    assert "Школа № 1" in fresh["text"] and "одобрит" not in fresh["text"]
    await _confirm(coord, fresh, "ru")
    event = await _event(app)
    assert (event.scope_code, event.place, event.capacity) == (SCHOOL, PLACE, 40)
    assert app.emu.rejections == []


async def test_a_change_survives_a_restart(database_url: str) -> None:
    emu = quiet_emulator()
    async with bot_process(database_url, emu) as app:
        await add_tree(app.dp["sessionmaker"])
        psy = await _psychologist(app, "ru")
        summary = await _summary(psy, "ru")
        await _open(psy, summary, "ru", "when")
    async with bot_process(database_url, emu) as app:  # the draft and the change are in the FSM storage
        await psy.send("23.12.2026 19:00")
        preview, fresh = await _until_summary(psy, "ru")
        assert "19:00" in preview and TOPIC_RU in preview
        await _confirm(psy, fresh, "ru")
        event = await _event(app)
        assert (event.starts_at, event.topic_kk) == (datetime(2026, 12, 23, 19, 0, tzinfo=KZ), TOPIC_KK)
    assert emu.rejections == []
