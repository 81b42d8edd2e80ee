"""The approval card: the post as parents will see it, then who wrote it, to whom, when, how, with Approve /
Reject. The request to every approver (bot/flows/publish.py) and /approvals send the same one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import Bot

from bot.views import approvals as v
from bot.views.orgs import org_name
from bot.views.post_flow import when_text
from bot.views.post_keyboards import approval_keyboard
from bot.views.post_preview import send_preview
from bot.views.staff import role_name
from db.models import Organisation, Post
from db.repositories import Repositories

if TYPE_CHECKING:
    from bot.flows.publish import Audience


async def author_of(repo: Repositories, user_id: int, locale: str) -> str:
    """The author as /staff names them: the name Telegram shows, then each role they hold and where."""
    profile = (await repo.staff.profiles_of({user_id})).get(user_id)
    name = " ".join(p for p in (profile.first_name, profile.last_name) if p) if profile else None
    roles = await repo.staff.roles_of(user_id)
    places = {o.code: org_name(o, locale) for o in await repo.orgs.many({r.scope_code for r in roles})}
    held = [(role_name(r.role, locale), places.get(r.scope_code, r.scope_code)) for r in roles]
    return v.author_html(v.person_link(user_id, name), held)


async def send_card(
    bot: Bot,
    repo: Repositories,
    chat_id: int,
    post: Post,
    scope: Organisation | None,
    audience: Audience,
    locale: str,
) -> None:
    """The preview in both languages, then the card in the approver's `locale`; Telegram's errors are the
    caller's to handle."""
    await send_preview(bot, chat_id, post, scope)
    text = v.card_text(
        await author_of(repo, post.author_id, locale),
        audience.names,
        audience.recipients,
        when_text(post.send_at, locale),
        v.mode_text(post.urgent, post.silent, locale),
        locale,
        event=post.event_id is not None,
    )
    await bot.send_message(chat_id, text, reply_markup=approval_keyboard(post.id, locale))
