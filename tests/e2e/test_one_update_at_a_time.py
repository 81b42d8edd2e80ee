"""A person's updates are handled one at a time (bot/turns.py): an answer typed while the bot is still
finishing the previous step is not lost.

/update sends its first question and then writes, into the draft it read before, which message asks it. The
coordinator's answer came in between: without turns it was saved, then overwritten by that stale draft, and
the next press found the answer gone (the Russian step offered no Skip; seen in CI under load). Here the
stale write is held back a second so the answer always comes in between.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.flows.wizard import ASKED
from bot.fsm_storage import DatabaseStorage
from tests.e2e.test_wizard_steps import COORD, DISTRICT, UPDATE_WORDS, _staff, plan_app  # noqa: F401
from tests.support.app import RunningApp
from tests.support.chat import button_with


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_answer_typed_while_the_question_is_being_recorded_is_kept(
    plan_app: RunningApp,  # noqa: F811
    locale: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = DatabaseStorage.set_data
    delayed: list[Any] = []

    async def slow_first_asked(self: DatabaseStorage, key: Any, data: Any) -> None:
        if ASKED in data and not delayed:
            delayed.append(key)
            await asyncio.sleep(1.0)  # between the draft's read and its write
        await original(self, key, data)

    monkeypatch.setattr(DatabaseStorage, "set_data", slow_first_asked)
    words = UPDATE_WORDS[locale]
    coord = await _staff(plan_app, COORD, "coordinator", DISTRICT, locale)
    await coord.send("/update 3")
    await coord.next_message()  # the Kazakh text; its handler still holds the draft it read
    await coord.send("Стендтер жаңартылды.")
    text_ru = await coord.next_message()
    await plan_app.idle()
    assert delayed, "the first question's record was not held back: the test shows nothing"
    await coord.press(text_ru, button_with(text_ru, words[0]))  # skip the Russian text
    when = await coord.next_message()
    assert button_with(when, words[1])  # the date step: the Kazakh text was kept
