"""Who the bot may write to: unknown chats, blocked and deleted users, groups, channels."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramMigrateToChat

from bot.emulator.emulator import Emulator

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database


@pytest.mark.asyncio
async def test_unknown_chat_and_user_who_never_started(emu: Emulator, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: chat not found"):
        await bot.send_message(999_999, "hi")
    emu.user(4001, "Lurker")  # exists but never wrote to the bot
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(4001, "hi")
    assert [r.error_code for r in emu.rejections] == [400, 400]


@pytest.mark.asyncio
async def test_blocked_user_gets_403_and_my_chat_member(emu: Emulator, bot: Bot) -> None:
    user = emu.user(4002, "Blocker")
    await user.send("/start")
    await user.block()
    with pytest.raises(TelegramForbiddenError) as caught:
        await bot.send_message(user.id, "are you there?")
    assert caught.value.message == "Forbidden: bot was blocked by the user"
    updates = await bot.get_updates(timeout=0, allowed_updates=["message", "my_chat_member"])
    member_update = updates[-1].my_chat_member
    assert (member_update.old_chat_member.status, member_update.new_chat_member.status) == (
        "member",
        "kicked",
    )
    assert member_update.new_chat_member.user.id == bot.id

    await user.send("/start")  # writing to a blocked bot unblocks it, as Telegram clients do
    await bot.send_message(user.id, "welcome back")
    assert user.last["text"] == "welcome back"


@pytest.mark.asyncio
async def test_deactivated_user(emu: Emulator, bot: Bot) -> None:
    user = emu.user(4003, "Gone")
    await user.send("/start")
    user.deactivate()
    with pytest.raises(TelegramForbiddenError, match="Forbidden: user is deactivated"):
        await bot.send_message(user.id, "hi")


@pytest.mark.asyncio
async def test_groups_and_channels(emu: Emulator, bot: Bot) -> None:
    teacher = emu.user(4004, "Teacher")
    group = emu.group(-100123, title="Class 5A", members=[teacher])
    incoming = await group.send(teacher, "/help@outreach_test_bot")
    assert incoming["chat"] == {"id": -100123, "type": "supergroup", "title": "Class 5A"}
    assert incoming["entities"][0]["length"] == len("/help@outreach_test_bot")
    await bot.send_message(group.id, "group reply")
    assert [m["text"] for m in group.messages] == ["group reply"]
    with pytest.raises(TelegramForbiddenError, match="bot can't initiate conversation with a user"):
        await bot.send_message(teacher.id, "private hello")

    channel = emu.channel(-100999, title="School channel", bot_is_admin=True, username="school_news")
    post = await bot.send_message("@school_news", "announcement")
    assert post.sender_chat.id == channel.id and post.from_user is None
    assert channel.last["text"] == "announcement"
    muted = emu.channel(-100998, title="Not admin", bot_is_admin=False)
    with pytest.raises(TelegramBadRequest, match="need administrator rights in the channel chat"):
        await bot.send_message(muted.id, "x")

    await group.remove_bot()
    with pytest.raises(TelegramForbiddenError, match="bot was kicked from the supergroup chat"):
        await bot.send_message(group.id, "still here?")


@pytest.mark.asyncio
async def test_group_migration(emu: Emulator, bot: Bot) -> None:
    group = emu.group(-4242, title="Parents")
    assert group.chat.type == "group"
    upgraded = await group.migrate(-1004242)
    with pytest.raises(TelegramMigrateToChat) as caught:
        await bot.send_message(group.id, "hi")
    assert caught.value.migrate_to_chat_id == upgraded.id
    await bot.send_message(upgraded.id, "hi")
    assert upgraded.last["text"] == "hi"


@pytest.mark.asyncio
async def test_chat_info_and_members(emu: Emulator, bot: Bot) -> None:
    user = emu.user(4005, "Aigerim", username="aigerim", language_code="kk")
    await user.send("/start")
    chat = await bot.get_chat(user.id)
    assert (chat.type, chat.first_name, chat.username) == ("private", "Aigerim", "aigerim")
    member = await bot.get_chat_member(user.id, user.id)
    assert member.status == "member"
    owner = emu.user(4006, "Owner")
    group = emu.group(-100777, title="G", owner=owner, members=[user], bot_is_admin=True)
    admins = await bot.get_chat_administrators(group.id)
    assert {a.user.id: a.status for a in admins} == {owner.id: "creator", bot.id: "administrator"}
    assert (await bot.get_chat_member(group.id, user.id)).status == "member"
