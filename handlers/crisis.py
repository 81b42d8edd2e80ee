"""The crisis lane: a message with a crisis phrase gets 111 and 112 at once, before anything else."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Filter
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.content import Content
from bot.middlewares.triage import CRISIS_LOCALE
from bot.outgoing import Priority, send_priority
from bot.views.crisis import crisis_reply
from handlers.navigation import MenuCb, Screen

# Staff writing a notice about suicide prevention are not in crisis: their guided flows' state groups end
# in "Authoring", and text typed there is the notice itself.
AUTHORING = "Authoring:"


class InCrisis(Filter):
    """Set by TriageMiddleware; the message text itself is never kept or logged."""

    async def __call__(self, message: Message, **data: Any) -> bool:
        state = data.get("raw_state") or ""
        return bool(data.get(CRISIS_LOCALE)) and AUTHORING not in state


def crisis_keyboard(locale: str) -> InlineKeyboardMarkup:
    button = InlineKeyboardButton(
        text=_("🆘 All helplines", locale=locale), callback_data=MenuCb(screen=Screen.helplines).pack()
    )
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


async def answer_crisis(message: Message, content: Content, crisis_locale: str) -> None:
    with send_priority(Priority.CRISIS):
        await message.answer(
            crisis_reply(content, crisis_locale), reply_markup=crisis_keyboard(crisis_locale)
        )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(answer_crisis, InCrisis())
    router.edited_message.register(answer_crisis, InCrisis())
    return router
