"""/memos: safety memos by category; a memo arrives as its own message, easy to forward or share."""

from __future__ import annotations

import asyncio

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.content import Content, Memo
from bot.filters import OnMessage
from bot.printable import memo_pdf
from bot.settings import Settings
from bot.views.library_keyboards import (
    MemoAction,
    MemoCb,
    categories_keyboard,
    category_keyboard,
    memo_keyboard,
)
from bot.views.memos import category_text, memo_message, memos_intro
from bot.views.menu import stale_button_text
from db.models import Material
from db.repositories import Repositories
from domain.enums import MaterialTarget
from handlers.lessons import reach_of


async def show_categories(message: Message, locale: str, content: Content) -> None:
    await message.answer(memos_intro(locale), reply_markup=categories_keyboard(content, locale))


async def send_printable(message: Message, bot: Bot, memo: Memo, locale: str) -> None:
    me = await bot.me()
    # Rendering takes a tenth of a second or more of CPU: off the event loop.
    data = await asyncio.to_thread(memo_pdf, memo, locale, f"https://t.me/{me.username}")
    await message.answer_document(
        BufferedInputFile(data, filename=f"{memo.slug}_{locale}.pdf"),
        caption=_("A one-page A4 memo for a school stand or a parent meeting.", locale=locale),
    )


async def on_memo_button(
    query: CallbackQuery,
    message: Message,
    callback_data: MemoCb,
    locale: str,
    content: Content,
    bot: Bot,
    repo: Repositories,
    settings: Settings,
) -> None:
    if callback_data.action is MemoAction.categories:
        await query.answer()
        await message.edit_text(memos_intro(locale), reply_markup=categories_keyboard(content, locale))
        return
    if callback_data.action is MemoAction.category:
        category = content.category(callback_data.slug)
        if category is None:
            await query.answer(stale_button_text(locale))
            return
        await query.answer()
        await message.edit_text(
            category_text(category, locale), reply_markup=category_keyboard(content, category.slug, locale)
        )
        return
    memo = content.memo(callback_data.slug)
    if memo is None:
        await query.answer(stale_button_text(locale))
        return
    await query.answer()
    if callback_data.action is MemoAction.pdf:
        await send_printable(message, bot, memo, locale)
        return
    materials = await memo_materials(query, repo, settings, memo, locale)
    markup = memo_keyboard(memo, locale, materials)
    await message.answer(memo_message(memo, locale), reply_markup=markup)


async def memo_materials(
    query: CallbackQuery, repo: Repositories, settings: Settings, memo: Memo, locale: str
) -> list[Material]:
    """The files staff attached to a memo that reach the presser, as the memo's keyboard lists them."""
    reach = await reach_of(query, repo, settings)
    return await repo.material_catalogue.for_topic(memo.slug, locale, reach, target=MaterialTarget.MEMO)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_categories, Command("memos"))
    router.callback_query.register(on_memo_button, MemoCb.filter(), OnMessage())
    return router
