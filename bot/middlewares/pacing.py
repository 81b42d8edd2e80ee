"""Holds each outgoing message until OutgoingLimiter lets it go, so Telegram rarely has to say 429."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import (
    CopyMessage,
    ForwardMessage,
    Response,
    SendAnimation,
    SendAudio,
    SendDocument,
    SendMediaGroup,
    SendMessage,
    SendPhoto,
    SendVideo,
    SendVoice,
    TelegramMethod,
)

from bot.outgoing import OutgoingLimiter

# Edits and callback answers are not counted by Telegram's per-chat message limit.
COUNTED = (
    SendMessage,
    SendPhoto,
    SendDocument,
    SendVideo,
    SendAudio,
    SendVoice,
    SendAnimation,
    SendMediaGroup,
    CopyMessage,
    ForwardMessage,
)


class PacingMiddleware(BaseRequestMiddleware):
    def __init__(self, limiter: OutgoingLimiter) -> None:
        self._limiter = limiter

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        if isinstance(method, COUNTED):
            # Telegram counts every file of an album as a message of its own.
            cost = len(method.media) if isinstance(method, SendMediaGroup) else 1
            # A paid broadcast is paced against the paid ceiling, as Telegram counts it.
            paid = getattr(method, "allow_paid_broadcast", None) is True
            await self._limiter.acquire(getattr(method, "chat_id", None), cost=cost, paid=paid)
        return await make_request(bot, method)
