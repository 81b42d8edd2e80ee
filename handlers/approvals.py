"""/approvals: the posts waiting for this coordinator's or admin's approval, each opening the approval card
that the request brought (Approve / Reject are handled by handlers/post_approval.py)."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.access import Access
from bot.clock import Clock
from bot.flows.approval_card import author_of, send_card
from bot.flows.publish import Audience, audience_of
from bot.views import approvals as v
from bot.views.approvals import ApprovalOpenCb, ApprovalPageCb, Waiting
from bot.views.phrases import not_your_role
from bot.views.post_flow import when_text
from db.models import Post
from db.repositories import Repositories
from domain.enums import PostStatus
from handlers.access import refuse_forged
from handlers.post_approval import may_approve, related


def _approves(access: Access) -> bool:
    return access.is_admin or access.is_coordinator


async def _waiting(access: Access, repo: Repositories) -> list[Post]:
    """What this person may approve now, oldest first: in their areas, neither theirs nor of a colleague
    either of them brought in (those they could not approve)."""
    codes = None if access.codes is None else set(access.codes)
    kept: list[Post] = []
    related_to: dict[int, bool] = {}
    for post in await repo.drafts.awaiting_approval(codes, not_by=access.user_id):
        if post.author_id not in related_to:
            related_to[post.author_id] = await related(access, repo, post.author_id)
        if may_approve(access, post) and not related_to[post.author_id]:
            kept.append(post)
    return kept


async def _audience(post: Post, repo: Repositories, locale: str) -> Audience:
    return await audience_of(
        post.audience.get("orgs") or [post.scope_code], post.audience.get("grades"), repo, locale
    )


async def _screen(
    access: Access, repo: Repositories, page: int, locale: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    waiting = []
    for post in await _waiting(access, repo):
        audience = await _audience(post, repo, locale)
        waiting.append(
            Waiting(
                post_id=post.id,
                text=post.text_ru if locale == "ru" else post.text_kk,
                author=await author_of(repo, post.author_id, locale),
                audience=audience.names,
                when=when_text(post.send_at, locale),
            )
        )
    if not waiting:
        return v.nothing_waits(locale), None
    return v.list_view(waiting, page, locale)


async def list_approvals(message: Message, access: Access, repo: Repositories, locale: str) -> None:
    if not _approves(access):
        await message.answer(not_your_role(locale))
        return
    text, markup = await _screen(access, repo, 0, locale)
    await message.answer(text, reply_markup=markup)


async def on_page(
    query: CallbackQuery,
    callback_data: ApprovalPageCb,
    access: Access,
    repo: Repositories,
    clock: Clock,
    locale: str,
) -> None:
    if not _approves(access):
        await refuse_forged(query, repo, clock, "approval.forged", not_your_role(locale))
        return
    text, markup = await _screen(access, repo, callback_data.page, locale)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=markup)


async def on_open(
    query: CallbackQuery,
    callback_data: ApprovalOpenCb,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
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
    await query.answer()
    scope = await repo.orgs.get(post.scope_code)
    await send_card(bot, repo, query.from_user.id, post, scope, await _audience(post, repo, locale), locale)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(list_approvals, Command("approvals"))
    router.callback_query.register(on_open, ApprovalOpenCb.filter())
    router.callback_query.register(on_page, ApprovalPageCb.filter())
    return router
