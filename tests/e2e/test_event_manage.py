"""`/event list`: live answers, a change of time or place and a cancellation that reach everyone who answered,
attendance reported to the roadmap measure once, and forged presses refused."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.clock import KZ, FrozenClock
from bot.emulator import Emulator
from bot.events.notifier import EventNotifier
from bot.factory import Overrides
from bot.outgoing import OutgoingLimiter
from db.models import AuditRecord, Event, EventNotice, MeasureUpdate, Post
from handlers.event_manage import EventManageCb
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, button_with, callback_buttons, pick_language
from tests.support.event_plan import PLAN_CODE, event_catalogue
from tests.support.events import add_answer, add_school_event
from tests.support.org_tree import DISTRICT, OTHER_DISTRICT, SCHOOL, add_tree, grant
from tests.support.posts import add_post

PSY, COORD, OTHER_COORD, KK_PARENT, RU_PARENT, NOT_COMING, WAITING = 8701, 8702, 8703, 8704, 8705, 8706, 8707
MONDAY = datetime(2026, 12, 7, 12, 0, tzinfo=KZ)
SATURDAY_18 = datetime(2026, 12, 12, 18, 0, tzinfo=KZ)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(MONDAY)


@pytest.fixture
async def app(database_url: str, clock: FrozenClock) -> AsyncIterator[RunningApp]:
    # The organiser's conversation would wait out Telegram's per-chat pace (1/s); pacing has tests of its own.
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    overrides = Overrides(clock=clock, catalogue=event_catalogue())
    async with running_app(database_url, overrides, emulator=emu, limiter=limiter) as running:
        await add_tree(running.dp["sessionmaker"])
        await grant(running.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
        yield running


async def _audits(app: RunningApp, action: str) -> list[str]:
    async with app.dp["sessionmaker"]() as session:
        rows = await session.scalars(select(AuditRecord.detail).where(AuditRecord.action == action))
        return [r or "" for r in rows]


async def _event(app: RunningApp, event_id: int) -> Event:
    async with app.dp["sessionmaker"]() as session:
        event = await session.get(Event, event_id)
        assert event is not None
        return event


async def _parents(app: RunningApp, event_id: int, at: datetime) -> dict[int, object]:
    people = {}
    for user_id, lang, what in (
        (KK_PARENT, "kk", "going"),
        (RU_PARENT, "ru", "going"),
        (NOT_COMING, "ru", "not_going"),
    ):
        people[user_id] = app.emu.user(user_id)
        await pick_language(people[user_id], lang)
        await add_answer(app.dp["sessionmaker"], event_id, user_id, what, at)
    return people


BACK_KK = "⬅️ Барлық кездесулерім"


def data_of(message: dict, fragment: str) -> str:
    return next(b["callback_data"] for b in callback_buttons(message) if fragment in b["text"])


async def _cards(user, expected: int) -> list[dict]:
    """`/event list` is one message with a button per event: the list, then each card opened in turn (the
    last one stays open)."""
    listing = await user.next_message()
    first = copy.deepcopy(listing)  # the emulator's message object follows later edits
    assert len(button_texts(first)) == expected
    cards = []
    for number in range(1, expected + 1):
        if cards:
            await user.press(cards[-1], button_with(cards[-1], "⬅️")).wait()
            await user.wait_edit(listing)
        await user.press(first, button_with(first, f"{number}. ")).wait()
        cards.append(copy.deepcopy(await user.wait_edit(listing)))
    return [first, *cards]


def _struck(message: dict) -> list[str]:
    text = message["text"]
    return [
        text.encode("utf-16-le")[e["offset"] * 2 : (e["offset"] + e["length"]) * 2].decode("utf-16-le")
        for e in message.get("entities", [])
        if e["type"] == "strikethrough"
    ]


async def _notices_recorded(app: RunningApp, limit: float = 30.0) -> None:
    """Waits until no event notice is claimed and unrecorded (the service is between sends)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while loop.time() < deadline:
        async with app.dp["sessionmaker"]() as session:
            claimed = await session.scalar(
                select(func.count()).select_from(EventNotice).where(EventNotice.status == "claimed")
            )
        if not claimed:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("event notices still claimed and unrecorded")


async def test_live_answers_and_a_change_of_time_and_place(app: RunningApp, clock: FrozenClock) -> None:
    event_id = await add_school_event(app.dp["sessionmaker"], SATURDAY_18, organiser_id=PSY)
    parents = await _parents(app, event_id, MONDAY)
    psy = app.emu.user(PSY)
    await pick_language(psy, "ru")

    await psy.send("/event list")
    heading, card = await _cards(psy, 1)
    assert "Ваши встречи" in heading["text"]
    assert "Доверительный разговор с ребёнком" in card["text"]
    assert "Придут: 2 / 30 · ⏳ В листе ожидания: 0 · ❌ Не придут: 1" in card["text"]
    assert button_texts(card) == [
        "🔄 Обновить",
        "🕒 Изменить время",
        "📍 Изменить место",
        "✖️ Отменить встречу",
        "⬅️ Все мои встречи",
    ]
    # Someone answers while the organiser looks: 🔄 shows it.
    waiting = app.emu.user(WAITING)
    await pick_language(waiting, "kk")
    await add_answer(app.dp["sessionmaker"], event_id, WAITING, "waiting", MONDAY)
    await psy.press(card, button_with(card, "🔄 Обновить")).wait()
    card = await psy.wait_edit(card)
    assert "Придут: 2 / 30 · ⏳ В листе ожидания: 1 · ❌ Не придут: 1" in card["text"]
    again = await psy.press(card, button_with(card, "🔄 Обновить")).wait()
    assert again["text"] == "Изменений нет."

    await psy.press(card, button_with(card, "Изменить время")).wait()
    assert "Сейчас: суббота, 12 декабря 2026\u202fг., 18:00." in (await psy.next_message())["text"]
    await psy.send("в субботу")
    assert "ДД.ММ.ГГГГ ЧЧ:ММ" in (await psy.next_message())["text"]
    await psy.send("01.12.2026 18:00")
    assert "уже прошло" in (await psy.next_message())["text"]
    await psy.send("31.12.9999 18:00")  # the same limit as a new event: a year ahead
    assert "не позже 08.12.2027" in (await psy.next_message())["text"]
    await psy.send("16.12.2026 18:30")
    assert (await psy.next_message())["text"] == "Сохранено. Ответившие родители (4) получат уведомление."
    new_card = await psy.next_message()
    assert "среда, 16 декабря 2026\u202fг., 18:30" in new_card["text"]

    # Everyone who answered is told, in their language, with the old time struck through.
    to_kk = await parents[KK_PARENT].next_message()
    assert to_kk["text"].startswith("⚠️ Кездесуге өзгеріс енгізілді.")
    assert _struck(to_kk) == ["2026 жылғы 12 желтоқсан, сенбі, 18:00"]
    assert "🆕 2026 жылғы 16 желтоқсан, сәрсенбі, 18:30" in to_kk["text"]
    to_ru = await parents[RU_PARENT].next_message()
    assert (
        to_ru["text"].startswith("⚠️ Встреча изменилась.")
        and "🆕 среда, 16 декабря 2026\u202fг., 18:30" in to_ru["text"]
    )
    assert "Не смогу" in " ".join(button_texts(to_ru))
    assert "Встреча изменилась" in (await parents[NOT_COMING].next_message())["text"]
    assert "Кездесуге өзгеріс" in (await waiting.next_message())["text"]
    assert await _audits(app, "event.rescheduled") == [f"{event_id}: 12.12.2026 18:00 -> 16.12.2026 18:30"]

    # A change begun and given up with /cancel changes nothing and tells nobody.
    await psy.press(new_card, button_with(new_card, "Изменить место")).wait()
    assert "Сейчас: Школа № 1, актовый зал." in (await psy.next_message())["text"]
    await psy.send("/cancel")
    assert (await psy.next_message())["text"] == "Отменено. Ничего не изменилось."
    await parents[RU_PARENT].expect_no_message(0.2)

    await psy.press(new_card, button_with(new_card, "Изменить место")).wait()
    assert "Сейчас: Школа № 1, актовый зал." in (await psy.next_message())["text"]
    await psy.send("Спортзал <школы>")
    assert "Сохранено" in (await psy.next_message())["text"]
    await psy.next_message()
    moved = await parents[RU_PARENT].next_message()
    assert "📍 Спортзал <школы> (новое место)" in moved["text"] and _struck(moved) == []
    assert "(жаңа орын)" in (await parents[KK_PARENT].next_message())["text"]
    assert "(новое место)" in (await parents[NOT_COMING].next_message())["text"]
    assert "(жаңа орын)" in (await waiting.next_message())["text"]
    assert await _audits(app, "event.moved") == [str(event_id)]

    # Reminders follow the new time: none at the old one, both at the new one, to those coming.
    notifier: EventNotifier = app.dp["event_notifier"]
    # The service records each notice it sent just after sending it. The clock jumps days ahead below, past
    # the lease of a notice claimed at Monday's time: one whose record had not landed yet (a busy machine)
    # would be claimed and sent again by the run here, which no running bot's clock ever does.
    await _notices_recorded(app)
    clock._now = datetime(2026, 12, 9, 18, 0, tzinfo=KZ)
    assert await notifier.run_once(clock.now()) == 0
    clock._now = datetime(2026, 12, 13, 18, 30, tzinfo=KZ)
    assert await notifier.run_once(clock.now()) == 2
    assert "Напоминание" in (await parents[RU_PARENT].next_message())["text"]
    assert "Еске салу" in (await parents[KK_PARENT].next_message())["text"]
    clock._now = datetime(2026, 12, 16, 16, 30, tzinfo=KZ)
    assert await notifier.run_once(clock.now()) == 2
    assert "Начало сегодня в 18:30." in (await parents[RU_PARENT].next_message())["text"]
    await parents[NOT_COMING].expect_no_message(0.2)
    await waiting.expect_no_message(0.1)
    assert app.emu.rejections == []


async def test_cancel_asks_first_then_tells_everyone_and_stops_the_announcement(app: RunningApp) -> None:
    event_id = await add_school_event(app.dp["sessionmaker"], SATURDAY_18, organiser_id=PSY)
    parents = await _parents(app, event_id, MONDAY)
    post_id = await add_post(
        app.dp["sessionmaker"],
        author_id=PSY,
        scope_code=SCHOOL,
        text={"kk": "Хабарландыру", "ru": "Объявление"},
        status="awaiting_approval",
        created_at=MONDAY,
        event_id=event_id,
    )
    psy = app.emu.user(PSY)
    await pick_language(psy, "kk")
    await psy.send("/event list")
    _heading, card = await _cards(psy, 1)
    await psy.press(card, button_with(card, "Кездесуді болдырмау")).wait()
    confirm = await psy.wait_edit(card)
    asked = "Кездесуді болдырмайсыз ба? Жауап бергендердің барлығына (3) кездесу өтпейтіні хабарланады."
    assert asked in confirm["text"]
    await psy.press(confirm, button_with(confirm, "Жоқ, қалдыру")).wait()
    card = await psy.wait_edit(card)
    assert "Жаңарту" in button_texts(card)[0] and "өтпейді" not in card["text"]
    for parent in parents.values():
        await parent.expect_no_message(0.1)

    await psy.press(card, button_with(card, "Кездесуді болдырмау")).wait()
    confirm = await psy.wait_edit(card)
    await psy.press(confirm, button_with(confirm, "Иә, болдырмау")).wait()
    card = await psy.wait_edit(card)
    assert card["text"].startswith("🚫 Кездесу өтпейді.") and button_texts(card) == ["🔄 Жаңарту", BACK_KK]
    assert "Жауап берген ата-аналарға (3) хабарланады" in (await psy.next_message())["text"]
    assert "Кездесу өтпейді" in (await parents[KK_PARENT].next_message())["text"]
    cancelled = await parents[RU_PARENT].next_message()
    assert cancelled["text"].startswith("❌ Встреча отменена.") and not button_texts(cancelled)
    assert "Встреча отменена" in (await parents[NOT_COMING].next_message())["text"]
    # A stale confirmation changes nothing and tells nobody again.
    late = await psy.press_data(confirm, EventManageCb(act="X", event_id=event_id).pack()).wait()
    assert late["text"] == "Кездесу өтпейді."
    await parents[KK_PARENT].expect_no_message(0.3)
    async with app.dp["sessionmaker"]() as session:
        assert (await session.get(Post, post_id)).status == "cancelled"
        kinds = (await session.scalars(select(EventNotice.kind))).all()
    assert sorted(kinds) == ["cancelled"] * 3
    assert (await _event(app, event_id)).status == "cancelled"
    assert await _audits(app, "event.cancelled") == [str(event_id)]


async def test_attendance_becomes_one_measure_update(app: RunningApp, clock: FrozenClock) -> None:
    held = await add_school_event(app.dp["sessionmaker"], MONDAY - timedelta(hours=2), organiser_id=PSY)
    seminar = await add_school_event(
        app.dp["sessionmaker"],
        MONDAY - timedelta(days=1),
        organiser_id=PSY,
        kind="seminar",
        topic_kk="Кибербуллинг",
    )
    upcoming = await add_school_event(app.dp["sessionmaker"], SATURDAY_18, organiser_id=PSY)
    psy = app.emu.user(PSY)
    await pick_language(psy, "kk")
    await psy.send("/event list")
    _heading, soon, today, yesterday = await _cards(psy, 3)
    assert "Кездесу өтті." not in soon["text"] and "Келгендер санын жазу" not in " ".join(button_texts(soon))
    assert "🏁 Кездесу өтті." in today["text"]
    assert button_texts(today) == ["🔄 Жаңарту", "👥 Келгендер санын жазу", BACK_KK]
    early = await psy.press_data(today, EventManageCb(act="a", event_id=upcoming).pack()).wait()
    assert early["show_alert"] and "басталғаннан кейін" in early["text"]

    # The list opens one card at a time in one message: a card seen earlier is pressed by its data.
    await psy.press_data(today, data_of(today, "Келгендер санын жазу")).wait()
    assert "Қанша адам келді?" in (await psy.next_message())["text"]
    for bad in ("жиырма бес", "6000", "-1"):
        await psy.send(bad)
        assert (await psy.next_message())["text"] == "0 мен 5000 аралығындағы бүтін сан жіберіңіз."
    await psy.send("25")
    saved = await psy.next_message()
    assert saved["text"].startswith("Сақталды: 25 адам келді.")
    assert button_texts(saved) == ["📊 Жол картасының № 55 іс-шарасы бойынша есеп беру"]
    await psy.press(saved, button_with(saved, "№ 55")).wait()
    assert "Есеп берілді" in (await psy.next_message())["text"]
    again = await psy.press_data(saved, EventManageCb(act="m", event_id=held).pack()).wait()
    assert again["show_alert"] and again["text"] == "Бұл кездесу туралы жол картасына есеп берілген."

    await psy.press_data(yesterday, data_of(yesterday, "Келгендер санын жазу")).wait()
    await psy.next_message()
    await psy.send("12")
    await psy.press(report := await psy.next_message(), button_with(report, "№ 32")).wait()
    await psy.next_message()

    async with app.dp["sessionmaker"]() as session:
        updates = list(await session.scalars(select(MeasureUpdate).order_by(MeasureUpdate.id)))
    assert [(u.measure_no, u.figures) for u in updates] == [
        (55, {"meetings": 1, "participants": 25}),
        (32, {"events": 1, "participants": 12}),
    ]
    family = updates[0]
    assert (family.plan, family.org_code, family.author_id) == (PLAN_CODE, SCHOOL, PSY)
    assert (family.status, family.public, family.done_on) == ("done", False, date(2026, 12, 7))
    assert (
        family.text_kk
        == "«Отбасы сағаты»: «Балаңызбен сенімді әңгіме», 2026 жылғы 7 желтоқсан, дүйсенбі, 10:00. "
        "Келгендер: 25."
    )
    assert family.text_ru.startswith("«Отбасы сағаты»: «Доверительный разговор с ребёнком», понедельник")
    assert (await _event(app, held)).measure_update_id == family.id
    assert (await _event(app, seminar)).attended == 12
    assert await _audits(app, "event.attendance") == [f"{held}: 25", f"{seminar}: 12"]
    assert await _audits(app, "event.reported") == [
        f"{held} -> #{family.id}",
        f"{seminar} -> #{updates[1].id}",
    ]
    await psy.press_data(today, data_of(today, "Жаңарту")).wait()
    refreshed = await psy.wait_edit(today)
    assert (
        "👥 Келгендер: 25" in refreshed["text"]
        and "Жол картасының № 55 іс-шарасы бойынша есеп берілді" in refreshed["text"]
    )
    assert button_texts(refreshed) == ["🔄 Жаңарту", BACK_KK]


async def test_presses_for_events_out_of_scope_are_refused(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, OTHER_COORD, "coordinator", OTHER_DISTRICT)
    event_id = await add_school_event(app.dp["sessionmaker"], SATURDAY_18, organiser_id=PSY)
    coord, other = app.emu.user(COORD), app.emu.user(OTHER_COORD)
    await pick_language(coord, "ru")
    await pick_language(other, "ru")

    await coord.send("/event list")  # the district's coordinator sees the school's event
    _heading, card = await _cards(coord, 1)
    assert "Доверительный разговор" in card["text"]

    await other.send("/event list")
    nothing = await other.next_message()
    assert nothing["text"].startswith("У вас нет предстоящих или недавних встреч.")
    for act in ("r", "X", "t", "m"):
        forged = await other.press_data(nothing, EventManageCb(act=act, event_id=event_id).pack()).wait()
        assert forged["show_alert"] and forged["text"] == "Это не ваша встреча, или она больше недоступна."
    assert len(await _audits(app, "event.forged")) == 4
    assert (await _event(app, event_id)).status == "scheduled"

    parent = app.emu.user(KK_PARENT)
    await pick_language(parent, "ru")
    await parent.send("/event list")
    refusal = await parent.next_message()
    assert refusal["text"].startswith("Эта команда для сотрудников школ.")
    refused = await parent.press_data(refusal, EventManageCb(act="X", event_id=event_id).pack()).wait()
    assert refused["show_alert"]
    async with sm() as session:
        count = await session.scalar(
            select(func.count()).select_from(AuditRecord).where(AuditRecord.action == "refused.button")
        )
    assert count == 1 and (await _event(app, event_id)).status == "scheduled"
