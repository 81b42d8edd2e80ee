"""/cancel typed under /invite's or /report's screen cancels what its ✖️ Cancel button cancels (it said
«nothing to cancel» beside the button); /report's other dates refuse a day still to come."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.org_tree import REGION, add_tree, grant
from tests.support.small_plan import small_catalogue

COORD = 8821
START = datetime(2026, 12, 2, 12, 0, tzinfo=KZ)
WORDS = {
    "kk": {
        "cancelled": "Тоқтатылды. Ештеңе өзгерген жоқ.",
        "nothing": "Тоқтататын ештеңе жоқ",
        "other": "Басқа күндер…",
        "future": "бүгінгі күннен (",
        "last": "соңғы күні",
    },
    "ru": {
        "cancelled": "Отменено. Ничего не изменилось.",
        "nothing": "Отменять нечего",
        "other": "Другие даты…",
        "future": "не позже сегодняшней (",
        "last": "последний день",
    },
}


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    overrides = Overrides(clock=FrozenClock(START), catalogue=small_catalogue())
    async with running_app(database_url, overrides) as running:
        await add_tree(running.dp["sessionmaker"])
        await grant(running.dp["sessionmaker"], COORD, "coordinator", REGION)
        yield running


@pytest.mark.parametrize("locale", ["kk", "ru"])
@pytest.mark.parametrize("command", ["/invite", "/report"])
async def test_cancel_typed_under_a_screen_cancels_it(app: RunningApp, locale: str, command: str) -> None:
    w = WORDS[locale]
    coord = app.emu.user(COORD)
    await pick_language(coord, locale)
    await coord.send(command)
    screen = await coord.next_message()
    assert button_texts(screen)
    await coord.send("/cancel")
    answer = await coord.next_message()
    assert answer["text"] == w["cancelled"], answer["text"]
    edited = await coord.wait_edit(screen)
    assert edited["text"] == w["cancelled"] and not button_texts(edited)
    await coord.send("/cancel")
    assert w["nothing"] in (await coord.next_message())["text"]  # nothing left open now
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_other_dates_refuse_a_day_to_come(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    coord = app.emu.user(COORD)
    await pick_language(coord, locale)
    await coord.send("/report")
    periods = await coord.next_message()
    await coord.press(periods, button_with(periods, w["other"]))
    await coord.wait_edit(periods)
    await coord.send("01.09.2026")
    assert w["last"] in (await coord.next_message())["text"]
    await coord.send("01.03.2027")
    refused = await coord.next_message()
    assert w["future"] in refused["text"] and "02.12.2026" in refused["text"], refused["text"]
    await coord.send("/cancel")
    assert (await coord.next_message())["text"] == w["cancelled"]
