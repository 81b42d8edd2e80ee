"""A role taken away in /staff: the person who lost it is told, and so is the colleague whose invitation
brought them in, each in their own language. The revoke is already committed when they are told: a message
that cannot be delivered (the bot blocked, the account gone) is logged and changes nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.storage.base import BaseStorage, StorageKey
from aiogram.types import User as TelegramUser

from bot.i18n import stored_locale
from bot.telegram_errors import classify
from bot.views.orgs import org_html
from bot.views.staff import person_html
from bot.views.staff_revoked import invitee_role_taken_text, role_taken_text
from db.models import Organisation
from db.repositories import Repositories
from db.repositories.staff import Profile, RoleRow
from domain.enums import Role

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Revoked:
    """A role just taken away, and the names read before it was (the person's kept name goes with their last
    role)."""

    row: RoleRow
    place: Organisation | None
    person: str  # the person who lost the role, as /staff names them (HTML)
    revoker_id: int
    revoker: str  # who took it away, as /staff names them (HTML)
    since: datetime


async def staff_name(repo: Repositories, user: TelegramUser) -> str:
    """A staff member as /staff names them: the kept name, else the one Telegram shows now (an admin
    by settings may have none kept)."""
    profile = (await repo.staff.profiles_of({user.id})).get(user.id)
    return person_html(user.id, profile or Profile(user.first_name, user.last_name, user.username))


async def revoked_role(repo: Repositories, row: RoleRow, revoker: TelegramUser, since: datetime) -> Revoked:
    """What the messages need, read before the role goes."""
    person = person_html(row.user_id, (await repo.staff.profiles_of({row.user_id})).get(row.user_id))
    place = await repo.orgs.get(row.scope_code)
    return Revoked(row, place, person, revoker.id, await staff_name(repo, revoker), since)


async def tell_role_revoked(
    bot: Bot, repo: Repositories, revoked: Revoked, admin_ids: frozenset[int], default_locale: str
) -> bool:
    """The person, then the colleague who invited them if that is someone else than the revoker and still on
    the staff (or an admin). Returns whether the person keeps another staff role."""
    row = revoked.row
    role = Role(row.role)
    keeps_roles = await repo.staff.is_staff(row.user_id)

    def to_person(locale: str) -> str:
        return role_taken_text(
            role, _place(revoked, locale), revoked.revoker, revoked.since, keeps_roles, locale
        )

    await _tell(bot, repo, row.user_id, to_person, default_locale)
    inviter = await repo.staff.inviter_of(row)
    if inviter is None or inviter in (revoked.revoker_id, row.user_id):
        return keeps_roles
    if inviter not in admin_ids and not await repo.staff.is_staff(inviter):
        return keeps_roles

    def to_inviter(locale: str) -> str:
        place = _place(revoked, locale)
        return invitee_role_taken_text(revoked.person, role, place, revoked.revoker, revoked.since, locale)

    await _tell(bot, repo, inviter, to_inviter, default_locale)
    return keeps_roles


async def end_staff_draft(storage: BaseStorage, bot: Bot, user_id: int) -> None:
    """Someone left with no staff role (and no admin) has no staff draft to finish: it is ended now. Kept,
    it would hold their chat in a staff step, where text is taken for a notice's and gets no crisis reply."""
    key = StorageKey(bot_id=bot.id, chat_id=user_id, user_id=user_id)
    if await storage.get_state(key) is not None:
        await storage.set_state(key, None)
        await storage.set_data(key, {})


def _place(revoked: Revoked, locale: str) -> str:
    return org_html(revoked.place, locale) if revoked.place else revoked.row.scope_code


async def _tell(
    bot: Bot, repo: Repositories, user_id: int, text: Callable[[str], str], default_locale: str
) -> None:
    locale = stored_locale(await repo.users.speaks_of(user_id), default_locale)
    try:
        await bot.send_message(user_id, text(locale))
    except TelegramAPIError as exc:
        log.info("user %s not told of a role taken away: %s", user_id, exc.message)
        if classify(exc).unreachable:
            await repo.users.mark_unreachable([user_id])
