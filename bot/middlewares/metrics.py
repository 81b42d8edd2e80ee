"""Counts updates by kind, their handling time and crisis replies; counts sends and Telegram's 429s."""

from __future__ import annotations

import time
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import CopyMessage, ForwardMessage, Response, TelegramMethod
from aiogram.types import TelegramObject, Update

from bot.metrics import Metrics
from bot.middlewares import Next
from bot.middlewares.triage import CRISIS


class UpdateMetricsMiddleware(BaseMiddleware):
    """The outermost update middleware: everything after it, a crisis reply included, is timed."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    async def __call__(self, handler: Next, event: TelegramObject, data: dict[str, Any]) -> Any:
        started = time.perf_counter()
        handled = False
        try:
            result = await handler(event, data)
            handled = True
            return result
        finally:
            self._metrics.reply_latency.observe(time.perf_counter() - started)
            kind = event.event_type if isinstance(event, Update) else type(event).__name__
            self._metrics.updates.labels(kind=kind).inc()
            # TriageMiddleware leaves its finding in the shared data: the category, never the words. Counted
            # once the handler returned, that is once the reply went out (a failed send raises).
            found = data.get(CRISIS)
            if found is not None and handled:
                self._metrics.crisis_replies.labels(kind=str(found.category)).inc()


def _sends_a_message(method: TelegramMethod[Any]) -> bool:
    name = type(method).__name__
    return (name.startswith("Send") and name != "SendChatAction") or isinstance(
        method, CopyMessage | ForwardMessage
    )


class SendMetricsMiddleware(BaseRequestMiddleware):
    """The innermost session middleware, so each real request to Telegram is counted once."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        try:
            response = await make_request(bot, method)
        except TelegramRetryAfter:
            self._metrics.too_many.inc()
            raise
        if _sends_a_message(method):
            self._metrics.sent.inc()
        return response
