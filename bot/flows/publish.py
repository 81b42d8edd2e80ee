"""The tail every publishing wizard ends with: the post goes to the outbox now, or waits for an approver."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.utils.i18n import get_i18n

from bot.broadcast import BroadcastSender
from bot.flows.approval_card import send_card
from bot.flows.grades import grade_name
from bot.flows.wizard import Step
from bot.i18n import stored_locale
from bot.views import post_flow as v
from bot.views.orgs import org_html
from bot.views.post_withdraw import withdraw_keyboard
from db.repositories import Repositories
from domain.enums import AREA_KINDS, OrgKind

WHOLE_KINDS = (OrgKind.KINDERGARTEN, OrgKind.COLLEGE)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Audience:
    names: str  # the organisations (and grades), in words
    recipients: int  # subscribed now
    wide: bool  # a district or a region: needs approval unless an admin sends it


async def audience_of(
    codes: list[str], grades: list[str] | None, repo: Repositories, locale: str
) -> Audience:
    orgs = await repo.orgs.many(codes)
    # Telegram HTML: every screen that shows the audience is a message, and a name may hold «&» or «<».
    names = ", ".join(org_html(o, locale) for o in orgs) or ", ".join(codes)
    if grades:
        chosen = ", ".join(grade_name(g, locale) for g in grades)
        if any(o.kind in WHOLE_KINDS for o in orgs):
            # A kindergarten or college named here is reached whole (db/repositories/audience.py): the
            # grades go beside the schools they filter, not after the whole list.
            named = (org_html(o, locale) + (f" ({chosen})" if o.kind == OrgKind.SCHOOL else "") for o in orgs)
            names = ", ".join(named)
        else:
            names += " · " + chosen
    recipients = await repo.audience.count(codes, grades)
    return Audience(names, recipients, any(o.kind in AREA_KINDS for o in orgs))


async def draft_audience(step: Step, codes: list[str], grades: list[str] | None) -> tuple[str, int, bool]:
    """Who gets a draft (in words), how many they are now, and whether it needs approval: an area does,
    unless an admin sends it."""
    audience = await audience_of(codes, grades, step.repo, step.locale)
    return audience.names, audience.recipients, audience.wide and not step.access.is_admin


@dataclass(frozen=True, slots=True)
class Confirmed:
    post_id: int
    recipients: int
    send_at: datetime | None
    needs_approval: bool


async def publish_or_ask(
    step: Step,
    post: Confirmed,
    queued_text: str,
    broadcaster: BroadcastSender,
    admin_ids: frozenset[int],
    *,
    lead: str = "",
) -> bool:
    """Tells the author what happens next; True when the post is queued, False when it awaits approval.

    `lead` (such as "the update is saved") opens the message either way. A queued post's message is the one
    the sender edits with progress, then the report.
    """
    message, repo, locale = step.message, step.repo, step.locale
    # Until it begins to go out, the author may stop it here (an event's announcement stops with its event).
    row = await repo.drafts.get(post.post_id)
    later = post.needs_approval or (post.send_at is not None and post.send_at > step.clock.now())
    markup = withdraw_keyboard(post.post_id, locale) if later and row and row.event_id is None else None
    if post.needs_approval:
        await message.answer(lead + v.awaiting_approval(locale), reply_markup=markup)
        if not await ask_approvers(post.post_id, repo, step.bot, admin_ids):
            await message.answer(v.no_approver(locale))
        return False
    # The sender's first edit of this message (progress, then the report) takes the button away.
    progress = await message.answer(lead + queued_text, reply_markup=markup)
    await repo.drafts.attach_progress_message(post.post_id, progress.chat.id, progress.message_id)
    broadcaster.wake()
    return True


async def ask_approvers(post_id: int, repo: Repositories, bot: Bot | None, admin_ids: frozenset[int]) -> int:
    """Sends the approval card to everyone who may approve; returns how many got it."""
    post = await repo.drafts.get(post_id)
    if post is None or bot is None:
        return 0
    chain = [o.code for o in await repo.orgs.path(post.scope_code)]
    approvers = set(await repo.staff.coordinators_for(chain)) | set(admin_ids)
    approvers.discard(post.author_id)
    scope = await repo.orgs.get(post.scope_code)
    # Asked outside their own update: each in the language their own replies come in, not the author's.
    default = get_i18n().default_locale
    reached = 0
    for approver_id, speaks in sorted((await repo.users.speaks(approvers)).items()):
        locale = stored_locale(speaks, default)
        codes = post.audience.get("orgs") or [post.scope_code]
        audience = await audience_of(codes, post.audience.get("grades"), repo, locale)
        try:
            await send_card(bot, repo, approver_id, post, scope, audience, locale)
        except TelegramAPIError as exc:
            # One approver who blocked the bot must not keep the others from being asked.
            log.info(
                "approval request for post %s not delivered to %s: %s", post_id, approver_id, exc.message
            )
            continue
        reached += 1
    return reached
