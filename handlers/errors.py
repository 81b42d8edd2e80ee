"""The one error handler: logs the failure without anything the user wrote and answers politely."""

from __future__ import annotations

import html
import logging
import re

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent, User
from aiogram.utils.i18n import I18n

from bot.i18n import locale_for
from bot.telegram_errors import classify
from bot.views.phrases import __

log = logging.getLogger(__name__)


def plain(html_text: str) -> str:
    """A button's pop-up shows plain text: Telegram HTML would appear as literal tags."""
    return html.unescape(re.sub(r"</?[a-zA-Z][^>]*>", "", html_text))


sorry_text = __(
    "Sorry, something went wrong on our side. Please try again in a minute.\n"
    "If you need help now, call <b>111</b>."
)


async def on_error(event: ErrorEvent, i18n: I18n, event_from_user: User | None = None) -> None:
    exc = event.exception
    if isinstance(exc, TelegramAPIError) and classify(exc).unreachable:
        # The user blocked the bot (or the chat is gone) while their update was handled: no bug to find,
        # and an apology would only be refused the same way.
        log.info("update %s: chat unreachable (%s)", event.update.update_id, classify(exc).value)
        return
    # The exception type and update id are enough to find the bug; the update itself may hold private text.
    log.error(
        "update %s failed: %s",
        event.update.update_id,
        type(exc).__name__,
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    locale = locale_for(None, event_from_user.language_code if event_from_user else None, i18n.default_locale)
    update = event.update
    try:
        with i18n.context():
            if update.message and update.message.chat.type == "private":
                await update.message.answer(sorry_text(locale))
            elif update.callback_query:
                await update.callback_query.answer(plain(sorry_text(locale))[:200], show_alert=True)
    except TelegramAPIError as reply_error:
        log.warning("could not apologise for update %s: %s", update.update_id, reply_error.message)


def build_router() -> Router:
    router = Router(name=__name__)
    router.errors.register(on_error)
    return router
