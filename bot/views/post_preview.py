"""The author's and the approver's preview: the post in both languages, through the sender's own renderer."""

from __future__ import annotations

from aiogram import Bot

from bot.broadcast.transport import deliver
from bot.views.posts import LANGUAGES, PostLike, render_post
from db.models import Organisation


async def send_preview(bot: Bot, chat_id: int, post: PostLike, scope: Organisation | None) -> None:
    names = {"kk": scope.name_kk, "ru": scope.name_ru} if scope is not None else {}
    for language in LANGUAGES:
        await deliver(bot, chat_id, render_post(post, language, names))
