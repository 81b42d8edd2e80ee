"""An edit that would leave a message as it is never goes to Telegram, which refuses it ("message is not
modified") and so turns a second press of a button whose screen is already showing into an error.

`ShownMessageMiddleware` (outer, on callback queries) remembers the message the pressed button sits on, for
the update's own task; `UnchangedEditMiddleware` (on the Bot's session) answers an edit of that message whose
text, caption and buttons equal what is shown with the message itself, without a request.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections import OrderedDict
from contextvars import ContextVar
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.client.default import Default
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import (
    EditMessageCaption,
    EditMessageReplyMarkup,
    EditMessageText,
    Response,
    TelegramMethod,
)
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, TelegramObject

from bot.middlewares import Next

log = logging.getLogger(__name__)

NOT_MODIFIED = "message is not modified"
# Edits remembered per message: enough for the presses one person makes within one second.
EDITS_KEPT = 4

_shown: ContextVar[Message | None] = ContextVar("shown_message", default=None)


class ShownMessageMiddleware(BaseMiddleware):
    async def __call__(self, handler: Next, event: TelegramObject, data: dict[str, Any]) -> Any:
        message = event.message if isinstance(event, CallbackQuery) else None
        token = _shown.set(message if isinstance(message, Message) else None)
        try:
            return await handler(event, data)
        finally:
            _shown.reset(token)


def _markup(markup: Any) -> Any:
    if not isinstance(markup, InlineKeyboardMarkup) or not markup.inline_keyboard:
        return None
    return markup.model_dump(exclude_none=True, exclude_defaults=True)


def _same_text(shown_html: str | None, new: str | None, parse_mode: Any) -> bool:
    if shown_html is None or new is None:
        return shown_html == new
    if parse_mode not in (ParseMode.HTML, "HTML"):
        return False  # only the bot's own HTML is compared; anything else goes to Telegram
    # aiogram rebuilds the shown HTML from its entities; the bot may have escaped «"» or «'» where aiogram
    # does not, so both sides are compared with their character references resolved (tags stay).
    return html.unescape(shown_html) == html.unescape(new)


def _later(remembered: Message, shown: Message) -> bool:
    if remembered.edit_date is None:  # never edited, as the press's message at the latest
        return False
    return shown.edit_date is None or remembered.edit_date > shown.edit_date


def _looks(message: Message) -> tuple[Any, ...]:
    return (message.text is None, message.html_text, _markup(message.reply_markup))


def unchanged(shown: Message, method: TelegramMethod[Any], default_parse_mode: Any) -> bool:
    if getattr(method, "inline_message_id", None) or getattr(method, "chat_id", None) != shown.chat.id:
        return False
    if getattr(method, "message_id", None) != shown.message_id:
        return False
    if _markup(getattr(method, "reply_markup", None)) != _markup(shown.reply_markup):
        return False
    parse_mode = getattr(method, "parse_mode", None)
    if parse_mode is None or isinstance(parse_mode, Default):  # the bot's default (HTML) applies
        parse_mode = default_parse_mode
    if isinstance(method, EditMessageText):
        return shown.text is not None and _same_text(shown.html_text, method.text, parse_mode)
    if isinstance(method, EditMessageCaption):
        if method.caption is None:
            return shown.caption is None
        return shown.caption is not None and _same_text(shown.html_text, method.caption, parse_mode)
    return isinstance(method, EditMessageReplyMarkup)


class UnchangedEditMiddleware(BaseRequestMiddleware):
    """Also remembers the bot's recent edits (bounded): two quick presses of one user handled one after the
    other on this process both carry the message as it was before either, and only this memory knows the
    first one's edit. Another instance's edits are not in it, hence `edit_date` decides which to believe.
    """

    def __init__(self, remember: int = 20_000) -> None:
        # Per message, the last few edits this process made, oldest first.
        self._last: OrderedDict[tuple[int, int], list[Message]] = OrderedDict()
        self._remember = remember
        self._locks: dict[tuple[Any, Any], asyncio.Lock] = {}
        self._waiting: dict[tuple[Any, Any], int] = {}

    def _known(self) -> Message | None:
        """What the pressed message shows as far as this process can tell; None when no button was pressed
        (then nothing is skipped: an edit Telegram finds unchanged is answered as done below)."""
        shown = _shown.get()
        if shown is None:
            return None
        mine = self._last.get((shown.chat.id, shown.message_id))
        if not mine:
            return shown
        latest = mine[-1]
        # With several instances another one may have edited the message after this one's latest edit; the
        # press then carries that later edit, and this memory would wrongly call an edit back "unchanged".
        # So the memory is trusted when it is strictly newer than what the press carries, or, as edit_date
        # counts whole seconds, when the press carries an earlier edit of this process's from that same
        # second (quick presses); anything else the press carries is another instance's, and is believed.
        if _later(latest, shown) or (
            latest.edit_date == shown.edit_date
            and any(m.edit_date == shown.edit_date and _looks(m) == _looks(shown) for m in mine[:-1])
        ):
            return latest
        return shown

    def _keep(self, result: Any) -> None:
        if isinstance(result, Message):
            key = (result.chat.id, result.message_id)
            self._last[key] = [*self._last.get(key, [])[-(EDITS_KEPT - 1) :], result]
            self._last.move_to_end(key)
            while len(self._last) > self._remember:
                self._last.popitem(last=False)

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        if not isinstance(method, (EditMessageText, EditMessageCaption, EditMessageReplyMarkup)):
            # A sent message is not remembered: having no edit_date, it is never newer than a press on it.
            return await make_request(bot, method)
        # Edits of one message go one at a time, so the second of two quick presses compares with the first's.
        key = (getattr(method, "chat_id", None), getattr(method, "message_id", None))
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                return await self._edit(make_request, bot, method)
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key], self._locks[key]

    async def _edit(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        shown = self._known()
        if shown is not None and unchanged(shown, method, bot.default.parse_mode if bot.default else None):
            return Response[Message](ok=True, result=shown)
        try:
            response = await make_request(bot, method)
        except TelegramBadRequest as exc:
            if NOT_MODIFIED not in exc.message:
                raise
            # Another instance (or a restart) edited it last: the screen already shows what was asked.
            log.info("an edit found its message already as asked")
            return Response[bool](ok=True, result=True)
        self._keep(response.result if isinstance(response, Response) else response)
        return response
