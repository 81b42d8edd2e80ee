"""Each Telegram error, as aiogram raises it from a real HTTP answer of the emulator, gets its class."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramAPIError

from bot.emulator import Emulator
from bot.middlewares.retry_after import RetryAfterMiddleware
from bot.outgoing import Priority, send_priority
from bot.telegram_errors import SendError, classify
from tests.support.app import TOKEN

pytestmark = pytest.mark.no_database

PARENT = 7001


@pytest.fixture
async def wire() -> AsyncIterator[tuple[Emulator, Bot]]:
    emu = Emulator()
    await emu.start()
    user = emu.user(PARENT, language_code="kk")
    user.record.started = user.record.seen = True
    emu.world.chats.setdefault(PARENT, user.chat)
    # A bare Bot: no retry or pacing middleware between the error and the classifier.
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url)))
    try:
        yield emu, bot
    finally:
        await bot.session.close()
        await emu.stop()


async def error_of(call: Callable[[], Awaitable[Any]]) -> TelegramAPIError:
    with pytest.raises(TelegramAPIError) as caught:
        await call()
    return caught.value


async def test_429_is_rate_limited_not_an_attempt(wire: tuple[Emulator, Bot]) -> None:
    emu, bot = wire
    emu.inject_fault("sendMessage", 429, retry_after=1)
    assert classify(await error_of(lambda: bot.send_message(PARENT, "x"))) is SendError.RATE_LIMITED


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_errors_are_retried(wire: tuple[Emulator, Bot], status: int) -> None:
    emu, bot = wire
    emu.inject_fault("sendMessage", status)
    assert classify(await error_of(lambda: bot.send_message(PARENT, "x"))) is SendError.RETRY


async def test_a_timeout_is_retried(wire: tuple[Emulator, Bot]) -> None:
    emu, bot = wire
    emu.inject_fault("sendMessage", "timeout")
    error = await error_of(lambda: bot.send_message(PARENT, "x", request_timeout=1))
    assert classify(error) is SendError.RETRY


async def test_a_refused_connection_is_retried(wire: tuple[Emulator, Bot]) -> None:
    emu, bot = wire
    await emu.stop()  # nothing listens on the port any more
    error = await error_of(lambda: bot.send_message(PARENT, "x", request_timeout=2))
    assert classify(error) is SendError.RETRY
    await emu.start()  # so the fixture's stop has something to stop


async def test_a_blocked_bot_is_blocked(wire: tuple[Emulator, Bot]) -> None:
    emu, bot = wire
    emu.inject_fault("sendMessage", 403)  # "Forbidden: bot was blocked by the user"
    error = await error_of(lambda: bot.send_message(PARENT, "x"))
    assert classify(error) is SendError.BLOCKED
    assert classify(error).unreachable


async def test_a_deleted_account_is_gone(wire: tuple[Emulator, Bot]) -> None:
    emu, bot = wire
    emu.user(PARENT).deactivate()  # Telegram: 403 "Forbidden: user is deactivated"
    error = await error_of(lambda: bot.send_message(PARENT, "x"))
    assert classify(error) is SendError.GONE
    assert classify(error).unreachable


async def test_an_unknown_chat_is_gone(wire: tuple[Emulator, Bot]) -> None:
    _, bot = wire
    error = await error_of(lambda: bot.send_message(4242, "x"))  # never wrote to the bot: chat not found
    assert classify(error) is SendError.GONE


async def test_a_bad_request_fails_at_once(wire: tuple[Emulator, Bot]) -> None:
    _, bot = wire
    error = await error_of(lambda: bot.send_message(PARENT, "<b>unclosed", parse_mode="HTML"))
    assert classify(error) is SendError.FAILED
    assert not classify(error).unreachable


@pytest.mark.parametrize("status", [401, 404, 409, 413, 418])
async def test_other_answers_fail_rather_than_retry(wire: tuple[Emulator, Bot], status: int) -> None:
    # The server answered about this request: the same request would get the same answer.
    emu, bot = wire
    emu.inject_fault("sendMessage", status, description=f"Error {status}")
    assert classify(await error_of(lambda: bot.send_message(PARENT, "x"))) is SendError.FAILED


async def test_a_migrated_group_is_moved(wire: tuple[Emulator, Bot]) -> None:
    emu, bot = wire
    emu.inject_fault("sendMessage", 400, migrate_to_chat_id=-100600)
    assert classify(await error_of(lambda: bot.send_message(PARENT, "x"))) is SendError.MOVED


async def test_the_crisis_lane_retries_what_the_classifier_retries_and_nothing_else(
    wire: tuple[Emulator, Bot],
) -> None:
    emu, bot = wire
    bot.session.middleware(RetryAfterMiddleware(crisis_attempts=3))
    emu.inject_fault("sendMessage", 502, count=2)
    with send_priority(Priority.CRISIS):
        await bot.send_message(PARENT, "111")  # the third try goes through
    assert len(emu.calls_to("sendMessage")) == 3
    emu.inject_fault("sendMessage", 413, description="Request Entity Too Large")
    with send_priority(Priority.CRISIS):
        error = await error_of(lambda: bot.send_message(PARENT, "111"))
    assert classify(error) is SendError.FAILED
    assert len(emu.calls_to("sendMessage")) == 4  # too large stays too large: not sent again
