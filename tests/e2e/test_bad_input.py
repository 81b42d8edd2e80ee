"""Bad input gets a short polite answer in the user's language, or nothing; never a crash."""

import asyncio

import pytest

from bot.emulator import Emulator
from bot.outgoing import OutgoingLimiter
from tests.support.app import RunningApp, running_app
from tests.support.chat import pick_language

SORRY = {"kk": "Кешіріңіз", "ru": "Извините"}
MENU = {"kk": "Басты мәзір", "ru": "Главное меню"}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_overlong_text_names_the_problem_politely(app: RunningApp, locale: str) -> None:
    user = app.emu.user(6001, language_code=locale)
    await user.send("а" * 4096)
    reply = await user.next_message()
    assert MENU[locale] in reply["text"]
    assert {"kk": "ұзын", "ru": "длинное"}[locale] in reply["text"]
    assert "111" in reply["text"]  # a long letter may be about something hard: kind, with the helpline
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_media_where_text_is_expected(app: RunningApp, locale: str) -> None:
    user = app.emu.user(6002, language_code=locale)
    # Each kind its own note (test_fallback_kinds.py); each says it is a bot and names 111.
    for send in (user.send_sticker, user.send_photo, user.send_voice, user.send_document):
        await send()
        reply = await user.next_message()
        assert {"kk": "ботпын", "ru": "Я бот"}[locale] in reply["text"]
        assert "111" in reply["text"]
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_unknown_command(app: RunningApp, locale: str) -> None:
    user = app.emu.user(6003, language_code=locale)
    await user.send("/nosuchthing")
    reply = await user.next_message()
    assert {"kk": "Мұндай команданы білмеймін", "ru": "Такой команды я не знаю"}[locale] in reply["text"]


async def test_non_admin_cannot_reach_admin_commands(app: RunningApp) -> None:
    user = app.emu.user(6004, language_code="ru")
    await user.send("/status")
    reply = await user.next_message()
    assert "Такой команды я не знаю" in reply["text"]
    assert "Состояние бота" not in reply["text"]


@pytest.mark.parametrize("forged", ["menu:zzz", "lang:en", "garbage", "erase:", "menu:main:extra", "x" * 64])
async def test_forged_or_stale_buttons(app: RunningApp, forged: str) -> None:
    user = app.emu.user(6005, language_code="ru")
    welcome = await pick_language(user, "ru")
    answer = await user.press_data(welcome, forged)
    assert "устарела" in (answer.get("text") or "")
    assert app.emu.rejections == []


async def test_edited_message_is_ignored(app: RunningApp) -> None:
    user = app.emu.user(6006, language_code="kk")
    original = await user.send("/helplines")
    await user.next_message()
    await user.edit(original, "/sos")
    await user.expect_no_message(within=1.0)


async def test_group_chatter_is_ignored(app: RunningApp) -> None:
    member = app.emu.user(6007, language_code="ru")
    group = app.emu.group(-100600, title="Родители 3Б", members=[member])
    await group.send(member, "Всем привет! Когда собрание?")
    await group.send(member, "/start")
    await group.expect_no_message(within=1.0)


async def test_flooding_user_is_throttled_without_slowing_others(database_url: str) -> None:
    # Telegram's per-chat pacing would spread the flooder's replies over 20 s; this test is about
    # flood control, so the chat limits are lifted on both sides.
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    async with running_app(database_url, emulator=emu, limiter=limiter) as app:
        await flood_and_check(app)


async def flood_and_check(app: RunningApp) -> None:
    flooder = app.emu.user(6008, language_code="ru")
    for i in range(30):
        await flooder.send(f"привет {i}")
    calm = app.emu.user(6009, language_code="kk")
    await calm.send("/helplines")
    reply = await calm.next_message(timeout=3)
    assert "111" in reply["text"]
    await asyncio.sleep(1.5)
    notices = [m for m in flooder.messages if "Слишком много сообщений" in (m.get("text") or "")]
    assert len(notices) == 1
    # 20 updates pass in the window, one earns the notice, the rest are dropped.
    assert len(flooder.messages) <= 21
    # A press while throttled is still answered, so the button does not keep spinning.
    menu = next(m for m in flooder.messages if m.get("reply_markup"))
    answer = await flooder.press(menu, 0)
    assert answer is not None
    assert app.emu.rejections == []


async def test_a_failing_send_gets_a_polite_apology(app: RunningApp) -> None:
    user = app.emu.user(6010, language_code="ru")
    # A refusal that is the bot's fault, not a closed chat (those get no apology: nobody would read it).
    app.emu.inject_fault(
        method="sendMessage",
        status=400,
        count=1,
        chat_id=6010,
        description="Bad Request: can't parse entities: unsupported start tag",
    )
    await user.send("/helplines")
    reply = await user.next_message(timeout=5)
    assert SORRY["ru"] in reply["text"]
    assert "Traceback" not in reply["text"]
