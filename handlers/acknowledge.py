"""The «Түсінікті» / «Понятно» button under each post: bots get no read receipts, so parents tell us."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.i18n import gettext as _

from bot.clock import Clock
from bot.views.posts import AckCb
from db.models import User
from db.repositories import Repositories


async def on_ack(
    query: CallbackQuery,
    callback_data: AckCb,
    repo: Repositories,
    clock: Clock,
    locale: str,
    db_user: User | None = None,
) -> None:
    # The id comes from the client: it may be stale or forged, so it is looked up, never trusted.
    if not await repo.posts.is_deliverable(callback_data.post_id):
        await query.answer(_("This notice is no longer available.", locale=locale))
        return
    # Only a press in the parent's own chat counts (db_user is recorded for private chats only); a copy
    # forwarded to a group is thanked but not counted, as that person is not necessarily a recipient.
    if db_user is not None:
        if not await repo.posts.was_sent_to(callback_data.post_id, db_user.id):
            # A forged or borrowed id: this parent never got that post, so the press is not counted.
            await repo.audit.record(
                db_user.id, "ack.forged", clock.now(), post_id=callback_data.post_id, detail=query.data
            )
            await query.answer(_("This notice was not sent to you.", locale=locale))
            return
        await repo.posts.acknowledge(callback_data.post_id, db_user.id, clock.now())
    await query.answer(_("Thank you! We know you have read it.", locale=locale))


async def on_malformed(query: CallbackQuery, locale: str) -> None:
    """An "ack:" press whose id is not a number: answer rather than leave a spinner."""
    await query.answer(_("This notice is no longer available.", locale=locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(on_ack, AckCb.filter())
    router.callback_query.register(on_malformed, F.data.startswith("ack:"))
    return router
