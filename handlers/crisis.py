"""The crisis lane: a message that sounds like a crisis gets the reply for its kind at once, first of all."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Filter
from aiogram.methods import SendMessage
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.content import Content
from bot.crisis import Finding
from bot.i18n import locale_for
from bot.middlewares.triage import CRISIS
from bot.outgoing import Priority, send_priority
from bot.settings import Settings
from bot.views.crisis import (
    ADULT,
    CrisisAction,
    CrisisCb,
    CrisisMemoCb,
    crisis_keyboard,
    crisis_memo,
    crisis_memo_keyboard,
    crisis_reply,
    reply_kind,
)
from bot.views.helplines import helplines_message
from bot.views.memos import memo_message
from db.repositories import Repositories
from db.repositories.users import UserRepository
from handlers.helplines import helplines_keyboard
from handlers.memos import memo_materials

# How long a message that does not say its language waits for the language the user chose: the crisis lane
# does not queue behind a busy database (Telegram's language, then the detector's guess, answer instead).
CHOSEN_LANGUAGE_WAIT = 0.3

log = logging.getLogger(__name__)


class InCrisis(Filter):
    """Set by TriageMiddleware; the message text itself is never kept or logged."""

    async def __call__(self, message: Message, **data: Any) -> bool | dict[str, Any]:
        found = data.get(CRISIS)
        return {"crisis": found} if found is not None else False


def _timeout(settings: Settings) -> int:
    # aiogram takes whole seconds here; a setting under one second still gets one.
    return int(max(1, settings.crisis_timeout))


async def reply_locale(
    crisis: Finding, message: Message, sessionmaker: async_sessionmaker[AsyncSession] | None
) -> str:
    """The language of the message; for one that does not say (Kazakh and Russian mixed, or words of neither),
    the language the user chose, else Telegram's, else the detector's guess."""
    user = message.from_user
    if crisis.language_sure or user is None:
        return crisis.locale
    chosen = None
    if sessionmaker is not None:
        try:
            async with asyncio.timeout(CHOSEN_LANGUAGE_WAIT), sessionmaker() as session:
                chosen = await UserRepository(session).language_of(user.id)
        except TimeoutError:
            chosen = None
        except Exception as exc:  # whatever the read raises, the reply goes (in Telegram's language)
            log.warning("crisis reply: the chosen language was not read (%s)", type(exc).__name__)
            chosen = None
    return locale_for(chosen, user.language_code, crisis.locale)


async def answer_crisis(
    message: Message,
    bot: Bot,
    content: Content,
    settings: Settings,
    crisis: Finding,
    sessionmaker: async_sessionmaker[AsyncSession] | None = None,
) -> None:
    kind = reply_kind(crisis, content)
    locale = await reply_locale(crisis, message, sessionmaker)
    send = SendMessage(
        chat_id=message.chat.id,
        text=crisis_reply(content, locale, kind),
        reply_markup=crisis_keyboard(content, kind, locale),
    )
    # Each try gets settings.crisis_timeout; bot/middlewares/retry_after.py tries the crisis lane again
    # after a timeout or a 5xx, so a hung request cannot hold the answer for aiohttp's default minute.
    with send_priority(Priority.CRISIS):
        await bot(send, request_timeout=_timeout(settings))


async def on_crisis_button(
    query: CallbackQuery,
    callback_data: CrisisCb | CrisisMemoCb,
    bot: Bot,
    content: Content,
    settings: Settings,
    repo: Repositories,
) -> None:
    # The note stays where it is; what the button asks for comes as a new message in the note's language.
    lang = callback_data.lang if callback_data.lang in ("kk", "ru") else "kk"
    if isinstance(callback_data, CrisisMemoCb) or callback_data.action is CrisisAction.memo:
        kind = callback_data.kind if isinstance(callback_data, CrisisMemoCb) else ADULT
        memo = crisis_memo(content, kind)
        # The files staff attached, as /memos shows them: a button press is no crisis message, it has its
        # database session (bot/middlewares/db_session.py).
        materials = await memo_materials(query, repo, settings, memo, lang)
        text, markup = memo_message(memo, lang), crisis_memo_keyboard(memo, lang, materials)
    else:
        text, markup = helplines_message(content.helplines, lang), helplines_keyboard(lang)
    await query.answer()
    with send_priority(Priority.CRISIS):
        await bot(
            SendMessage(chat_id=query.from_user.id, text=text, reply_markup=markup),
            request_timeout=_timeout(settings),
        )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(answer_crisis, InCrisis())
    router.edited_message.register(answer_crisis, InCrisis())
    router.callback_query.register(on_crisis_button, CrisisCb.filter(), F.message)
    router.callback_query.register(on_crisis_button, CrisisMemoCb.filter(), F.message)
    return router
