"""The grade ticks of /subscribe are kept on the server: two quick taps on one old keyboard both count."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from tests.support.app import RunningApp, running_app
from tests.support.chat import buttons, pick_language, press
from tests.support.subscribe_tree import add_tree, subscriptions_of

SCHOOL = {"kk": "№1 жалпы білім беретін мектеп", "ru": "Общеобразовательная школа №1"}
CITY = {"kk": "Қарағанды қаласы", "ru": "город Караганда"}
SUBSCRIBE = {"kk": "Мектеп жаңалықтарына жазылу", "ru": "Подписаться на новости школы"}
DONE = {"kk": "Дайын", "ru": "Готово"}
THIRD, FOURTH = {"kk": "3-сынып", "ru": "3 класс"}, {"kk": "4-сынып", "ru": "4 класс"}


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    async with running_app(database_url, Overrides(flood=FloodControl(limit=10_000))) as running:
        yield running


def data_of(message: dict, label: str) -> str:
    for button in buttons(message):
        if button["text"] == label:
            return button["callback_data"]
    raise AssertionError(f"no button {label!r} in {[b['text'] for b in buttons(message)]}")


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_two_taps_on_one_old_keyboard_tick_two_grades(
    app: RunningApp, database_url: str, locale: str
) -> None:
    await add_tree(app)
    parent = app.emu.user(3101, language_code=locale)
    welcome = await pick_language(parent, locale)
    screen = await press(parent, welcome, SUBSCRIBE[locale])
    screen = await press(parent, screen, CITY[locale])
    grades = await press(parent, screen, SCHOOL[locale])
    # Both presses come from the same keyboard, before the bot has redrawn it after the first.
    first, second = data_of(grades, THIRD[locale]), data_of(grades, FOURTH[locale])
    await asyncio.gather(parent.press_data(grades, first), parent.press_data(grades, second))
    await app.idle()
    shown = parent.chat.messages[grades["message_id"]]
    ticked = {b["text"] for b in buttons(shown) if b["text"].startswith("✅ ")}
    assert ticked == {"✅ " + THIRD[locale], "✅ " + FOURTH[locale]}
    # The same press again (a double tap) keeps the tick: it asks for "ticked", not for a change.
    await parent.press_data(shown, first)
    await app.idle()
    shown = parent.chat.messages[grades["message_id"]]
    await press(parent, shown, DONE[locale])
    assert await subscriptions_of(database_url, 3101) == {("kar-s01", "3"), ("kar-s01", "4")}
    assert app.emu.rejections == []
