"""/invites: staff see the invitations they made that nobody has used yet, and cancel them; admins see all."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.access import Access
from bot.clock import Clock
from bot.views.invites import (
    InvitesCb,
    OpenInvite,
    cancelled_text,
    cannot_invite_text,
    invites_keyboard,
    invites_text,
    not_open_text,
)
from bot.views.orgs import org_name
from bot.views.staff import not_allowed_text
from db.repositories import Repositories
from handlers.invites import grantable_roles


async def _open(access: Access, repo: Repositories, clock: Clock, locale: str) -> list[OpenInvite]:
    rows = await repo.staff.open_invites(clock.now(), None if access.is_admin else access.user_id)
    places = {o.code: org_name(o, locale) for o in await repo.orgs.many({r.scope_code for r in rows})}
    return [
        OpenInvite(r.token, r.role, places.get(r.scope_code, r.scope_code), r.expires_at, r.created_by)
        for r in rows
    ]


async def list_invites(
    message: Message, access: Access, repo: Repositories, clock: Clock, locale: str
) -> None:
    if not access.is_admin and not await grantable_roles(access, repo):
        # A psychologist or social pedagogue brings in no one, so has no invitations to list.
        await message.answer(cannot_invite_text(locale))
        return
    invites = await _open(access, repo, clock, locale)
    await message.answer(
        invites_text(invites, access.is_admin, locale), reply_markup=invites_keyboard(invites, locale)
    )


async def on_cancel(
    query: CallbackQuery,
    callback_data: InvitesCb,
    access: Access,
    repo: Repositories,
    clock: Clock,
    locale: str,
) -> None:
    now = clock.now()
    invite = await repo.staff.invite_status(callback_data.token)
    # The token comes from the client: only its creator (or an admin) may end an invitation.
    if invite is None or not (access.is_admin or invite.created_by == access.user_id):
        await repo.audit.record(access.user_id, "invite.cancel_forged", now, detail=callback_data.token[:8])
        await query.answer(not_allowed_text(locale), show_alert=True)
        return
    if not await repo.staff.cancel_invite(invite.token, now):
        await query.answer(not_open_text(locale), show_alert=True)
        return
    await repo.audit.record(
        access.user_id,
        "invite.cancelled",
        now,
        detail=f"{invite.role}@{invite.scope_code} by {invite.created_by}",
    )
    await query.answer(cancelled_text(locale))
    if isinstance(query.message, Message):
        invites = await _open(access, repo, clock, locale)
        await query.message.edit_text(
            invites_text(invites, access.is_admin, locale, notice=cancelled_text(locale)),
            reply_markup=invites_keyboard(invites, locale),
        )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(list_invites, Command("invites"))
    router.callback_query.register(on_cancel, InvitesCb.filter())
    return router
