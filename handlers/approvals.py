"""/approvals: the posts waiting for this coordinator's or admin's approval, each opening the approval card
that the request brought (Approve / Reject are handled by handlers/post_approval.py).

A post that may no longer be approved (its event has begun, its author's role ended) is not offered: it is
cancelled as Approve would cancel it, the list says so once, and every card of it and its author are told
once the approver, who is waiting, has the list."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import ngettext

from bot.access import Access
from bot.clock import Clock
from bot.flows.approval_card import author_of, send_card
from bot.flows.publish import Audience, audience_of
from bot.settings import Settings
from bot.views import approvals as v
from bot.views.approvals import ApprovalOpenCb, ApprovalPageCb, Waiting
from bot.views.phrases import not_your_role
from bot.views.post_flow import when_text
from bot.views.post_names import post_text
from db.models import Post
from db.repositories import Repositories
from domain.enums import PostStatus
from handlers.access import refuse_forged
from handlers.post_approval import Expired, expire_stale, may_approve, related, tell_expired

# Posts cancelled as the list was made, named above it at most this many at a time.
NOTES = 3  # a page of the list keeps within LIST_BUDGET (3500); three notes add under 400 characters


@dataclass(slots=True)
class Lookup:
    """What the list needs besides the viewer: to cancel a post that may no longer be approved, and which it
    cancelled (told after the list is shown)."""

    clock: Clock
    settings: Settings
    expired: list[Expired] = field(default_factory=list)


def _approves(access: Access) -> bool:
    return access.is_admin or access.is_coordinator


async def _waiting(access: Access, repo: Repositories, look: Lookup) -> list[Post]:
    """What this person may approve now, oldest first: in their areas, neither theirs nor of a colleague
    either of them brought in (those they could not approve). One that may no longer be approved is
    cancelled here and kept in `look.expired`."""
    codes = None if access.codes is None else set(access.codes)
    mine: list[Post] = []
    related_to: dict[int, bool] = {}
    for post in await repo.drafts.awaiting_approval(codes, not_by=access.user_id):
        if post.author_id not in related_to:
            related_to[post.author_id] = await related(access, repo, post.author_id)
        if may_approve(access, post) and not related_to[post.author_id]:
            mine.append(post)
    kept, expired = await expire_stale(repo, mine, access.user_id, look.clock.now(), look.settings.admin_ids)
    look.expired += expired
    return kept


def _notes(expired: list[Expired], locale: str) -> str:
    """«#3: The event of this announcement has already begun…», one line a post cancelled just now; past
    NOTES, how many more were cancelled."""
    lines = [f"<b>#{post.id}</b>: {stale.approvers(locale)}" for post, stale in expired[:NOTES]]
    if (left := len(expired) - NOTES) > 0:
        more = ngettext(
            "…and {n} more post that will not be sent",
            "…and {n} more posts that will not be sent",
            left,
            locale=locale,
        )
        lines.append(more.format(n=left))
    return "\n".join(lines)


async def _audience(post: Post, repo: Repositories, locale: str) -> Audience:
    return await audience_of(
        post.audience.get("orgs") or [post.scope_code], post.audience.get("grades"), repo, locale
    )


async def _screen(
    access: Access, repo: Repositories, look: Lookup, page: int, locale: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    waiting = []
    for post in await _waiting(access, repo, look):
        audience = await _audience(post, repo, locale)
        waiting.append(
            Waiting(
                post_id=post.id,
                text=post_text(post, locale),
                author=await author_of(repo, post.author_id, locale),
                audience=audience.names,
                when=when_text(post.send_at, locale),
            )
        )
    text, markup = (v.nothing_waits(locale), None) if not waiting else v.list_view(waiting, page, locale)
    if look.expired:
        text = _notes(look.expired, locale) + "\n\n" + text
    return text, markup


async def list_approvals(
    message: Message,
    access: Access,
    repo: Repositories,
    bot: Bot,
    clock: Clock,
    settings: Settings,
    locale: str,
) -> None:
    if not _approves(access):
        await message.answer(not_your_role(locale))
        return
    look = Lookup(clock, settings)
    text, markup = await _screen(access, repo, look, 0, locale)
    await message.answer(text, reply_markup=markup)
    await tell_expired(bot, repo, look.expired, settings.default_locale)


async def on_page(
    query: CallbackQuery,
    callback_data: ApprovalPageCb,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    settings: Settings,
    locale: str,
) -> None:
    if not _approves(access):
        await refuse_forged(query, repo, clock, "approval.forged", not_your_role(locale))
        return
    look = Lookup(clock, settings)
    text, markup = await _screen(access, repo, look, callback_data.page, locale)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=markup)
    await tell_expired(bot, repo, look.expired, settings.default_locale)


async def on_open(
    query: CallbackQuery,
    callback_data: ApprovalOpenCb,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    settings: Settings,
    locale: str,
) -> None:
    post = await repo.drafts.get(callback_data.post_id)
    if post is None or not may_approve(access, post):
        await refuse_forged(query, repo, clock, "approval.forged", not_your_role(locale))
        return
    if post.status != PostStatus.AWAITING_APPROVAL:
        gone = v.withdrawn_by_author if post.status == PostStatus.WITHDRAWN else v.not_waiting_any_more
        await query.answer(gone(locale), show_alert=True)
        return
    kept, expired = await expire_stale(repo, [post], access.user_id, clock.now(), settings.admin_ids)
    if not kept:
        # Opened from a list made before its event began or its author's role ended: never offered.
        why = expired[0][1].approvers(locale) if expired else v.not_waiting_any_more(locale)
        await query.answer(why, show_alert=True)
        await tell_expired(bot, repo, expired, settings.default_locale)
        return
    await query.answer()
    scope = await repo.orgs.get(post.scope_code)
    await send_card(bot, repo, query.from_user.id, post, scope, await _audience(post, repo, locale), locale)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(list_approvals, Command("approvals"))
    router.callback_query.register(on_open, ApprovalOpenCb.filter())
    router.callback_query.register(on_page, ApprovalPageCb.filter())
    return router
