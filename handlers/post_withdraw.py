"""The author stops their own post before it begins to go out (/stats, or the message that confirmed it).

Every press is checked against the post as stored: only its author may stop it, only while it waits for its
time or for approval. The stop itself is one conditional UPDATE (DraftRepository.withdraw), so the sender
starting the post on another instance, a second press or an approval cannot slip in between. A post that
waited for approval has its approvers' cards told at once (bot/flows/approval_card.py): no Approve / Reject
is left on a post nobody will get.
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.flows.approval_card import say_in_place, tell_cards
from bot.views import post_withdraw as v
from bot.views.approvals import withdrawn_by_author
from bot.views.phrases import not_your_role
from bot.views.post_names import first_words
from bot.views.post_withdraw import WithdrawAct, WithdrawCb
from db.models import Post
from db.repositories import Repositories
from db.repositories.drafts import WITHDRAWABLE
from domain.enums import PostStatus
from handlers.access import refuse_forged


async def _own(
    query: CallbackQuery, post_id: int, repo: Repositories, clock: Clock, locale: str
) -> Post | None:
    """The post if the presser wrote it; otherwise (someone else's id, an event's announcement, which stops
    with its event, or no such post) the press is refused and audited like any forged one."""
    post = await repo.drafts.get(post_id)
    if post is None or post.author_id != query.from_user.id or post.event_id is not None:
        await refuse_forged(query, repo, clock, "withdrawal.forged", not_your_role(locale))
        return None
    return post


def _why_not(post_id: int, status: str | None, locale: str) -> str:
    """Why a post of one's own can no longer be stopped."""
    if status in (PostStatus.SENDING, PostStatus.DONE):
        return v.already_going(post_id, locale)
    if status == PostStatus.WITHDRAWN:
        return v.already_withdrawn(post_id, locale)
    return v.not_going_anyway(post_id, locale)


async def on_ask(
    query: CallbackQuery, callback_data: WithdrawCb, repo: Repositories, clock: Clock, locale: str
) -> None:
    post = await _own(query, callback_data.post_id, repo, clock, locale)
    if post is None:
        return
    if post.status not in WITHDRAWABLE:
        await query.answer(_why_not(post.id, post.status, locale), show_alert=True)
        return
    text, markup = v.question(post.id, first_words(post, locale), locale)
    await query.answer()
    if isinstance(query.message, Message):
        # A message of its own: the one pressed may be /stats, which lists other posts too.
        await query.message.answer(text, reply_markup=markup)


async def on_yes(
    query: CallbackQuery,
    callback_data: WithdrawCb,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    locale: str,
) -> None:
    post = await _own(query, callback_data.post_id, repo, clock, locale)
    if post is None:
        return
    was = post.status
    if not await repo.drafts.withdraw(post.id, query.from_user.id):
        await say_in_place(query, _why_not(post.id, await repo.drafts.status_of(post.id), locale), alert=True)
        return
    await repo.audit.record(query.from_user.id, "post.withdrawn", clock.now(), post_id=post.id, detail=was)
    await say_in_place(query, v.withdrawn(post.id, locale))
    # Cards of a post that waited for approval (none are left once it was decided: those were told then).
    await tell_cards(bot, repo, post.id, withdrawn_by_author)


async def on_no(
    query: CallbackQuery, callback_data: WithdrawCb, repo: Repositories, clock: Clock, locale: str
) -> None:
    post = await _own(query, callback_data.post_id, repo, clock, locale)
    if post is not None:
        await say_in_place(query, v.kept(post.id, locale))


def register(router: Router) -> None:
    """On a staff feature's router: the staff filter comes first, so a stranger's press is refused there."""
    router.callback_query.register(on_ask, WithdrawCb.filter(F.act == WithdrawAct.ask))
    router.callback_query.register(on_yes, WithdrawCb.filter(F.act == WithdrawAct.yes))
    router.callback_query.register(on_no, WithdrawCb.filter(F.act == WithdrawAct.no))
