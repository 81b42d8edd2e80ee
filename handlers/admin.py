"""Admin-only commands; the router's filter guards every handler in it."""

from __future__ import annotations

from datetime import datetime

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.filters import IsAdmin
from bot.i18n import LANGUAGE_NAMES
from bot.views.formats import date_time, grouped
from db.repositories import Repositories


async def status(message: Message, repo: Repositories, locale: str, started_at: datetime) -> None:
    counts = await repo.users.count_by_language()
    total = sum(c.users for c in counts)
    lines = [
        _("<b>Bot status</b>", locale=locale),
        _("Running since {when} (Kazakhstan time)", locale=locale).format(when=date_time(started_at, locale)),
        ngettext("{n} user", "{n} users", total, locale=locale).format(n=grouped(total, locale)),
    ]
    for c in counts:
        name = LANGUAGE_NAMES.get(c.language or "", _("language not chosen yet", locale=locale))
        lines.append(f"• {name}: {grouped(c.users, locale)}")
    await message.answer("\n".join(lines))


def build_router(admin_ids: frozenset[int]) -> Router:
    router = Router(name=__name__)
    router.message.filter(IsAdmin(admin_ids))
    router.callback_query.filter(IsAdmin(admin_ids))
    router.message.register(status, Command("status"))
    return router
