"""The decision on a post that waits for approval: an area-wide post, or an event's announcement.

Reject asks the approver for the reason first (bot/flows/reason.py, the step material reviews share): the
author gets it quoted, in their language. The reason is not stored: it goes to the author in that message,
and neither the post's row nor the audit line keeps it (the audit says only whether one was given)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.access import Access
from bot.broadcast import BroadcastSender
from bot.clock import Clock
from bot.flows.approval_card import CardText, say_in_place, tell_author, tell_cards
from bot.flows.reason import REASON_LIMIT, Reason, ReasonCb, ReasonStep, ReasonTexts, quoted
from bot.flows.wizard import Step
from bot.i18n import stored_locale
from bot.quiet_hours import effective_send_at
from bot.settings import Settings
from bot.views import post_flow as v
from bot.views.approvals import (
    approved_by,
    approved_text,
    ask_reject_reason,
    author_rejected_text,
    author_rejected_with_reason,
    person_link,
    reject_cancelled,
    reject_without_reason,
    rejected_by,
    rejected_with_reason,
    withdrawn_by_author,
)
from bot.views.invites import related_approval_text
from bot.views.phrases import not_your_role
from bot.views.post_keyboards import ApprovalCb, Decision
from bot.views.post_names import post_label
from bot.views.post_withdraw import withdraw_keyboard
from db.models import Post
from db.repositories import Repositories
from domain.enums import EventStatus, PostStatus, Urgency
from handlers.access import load_access

log = logging.getLogger(__name__)


class PostReviewAuthoring(StatesGroup):
    """An approver types why a post is rejected (free text: the crisis lane leaves it alone)."""

    reason = State()


class PostReasonCb(ReasonCb, prefix="aprn"):
    """The buttons of the reason's question: reject without a reason, Cancel (the post goes on waiting)."""


REASONS = ReasonStep(
    "approval", PostReasonCb, PostReviewAuthoring.reason, ReasonTexts(reject_cancelled, reject_without_reason)
)


async def _event_still_ahead(repo: Repositories, event_id: int, now: datetime) -> bool:
    event = await repo.events.get(event_id)
    return event is not None and event.status == EventStatus.SCHEDULED and event.starts_at > now


async def _author_still_covers(repo: Repositories, post: Post, admin_ids: frozenset[int]) -> bool:
    """The author's role, read again now: it must still cover the post's scope and every organisation of its
    audience, or the approval would send what nobody may send any more."""
    author = await load_access(repo, post.author_id, admin_ids)
    codes = [post.scope_code, *(post.audience.get("orgs") or [])]
    return author is not None and all(author.covers(code) for code in codes)


@dataclass(frozen=True, slots=True)
class Stale:
    """Why a post waiting for approval may no longer be approved, in each one's words."""

    detail: str  # the audit line's detail
    approvers: CardText  # every approver's card, and the alert of the one who pressed Approve
    author: Callable[[str, str], str]  # (the post as post_label names it, the author's language)


EVENT_OVER = Stale("event over", v.event_over, v.author_event_over)
ROLE_GONE = Stale("author's role ended", v.role_gone, v.author_role_gone)


async def why_stale(repo: Repositories, post: Post, now: datetime, admin_ids: frozenset[int]) -> Stale | None:
    """None while the post may still be approved. An announcement approved once its event has begun (or was
    cancelled) would invite parents to something over; a post whose author's role ended, or no longer
    covers its audience, would go out in the name of someone who may no longer send it."""
    if post.event_id is not None and not await _event_still_ahead(repo, post.event_id, now):
        return EVENT_OVER
    if not await _author_still_covers(repo, post, admin_ids):
        return ROLE_GONE
    return None


async def cancel_stale(
    repo: Repositories, post: Post, stale: Stale, actor_id: int, now: datetime, action: str
) -> bool:
    """Marks the post not to be sent (cancelled, with an audit line by `actor_id`); False when it no longer
    waited (decided or withdrawn meanwhile): then nothing is changed or told."""
    if not await repo.drafts.reject(post.id, PostStatus.CANCELLED):
        return False
    await repo.audit.record(actor_id, action, now, post_id=post.id, detail=stale.detail)
    return True


async def tell_stale(
    bot: Bot,
    repo: Repositories,
    post: Post,
    stale: Stale,
    default_locale: str,
    *,
    pressed: Message | None = None,
) -> None:
    """Every approver's card of a cancelled stale post says why, each in its language, and so is the author
    told in theirs (naming the post: they may have several waiting), if the bot can still reach them."""
    await tell_cards(bot, repo, post.id, stale.approvers, pressed=pressed)
    await tell_author(
        bot, repo, post.author_id, lambda lang: stale.author(post_label(post, lang), lang), default_locale
    )


Expired = tuple[Post, Stale]
"""A post cancelled as stale, and why."""


async def expire_stale(
    repo: Repositories, posts: list[Post], actor_id: int, now: datetime, admin_ids: frozenset[int]
) -> tuple[list[Post], list[Expired]]:
    """Of these posts waiting for approval, those that may still be approved, and those that may not any
    more, cancelled here (audit post.expired by `actor_id`, with the reason); one decided or withdrawn
    meanwhile is in neither. Nobody is told yet (tell_expired): whoever caused the look is answered first."""
    kept: list[Post] = []
    expired: list[Expired] = []
    for post in posts:
        stale = await why_stale(repo, post, now, admin_ids)
        if stale is None:
            kept.append(post)
        elif await cancel_stale(repo, post, stale, actor_id, now, "post.expired"):
            expired.append((post, stale))
    return kept, expired


async def tell_expired(bot: Bot, repo: Repositories, expired: list[Expired], default_locale: str) -> None:
    """The cards and the author of each post expire_stale cancelled."""
    for post, stale in expired:
        await tell_stale(bot, repo, post, stale, default_locale)


async def _decided(query: CallbackQuery, repo: Repositories, now: datetime, text: str, **record: Any) -> None:
    """The decision is audited (`record`: action, post_id, detail) and told on the approver's card."""
    await repo.audit.record(query.from_user.id, record.pop("action"), now, **record)
    await say_in_place(query, text)


async def _tell_the_others(
    query: CallbackQuery, bot: Bot, repo: Repositories, post_id: int, text: CardText
) -> None:
    """The other approvers' cards (and this approver's other ones) say what became of the post."""
    pressed = query.message if isinstance(query.message, Message) else None
    await tell_cards(bot, repo, post_id, text, pressed=pressed)


def may_approve(access: Access, post: Post) -> bool:
    """An admin may approve any post; a coordinator one within their areas."""
    return access.is_admin or (access.is_coordinator and access.covers(post.scope_code))


async def related(access: Access, repo: Repositories, author_id: int) -> bool:
    """Whether the approver brought the author in, or the other way round (an admin is trusted anyway)."""
    return not access.is_admin and await repo.staff.invited_one_another(author_id, access.user_id)


async def _not_waiting(query: CallbackQuery, repo: Repositories, post_id: int, locale: str) -> None:
    """The post no longer waits: its author stopped it (the card says so), or someone decided first."""
    if await repo.drafts.status_of(post_id) == PostStatus.WITHDRAWN:
        await say_in_place(query, withdrawn_by_author(locale), alert=True)
        return
    await query.answer(v.already_decided(locale), show_alert=True)


async def _no_longer_waits(repo: Repositories, post_id: int, locale: str) -> str:
    """Why a post whose reason was being typed can no longer be rejected, for the approver."""
    if await repo.drafts.status_of(post_id) == PostStatus.WITHDRAWN:
        return withdrawn_by_author(locale)
    return v.already_decided(locale)


async def on_approval(
    query: CallbackQuery,
    callback_data: ApprovalCb,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    broadcaster: BroadcastSender,
    settings: Settings,
    locale: str,
) -> None:
    post = await repo.drafts.get(callback_data.post_id)
    now = clock.now()
    if post is None or not may_approve(access, post):
        await repo.audit.record(query.from_user.id, "approval.forged", now, detail=callback_data.pack())
        await query.answer(not_your_role(locale), show_alert=True)
        return
    if post.author_id == query.from_user.id:
        await query.answer(v.own_post(locale), show_alert=True)
        return
    if await related(access, repo, post.author_id):
        # A colleague one brought in may be one's own second account: not a second pair of eyes.
        await repo.audit.record(query.from_user.id, "approval.related", now, post_id=post.id)
        await query.answer(related_approval_text(locale), show_alert=True)
        return
    if post.status != PostStatus.AWAITING_APPROVAL:
        await _not_waiting(query, repo, post.id, locale)
        return
    if callback_data.decision is Decision.reject:
        # The card keeps its buttons meanwhile: another approver may still decide first.
        question = ask_reject_reason(post_label(post, locale), REASON_LIMIT, locale)
        await REASONS.ask(query, state, bot, post.id, question, locale)
        return
    approver = person_link(query.from_user.id, query.from_user.full_name)
    author_locale = stored_locale(await repo.users.speaks_of(post.author_id), settings.default_locale)
    stale = await why_stale(repo, post, now, settings.admin_ids)
    if stale is not None:
        if not await cancel_stale(repo, post, stale, query.from_user.id, now, "post.rejected"):
            await _not_waiting(query, repo, post.id, locale)
            return
        await say_in_place(query, stale.approvers(locale), alert=True)
        pressed = query.message if isinstance(query.message, Message) else None
        await tell_stale(bot, repo, post, stale, settings.default_locale, pressed=pressed)
        return
    urgency = Urgency.URGENT if post.urgent else Urgency.SILENT if post.silent else Urgency.NORMAL
    send_at = effective_send_at(post.send_at, now, urgency)
    if not await repo.drafts.approve(post.id, query.from_user.id, send_at):
        await _not_waiting(query, repo, post.id, locale)
        return
    await _decided(query, repo, now, v.approved(locale), action="post.approved", post_id=post.id)
    await _tell_the_others(query, bot, repo, post.id, lambda lang: approved_by(approver, lang))
    audience_codes = post.audience.get("orgs") or [post.scope_code]
    recipients = await repo.audience.count(audience_codes, post.audience.get("grades"))
    when = v.when_text(send_at, author_locale) if send_at is not None else None
    # Until it begins to go out, the author may still stop it from here; the sender's first edit ends that.
    markup = withdraw_keyboard(post.id, author_locale) if when and post.event_id is None else None
    told = approved_text(approver, post_label(post, author_locale), when, recipients, author_locale)
    progress = await bot.send_message(post.author_id, told, reply_markup=markup)
    await repo.drafts.attach_progress_message(post.id, progress.chat.id, progress.message_id)
    broadcaster.wake()


async def got_reason(message: Message, step: Step, settings: Settings) -> None:
    reason = await REASONS.typed(message, step)
    if reason is not None:
        await _reject(step, reason, settings)


async def without_reason(query: CallbackQuery, step: Step, settings: Settings) -> None:
    await _reject(step, await REASONS.without(query, step), settings)


async def _say_on_card(bot: Bot, card: tuple[int, int], text: str) -> None:
    """The card Reject was pressed on says how it ended, without its buttons; one deleted or too old to edit
    meanwhile is passed over."""
    try:
        await bot.edit_message_text(text, chat_id=card[0], message_id=card[1], reply_markup=None)
    except TelegramAPIError as exc:
        log.info("approval card in chat %s not updated: %s", card[0], exc.message)


async def _reject(step: Step, reason: Reason, settings: Settings) -> None:
    """The rejection, once its reason is known (or declined): the rights are read again (a role may have been
    revoked while the reason was typed), and the post must still wait (an approver may have decided, or
    the author withdrawn it, meanwhile). The author gets the reason; nothing here keeps it."""
    repo, locale, now, user_id = step.repo, step.locale, step.clock.now(), step.access.user_id
    post = await repo.drafts.get(reason.subject_id)
    if post is None or not may_approve(step.access, post):
        action = "approval.forged" if post is None else "approval.scope_lost"
        await repo.audit.record(user_id, action, now, detail=f"post {reason.subject_id}")
        await step.message.answer(not_your_role(locale))
        return
    if not await repo.drafts.reject(post.id):
        await step.message.answer(await _no_longer_waits(repo, post.id, locale))
        return
    detail = "with a reason" if reason.text is not None else "without a reason"
    await repo.audit.record(user_id, "post.rejected", now, post_id=post.id, detail=detail)
    done = rejected_with_reason(locale) if reason.text is not None else v.rejected(locale)
    await step.message.answer(done)
    if reason.card is not None:
        await _say_on_card(step.bot, reason.card, done)
    approver = person_link(user_id, step.message.chat.full_name)
    # The other cards say who rejected the post, and lose their buttons.
    await tell_cards(step.bot, repo, post.id, lambda lang: rejected_by(approver, lang), pressed=reason.card)

    def told(lang: str) -> str:
        label = post_label(post, lang)
        if reason.text is None:
            return author_rejected_text(approver, label, lang)
        return author_rejected_with_reason(approver, label, quoted(reason.text), lang)

    await tell_author(step.bot, repo, post.author_id, told, settings.default_locale)


def register(router: Router) -> None:
    """On /post's router: the approvers are staff, and the buttons are its posts'."""
    router.callback_query.register(on_approval, ApprovalCb.filter())
    REASONS.register(router, got_reason, without_reason)
