"""/post's last step: the preview, the summary and Confirm, which saves the post once and hands it to the
sender or to its approvers (handlers/post_approval.py). Here too is whether a draft may go as a paid
broadcast: the urgency step offers it (handlers/post.py), the summary tells its cost, Confirm checks again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram import F
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery

from bot.broadcast import BroadcastSender
from bot.flows.publish import Confirmed, draft_audience, publish_or_ask
from bot.flows.revise import counts_on, elsewhere
from bot.flows.wizard import Step, Unsaved, Wizard
from bot.quiet_hours import effective_send_at
from bot.settings import Settings
from bot.views import post_flow as v
from bot.views import post_keyboards as kb
from bot.views.post_keyboards import PostAct, PostCb
from bot.views.post_preview import send_preview
from db.models import Post
from db.repositories.drafts import NewPost
from domain.enums import OrgKind, PostStatus, Urgency


async def paid_rate(step: Step) -> float:
    """The rate of a paid broadcast this draft may go at, 0 if it may not be one: only an admin's, to every
    organisation of a region, with PAID_BROADCAST_RATE set when the draft began (it must be urgent too)."""
    data = await step.data()
    rate = float(data.get("paid_rate") or 0)
    if not (rate and step.access.may_send_paid and data.get("orgs") is None and data.get("scope")):
        return 0.0
    scope = await step.repo.orgs.get(data["scope"])
    return rate if scope is not None and scope.kind == OrgKind.REGION else 0.0


async def may_go_paid(step: Step, urgency: str | None) -> bool:
    """Whether a draft of this urgency may be a paid broadcast, with the role as it is now."""
    return urgency == Urgency.URGENT and await paid_rate(step) > 0


def _post_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "scope_code": data["scope"],
        "text_kk": data["text_kk"],
        "text_ru": data["text_ru"],
        "media_kind": data.get("media_kind"),
        "media_file_id": data.get("media_file_id"),
        "audience": {"orgs": data.get("orgs"), "grades": data.get("grades")},
        "urgent": data.get("urgency") == Urgency.URGENT,
        "silent": data.get("urgency") == Urgency.SILENT,
    }


async def _audience(step: Step, data: dict[str, Any]) -> tuple[str, int, bool]:
    return await draft_audience(step, data.get("orgs") or [data["scope"]], data.get("grades"))


def _send_at(data: dict[str, Any], now: datetime) -> datetime | None:
    requested = datetime.fromisoformat(data["send_at"]) if data.get("send_at") else None
    return effective_send_at(requested, now, Urgency(data.get("urgency", Urgency.NORMAL)))


async def show_preview(step: Step) -> None:
    """The post as parents will see it, then whom it reaches, when, and Confirm."""
    data = await step.data()
    scope = await step.repo.orgs.get(data["scope"])
    chat_id = step.message.chat.id
    await step.message.answer(v.preview_intro(step.locale))
    # An unsaved Post, so the preview goes through the very renderer the sender uses.
    await send_preview(
        step.bot, chat_id, Post(author_id=chat_id, status=PostStatus.DRAFT, **_post_fields(data)), scope
    )
    await _show_summary(step)


async def show_summary_here(step: Step) -> None:
    """The summary again in place of the message pressed on (the menu of ✏️ Change)."""
    await _show_summary(step, edit=True)


async def _show_summary(step: Step, *, edit: bool = False) -> None:
    """Whom the post reaches, when and how, with Confirm and ✏️ Change; Confirm counts only on the latest
    summary."""
    data = await step.data()
    audience, recipients, needs_approval = await _audience(step, data)
    now = step.clock.now()
    urgency = data.get("urgency", Urgency.NORMAL)
    requested = datetime.fromisoformat(data["send_at"]) if data.get("send_at") else None
    asked = requested if requested is not None and requested > now else now
    summary = v.preview_summary(
        audience,
        recipients,
        v.when_text(send_at := _send_at(data, now), step.locale),
        v.urgency_name(urgency, step.locale),
        needs_approval,
        step.locale,
        paid_rate=await paid_rate(step) if data.get("paid") else 0,
        night=v.night_note(asked, step.locale) if urgency == Urgency.NORMAL else "",
        at_once=send_at is None,
    )
    shown = await step.show(summary, kb.confirm_keyboard(step.locale), edit=edit)
    await counts_on(step, shown)


async def _paid_switched_off(query: CallbackQuery, step: Step) -> None:
    """Paid broadcasts were switched off (a restart) after this draft chose one. Nothing is sent; the draft is
    kept as an ordinary urgent post, which the author confirms again on a new summary."""
    await step.state.update_data(paid=False, paid_rate=0)
    await query.answer()
    await step.message.edit_text(v.paid_switched_off(step.locale))
    await _show_summary(step)


async def on_confirm(
    query: CallbackQuery, step: Step, settings: Settings, broadcaster: BroadcastSender
) -> None:
    # The draft stays until the post is saved: a failed insert keeps it, and a press already on its way
    # finds the draft key taken.
    data = await step.data()
    if elsewhere(data, step.message.message_id):
        # A second tap on a summary already replaced (paid broadcasts switched off): its terms no longer hold.
        await query.answer(v.paid_switched_off(step.locale), show_alert=True)
        return
    if not await step.still_covers(query, [data["scope"], *(data.get("orgs") or [])]):
        return
    # Checked again with the role and the settings as they are now: a paid draft whose author is no longer an
    # admin is refused; one begun before paid broadcasts were switched off (a restart) goes back to unpaid.
    paid = bool(data.get("paid"))
    if paid and not await may_go_paid(step, data.get("urgency")):
        await step.refuse(query)
        return
    if paid and settings.paid_broadcast_rate <= 0:
        await _paid_switched_off(query, step)
        return
    now, author_id, locale = step.clock.now(), query.from_user.id, step.locale
    audience, recipients, needs_approval = await _audience(step, data)
    send_at = _send_at(data, now)
    new = NewPost(
        draft_key=data["draft_key"],
        author_id=author_id,
        send_at=send_at,
        needs_approval=needs_approval,
        paid_broadcast=paid,
        **_post_fields(data),
    )
    post_id = await step.save(query, step.repo.drafts.confirm(new, now))
    if isinstance(post_id, Unsaved):
        return
    if post_id is None:
        await query.answer(v.already_confirmed_text(locale), show_alert=True)
        return
    await step.finish()
    await step.repo.audit.record(author_id, "post.created", now, post_id=post_id, detail=audience[:300])
    if paid:
        await step.repo.audit.record(author_id, "post.paid", now, post_id=post_id)
    await step.taken(query)
    queued = v.queued_text(recipients, v.when_text(send_at, locale), locale)
    confirmed = Confirmed(post_id, recipients, send_at, needs_approval)
    if await publish_or_ask(step, confirmed, queued, broadcaster, settings.admin_ids):
        await step.repo.audit.record(author_id, "post.scheduled", now, post_id=post_id)


def register(flow: Wizard, at: State) -> None:
    """Confirm, while /post shows the summary (`at`)."""
    flow.button(on_confirm, PostCb.filter(F.act == PostAct.confirm), at)
