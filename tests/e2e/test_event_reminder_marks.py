"""A reminder or a change notice marks the answer the parent gave with ✅, as the /familyhour card does, and
moves the mark when they answer otherwise under it; a reminder promises a seat to another parent only when
the event has a seat limit."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.clock import KZ, FrozenClock
from bot.events.notifier import EventNotifier
from bot.factory import Overrides
from db.repositories import Repositories
from db.repositories.event_notices import change_ref
from domain.enums import NoticeKind
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, pick_language
from tests.support.events import add_answer, add_school_event
from tests.support.org_tree import add_tree

MONDAY = datetime(2026, 12, 7, 12, 0, tzinfo=KZ)
SATURDAY_18 = datetime(2026, 12, 12, 18, 0, tzinfo=KZ)
THREE_DAYS_BEFORE = datetime(2026, 12, 9, 18, 0, tzinfo=KZ)
COME = {"kk": "Барамын", "ru": "Приду"}
NOT_COME = {"kk": "Бара алмаймын", "ru": "Не смогу"}
SEAT = {"kk": "орныңыз басқа ата-анаға беріледі", "ru": "ваше место перейдёт другому родителю"}
PLANS = {"kk": "Жоспарыңыз өзгерсе", "ru": "Если ваши планы изменились"}
PARENT = {"kk": 8711, "ru": 8712}


def answers_row(message: dict) -> list[str]:
    return button_texts(message)[:2]


async def first_reminder(app: RunningApp, clock: FrozenClock, capacity: int | None, locale: str) -> dict:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    parent = app.emu.user(PARENT[locale])
    await pick_language(parent, locale)
    event_id = await add_school_event(sm, SATURDAY_18, capacity=capacity)
    await add_answer(sm, event_id, PARENT[locale], "going", MONDAY)
    clock._now = THREE_DAYS_BEFORE
    notifier: EventNotifier = app.dp["event_notifier"]
    assert await notifier.run_once(clock.now()) == 1
    return await parent.next_message()


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_reminder_without_a_seat_limit_promises_no_seat(database_url: str, locale: str) -> None:
    clock = FrozenClock(MONDAY)
    async with running_app(database_url, Overrides(clock=clock)) as app:
        reminder = await first_reminder(app, clock, None, locale)
        assert PLANS[locale] in reminder["text"]
        assert SEAT[locale] not in reminder["text"], reminder["text"]
        assert NOT_COME[locale] in reminder["text"]  # which button says so
        assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_reminder_with_a_seat_limit_says_the_seat_goes_on(database_url: str, locale: str) -> None:
    clock = FrozenClock(MONDAY)
    async with running_app(database_url, Overrides(clock=clock)) as app:
        reminder = await first_reminder(app, clock, 30, locale)
        assert SEAT[locale] in reminder["text"], reminder["text"]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_reminder_marks_the_answer_and_moves_the_mark(database_url: str, locale: str) -> None:
    clock = FrozenClock(MONDAY)
    async with running_app(database_url, Overrides(clock=clock)) as app:
        reminder = await first_reminder(app, clock, None, locale)
        assert answers_row(reminder) == [f"✅ {COME[locale]}", NOT_COME[locale]]
        parent = app.emu.user(PARENT[locale])
        await parent.press(reminder, NOT_COME[locale])
        confirmation = await parent.next_message()
        assert "✖️" in confirmation["text"]
        edited = await parent.wait_edit(reminder)
        assert answers_row(edited) == [COME[locale], f"✅ {NOT_COME[locale]}"]
        assert edited["text"] == reminder["text"]
        # Pressing the marked answer again changes nothing: no edit, no second confirmation.
        await parent.press(edited, f"✅ {NOT_COME[locale]}")
        await parent.expect_no_message(0.3)
        assert app.emu.rejections == []


async def test_a_change_notice_marks_each_parents_own_answer(database_url: str) -> None:
    clock = FrozenClock(MONDAY)
    async with running_app(database_url, Overrides(clock=clock)) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        coming, not_coming = app.emu.user(8713), app.emu.user(8714)
        await pick_language(coming, "ru")
        await pick_language(not_coming, "kk")
        event_id = await add_school_event(sm, SATURDAY_18)
        await add_answer(sm, event_id, 8713, "going", MONDAY)
        await add_answer(sm, event_id, 8714, "not_going", MONDAY)
        clock.advance(timedelta(hours=1))
        async with sm() as session:
            await Repositories(session).event_notices.enqueue_for_everyone_who_answered(
                event_id, NoticeKind.CHANGED, change_ref(2, None, True), clock.now()
            )
            await session.commit()
        notifier: EventNotifier = app.dp["event_notifier"]
        assert await notifier.run_once(clock.now()) == 2
        assert answers_row(await coming.next_message()) == ["✅ Приду", "Не смогу"]
        assert answers_row(await not_coming.next_message()) == ["Барамын", "✅ Бара алмаймын"]
