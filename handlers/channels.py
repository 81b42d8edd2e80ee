"""/channel: staff link a Telegram channel of their school or area, where each post is published once too.

A small wizard on bot/flows: the channel is sent or forwarded, then whose posts (when the user has several
scopes) and in which language; one handler per typed press (bot/views/channels.py). Unlinking is a press on
the list at any time.
"""

from __future__ import annotations

import html
import re

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message, MessageOriginChannel

from bot.access import Access
from bot.flows.org_picker import own_tops
from bot.flows.wizard import Step, StepOf, Wizard, WizardTexts
from bot.views import channels as v
from bot.views.channels import ChannelCancelCb, ChannelLanguageCb, ChannelScopeCb, ChannelUnlinkCb
from bot.views.menu import stale_button_text
from bot.views.orgs import org_html
from bot.views.phrases import cancelled_unchanged
from db.repositories import Repositories

FLOW = "channel"
USERNAME = re.compile(r"^@?([A-Za-z][A-Za-z0-9_]{3,31})$")
ADMINS = (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR)
TEXTS = WizardTexts(stale_button_text, cancelled_unchanged, stale_button_text)


class ChannelAuthoring(StatesGroup):
    waiting = State()
    scope = State()
    language = State()


async def show_channels(
    message: Message, state: FSMContext, access: Access, repo: Repositories, bot: Bot, locale: str
) -> None:
    linked = await repo.channels.linked_within(None if access.codes is None else set(access.codes))
    titles, lines = [], []
    for channel in linked:
        try:
            title = (await bot.get_chat(channel.chat_id)).title or str(channel.chat_id)
        except TelegramAPIError:
            title = str(channel.chat_id)
        titles.append((channel.chat_id, html.escape(title)))
        lines.append(f"{html.escape(title)} ({v.language_name(channel.language, locale)})")
    await state.set_state(ChannelAuthoring.waiting)
    await message.answer(v.channel_intro(lines, locale), reply_markup=v.unlink_keyboard(titles, locale))


async def got_channel(message: Message, step: Step) -> None:
    locale, bot = step.locale, step.bot
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
        chat = None
    if chat is None or chat.type != ChatType.CHANNEL:
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
    await step.state.update_data(channel_id=chat.id, channel_title=chat.title or str(chat.id))
    options = await own_tops(step.access, step.repo)
    if len(options) == 1:
        await step.state.update_data(scope=options[0].code)
        await _ask_language(step, edit=False)
        return
    await step.state.set_state(ChannelAuthoring.scope)
    await message.answer(v.ask_channel_scope(locale), reply_markup=v.scope_keyboard(options, locale))


async def _ask_language(step: Step, *, edit: bool) -> None:
    await step.state.set_state(ChannelAuthoring.language)
    title = html.escape((await step.data()).get("channel_title", ""))
    await step.show(v.ask_channel_language(title, step.locale), v.language_keyboard(step.locale), edit=edit)


async def on_scope(query: CallbackQuery, callback_data: ChannelScopeCb, step: Step) -> None:
    if not (step.access.is_admin or callback_data.code in step.access.scope_codes):
        await step.refuse(query)
        return
    await step.state.update_data(scope=callback_data.code)
    await query.answer()
    await _ask_language(step, edit=True)


async def on_language(query: CallbackQuery, callback_data: ChannelLanguageCb, step: Step) -> None:
    data = await step.data()
    scope = data.get("scope")
    if not scope or not step.access.covers(scope):
        await step.refuse(query)
        return
    await step.state.clear()
    now, user_id, language = step.clock.now(), query.from_user.id, callback_data.language
    await step.repo.channels.link(scope, data["channel_id"], language, user_id, now)
    await step.repo.audit.record(user_id, "channel.linked", now, detail=f"{data['channel_id']}@{scope}")
    org = await step.repo.orgs.get(scope)
    await query.answer()
    title = html.escape(data.get("channel_title", ""))
    place = org_html(org, step.locale) if org else scope
    await step.show(v.channel_linked(title, language, place, step.locale), None, edit=True)


async def on_unlink(query: CallbackQuery, callback_data: ChannelUnlinkCb, step: Step) -> None:
    channel = await step.repo.channels.by_chat(callback_data.chat_id)
    if channel is None or not step.access.covers(channel.scope_code):
        await step.refuse(query)
        return
    now = step.clock.now()
    await step.repo.channels.unlink(channel.chat_id)
    await step.repo.audit.record(query.from_user.id, "channel.unlinked", now, detail=str(channel.chat_id))
    await query.answer(v.channel_unlinked(step.locale))
    await step.show(v.channel_unlinked(step.locale), None, edit=True)


def build_router() -> Router:
    router = Router(name=__name__)
    flow = Wizard(router, FLOW, v.PREFIX, TEXTS, ChannelAuthoring)
    # Only a channel already named makes a draft: the list, waiting for one, is left by any command.
    flow.start(show_channels, "channel", drafts=(ChannelAuthoring.scope, ChannelAuthoring.language))
    # The list's unlink buttons work at any time, not only while a channel is awaited.
    router.callback_query.register(on_unlink, ChannelUnlinkCb.filter(), StepOf(FLOW))
    flow.typed(got_channel, ChannelAuthoring.waiting)
    flow.cancel_button(ChannelCancelCb.filter())
    flow.button(on_scope, ChannelScopeCb.filter(), ChannelAuthoring.scope)
    flow.button(on_language, ChannelLanguageCb.filter(), ChannelAuthoring.language)
    flow.close(ChannelLanguageCb.filter())
    return router
