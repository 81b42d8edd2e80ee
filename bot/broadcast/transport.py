"""How the sender talks to Telegram: its own request chain on the shared limiter, and one post's messages.

The sender gets a sibling of the bot (same server, token and defaults) whose requests are paced by the same
OutgoingLimiter but are not retried in memory: the outbox is the retry mechanism, durable across restarts.
A 429 pauses the whole limiter (interactive replies too) for retry_after, as Telegram asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import Response, SendDocument, SendMessage, SendPhoto, TelegramMethod
from aiogram.types import InlineKeyboardMarkup, InputFile
from aiohttp import JsonPayload

from bot.middlewares.pacing import PacingMiddleware
from bot.outgoing import OutgoingLimiter
from bot.views.posts import RenderedPost


class PauseOn429Middleware(BaseRequestMiddleware):
    def __init__(self, limiter: OutgoingLimiter) -> None:
        self._limiter = limiter

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter as exc:
            self._limiter.pause(exc.retry_after)
            raise


class SenderSession(AiohttpSession):
    """Sends the sender's messages as JSON, with each post's keyboard serialised once.

    At 1000 messages/s the form encoding of every field and the keyboard's model dump were a third of the
    bot's CPU time per message; the Bot API takes a JSON body just as well.
    """

    _FAST = (SendMessage, SendPhoto, SendDocument)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._markups: dict[int, tuple[InlineKeyboardMarkup, Any]] = {}
        self._defaults: dict[str, Any] = {}

    def build_form_data(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        if not isinstance(method, self._FAST):
            return super().build_form_data(bot, method)
        files: dict[str, InputFile] = {}
        payload: dict[str, Any] = {}
        for key, value in method.__dict__.items():
            if isinstance(value, InlineKeyboardMarkup):
                cached = self._markups.get(id(value))
                if cached is None or cached[0] is not value:
                    if len(self._markups) > 1000:
                        self._markups.clear()
                    cached = self._markups[id(value)] = (value, self.prepare_value(value, bot, files, False))
                prepared = cached[1]
            elif isinstance(value, Default):  # the bot's defaults (parse mode, link previews) never change
                if value.name not in self._defaults:
                    self._defaults[value.name] = self.prepare_value(value, bot, files, _dumps_json=False)
                prepared = self._defaults[value.name]
            else:
                prepared = self.prepare_value(value, bot, files, _dumps_json=False)
            if prepared is not None and prepared != "":
                payload[key] = prepared
        if files:  # an upload needs multipart form data
            return super().build_form_data(bot, method)
        return JsonPayload(payload, dumps=self.json_dumps)

    def check_response(
        self, bot: Bot, method: TelegramMethod[Any], status_code: int, content: str
    ) -> Response[Any]:
        # The sender keeps only the message id: building the whole Message it gets back (validated, or even
        # constructed without validation) was the largest part of its CPU time per message. Errors, and every
        # other method, go through aiogram's own checks.
        if isinstance(method, SendMessage) and status_code == 200:
            data = self.json_loads(content)
            result = data.get("result") if isinstance(data, dict) and data.get("ok") is True else None
            if isinstance(result, dict) and isinstance(result.get("message_id"), int):
                return cast(Response[Any], _Sent(_SentMessage(result["message_id"])))
        return super().check_response(bot, method, status_code, content)


@dataclass(frozen=True, slots=True)
class _SentMessage:
    message_id: int


@dataclass(frozen=True, slots=True)
class _Sent:
    """Stands in for aiogram's Response: make_request reads only `.result`."""

    result: _SentMessage


def sender_bot(bot: Bot, limiter: OutgoingLimiter) -> Bot:
    session = SenderSession(api=bot.session.api, limit=200)
    session.middleware(PauseOn429Middleware(limiter))
    session.middleware(PacingMiddleware(limiter))
    return Bot(token=bot.token, session=session, default=bot.default)


async def deliver(
    bot: Bot,
    chat_id: int,
    post: RenderedPost,
    request_timeout: float | None = None,
    *,
    paid_broadcast: bool = False,
) -> int:
    """Send a rendered post (one or two messages); returns the id of the last one, which has the button.

    The caller chooses the priority (`send_priority`); the preview and the sender share this.
    `paid_broadcast` sets allow_paid_broadcast: past ~30 messages/s Telegram accepts broadcasts only so.
    """
    last = len(post.texts) - 1
    paid = True if paid_broadcast else None
    message_id = 0
    if post.media_kind and post.media_file_id:
        markup = post.reply_markup if last < 0 else None
        send = bot.send_photo if post.media_kind == "photo" else bot.send_document
        sent = await send(
            chat_id,
            post.media_file_id,
            caption=post.caption,
            reply_markup=markup,
            disable_notification=post.disable_notification,
            allow_paid_broadcast=paid,
            # aiogram annotates request_timeout as int, but hands it on to aiohttp, which takes a float.
            request_timeout=request_timeout,  # type: ignore[arg-type]
        )
        message_id = sent.message_id
    for index, text in enumerate(post.texts):
        method = SendMessage(
            chat_id=chat_id,
            text=text,
            reply_markup=post.reply_markup if index == last else None,
            disable_notification=post.disable_notification,
            allow_paid_broadcast=paid,
        )
        sent = await bot(method, request_timeout=request_timeout)  # type: ignore[arg-type]  # as above
        message_id = sent.message_id
    return message_id
