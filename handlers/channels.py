"""/channel: staff link a Telegram channel of their school or area, where each post is published once too."""

from __future__ import annotations

import html
import re
from enum import StrEnum

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, MessageOriginChannel
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.access import Access
from bot.clock import Clock
from bot.flows.org_picker import own_tops
from bot.numbers import ascii_int
from bot.views import channels as v
from bot.views.orgs import org_name
from bot.views.staff import not_allowed_text
from db.models import Organisation
from db.repositories import Repositories

USERNAME = re.compile(r"^@?([A-Za-z][A-Za-z0-9_]{3,31})$")
ADMINS = (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR)


class ChannelAuthoring(StatesGroup):
    waiting = State()
    scope = State()
    language = State()


class ChannelAct(StrEnum):
    scope = "s"
    language = "l"
    unlink = "u"


class ChannelCb(CallbackData, prefix="chn"):
    act: ChannelAct
    value: str


COMMANDS = ("channel",)
CALLBACKS = (ChannelCb,)


def unlink_keyboard(channels: list[tuple[int, str]], locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for chat_id, title in channels:
        kb.button(text=f"✖️ {title}", callback_data=ChannelCb(act=ChannelAct.unlink, value=str(chat_id)))
    kb.adjust(1)
    return kb.as_markup()


def language_keyboard(locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for language in ("kk", "ru", "both"):
        kb.button(
            text=v.language_name(language, locale).capitalize(),
            callback_data=ChannelCb(act=ChannelAct.language, value=language),
        )
    kb.adjust(1)
    return kb.as_markup()


def scope_keyboard(options: list[Organisation], locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for org in options:
        kb.button(text=org_name(org, locale), callback_data=ChannelCb(act=ChannelAct.scope, value=org.code))
    kb.adjust(1)
    return kb.as_markup()


async def show_channels(
    message: Message, state: FSMContext, access: Access, repo: Repositories, bot: Bot, locale: str
) -> None:
    linked = await repo.channels.linked_within(None if access.codes is None else set(access.codes))
    titles = []
    for channel in linked:
        try:
            title = (await bot.get_chat(channel.chat_id)).title or str(channel.chat_id)
        except TelegramAPIError:
            title = str(channel.chat_id)
        titles.append((channel.chat_id, html.escape(title)))
    lines = [
        f"{title} ({v.language_name(c.language, locale)})"
        for c, (_, title) in zip(linked, titles, strict=True)
    ]
    await state.set_state(ChannelAuthoring.waiting)
    await message.answer(v.channel_intro(lines, locale), reply_markup=unlink_keyboard(titles, locale))


async def got_channel(
    message: Message, state: FSMContext, access: Access, repo: Repositories, bot: Bot, locale: str
) -> None:
    origin = message.forward_origin
    if isinstance(origin, MessageOriginChannel):
        target: int | str = origin.chat.id
    elif message.text and (match := USERNAME.match(message.text.strip())):
        target = f"@{match.group(1)}"
    else:
        await message.answer(v.channel_expected(locale))
        return
    try:
        chat = await bot.get_chat(target)
    except TelegramAPIError:
        await message.answer(v.channel_not_found(locale))
        return
    if chat.type != ChatType.CHANNEL:
        await message.answer(v.channel_not_found(locale))
        return
    try:
        me = await bot.me()
        bot_member = await bot.get_chat_member(chat.id, me.id)
        user_member = await bot.get_chat_member(chat.id, message.from_user.id) if message.from_user else None
    except TelegramAPIError:
        await message.answer(v.bot_not_admin(locale))
        return
    if bot_member.status not in ADMINS or not getattr(bot_member, "can_post_messages", True):
        await message.answer(v.bot_not_admin(locale))
        return
    if user_member is None or user_member.status not in ADMINS:
        await message.answer(v.user_not_admin(locale))
        return
    await state.update_data(channel_id=chat.id, channel_title=chat.title or str(chat.id))
    options = await own_tops(access, repo)
    if len(options) == 1:
        await state.update_data(scope=options[0].code)
        await state.set_state(ChannelAuthoring.language)
        await message.answer(
            v.ask_channel_language(html.escape(chat.title or ""), locale),
            reply_markup=language_keyboard(locale),
        )
        return
    await state.set_state(ChannelAuthoring.scope)
    await message.answer(v.ask_channel_scope(locale), reply_markup=scope_keyboard(options, locale))


async def on_channel_button(
    query: CallbackQuery,
    callback_data: ChannelCb,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    locale: str,
) -> None:
    message = query.message if isinstance(query.message, Message) else None
    now = clock.now()
    if callback_data.act is ChannelAct.unlink:
        chat_id = ascii_int(callback_data.value, signed=True)
        channel = await repo.channels.by_chat(chat_id) if chat_id is not None else None
        if channel is None or not access.covers(channel.scope_code):
            await repo.audit.record(query.from_user.id, "channel.forged", now, detail=callback_data.pack())
            await query.answer(not_allowed_text(locale), show_alert=True)
            return
        await repo.channels.unlink(channel.chat_id)
        await repo.audit.record(query.from_user.id, "channel.unlinked", now, detail=str(channel.chat_id))
        await query.answer(v.channel_unlinked(locale))
        if message:
            await message.edit_text(v.channel_unlinked(locale))
        return
    data = await state.get_data()
    current = await state.get_state()
    if callback_data.act is ChannelAct.scope:
        if current != ChannelAuthoring.scope.state or not (
            access.is_admin or callback_data.value in access.scope_codes
        ):
            await query.answer(not_allowed_text(locale), show_alert=True)
            return
        await state.update_data(scope=callback_data.value)
        await state.set_state(ChannelAuthoring.language)
        await query.answer()
        if message:
            await message.edit_text(
                v.ask_channel_language(html.escape(data.get("channel_title", "")), locale),
                reply_markup=language_keyboard(locale),
            )
        return
    scope = data.get("scope")
    if (
        current != ChannelAuthoring.language.state
        or callback_data.value not in ("kk", "ru", "both")
        or not scope
        or not access.covers(scope)
    ):
        await query.answer(not_allowed_text(locale), show_alert=True)
        return
    await state.clear()
    await repo.channels.link(scope, data["channel_id"], callback_data.value, query.from_user.id, now)
    await repo.audit.record(query.from_user.id, "channel.linked", now, detail=f"{data['channel_id']}@{scope}")
    org = await repo.orgs.get(scope)
    await query.answer()
    if message:
        await message.edit_text(
            v.channel_linked(
                html.escape(data.get("channel_title", "")),
                callback_data.value,
                org_name(org, locale) if org else scope,
                locale,
            )
        )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_channels, Command("channel"))
    router.message.register(got_channel, StateFilter(ChannelAuthoring.waiting))
    router.callback_query.register(on_channel_button, ChannelCb.filter())
    return router
