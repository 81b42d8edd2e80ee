"""`/start staff_<token>`: a colleague's one-time invitation turns into a staff role."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from bot.clock import Clock
from bot.commands import CommandsPublisher
from bot.views.orgs import org_name
from bot.views.staff import invite_invalid_text, invite_welcome_text
from db.models import User
from db.repositories import Repositories
from domain.enums import Role
from handlers.access import remember_name

PREFIX = "staff_"
TOKEN = r"^staff_[A-Za-z0-9_-]{8,40}$"


async def claim_invite(
    message: Message,
    command: CommandObject,
    repo: Repositories,
    db_user: User,
    clock: Clock,
    bot: Bot,
    commands: CommandsPublisher,
    locale: str,
) -> None:
    if db_user.language is None:
        # Someone arriving by link has not seen the language picker; keep what their Telegram speaks.
        await repo.users.choose_language(db_user.id, locale)
    token = (command.args or "").removeprefix(PREFIX)
    now = clock.now()
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
    place = org_name(org, locale) if org else invite.scope_code
    await message.answer(invite_welcome_text(Role(invite.role), place, locale))
    await commands.publish_for_user(bot, repo, db_user.id, locale)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(claim_invite, CommandStart(deep_link=True, magic=F.args.regexp(TOKEN)))
    return router
