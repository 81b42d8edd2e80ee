"""The author's and the approver's preview: the post in both languages, through the sender's own renderer."""

from __future__ import annotations

import dataclasses

from aiogram import Bot

from bot.broadcast.transport import deliver
from bot.views.event_announcement import announcement_text
from bot.views.event_buttons import rsvp_keyboard
from bot.views.posts import LANGUAGES, PostLike, render_post
from db.models import Event, Organisation, Post
from domain.enums import PostStatus


async def send_preview(bot: Bot, chat_id: int, post: PostLike, scope: Organisation | None) -> None:
    names = {"kk": scope.name_kk, "ru": scope.name_ru} if scope is not None else {}
    for language in LANGUAGES:
        await deliver(bot, chat_id, render_post(post, language, names))


async def send_announcement_preview(bot: Bot, chat_id: int, event: Event, scope: Organisation | None) -> None:
    """An unsaved event's announcement in both languages, as parents will get it."""
    names = {"kk": scope.name_kk, "ru": scope.name_ru} if scope is not None else {}
    texts = {language: announcement_text(event, language) for language in LANGUAGES}
    draft = Post(
        text_kk=texts["kk"], text_ru=texts["ru"], media_kind=None, media_file_id=None, status=PostStatus.DRAFT
    )
    draft.urgent, draft.silent = False, False
    for language in LANGUAGES:
        # The draft has no event yet: its buttons carry event 0, which the RSVP handler answers as unknown.
        rendered = render_post(draft, language, names)
        await deliver(bot, chat_id, dataclasses.replace(rendered, reply_markup=rsvp_keyboard(0, language)))
