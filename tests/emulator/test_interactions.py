"""Round trips users wait on: button presses, inline queries, edits."""

from __future__ import annotations

import asyncio

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    ReplyParameters,
)

from bot.emulator.emulator import Emulator
from tests.support.chat import next_with

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database

MENU = InlineKeyboardMarkup(
    inline_keyboard=[
        [InlineKeyboardButton(text="Yes", callback_data="answer:yes")],
        [
            InlineKeyboardButton(text="No", callback_data="answer:no"),
            InlineKeyboardButton(text="Site", url="https://x.io"),
        ],
    ]
)


def quiz_router() -> Router:
    router = Router()

    @router.message(F.text == "/quiz")
    async def quiz(message: Message) -> None:
        await message.answer("Ready?", reply_markup=MENU)

    @router.callback_query(F.data.startswith("answer:"))
    async def answered(query: CallbackQuery) -> None:
        choice = query.data.split(":", 1)[1]
        await query.message.edit_text(f"You chose <b>{choice}</b>", parse_mode="HTML")
        await query.answer(f"Saved: {choice}", show_alert=choice == "no")

    @router.inline_query()
    async def inline(query: InlineQuery) -> None:
        results = [
            InlineQueryResultArticle(
                id=f"school-{i}",
                title=f"School {query.query} #{i}",
                input_message_content=InputTextMessageContent(
                    message_text=f"<b>School</b> {query.query}", parse_mode="HTML"
                ),
            )
            for i in range(3)
        ]
        await query.answer(results, cache_time=1, is_personal=True)

    return router


@pytest.mark.asyncio
async def test_callback_press_round_trip(emu: Emulator, bot: Bot, polling) -> None:
    dp = Dispatcher()
    dp.include_router(quiz_router())
    user = emu.user(7001, "Aigerim")
    async with polling(dp):
        await user.send("/quiz")
        menu = await user.next_message()
        answer = await user.press(menu, "Yes")
        edited = await user.wait_edit(menu)
        assert edited["text"] == "You chose yes" and edited["edits"] == 1
        assert "reply_markup" not in edited
        with pytest.raises(AssertionError, match="no inline button"):
            user.press(user.last, (1, 0))  # edit_text without reply_markup removed the keyboard
        stale = await user.press_data(edited, "answer:no")  # a stale button from an old client render
        assert (await user.wait_edit(menu))["text"] == "You chose no"
    assert answer == {"text": "Saved: yes", "show_alert": False, "url": None, "cache_time": 0}
    assert stale["show_alert"] is True
    assert emu.rejections == []


@pytest.mark.asyncio
async def test_press_validates_buttons(emu: Emulator, bot: Bot) -> None:
    user = emu.user(7002, "Dana")
    await user.send("/start")
    sent = await bot.send_message(user.id, "menu", reply_markup=MENU)
    menu = user.last
    assert sent.message_id == menu["message_id"]
    with pytest.raises(AssertionError, match="no inline button 'Maybe'"):
        user.press(menu, "Maybe")
    with pytest.raises(AssertionError, match="has no callback_data"):
        user.press(menu, "Site")
    pressed = user.press(menu, 1)
    assert pressed.data == "answer:no"
    with pytest.raises(AssertionError, match="did not answer callback query"):
        await pressed.wait(timeout=0.1)
    updates = await bot.get_updates(timeout=0)
    query = updates[-1].callback_query
    assert query.data == "answer:no" and query.message.message_id == menu["message_id"]
    assert await bot.answer_callback_query(query.id, text="ok")
    assert (await pressed)["text"] == "ok"
    with pytest.raises(TelegramBadRequest, match="query is too old and response timeout expired"):
        await bot.answer_callback_query(query.id)
    forged = user.press_data(menu, "answer:forged")
    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(forged.id, text="x" * 201)
    emu.query_ttl = 0
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(forged.id, text="too late")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query("12345", text="never existed")


@pytest.mark.asyncio
async def test_inline_query_round_trip(emu: Emulator, bot: Bot, polling) -> None:
    dp = Dispatcher()
    dp.include_router(quiz_router())
    user = emu.user(7003, "Erlan")
    async with polling(dp):
        results = await user.inline("111")
    assert [r["id"] for r in results] == ["school-0", "school-1", "school-2"]
    assert results[0]["input_message_content"]["message_text"] == "<b>School</b> 111"
    assert user.last_inline_answer["is_personal"] is True
    assert emu.rejections == []


@pytest.mark.asyncio
async def test_inline_results_are_validated(emu: Emulator, bot: Bot) -> None:
    user = emu.user(7004, "Inline")
    task = asyncio.create_task(user.inline("q", timeout=30))  # a bound for a busy machine, not a target
    query = (await bot.get_updates(timeout=1))[-1].inline_query

    def article(result_id: str, text: str = "hi", parse_mode: str | None = None) -> InlineQueryResultArticle:
        content = InputTextMessageContent(message_text=text, parse_mode=parse_mode)
        return InlineQueryResultArticle(id=result_id, title="t", input_message_content=content)

    cases = [
        ([article("a"), article("a")], "RESULT_ID_DUPLICATE"),
        ([article("x" * 65)], "RESULT_ID_INVALID"),
        ([article(str(i)) for i in range(51)], "RESULTS_TOO_MUCH"),
        ([article("a", "<b>bad", "HTML")], "can't parse entities"),
    ]
    for results, error in cases:
        with pytest.raises(TelegramBadRequest, match=error):
            await bot.answer_inline_query(query.id, results)
    await bot.answer_inline_query(query.id, [article("ok", "<i>fine</i>", "HTML")])
    assert [r["id"] for r in await task] == ["ok"]
    assert len(emu.rejections) == len(cases)


@pytest.mark.asyncio
async def test_edit_rules(emu: Emulator, bot: Bot) -> None:
    user = emu.user(7005, "Editor")
    await user.send("/start")
    sent = await bot.send_message(user.id, "<b>same</b>", parse_mode="HTML", reply_markup=MENU)
    with pytest.raises(TelegramBadRequest, match="message is not modified: specified new message content"):
        await bot.edit_message_text(
            "<b>same</b>", chat_id=user.id, message_id=sent.message_id, parse_mode="HTML", reply_markup=MENU
        )
    await bot.edit_message_text("same", chat_id=user.id, message_id=sent.message_id, reply_markup=MENU)
    assert "entities" not in user.last and user.last["edits"] == 1
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(user.id, "re", reply_parameters=ReplyParameters(message_id=9999))
    reply = await bot.send_message(
        user.id, "re", reply_parameters=ReplyParameters(message_id=sent.message_id)
    )
    assert reply.reply_to_message.message_id == sent.message_id
    with pytest.raises(TelegramBadRequest, match="Bad Request: message to edit not found"):
        await bot.edit_message_text("x", chat_id=user.id, message_id=9999)
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("x", chat_id=user.id, message_id=1)  # the user's own /start
    with pytest.raises(TelegramBadRequest, match="there is no caption in the message to edit"):
        await bot.edit_message_caption(chat_id=user.id, message_id=sent.message_id, caption="c")
    await bot.edit_message_reply_markup(chat_id=user.id, message_id=sent.message_id)
    assert "reply_markup" not in user.last
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=user.id, message_id=sent.message_id)

    assert await bot.delete_message(user.id, sent.message_id)
    assert [m["text"] for m in user.messages] == ["re"] and user.history[0]["deleted"] is True
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(user.id, sent.message_id)


@pytest.mark.asyncio
async def test_copy_forward_and_user_edits(emu: Emulator, bot: Bot) -> None:
    user = emu.user(7006, "Source")
    admin = emu.user(7007, "Admin")
    question = await user.send("My question")
    await admin.send("/start")
    copied = await bot.copy_message(admin.id, user.id, question["message_id"])
    forwarded = await bot.forward_message(admin.id, user.id, question["message_id"])
    assert admin.messages[0]["message_id"] == copied.message_id and admin.messages[0]["text"] == "My question"
    assert forwarded.forward_origin.sender_user.id == user.id
    with pytest.raises(TelegramBadRequest, match="message to copy not found"):
        await bot.copy_message(admin.id, user.id, 4242)
    edited = await user.edit(question, "My better question")
    updates = await bot.get_updates(timeout=0)
    assert updates[-1].edited_message.text == "My better question" == edited["text"]


@pytest.mark.asyncio
async def test_a_message_edited_before_the_test_reads_it_is_found_by_what_was_sent(
    emu: Emulator, bot: Bot
) -> None:
    # A post's confirmation is edited by the sender into the delivery report, sometimes before the test
    # reads its inbox: it is still the message that said «confirmed».
    user = emu.user(7008, "Author")
    await user.send("/start")
    sent = await bot.send_message(user.id, "Confirmed: 2 recipients")
    edited = await bot.edit_message_text("Sent to 2 of 2", chat_id=user.id, message_id=sent.message_id)
    found = await next_with(user, "Confirmed", limit=1, timeout=0.2)
    assert found["text"] == "Sent to 2 of 2" and found["message_id"] == sent.message_id
    # What was sent is the tests' record, not part of what the bot gets back.
    assert not sent.model_extra and isinstance(edited, Message) and not edited.model_extra
