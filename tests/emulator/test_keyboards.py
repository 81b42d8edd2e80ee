"""reply_markup validation: callback_data bytes, URLs, button kinds."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.emulator.emulator import Emulator

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database


def one_button(**kwargs: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Go", **kwargs)]])


@pytest.fixture
async def user(emu: Emulator):
    sim = emu.user(3001, "Aigerim")
    await sim.send("/start")
    return sim


@pytest.mark.asyncio
async def test_callback_data_is_limited_to_64_bytes(emu: Emulator, bot: Bot, user) -> None:
    await bot.send_message(user.id, "ascii", reply_markup=one_button(callback_data="a" * 64))
    await bot.send_message(user.id, "cyrillic", reply_markup=one_button(callback_data="я" * 32))
    assert emu.rejections == []
    for data in ("a" * 65, "я" * 33, "ә" * 20 + "x" * 25):
        with pytest.raises(
            TelegramBadRequest, match=r"^Telegram server says - Bad Request: BUTTON_DATA_INVALID$"
        ):
            await bot.send_message(user.id, "too long", reply_markup=one_button(callback_data=data))
    assert [m["text"] for m in user.messages] == ["ascii", "cyrillic"]
    assert user.messages[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "a" * 64


@pytest.mark.asyncio
async def test_button_urls_and_kinds(emu: Emulator, bot: Bot, user) -> None:
    await bot.send_message(user.id, "ok", reply_markup=one_button(url="https://example.org/path?q=1"))
    await bot.send_message(user.id, "tg", reply_markup=one_button(url="tg://resolve?domain=test"))
    with pytest.raises(TelegramBadRequest, match="BUTTON_URL_INVALID"):
        await bot.send_message(user.id, "bad", reply_markup=one_button(url="javascript:alert(1)"))
    with pytest.raises(TelegramBadRequest, match="BUTTON_URL_INVALID"):
        await bot.send_message(user.id, "bad", reply_markup=one_button(url="example.org"))
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed in the inline keyboard"):
        await bot.send_message(user.id, "bad", reply_markup=one_button())
    with pytest.raises(TelegramBadRequest, match="BUTTON_TYPE_INVALID"):
        await bot.send_message(user.id, "bad", reply_markup=one_button(callback_data="x", url="https://a.io"))
    assert len(emu.rejections) == 4


@pytest.mark.asyncio
async def test_at_most_100_buttons(emu: Emulator, bot: Bot, user) -> None:
    rows = [[InlineKeyboardButton(text=str(i), callback_data=str(i))] for i in range(101)]
    with pytest.raises(TelegramBadRequest, match="reply markup is too long"):
        await bot.send_message(user.id, "many", reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))
    await bot.send_message(user.id, "ok", reply_markup=InlineKeyboardMarkup(inline_keyboard=rows[:100]))


@pytest.mark.asyncio
async def test_reply_keyboard_is_shown_and_tapped(emu: Emulator, bot: Bot, user) -> None:
    keyboard = ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text="Қазақша"), KeyboardButton(text="Русский")]], resize_keyboard=True
    )
    sent = await bot.send_message(user.id, "Choose", reply_markup=keyboard)
    assert sent.reply_markup is None, "Telegram echoes only inline keyboards"
    assert user.keyboard == [["Қазақша", "Русский"]]
    tapped = await user.tap("Русский")
    assert tapped["text"] == "Русский"
    with pytest.raises(AssertionError, match="no reply keyboard button"):
        await user.tap("English")
    await bot.send_message(user.id, "Removed", reply_markup=ReplyKeyboardRemove())
    assert user.keyboard == []
