"""A button's toast (answerCallbackQuery) that comes after Telegram's 15 s is dropped, not an error.

Under a burst (everyone answering one invitation at once) a press may wait its turn longer than Telegram keeps
the query; the answer is already saved by then, and the handler must go on to send its confirmation rather
than fail on a toast nobody can see any more.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import AnswerCallbackQuery, Response, TelegramMethod

log = logging.getLogger(__name__)

EXPIRED = "query is too old"


class LateAnswerMiddleware(BaseRequestMiddleware):
    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        try:
            return await make_request(bot, method)
        except TelegramBadRequest as exc:
            if not isinstance(method, AnswerCallbackQuery) or EXPIRED not in exc.message:
                raise
            log.info("a button's answer came too late for Telegram; the handler goes on")
            return Response[bool](ok=True, result=False)
