"""Event reminders: 3 days and 2 hours before, only to parents who said they would come, out of quiet hours,
once, across restarts."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from bot.clock import KZ, FrozenClock
from bot.events.notifier import EventNotifier
from bot.factory import Overrides
from db.models import Event, EventNotice, User
from db.repositories import Repositories
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, pick_language
from tests.support.events import add_answer, add_school_event
from tests.support.org_tree import add_tree

KK_PARENT, RU_PARENT, NOT_COMING, LATE, GONE = 8602, 8603, 8604, 8605, 8606
MONDAY = datetime(2026, 12, 7, 12, 0, tzinfo=KZ)
SATURDAY_18 = datetime(2026, 12, 12, 18, 0, tzinfo=KZ)


async def notices(app: RunningApp) -> list[tuple[int, str, str]]:
    """Every notice and its outcome, once the service has recorded them all."""
    for _ in range(40):
        async with app.dp["sessionmaker"]() as session:
            rows = await session.execute(
                select(EventNotice.user_id, EventNotice.kind, EventNotice.status).order_by(EventNotice.id)
            )
            found = [tuple(r) for r in rows]
        if not any(status in ("pending", "claimed") for *_, status in found):
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"notices still on their way: {found}")


async def test_both_reminders_reach_only_those_coming_once_across_restarts(database_url: str) -> None:
    clock = FrozenClock(MONDAY)
    overrides = Overrides(clock=clock)
    async with running_app(database_url, overrides) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        kk, ru, no, late = (app.emu.user(i) for i in (KK_PARENT, RU_PARENT, NOT_COMING, LATE))
        gone = app.emu.user(GONE)
        for person, lang in ((kk, "kk"), (ru, "ru"), (no, "ru"), (late, "kk"), (gone, "ru")):
            await pick_language(person, lang)
        event_id = await add_school_event(sm, SATURDAY_18)
        await add_answer(sm, event_id, GONE, "going", MONDAY)
        # Blocked without the bot hearing of it: the first send finds out (403).
        gone.record.blocked = True
        await add_answer(sm, event_id, KK_PARENT, "going", MONDAY)
        await add_answer(sm, event_id, RU_PARENT, "going", MONDAY)
        await add_answer(sm, event_id, NOT_COMING, "not_going", MONDAY)
        notifier: EventNotifier = app.dp["event_notifier"]

        clock._now = datetime(2026, 12, 9, 17, 59, tzinfo=KZ)  # Wednesday, a minute before 3 days before
        assert await notifier.run_once(clock.now()) == 0
        clock.advance(timedelta(minutes=1))
        assert await notifier.run_once(clock.now()) == 2
        to_kk, to_ru = await kk.next_message(), await ru.next_message()
        assert to_kk["text"].startswith("⏰ Еске салу: сіз келетініңізді айттыңыз.")
        assert (
            "Балаңызбен сенімді әңгіме" in to_kk["text"] and "2026 жылғы 12 желтоқсан, сенбі" in to_kk["text"]
        )
        assert "3 күннен кейін өтеді." in to_kk["text"]
        assert "Бара алмаймын" in " ".join(button_texts(to_kk))
        assert to_ru["text"].startswith("⏰ Напоминание: вы сообщили, что придёте.")
        assert "Доверительный разговор с ребёнком" in to_ru["text"]
        assert "Осталось 3 дня." in to_ru["text"]
        assert "Не смогу" in " ".join(button_texts(to_ru))
        await no.expect_no_message(0.3)
        assert await notifier.run_once(clock.now()) == 0

        # Someone who says "I will come" on Thursday gets no "in 3 days" reminder, only the 2-hour one.
        await add_answer(sm, event_id, LATE, "going", datetime(2026, 12, 10, 9, 0, tzinfo=KZ))
        clock._now = datetime(2026, 12, 10, 9, 5, tzinfo=KZ)
        assert await notifier.run_once(clock.now()) == 0
        await late.expect_no_message(0.2)

        clock._now = SATURDAY_18 - timedelta(hours=2, minutes=1)
        assert await notifier.run_once(clock.now()) == 0
        clock.advance(timedelta(minutes=1))
        app.dp["event_notifier"].wake()  # the service itself, as in production
        soon_kk, soon_ru, soon_late = (
            await kk.next_message(),
            await ru.next_message(),
            await late.next_message(),
        )
        assert soon_kk["text"].startswith("⏰ Жақында кездесеміз!")
        assert "Басталуы: бүгін, сағат 18:00." in soon_kk["text"]
        assert soon_ru["text"].startswith("⏰ До скорой встречи! Вы сообщили, что придёте.")
        assert "Начало сегодня в 18:00." in soon_ru["text"]
        assert "Жақында кездесеміз!" in soon_late["text"]
        await no.expect_no_message(0.3)
        async with app.dp["sessionmaker"]() as session:
            assert (await session.get(User, GONE)).active is False  # like the broadcast sender does
        assert sorted(await notices(app)) == sorted(
            [
                (GONE, "remind_3d", "blocked"),
                (GONE, "remind_2h", "blocked"),
                (KK_PARENT, "remind_3d", "sent"),
                (RU_PARENT, "remind_3d", "sent"),
                (KK_PARENT, "remind_2h", "sent"),
                (RU_PARENT, "remind_2h", "sent"),
                (LATE, "remind_2h", "sent"),
            ]
        )

    # A restart (a new process on the same database) sends nothing again.
    clock.advance(timedelta(minutes=30))
    async with running_app(database_url, overrides) as app:
        people = [app.emu.user(i) for i in (KK_PARENT, RU_PARENT, LATE)]
        for person in people:
            await person.send("/start")
            await person.next_message()
        assert await app.dp["event_notifier"].run_once(clock.now()) == 0
        for person in people:
            await person.expect_no_message(0.2)
        assert len(await notices(app)) == 7
        # A notice claimed by a process that then stopped is not sent by another while its lease lasts.
        async with app.dp["sessionmaker"]() as session:
            event_id = await session.scalar(select(Event.id))
            session.add(
                EventNotice(
                    event_id=event_id,
                    user_id=KK_PARENT,
                    kind="changed",
                    ref="2",
                    status="claimed",
                    due_at=clock.now(),
                    claimed_at=clock.now(),
                )
            )
            await session.commit()
        assert await app.dp["event_notifier"].run_once(clock.now()) == 0
        await people[0].expect_no_message(0.2)


async def test_reminders_keep_out_of_quiet_hours(database_url: str) -> None:
    clock = FrozenClock(MONDAY)
    async with running_app(database_url, Overrides(clock=clock)) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        kk, ru = app.emu.user(KK_PARENT), app.emu.user(RU_PARENT)
        await pick_language(kk, "kk")
        await pick_language(ru, "ru")
        # 2 hours before 08:30 is 06:30, and 08:00 would be too close: it goes at 21:00 the evening before.
        early = await add_school_event(sm, datetime(2026, 12, 12, 8, 30, tzinfo=KZ))
        # 2 hours before 09:30 is 07:30: it waits for 08:00.
        morning = await add_school_event(
            sm, datetime(2026, 12, 12, 9, 30, tzinfo=KZ), topic_ru="Утренний клуб"
        )
        await add_answer(sm, early, RU_PARENT, "going", MONDAY)
        await add_answer(sm, morning, KK_PARENT, "going", MONDAY)
        notifier: EventNotifier = app.dp["event_notifier"]
        assert await notifier.run_once(clock.now()) == 0

        clock._now = datetime(2026, 12, 9, 9, 30, tzinfo=KZ)  # both 3-day reminders
        assert await notifier.run_once(clock.now()) == 2
        kk.drain()
        ru.drain()

        clock._now = datetime(2026, 12, 11, 20, 59, tzinfo=KZ)
        assert await notifier.run_once(clock.now()) == 0
        clock._now = datetime(2026, 12, 11, 21, 0, tzinfo=KZ)
        # Telegram says "too many requests" more often than the bot's own retries wait out: the notice goes
        # back to pending, the shared limiter waits retry_after, and it goes once.
        app.emu.inject_fault("sendMessage", 429, count=3, chat_id=RU_PARENT, retry_after=1)
        assert await notifier.run_once(clock.now()) == 1
        evening = await ru.next_message()
        await ru.expect_no_message(0.2)
        assert evening["text"].startswith("⏰ До скорой встречи!")
        assert "Начало завтра в 08:30." in evening["text"]

        for hour, minute in ((23, 0), (6, 30), (7, 59)):  # the quiet night: nothing
            day = 11 if hour == 23 else 12
            clock._now = datetime(2026, 12, day, hour, minute, tzinfo=KZ)
            assert await notifier.run_once(clock.now()) == 0
        await kk.expect_no_message(0.2)
        clock._now = datetime(2026, 12, 12, 8, 0, tzinfo=KZ)
        assert await notifier.run_once(clock.now()) == 1
        assert "Басталуы: бүгін, сағат 09:30." in (await kk.next_message())["text"]
        await ru.expect_no_message(0.2)  # 08:00 is past their own reminder: nothing late, nothing twice

        # A seat freed up: the waiting list's first (promoted by the answers' repository) is told.
        async with app.dp["sessionmaker"]() as session:
            session.add(
                EventNotice(
                    event_id=morning,
                    user_id=KK_PARENT,
                    kind="promoted",
                    ref=clock.now().isoformat(),
                    status="pending",
                    due_at=clock.now(),
                )
            )
            await session.commit()
        assert await notifier.run_once(clock.now()) == 1
        promoted = await kk.next_message()
        assert promoted["text"].startswith("🎉 Орын босады: сіз тізімдесіз!")
        assert "Басталуы: бүгін, сағат 09:30." in promoted["text"]
        assert "Бара алмаймын" in " ".join(button_texts(promoted))
        assert app.emu.rejections == []


async def test_a_server_error_is_tried_again_later_and_given_up_after_five(database_url: str) -> None:
    clock = FrozenClock(MONDAY)
    async with running_app(database_url, Overrides(clock=clock)) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        kk, ru = app.emu.user(KK_PARENT), app.emu.user(RU_PARENT)
        await pick_language(kk, "kk")
        await pick_language(ru, "ru")
        event_id = await add_school_event(sm, datetime(2026, 12, 12, 18, 0, tzinfo=KZ))
        await add_answer(sm, event_id, KK_PARENT, "going", MONDAY)
        await add_answer(sm, event_id, RU_PARENT, "going", MONDAY)
        notifier: EventNotifier = app.dp["event_notifier"]
        clock._now = datetime(2026, 12, 9, 18, 0, tzinfo=KZ)  # the 3-day reminders
        app.emu.inject_fault("sendMessage", 500, count=1, chat_id=KK_PARENT)
        app.emu.inject_fault("sendMessage", 502, count=5, chat_id=RU_PARENT)
        assert await notifier.run_once(clock.now()) == 0
        await kk.expect_no_message(0.2)

        clock.advance(timedelta(seconds=29))  # not yet
        assert await notifier.run_once(clock.now()) == 0
        clock.advance(timedelta(seconds=2))  # 30 s after the first try: the Kazakh parent's goes through
        assert await notifier.run_once(clock.now()) == 1
        assert (await kk.next_message())["text"].startswith("⏰ Еске салу")
        for seconds in (60, 120, 240):  # the Russian parent's keeps failing, backing off
            clock.advance(timedelta(seconds=seconds + 1))
            assert await notifier.run_once(clock.now()) == 0
        async with app.dp["sessionmaker"]() as session:
            row = await session.scalar(select(EventNotice).where(EventNotice.user_id == RU_PARENT))
            assert row is not None and (row.status, row.attempts) == ("failed", 4)
        clock.advance(timedelta(hours=1))
        assert await notifier.run_once(clock.now()) == 0  # failed for good: not tried again
        await ru.expect_no_message(0.2)
        await kk.expect_no_message(0.1)


async def test_notices_claimed_by_a_stopped_process_go_once_after_the_lease(database_url: str) -> None:
    """Claim, stop before sending (the process is killed), restart: within the lease nothing goes (the first
    process might still be sending); once the lease is over every notice goes, each exactly once."""
    clock = FrozenClock(MONDAY)
    overrides = Overrides(clock=clock)
    parents = [8700 + n for n in range(5)]
    due = MONDAY + timedelta(minutes=5)  # after the frozen clock: the background service leaves them alone
    async with running_app(database_url, overrides) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        for parent in parents:
            await pick_language(app.emu.user(parent), "ru")
        event_id = await add_school_event(sm, SATURDAY_18, status="cancelled", revision=2)
        for parent in parents:
            await add_answer(sm, event_id, parent, "going", MONDAY)
        async with app.dp["sessionmaker"]() as session:
            await Repositories(session).event_notices.enqueue_for_everyone_who_answered(
                event_id, "cancelled", "2", due
            )
            await session.commit()
        notifier: EventNotifier = app.dp["event_notifier"]
        claimed, _ = await notifier._claim(due)  # committed: then the process stops before any send
        assert len(claimed) == len(parents)

    clock._now = due + timedelta(minutes=1)
    async with running_app(database_url, overrides) as app:
        users = [app.emu.user(parent) for parent in parents]
        for user in users:  # a new emulator: the chats exist once the parents write
            await user.send("/start")
            await user.next_message()
        notifier = app.dp["event_notifier"]
        assert await notifier.run_once(clock.now()) == 0
        clock._now = due + notifier.lease + timedelta(seconds=1)
        await notifier.run_once(clock.now())
        for user in users:
            assert (await user.next_message())["text"].startswith("❌")
        assert await notifier.run_once(clock.now()) == 0
        for user in users:
            await user.expect_no_message(0.2)
        assert [status for *_, status in await notices(app)] == ["sent"] * len(parents)
        assert app.emu.rejections == []


async def test_on_postgresql_two_instances_claim_notices_without_waiting_for_each_other(
    database_url: str,
) -> None:
    """While one instance's claim is still open, another's look passes its rows over instead of waiting."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SKIP LOCKED is PostgreSQL's; on SQLite the bot is one process")
    clock = FrozenClock(MONDAY)
    parents = [8800 + n for n in range(4)]
    due = MONDAY + timedelta(minutes=5)
    async with running_app(database_url, Overrides(clock=clock)) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        for parent in parents:
            await pick_language(app.emu.user(parent), "ru")
        event_id = await add_school_event(sm, SATURDAY_18, status="cancelled", revision=2)
        for parent in parents:
            await add_answer(sm, event_id, parent, "going", MONDAY)
        maker = app.dp["sessionmaker"]
        async with maker() as session:
            await Repositories(session).event_notices.enqueue_for_everyone_who_answered(
                event_id, "cancelled", "2", due
            )
            await session.commit()
        async with maker() as first, maker() as second:
            mine = await Repositories(first).event_notices.due(due, limit=2)
            await Repositories(first).event_notices.claim((n.id for n in mine), due)  # not committed yet
            # Without SKIP LOCKED the second look returns the first's rows and its claim waits on them.
            others = await asyncio.wait_for(Repositories(second).event_notices.due(due), 5)
            claiming = Repositories(second).event_notices.claim((n.id for n in others), due)
            theirs = await asyncio.wait_for(claiming, 5)
            await first.commit()
            await second.commit()
        assert len(mine) == 2 and len(theirs) == 2
        assert not {n.id for n in mine} & theirs
