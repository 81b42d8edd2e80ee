"""getUpdates long polling and a real aiogram Dispatcher polling the emulator."""

from __future__ import annotations

import asyncio
import time

import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.exceptions import TelegramConflictError
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from bot.emulator.emulator import Emulator

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database


@pytest.mark.asyncio
async def test_offsets_confirm_updates(emu: Emulator, bot: Bot) -> None:
    user = emu.user(1001, "Aigerim", language_code="kk")
    await user.send("/start")
    await user.send("hello")

    first = await bot.get_updates(timeout=0)
    assert [u.message.text for u in first] == ["/start", "hello"]
    assert first[0].update_id < first[1].update_id
    assert first[0].message.entities[0].type == "bot_command"

    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [u.update_id for u in first], "unconfirmed updates are redelivered"

    rest = await bot.get_updates(offset=first[0].update_id + 1, timeout=0)
    assert [u.message.text for u in rest] == ["hello"]
    assert await bot.get_updates(offset=first[1].update_id + 1, timeout=0) == []

    await user.send("one")
    await user.send("two")
    limited = await bot.get_updates(limit=1, timeout=0)
    assert [u.message.text for u in limited] == ["one"]
    assert [u.message.text for u in await bot.get_updates(offset=-1, timeout=0)] == ["two"]


@pytest.mark.asyncio
async def test_long_poll_returns_as_soon_as_an_update_arrives(emu: Emulator, bot: Bot) -> None:
    user = emu.user(1002, "Dana")
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.2)
    assert not poll.done(), "getUpdates must hold the request while there is nothing to deliver"
    await user.send("ping")
    updates = await asyncio.wait_for(poll, 2)
    assert [u.message.text for u in updates] == ["ping"]
    assert time.monotonic() - started < 2


@pytest.mark.asyncio
async def test_long_poll_times_out_empty(emu: Emulator, bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == []
    assert 0.9 <= time.monotonic() - started < 3


@pytest.mark.asyncio
async def test_second_poller_conflicts_the_first(emu: Emulator, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(bot.get_updates(timeout=1))
    with pytest.raises(TelegramConflictError):
        await asyncio.wait_for(first, 2)
    assert await second == []


@pytest.mark.asyncio
async def test_allowed_updates_drop_other_types(emu: Emulator, bot: Bot) -> None:
    user = emu.user(1003, "Erlan")
    await user.send("/start")
    await user.block()
    updates = await bot.get_updates(timeout=0, allowed_updates=["message"])
    assert [u.event_type for u in updates] == ["message"]
    await user.unblock()
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == []


@pytest.mark.asyncio
async def test_dispatcher_answers_start_with_deep_link(emu: Emulator, bot: Bot, polling) -> None:
    router = Router()

    @router.message(CommandStart(deep_link=True))
    async def start_with_payload(message: Message, command: CommandObject) -> None:
        await message.answer(f"<b>Welcome</b>, school {command.args}", parse_mode="HTML")

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        await message.answer(f"Hello, {message.from_user.first_name}!")

    dp = Dispatcher()
    dp.include_router(router)
    user = emu.user(1004, "Aigerim", language_code="kk")
    async with polling(dp):
        await user.send("/start")
        assert (await user.next_message())["text"] == "Hello, Aigerim!"
        await user.send("/start school_ab12")
        reply = await user.next_message()
    assert reply["text"] == "Welcome, school school_ab12"
    assert reply["entities"] == [{"type": "bold", "offset": 0, "length": 7}]
    assert [m["text"] for m in user.messages] == ["Hello, Aigerim!", "Welcome, school school_ab12"]
    assert emu.rejections == []


@pytest.mark.asyncio
async def test_next_message_reports_silence(emu: Emulator) -> None:
    user = emu.user(1005, "Silent")
    await user.send("anyone?")
    with pytest.raises(AssertionError, match="no new message"):
        await user.next_message(timeout=0.1)
    with pytest.raises(asyncio.TimeoutError):
        await user.next_message(timeout=0.1)
