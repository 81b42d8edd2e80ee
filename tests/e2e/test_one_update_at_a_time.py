"""A person's updates are handled one at a time (bot/turns.py): an answer typed while the bot is still
finishing the previous step is not lost, and a message in crisis never waits for that.

/update sends its first question and then writes, into the draft it read before, which message asks it. The
coordinator's answer came in between: without turns it was saved, then overwritten by that stale draft, and
the next press found the answer gone (the Russian step offered no Skip; seen in CI under load). Here the
stale write is held back so the answer always comes in between.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.factory import Overrides
from bot.flows.wizard import ASKED
from bot.fsm_storage import DatabaseStorage
from bot.turns import Turns, TurnTakingFSM
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import DISTRICT, add_tree, staff_member
from tests.support.small_plan import small_catalogue

COORD = 8951
SKIP, TODAY = {"kk": "Өткізіп жіберу", "ru": "Пропустить"}, {"kk": "Бүгін", "ru": "Сегодня"}


@pytest.fixture
async def plan_app(database_url: str) -> AsyncIterator[RunningApp]:
    async with running_app(database_url, Overrides(catalogue=small_catalogue())) as running:
        await add_tree(running.dp["sessionmaker"])
        # The turn is waited for as long as the held-back write takes, however busy the machine: how long
        # a turn is waited for at most is tests/unit/test_turns.py's.
        turns(running).wait = 60.0
        yield running


def turns(app: RunningApp) -> Turns:
    (fsm,) = [m for m in app.dp.update.outer_middleware if isinstance(m, TurnTakingFSM)]
    assert isinstance(fsm.events_isolation, Turns)
    return fsm.events_isolation


def hold_back_the_first_asked_record(monkeypatch: pytest.MonkeyPatch, seconds: float) -> asyncio.Event:
    """The write of which message asks the first step waits `seconds` after the draft was read; the event
    is set once it has been written."""
    original = DatabaseStorage.set_data
    written = asyncio.Event()
    held: list[Any] = []

    async def slow_first_asked(self: DatabaseStorage, key: Any, data: Any) -> None:
        first = ASKED in data and not held
        if first:
            held.append(key)
            await asyncio.sleep(seconds)
        await original(self, key, data)
        if first:
            written.set()

    monkeypatch.setattr(DatabaseStorage, "set_data", slow_first_asked)
    return written


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_answer_typed_while_the_question_is_being_recorded_is_kept(
    plan_app: RunningApp, locale: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = hold_back_the_first_asked_record(monkeypatch, 1.0)
    coord = await staff_member(plan_app, COORD, "coordinator", DISTRICT, locale)
    await coord.send("/update 3")
    await coord.next_message()  # the Kazakh text; its handler still holds the draft it read
    await coord.send("Стендтер жаңартылды.")
    text_ru = await coord.next_message()
    await plan_app.idle()
    assert written.is_set(), "the first question's record was not held back: the test shows nothing"
    await coord.press(text_ru, button_with(text_ru, SKIP[locale]))
    when = await coord.next_message()
    assert button_with(when, TODAY[locale])  # the date step: the Kazakh text was kept


@pytest.mark.parametrize(("locale", "text"), [("kk", "өмір сүргім келмейді"), ("ru", "не хочу больше жить")])
async def test_a_message_in_crisis_does_not_wait_for_the_persons_turn(
    plan_app: RunningApp, locale: str, text: str
) -> None:
    student = plan_app.emu.user(8952, language_code=locale)
    await pick_language(student, locale)
    key = StorageKey(bot_id=plan_app.bot.id, chat_id=student.id, user_id=student.id)
    async with turns(plan_app).lock(key):  # an update of theirs still being handled
        await student.send("/helplines")
        await student.send(text)
        crisis = await student.next_message()
        assert "111" in crisis["text"] and "112" in crisis["text"]
        assert len(student.messages) == 2  # the language picker, then the crisis reply; /helplines waits
    helplines = await student.next_message()  # its turn came
    assert "111" in helplines["text"] and helplines["message_id"] > crisis["message_id"]
