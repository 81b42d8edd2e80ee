"""Injected faults map onto the aiogram exceptions delivery code must handle."""

from __future__ import annotations

import asyncio

import pytest
from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.emulator.emulator import Emulator

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database


@pytest.fixture
async def user(emu: Emulator):
    sim = emu.user(6001, "Aigerim")
    await sim.send("/start")
    return sim


@pytest.mark.asyncio
async def test_server_errors_are_consumed_in_order(emu: Emulator, bot: Bot, user) -> None:
    emu.inject_fault("sendMessage", 500, count=2)
    emu.inject_fault("sendMessage", 429, retry_after=7)
    for _ in range(2):
        with pytest.raises(TelegramServerError, match="Internal Server Error"):
            await bot.send_message(user.id, "x")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(user.id, "x")
    assert caught.value.retry_after == 7
    await bot.send_message(user.id, "finally")
    assert [m["text"] for m in user.messages] == ["finally"]
    assert emu.stats["faults"] == 3 and emu.rejections == []


@pytest.mark.asyncio
async def test_fault_kinds(emu: Emulator, bot: Bot, user) -> None:
    emu.inject_fault("sendMessage", 400, migrate_to_chat_id=-100555)
    with pytest.raises(TelegramMigrateToChat) as caught:
        await bot.send_message(user.id, "x")
    assert caught.value.migrate_to_chat_id == -100555

    emu.inject_fault("sendMessage", 403)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(user.id, "x")

    emu.inject_fault("sendMessage", 502, body="<html><body>502 Bad Gateway</body></html>")
    with pytest.raises(ClientDecodeError):
        await bot.send_message(user.id, "x")

    emu.inject_fault("sendMessage", 503, deliver=True)
    with pytest.raises(TelegramServerError):
        await bot.send_message(user.id, "delivered anyway")
    assert user.last["text"] == "delivered anyway"


@pytest.mark.asyncio
async def test_faults_filter_by_method_and_chat(emu: Emulator, bot: Bot, user) -> None:
    other = emu.user(6002, "Other")
    await other.send("/start")
    emu.inject_fault("sendMessage", 500, chat_id=other.id)
    await bot.send_message(user.id, "unaffected")
    await bot.get_me()
    with pytest.raises(TelegramServerError):
        await bot.send_message(other.id, "x")
    emu.inject_fault("getMe", 500)
    emu.inject_fault(None, 500)
    with pytest.raises(TelegramServerError):
        await bot.get_me()
    with pytest.raises(TelegramServerError):
        await bot.get_chat(user.id)
    assert emu.faults.pending == []


@pytest.mark.asyncio
async def test_timeout_fault_holds_the_request(emu: Emulator, bot: Bot, user) -> None:
    emu.timeout_delay = 5
    emu.inject_fault("sendMessage", "timeout")
    emu.inject_fault("sendMessage", "timeout", deliver=True)
    lost, sent_but_unconfirmed = await asyncio.gather(
        bot.send_message(user.id, "lost", request_timeout=1),
        bot.send_message(user.id, "arrived", request_timeout=1),
        return_exceptions=True,
    )
    assert isinstance(lost, TelegramNetworkError) and isinstance(sent_but_unconfirmed, TelegramNetworkError)
    await asyncio.sleep(0.05)
    assert [m["text"] for m in user.messages] == ["arrived"]
