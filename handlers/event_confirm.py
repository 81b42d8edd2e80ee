"""/event's last step: the preview of the announcement, the summary with Confirm and ✏️ Change, and Confirm,
which saves the event and its announcement together (handlers/event_create.py asks the steps before)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram import F
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery

from bot.broadcast import BroadcastSender
from bot.clock import KZ, kz_day
from bot.events import DEFAULT_DURATION_MIN
from bot.events import family_hour as fh
from bot.flows import revise
from bot.flows.publish import Confirmed, draft_audience, publish_or_ask
from bot.flows.wizard import Step, Unsaved, Wizard, WizardTexts, step_over
from bot.measures import Catalogue
from bot.quiet_hours import effective_send_at
from bot.settings import Settings
from bot.views import event_create as v
from bot.views import event_keyboards as kb
from bot.views import post_flow
from bot.views.event_announcement import announcement_text
from bot.views.event_keyboards import EventAct, EventDraftCb
from bot.views.post_preview import send_announcement_preview
from db.models import Event
from db.repositories.events import Announcement, NewEvent
from domain.enums import EventStatus, Urgency

TEXTS = WizardTexts(step_over("event"), post_flow.cancelled_text, v.already_confirmed, command="event")


def _draft_event(data: dict[str, Any], organiser_id: int) -> Event:
    """An unsaved Event, so the preview and the saved announcement come from the same text."""
    return Event(
        kind=data["kind"],
        organiser_id=organiser_id,
        scope_code=data["scope"],
        audience={"orgs": None, "grades": data.get("grades")},
        topic_kk=data["topic_kk"],
        topic_ru=data["topic_ru"],
        place=data["place"],
        starts_at=datetime.fromisoformat(data["starts_at"]),
        duration_min=DEFAULT_DURATION_MIN,
        capacity=data.get("capacity"),
        status=EventStatus.SCHEDULED,
        revision=1,
    )


def _send_at(now: datetime) -> datetime | None:
    # An announcement is never urgent: at night it waits for the morning like any ordinary post.
    return effective_send_at(None, now, Urgency.NORMAL)


async def show_preview(step: Step, catalogue: Catalogue, preview: State) -> None:
    """The announcement as parents will see it, then the summary: after the last step, or after a part
    changed from the summary (the change is over then)."""
    await revise.done(step)
    data = await step.data()
    await step.state.set_state(preview)
    event = _draft_event(data, chat_id := step.message.chat.id)
    await step.message.answer(v.preview_intro(step.locale))
    await send_announcement_preview(step.bot, chat_id, event, await step.repo.orgs.get(data["scope"]))
    await show_summary(step, catalogue, edit=False)


async def show_summary(step: Step, catalogue: Catalogue, *, edit: bool) -> None:
    """Whom the announcement reaches, when, the places, with Confirm and ✏️ Change; `edit`: in place of the
    message pressed on (the menu of Change). Change counts only on the latest summary."""
    data = await step.data()
    event = _draft_event(data, step.message.chat.id)
    audience, recipients, needs_approval = await draft_audience(step, [data["scope"]], data.get("grades"))
    day = event.starts_at.astimezone(KZ).date()  # its roadmap: in force then in the invited area's region
    plan = fh.measure_plan(catalogue, await fh.regions_of(step.repo, [data["scope"]]), day)
    summary = v.preview_summary(
        data["kind"],
        plan,
        day,
        audience,
        recipients,
        post_flow.when_text(send_at := _send_at(step.clock.now()), step.locale),
        data.get("capacity"),
        needs_approval,
        step.locale,
        night=post_flow.night_note(step.clock.now(), step.locale, event=True),
        at_once=send_at is None,
        same_day=await step.repo.events.scheduled_in_between(data["scope"], *kz_day(day)),
    )
    shown = await step.show(summary, kb.confirm_keyboard(step.locale), edit=edit)
    await revise.counts_on(step, shown)


async def on_confirm(
    query: CallbackQuery, step: Step, settings: Settings, broadcaster: BroadcastSender
) -> None:
    # The draft stays until the event is saved: a failed insert keeps it, and a press already on its way
    # finds the draft key taken. Confirm of an older summary (one Change was pressed on) is a step over.
    data = await step.data()
    now, locale = step.clock.now(), step.locale
    if revise.elsewhere(data, step.message.message_id):
        await step.refuse(query, TEXTS.step_over)
        return
    if not await step.still_covers(query, [data["scope"]]):  # the role changed while the preview was open
        return
    event = _draft_event(data, query.from_user.id)
    if event.starts_at <= now:
        await step.state.clear()
        await query.answer(v.when_in_past(locale), show_alert=True)
        await step.message.edit_text(TEXTS.step_over(locale))
        return
    _names, recipients, needs_approval = await draft_audience(step, [data["scope"]], data.get("grades"))
    send_at = _send_at(now)
    fields = ("kind", "organiser_id", "scope_code", "audience", "topic_kk", "topic_ru", "place")
    new = NewEvent(
        draft_key=data["draft_key"],
        starts_at=event.starts_at,
        duration_min=event.duration_min,
        capacity=event.capacity,
        **{name: getattr(event, name) for name in fields},
    )
    announcement = Announcement(
        text_kk=announcement_text(event, "kk"),
        text_ru=announcement_text(event, "ru"),
        send_at=send_at,
        needs_approval=needs_approval,
    )
    created = await step.save(query, step.repo.events.create_with_announcement(new, announcement, now))
    if isinstance(created, Unsaved):
        return
    if created is None:
        await query.answer(v.already_confirmed(locale), show_alert=True)
        return
    await step.finish()
    detail = f"event {created.event_id}"
    await step.repo.audit.record(
        query.from_user.id, "event.created", now, post_id=created.post_id, detail=detail
    )
    await step.taken(query)
    announced = v.announced_text(recipients, locale, when=post_flow.when_text(send_at, locale))
    confirmed = Confirmed(created.post_id, recipients, send_at, needs_approval)
    await publish_or_ask(step, confirmed, announced, broadcaster, settings.admin_ids)
    await step.message.answer(v.answers_hint(locale))


def register(flow: Wizard, preview: State) -> None:
    """Confirm, while /event shows the summary (`preview`)."""
    flow.button(on_confirm, EventDraftCb.filter(F.act == EventAct.confirm), preview)
