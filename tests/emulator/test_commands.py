"""Bot profile: command menus per scope and language, descriptions, webhook state."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramNotFound,
    TelegramUnauthorizedError,
)
from aiogram.methods import GetMe
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat
from aiohttp import ClientSession

from bot.emulator.client import emulator_session
from bot.emulator.emulator import Emulator

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database


@pytest.mark.asyncio
async def test_commands_per_scope_and_language(emu: Emulator, bot: Bot) -> None:
    user = emu.user(9001, "Aigerim")
    await user.send("/start")
    base = [BotCommand(command="start", description="Start"), BotCommand(command="help", description="Help")]
    kazakh = [BotCommand(command="start", description="Бастау")]
    assert await bot.set_my_commands(base)
    assert await bot.set_my_commands(kazakh, scope=BotCommandScopeAllPrivateChats(), language_code="kk")
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert await bot.get_my_commands(language_code="ru") == []
    assert emu.visible_commands(user.id, language_code="kk") == [
        {"command": "start", "description": "Бастау"}
    ]
    assert [c["command"] for c in emu.visible_commands(user.id, language_code="ru")] == ["start", "help"]
    await bot.set_my_commands(
        [BotCommand(command="admin", description="Admin")], scope=BotCommandScopeChat(chat_id=user.id)
    )
    assert emu.visible_commands(user.id, language_code="kk")[0]["command"] == "admin"
    assert await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=user.id))
    assert emu.commands() == [
        {"command": "start", "description": "Start"},
        {"command": "help", "description": "Help"},
    ]


@pytest.mark.parametrize(
    ("commands", "error"),
    [
        ([BotCommand(command="Start", description="x")], "BOT_COMMAND_INVALID"),
        ([BotCommand(command="a" * 33, description="x")], "BOT_COMMAND_INVALID"),
        ([BotCommand(command="ok", description="x" * 257)], "BOT_COMMAND_DESCRIPTION_INVALID"),
        ([BotCommand(command=f"c{i}", description="x") for i in range(101)], "BOT_COMMANDS_TOO_MUCH"),
    ],
)
@pytest.mark.asyncio
async def test_invalid_commands(emu: Emulator, bot: Bot, commands: list[BotCommand], error: str) -> None:
    with pytest.raises(TelegramBadRequest, match=error):
        await bot.set_my_commands(commands)


@pytest.mark.asyncio
async def test_profile_and_webhook(emu: Emulator, bot: Bot) -> None:
    assert await bot.set_my_description("Roadmaps for parents", language_code="ru")
    assert (await bot.get_my_description(language_code="ru")).description == "Roadmaps for parents"
    assert await bot.set_my_short_description("Helps parents")
    me = await bot.get_me()
    assert (me.id, me.username, me.first_name) == (bot.id, "outreach_test_bot", "Outreach Bot")
    assert await bot.set_webhook("https://example.org/hook")
    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await bot.get_updates(timeout=0)
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).url == ""


@pytest.mark.asyncio
async def test_tokens_and_unknown_methods(emu: Emulator, bot: Bot) -> None:
    session = emulator_session(emu)
    try:
        with pytest.raises(TelegramNotFound):
            await Bot("12345:short", session=session).get_me()
        other = await Bot("42:ABCDEFGHIJKLMNOPQRSTUVWXYZ_-09", session=session).get_me()
        assert other.id == 42, "without a fixed token the emulator serves whichever bot calls it"
    finally:
        await session.close()

    class Bogus(GetMe):
        __api_method__ = "getMeMaybe"

    with pytest.raises(TelegramNotFound, match="Not Found: method not found"):
        await bot(Bogus())

    async with ClientSession() as http:
        url = f"{emu.base_url}/bot{emu.token}/SENDmessage"
        async with http.post(url, json={"chat_id": 1, "text": "hi"}) as response:
            assert response.status == 400
            assert await response.json() == {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: chat not found",
            }
    assert emu.rejections[-1].method == "sendMessage", "method names are case-insensitive"

    strict = Emulator(token="777:STRICT_TOKEN_abcdefghijklmnop")
    await strict.start()
    session = emulator_session(strict)
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await Bot("778:STRICT_TOKEN_abcdefghijklmnop", session=session).get_me()
    finally:
        await session.close()
        await strict.stop()
