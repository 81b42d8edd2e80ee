"""/lessons: the "Personal safety" lessons by age group; a topic arrives as its own message with its files.

A file is sent again by the file_id Telegram gave it on upload, so it never travels through the bot twice.
"""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, or_f
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.content import Content
from bot.filters import OnMessage
from bot.materials.reach import reader_reach
from bot.materials.sending import send_material_to
from bot.settings import Settings
from bot.views.lessons import (
    group_text,
    lessons_intro,
    link_text,
    material_caption,
    material_gone_text,
    topic_message,
    with_materials_hint,
)
from bot.views.library_keyboards import (
    LessonAction,
    LessonCb,
    LessonPageCb,
    group_keyboard,
    groups_keyboard,
    topic_keyboard,
)
from bot.views.menu import stale_button_text
from db.repositories import Repositories
from handlers.access import load_access

log = logging.getLogger(__name__)


async def show_groups(message: Message, locale: str, content: Content) -> None:
    await message.answer(lessons_intro(content, locale), reply_markup=groups_keyboard(content, locale))


async def reach_of(query: CallbackQuery, repo: Repositories, settings: Settings) -> set[str] | None:
    """The territories whose materials this reader gets (see bot/materials/reach.py)."""
    user_id = query.from_user.id
    return await reader_reach(user_id, await load_access(repo, user_id, settings.admin_ids), repo)


async def on_lesson_button(
    query: CallbackQuery,
    message: Message,
    callback_data: LessonCb | LessonPageCb,
    locale: str,
    content: Content,
    repo: Repositories,
    settings: Settings,
) -> None:
    if isinstance(callback_data, LessonPageCb):  # another page of a topic's files, in place
        page = callback_data.page
        screen = await topic_screen(query, callback_data.slug, page, locale, content, repo, settings)
        if screen is not None:  # a repeated press edits nothing (bot/middlewares/unchanged_edit.py)
            await message.edit_reply_markup(reply_markup=screen[1])
        return
    action = callback_data.action
    if action is LessonAction.groups:
        await query.answer()
        await message.edit_text(lessons_intro(content, locale), reply_markup=groups_keyboard(content, locale))
        return
    if action is LessonAction.group:
        group = content.age_group(callback_data.slug)
        if group is None:
            await query.answer(stale_button_text(locale))
            return
        await query.answer()
        await message.edit_text(group_text(group, locale), reply_markup=group_keyboard(group, locale))
        return
    if action is LessonAction.topic:
        screen = await topic_screen(query, callback_data.slug, 0, locale, content, repo, settings)
        if screen is not None:
            await message.answer(screen[0], reply_markup=screen[1])
        return
    reach = await reach_of(query, repo, settings)
    await send_chosen_material(query, message, callback_data.material, locale, repo, reach)


async def topic_screen(
    query: CallbackQuery,
    slug: str,
    page: int,
    locale: str,
    content: Content,
    repo: Repositories,
    settings: Settings,
) -> tuple[str, InlineKeyboardMarkup] | None:
    """A topic's message and a page of its material buttons; None once a stale topic is answered."""
    found = content.topic(slug)
    if found is None:
        await query.answer(stale_button_text(locale))
        return None
    group, topic = found
    materials = await repo.material_catalogue.for_topic(
        topic.slug, locale, await reach_of(query, repo, settings)
    )
    await query.answer()
    text = with_materials_hint(topic_message(group, topic, locale), len(materials), locale)
    return text, topic_keyboard(group, topic.slug, materials, locale, page)


async def send_chosen_material(
    query: CallbackQuery,
    message: Message,
    material_id: int,
    locale: str,
    repo: Repositories,
    reach: set[str] | None,
) -> None:
    # The id comes from the client: removed, pending, rejected, made-up ids and another territory's all end
    # here.
    material = await repo.material_catalogue.approved(material_id, reach)
    if material is None or (material.file_id is None and not material.url):
        await query.answer(material_gone_text(locale))
        return
    await query.answer()
    if material.file_id is None:
        await message.answer(link_text(material, locale))
        return
    try:
        await send_material_to(message, material, material_caption(material, locale))
    except TelegramBadRequest as error:
        # A file_id Telegram no longer knows: the reader gets a word, the log the material's id.
        log.warning("material %s could not be sent: %s", material.id, error.message)
        await message.answer(material_gone_text(locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_groups, Command("lessons"))
    pressed = or_f(LessonCb.filter(), LessonPageCb.filter())
    router.callback_query.register(on_lesson_button, pressed, OnMessage())
    return router
