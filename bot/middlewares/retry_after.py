"""Interactive replies wait out a short 429 instead of failing; a crisis reply tries much harder."""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramAPIError, TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod

from bot.outgoing import OutgoingLimiter, Priority, current_priority
from bot.telegram_errors import SendError, classify


class RetryAfterMiddleware(BaseRequestMiddleware):
    def __init__(
        self,
        limiter: OutgoingLimiter | None = None,
        max_wait: float = 5.0,
        attempts: int = 2,
        crisis_attempts: int = 8,
    ) -> None:
        self._limiter = limiter
        self._max_wait = max_wait
        self._attempts = attempts
        self._crisis_attempts = crisis_attempts

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        crisis = current_priority() is Priority.CRISIS
        attempts = self._crisis_attempts if crisis else self._attempts
        max_wait = 60.0 if crisis else self._max_wait
        for attempt in range(attempts + 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                # Whichever lane hears the 429, broadcasts pause too: the limit is the bot's, not the chat's.
                if self._limiter is not None:
                    self._limiter.pause(exc.retry_after)
                if attempt == attempts or exc.retry_after > max_wait:
                    raise
                await asyncio.sleep(exc.retry_after)
            except TelegramAPIError as exc:
                # Only the crisis lane retries a failed server: a lost menu is a nuisance, a lost 111 is not.
                if not crisis or attempt == attempts or classify(exc) is not SendError.RETRY:
                    raise
                await asyncio.sleep(min(0.5 * 2**attempt, 8.0))
        raise AssertionError("unreachable")
