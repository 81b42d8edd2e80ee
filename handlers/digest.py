"""The weekly digest's «Full list» button and its pages (staff only; the digest itself is bot/digest.py).

The list is worked out again at each press, for the presser's roles today: a page shows what is true now.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.digest import findings
from bot.measures import Catalogue
from bot.views.digest import DigestCb, full_list_view
from db.repositories import Repositories


async def on_full_list(
    query: CallbackQuery,
    callback_data: DigestCb,
    repo: Repositories,
    catalogue: Catalogue,
    clock: Clock,
    locale: str,
) -> None:
    scopes = tuple(sorted({r.scope_code for r in await repo.staff.roles_of(query.from_user.id)}))
    found = await findings(repo, catalogue, scopes, clock.now().date())
    await query.answer()
    if not isinstance(query.message, Message):
        return
    # No plan in force any more (it ended since the digest): nothing is overdue, and the page says so.
    overdue, due = (found.overdue, found.due) if found else ([], [])
    text, markup = full_list_view(overdue, due, callback_data.page, locale)
    if callback_data.new:  # under the digest: the digest stays as it was
        await query.message.answer(text, reply_markup=markup)
    else:
        await query.message.edit_text(text, reply_markup=markup)


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(on_full_list, DigestCb.filter())
    return router
