"""`/start staff_<token>`: a colleague's one-time invitation turns into a staff role."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from bot.access import SCHOOL_RANK, Access
from bot.clock import Clock
from bot.commands import CommandsPublisher
from bot.settings import Settings
from bot.views.invites import creator_lost_right_text
from bot.views.orgs import org_html
from bot.views.staff import invite_invalid_text, invite_welcome_text
from db.models import User
from db.repositories import Repositories
from domain.enums import AREA_KINDS, Role
from handlers.access import load_access, remember_name

PREFIX = "staff_"
TOKEN = r"^staff_[A-Za-z0-9_-]{8,40}$"


async def grantable_roles(access: Access, repo: Repositories) -> list[Role]:
    """The roles this person may give somewhere: the role buttons of /invite (see bot.access.grant_allows)."""
    school = [Role.PSYCHOLOGIST, Role.SOCIAL_PEDAGOGUE, Role.DEPUTY_DIRECTOR]
    if access.is_admin:
        return [Role.COORDINATOR, *school]
    if areas := access.coordinator_areas:
        below = [org for code in areas for org in await repo.orgs.children(code)]
        return [Role.COORDINATOR, *school] if any(o.kind in AREA_KINDS for o in below) else school
    return [r for r in school if any(SCHOOL_RANK[r] < SCHOOL_RANK.get(g.role, 0) for g in access.grants)]


async def creator_may_still_grant(repo: Repositories, token: str, admin_ids: frozenset[int]) -> bool:
    """False when the invitation is open but whoever made it may no longer give that role there."""
    invite = await repo.staff.invite_status(token)
    if invite is None or invite.used_by is not None:
        return True  # unknown or used: the claim itself refuses it, with its own words
    creator = await load_access(repo, invite.created_by, admin_ids)
    chain = [o.code for o in await repo.orgs.path(invite.scope_code)]
    return creator is not None and creator.may_grant(Role(invite.role), chain)


async def claim_invite(
    message: Message,
    command: CommandObject,
    repo: Repositories,
    db_user: User,
    clock: Clock,
    bot: Bot,
    commands: CommandsPublisher,
    settings: Settings,
    locale: str,
) -> None:
    if db_user.language is None:
        # Someone arriving by link has not seen the language picker; keep what their Telegram speaks.
        await repo.users.choose_language(db_user.id, locale)
    token = (command.args or "").removeprefix(PREFIX)
    now = clock.now()
    if not await creator_may_still_grant(repo, token, settings.admin_ids):
        # An invitation is only as good as its creator's right today: a removed coordinator's link
        # must not bring them, or anyone, back. It is not used up: the right may be given back.
        await repo.audit.record(db_user.id, "invite.refused", now, detail=f"{token[:8]} creator lost right")
        await message.answer(creator_lost_right_text(locale))
        return
    invite = await repo.staff.claim_invite(token, db_user.id, now)
    if invite is None:
        await repo.audit.record(db_user.id, "invite.refused", now, detail=token[:8])
        await message.answer(invite_invalid_text(locale))
        return
    await repo.staff.grant(db_user.id, invite.role, invite.scope_code, invite.created_by, now)
    if message.from_user is not None:
        await remember_name(repo, message.from_user, clock)
    await repo.audit.record(
        db_user.id, "invite.claimed", now, detail=f"{invite.role}@{invite.scope_code} by {invite.created_by}"
    )
    org = await repo.orgs.get(invite.scope_code)
    place = org_html(org, locale) if org else invite.scope_code
    await message.answer(invite_welcome_text(Role(invite.role), place, locale))
    await commands.publish_for_user(bot, repo, db_user.id, locale)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(claim_invite, CommandStart(deep_link=True, magic=F.args.regexp(TOKEN)))
    return router
