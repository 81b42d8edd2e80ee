"""/privacy, /mydata and /forget: what the bot keeps about a person, a copy of it, and its erasure.

A staff member's /forget removes their roles and open invitations too, after a confirmation that says so
(issue 15, item 9); what they published stays for the record under a pseudonym (db/repositories/erasure.py).
"""

from __future__ import annotations

import json

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
)

from bot.clock import Clock
from bot.commands import CommandsPublisher
from bot.content import Content
from bot.filters import OnMessage
from bot.flows.buttons import button
from bot.settings import Settings
from bot.views import privacy as v
from bot.views.navigation import menu_button
from bot.views.orgs import org_html
from bot.views.privacy import EraseCb, EraseStep, MyDataCb
from db.repositories import Repositories
from handlers.helplines import all_helplines_button


def privacy_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[*v.privacy_buttons(locale), [menu_button(locale)]])


def erased_keyboard(locale: str) -> InlineKeyboardMarkup:
    """Whoever has just been forgotten still has the helplines a press away."""
    return InlineKeyboardMarkup(inline_keyboard=[[all_helplines_button(locale)]])


def confirm_keyboard(locale: str, staff: bool) -> InlineKeyboardMarkup:
    yes = button(v.confirm_button_text(locale, staff), EraseCb(step=EraseStep.confirm))
    return InlineKeyboardMarkup(inline_keyboard=[[yes], [menu_button(locale)]])


async def _confirmation(
    user_id: int, repo: Repositories, commands: CommandsPublisher, locale: str
) -> tuple[str, InlineKeyboardMarkup]:
    roles = await repo.staff.roles_of(user_id)
    places = {org.code: org for org in await repo.orgs.many(list({r.scope_code for r in roles}))}
    listed = [
        (r.role, org_html(places[r.scope_code], locale) if r.scope_code in places else r.scope_code)
        for r in roles
    ]
    subscribed = bool(await repo.subscriptions.of_user(user_id))
    text = v.confirm_text(locale, listed, commands.is_admin(user_id), subscribed)
    return text, confirm_keyboard(locale, bool(roles))


async def show_privacy(message: Message, locale: str, content: Content, settings: Settings) -> None:
    text = v.privacy_screen(content, locale, settings.outbox_retention_days)
    await message.answer(text, reply_markup=privacy_keyboard(locale))


async def ask_to_erase(
    message: Message, locale: str, repo: Repositories, commands: CommandsPublisher
) -> None:
    if message.from_user is None:
        return
    text, markup = await _confirmation(message.from_user.id, repo, commands, locale)
    await message.answer(text, reply_markup=markup)


async def on_erase(
    query: CallbackQuery,
    message: Message,
    callback_data: EraseCb,
    locale: str,
    repo: Repositories,
    commands: CommandsPublisher,
    state: FSMContext,
    clock: Clock,
    bot: Bot,
) -> None:
    await query.answer()
    user_id = query.from_user.id
    if callback_data.step is EraseStep.ask:
        text, markup = await _confirmation(user_id, repo, commands, locale)
        await message.edit_text(text, reply_markup=markup)
        return
    await state.clear()  # a half-written draft is theirs too (also when drafts live in Redis)
    subscribed = bool(await repo.subscriptions.of_user(user_id))
    erased = await repo.erasure.erase(user_id, clock.now())
    text = v.erased_text(locale, erased.roles, erased.invites, subscribed)
    await message.edit_text(text, reply_markup=erased_keyboard(locale))
    if erased.roles:  # the staff commands leave their menu
        await commands.publish_for_chat(bot, user_id, None)


async def _send_mydata(message: Message, user_id: int, locale: str, repo: Repositories) -> None:
    data = await repo.erasure.gather(user_id)
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
    document = BufferedInputFile(body, filename="mydata.json")
    await message.answer_document(document, caption=v.mydata_caption(locale))
    subscriptions = await repo.subscriptions.of_user(user_id)
    await message.answer(v.mydata_summary(data, subscriptions, locale))


async def mydata_command(message: Message, locale: str, repo: Repositories) -> None:
    if message.from_user is not None:
        await _send_mydata(message, message.from_user.id, locale, repo)


async def on_mydata(query: CallbackQuery, message: Message, locale: str, repo: Repositories) -> None:
    await query.answer()
    await _send_mydata(message, query.from_user.id, locale, repo)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_privacy, Command("privacy"))
    router.message.register(mydata_command, Command("mydata"))
    router.message.register(ask_to_erase, Command("forget"))
    router.callback_query.register(on_erase, EraseCb.filter(), OnMessage())
    router.callback_query.register(on_mydata, MyDataCb.filter(), OnMessage())
    return router
