"""A Family Hour from end to end, through the real flows and a controlled clock: /event creates and announces
it, parents answer, both reminders go, the time changes, attendance is recorded and reported to measure 55."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from bot.clock import KZ, FrozenClock
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from bot.outgoing import OutgoingLimiter
from db.models import Event, EventNotice, MeasureUpdate
from tests.support.app import running_app
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.event_plan import PLAN_CODE, event_catalogue
from tests.support.org_tree import SCHOOL, add_parent, add_tree, grant

PSY, KK_PARENT, RU_PARENT, NOT_COMING = 8901, 8902, 8903, 8904
MONDAY = datetime(2026, 12, 7, 12, 0, tzinfo=KZ)
TOPIC_KK = "Балаңызбен сенімді әңгіме"
TOPIC_RU = "Доверительный разговор с ребёнком"


async def next_with(user, fragment: str, limit: int = 8) -> dict:
    for _ in range(limit):
        message = await user.next_message()
        if fragment in (message.get("text") or ""):
            return message
    raise AssertionError(f"no message with {fragment!r}")


async def test_family_hour_from_announcement_to_measure_55(database_url: str) -> None:
    clock = FrozenClock(MONDAY)
    # A conversation of many replies would wait out Telegram's per-chat pace (1/s); pacing has its own tests.
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    # The organiser does in seconds what takes a week: more than flood control lets one person do.
    overrides = Overrides(clock=clock, catalogue=event_catalogue(), flood=FloodControl(limit=1000))
    async with running_app(database_url, overrides, emulator=emu, limiter=limiter) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        await grant(sm, PSY, "psychologist", SCHOOL)
        parents = {}
        for user_id, lang in ((KK_PARENT, "kk"), (RU_PARENT, "ru"), (NOT_COMING, "ru")):
            parents[user_id] = app.emu.user(user_id)
            await pick_language(parents[user_id], lang)
            await add_parent(sm, user_id, lang, (SCHOOL, "5"))
        kk, ru, no = parents[KK_PARENT], parents[RU_PARENT], parents[NOT_COMING]

        # Create and announce.
        psy = app.emu.user(PSY)
        await pick_language(psy, "ru")
        await psy.send("/event")
        await psy.next_message()
        await psy.send(TOPIC_KK)
        await psy.next_message()
        await psy.send(TOPIC_RU)
        await psy.next_message()
        await psy.send("12.12.2026 18:00")
        await psy.next_message()
        await psy.send("Школа № 1, актовый зал")
        grades = await psy.next_message()
        await psy.press(grades, button_with(grades, "5 класс"))
        grades = await psy.wait_edit(grades)
        await psy.press(grades, button_with(grades, "Готово"))
        await psy.wait_edit(grades)
        await psy.send("30")
        summary = await next_with(psy, "Проверьте")
        await psy.press(summary, button_with(summary, "Подтвердить"))
        await next_with(psy, "/event list")

        # Answer.
        for parent, topic, label in (
            (kk, TOPIC_KK, "Барамын"),
            (ru, TOPIC_RU, "Приду"),
            (no, TOPIC_RU, "Не смогу"),
        ):
            invitation = await next_with(parent, topic)
            await parent.press(invitation, button_with(invitation, label)).wait()
            await parent.next_message()  # the confirmation
        async with sm() as session:
            event = await session.scalar(select(Event))
        assert event is not None and event.starts_at == datetime(2026, 12, 12, 18, 0, tzinfo=KZ)

        await psy.send("/event list")
        listing = await next_with(psy, "Ваши встречи")
        await psy.press(listing, button_with(listing, "1. ")).wait()
        card = await psy.wait_edit(listing)
        assert "Придут: 2 / 30 · ⏳ В листе ожидания: 0 · ❌ Не придут: 1" in card["text"]

        # Both reminders, to those coming only.
        notifier = app.dp["event_notifier"]
        clock._now = datetime(2026, 12, 9, 18, 0, tzinfo=KZ)
        notifier.wake()
        assert (await kk.next_message())["text"].startswith("⏰ Еске салу")
        assert (await ru.next_message())["text"].startswith("⏰ Напоминание")
        clock._now = datetime(2026, 12, 12, 16, 0, tzinfo=KZ)
        notifier.wake()
        assert "Басталуы: бүгін, сағат 18:00." in (await kk.next_message())["text"]
        assert "Начало сегодня в 18:00." in (await ru.next_message())["text"]
        await no.expect_no_message(0.3)

        # The time moves an hour later: everyone who answered is told, and the 2-hour reminder comes again.
        clock._now = datetime(2026, 12, 12, 16, 5, tzinfo=KZ)
        await psy.send("/event list")
        listing = await next_with(psy, "Ваши встречи")
        await psy.press(listing, button_with(listing, "1. ")).wait()
        card = await psy.wait_edit(listing)
        await psy.press(card, button_with(card, "Изменить время")).wait()
        await psy.next_message()
        await psy.send("12.12.2026 19:00")
        assert "Ответившие родители (3)" in (await psy.next_message())["text"]
        await psy.next_message()  # the card as it is now
        for parent, old in (
            (kk, "2026 жылғы 12 желтоқсан, сенбі, 18:00"),
            (ru, "суббота, 12 декабря 2026\u202fг., 18:00"),
        ):
            changed = await parent.next_message()
            assert old in changed["text"] and "19:00" in changed["text"]
            assert any(e["type"] == "strikethrough" for e in changed["entities"])
        assert "Встреча изменилась" in (await no.next_message())["text"]
        clock._now = datetime(2026, 12, 12, 17, 0, tzinfo=KZ)
        notifier.wake()
        assert "Басталуы: бүгін, сағат 19:00." in (await kk.next_message())["text"]
        assert "Начало сегодня в 19:00." in (await ru.next_message())["text"]
        await no.expect_no_message(0.3)

        # After the event: attendance, then one press makes it an update of measure 55.
        clock._now = datetime(2026, 12, 12, 20, 30, tzinfo=KZ)
        await psy.send("/event list")
        listing = await next_with(psy, "Ваши встречи")
        await psy.press(listing, button_with(listing, "1. ")).wait()
        card = await psy.wait_edit(listing)
        await psy.press(card, button_with(card, "Указать число пришедших")).wait()
        await psy.next_message()
        await psy.send("27")
        saved = await psy.next_message()
        assert button_texts(saved) == ["📊 Отчитаться по мероприятию № 55 дорожной карты"]
        await psy.press(saved, button_with(saved, "№ 55")).wait()
        assert "Отчёт отправлен" in (await psy.next_message())["text"]

        async with sm() as session:
            (update,) = (await session.scalars(select(MeasureUpdate))).all()
            kinds = sorted((await session.scalars(select(EventNotice.kind))).all())
        assert (update.plan, update.measure_no, update.org_code) == (PLAN_CODE, 55, SCHOOL)
        assert update.figures == {"meetings": 1, "participants": 27} and update.done_on == date(2026, 12, 12)
        assert kinds == ["changed"] * 3 + ["remind_2h"] * 4 + ["remind_3d"] * 2
        assert app.emu.rejections == []
