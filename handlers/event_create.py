"""/event: a guided conversation that announces a Family Hour, a parent seminar or a parent-club meeting.

Topic in both languages, the date (and the kind outside the Family Hour months), place, who is invited, the
places; then the preview and Confirm. The event and its announcement post are created together, and the
announcement goes through the outbox like any post, with the RSVP buttons.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from typing import Any

from aiogram import F, Router
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.broadcast import BroadcastSender
from bot.clock import KZ, kz_day
from bot.content import Content
from bot.events import DEFAULT_DURATION_MIN
from bot.events import family_hour as fh
from bot.flows.bilingual import kazakh_taken, russian_taken
from bot.flows.grades import GradeAct, GradeCb, audience_grades, grades_of, toggled
from bot.flows.moments import MomentError, Problem, parse_moment
from bot.flows.org_picker import OrgAct, OrgCb, PageCb, own_tops, tree_level
from bot.flows.publish import Confirmed, draft_audience, publish_or_ask
from bot.flows.typed_input import typed_address, typed_line
from bot.flows.wizard import Step, StepOf, Unsaved, Wizard, WizardTexts, step_over
from bot.measures import Catalogue
from bot.quiet_hours import effective_send_at
from bot.settings import Settings
from bot.views import event_create as v
from bot.views import event_keyboards as kb
from bot.views import post_flow
from bot.views.event_announcement import announcement_text
from bot.views.event_keyboards import (
    EventAct,
    EventDraftCb,
    EventGradeCb,
    EventKindCb,
    EventOrgCb,
    EventPageCb,
)
from bot.views.paging import paginate
from bot.views.post_preview import send_announcement_preview
from bot.views.typed_dates import no_such_moment_text
from db.models import Event, Organisation
from db.repositories.events import Announcement, NewEvent
from domain.enums import AREA_KINDS, EventKind, EventStatus, Urgency

MAX_AHEAD = timedelta(days=366)


class EventAuthoring(StatesGroup):
    topic_kk = State()
    topic_ru = State()
    when = State()
    kind = State()
    place = State()
    organisation = State()
    grades = State()
    capacity = State()
    preview = State()


TEXTS = WizardTexts(step_over("event"), post_flow.cancelled_text, v.already_confirmed, command="event")


def _steps(data: dict[str, Any]) -> list[str]:
    """The steps this organiser will see: the kind only for a date outside the Family Hour months, who is
    invited unless they have one school, the grades unless the invited organisation has only one."""
    kind, choices = data.get("own_kind"), data.get("grade_choices")  # choices: once the invited is known
    steps = ["topic_kk", "topic_ru", "when", *(["kind"] if data.get("kind_asked") else []), "place"]
    steps += [] if kind else ["organisation"]
    many = len(choices) > 1 if choices is not None else kind is None or len(grades_of(kind)) > 1
    steps += ["grades"] if many else []
    return [*steps, "capacity"]


async def start_event(message: Message, step: Step) -> None:
    await step.state.clear()
    tops = await own_tops(step.access, step.repo)
    if not tops:
        await message.answer(v.no_organisations(step.locale))
        return
    # A school psychologist has one school: who is invited is not asked.
    own = tops[0].kind if len(tops) == 1 and tops[0].kind not in AREA_KINDS else None
    data = await step.state.update_data(draft_key=secrets.token_hex(8), own_kind=own)
    await step.state.set_state(EventAuthoring.topic_kk)
    await message.answer(
        v.ask_topic_kk(await step.counted("topic_kk", _steps(data)), step.locale),
        reply_markup=kb.cancel_keyboard(step.locale),
    )


async def _accepted_topic(step: Step) -> str | None:
    return await step.accept(
        typed_line(step.message), v.TOPIC_LIMIT, post_flow.text_expected, v.topic_too_long
    )


async def got_topic_kk(message: Message, step: Step) -> None:
    if (text := await _accepted_topic(step)) is not None:
        ask_ru = v.ask_topic_ru(await step.counted("topic_ru", _steps(await step.data())), step.locale)
        cancel_only = kb.cancel_keyboard(step.locale)
        await kazakh_taken(step, "topic_kk", text, ask_ru, EventAuthoring.topic_ru, cancel_only)


async def got_topic_ru(message: Message, step: Step, content: Content, catalogue: Catalogue) -> None:
    text = await _accepted_topic(step)
    keep = kb.keep_keyboard(step.locale)
    if text is not None and await russian_taken(step, ("topic_kk", "topic_ru"), text, keep):
        await _ask_when(step, content, catalogue)


async def _family_hour(
    step: Step, day: date, content: Content, catalogue: Catalogue
) -> fh.FamilyHourMonths | None:
    """The Family Hour months of the roadmap for the staff member's regions on `day` (admin: any region)."""
    regions, today = await fh.regions_of(step.repo, step.access.scope_codes), step.clock.now().astimezone(KZ)
    return fh.family_hour_months(catalogue, regions, day, content.familyhour.measures, today.date())


async def _ask_when(step: Step, content: Content, catalogue: Catalogue) -> None:
    await step.state.set_state(EventAuthoring.when)
    now = step.clock.now()
    family_hour = await _family_hour(step, now.astimezone(KZ).date(), content, catalogue)
    text = v.ask_when(now, family_hour, await step.counted("when", _steps(await step.data())), step.locale)
    await step.message.answer(text, reply_markup=kb.cancel_keyboard(step.locale))


async def got_when(message: Message, step: Step, content: Content, catalogue: Catalogue) -> None:
    """The date step; also a new date typed while the kind is asked (to make it a Family Hour after all)."""
    now, locale = step.clock.now(), step.locale
    try:
        starts_at = parse_moment(message.text or "", now, max_ahead=MAX_AHEAD)
    except MomentError as error:
        if error.problem is Problem.PAST:
            await message.answer(v.when_in_past(locale))
        elif error.problem is Problem.TOO_FAR:
            await message.answer(v.when_too_far(locale))
        elif error.detail is not None:  # 31.02, 24:00: no such day or time, told why
            await message.answer(no_such_moment_text(error.detail, now, locale))
        elif await step.state.get_state() == EventAuthoring.kind.state:
            markup = kb.kind_keyboard(locale, family_hour=bool((await step.data()).get("family_hour_open")))
            await message.answer(v.kind_expected(locale), reply_markup=markup)
        else:
            await message.answer(v.when_not_understood(now, locale))
        return
    await step.state.update_data(starts_at=starts_at.isoformat())
    local = starts_at.astimezone(KZ)
    family_hour = await _family_hour(step, local.date(), content, catalogue)
    if family_hour is not None and local.month in family_hour.months:
        kind = EventKind.FAMILY_HOUR.value
        await step.state.update_data(kind=kind, family_hour_month=True, kind_asked=False)
        await _ask_place(step, edit=False)
        return
    # Outside the months: a Family Hour too, unless a roadmap in force on the date holds it to its months.
    may_hold = fh.family_hour_allowed(family_hour, local.month)
    asked = {"kind": None, "family_hour_month": False, "family_hour_open": may_hold, "kind_asked": True}
    data = await step.state.update_data(asked)
    await step.state.set_state(EventAuthoring.kind)
    text = v.ask_kind(starts_at, family_hour, await step.counted("kind", _steps(data)), locale)
    await step.show(text, kb.kind_keyboard(locale, family_hour=may_hold), edit=False)


async def _ask_place(step: Step, *, edit: bool) -> None:
    data = await step.data()
    await step.state.set_state(EventAuthoring.place)
    kind, family_hour_month = data["kind"], data["family_hour_month"]
    text = v.ask_place(kind, family_hour_month, await step.counted("place", _steps(data)), step.locale)
    await step.show(text, kb.place_keyboard(kind, family_hour_month, step.locale), edit=edit)


async def got_place(message: Message, step: Step) -> None:
    place = await step.accept(
        typed_address(message), v.PLACE_LIMIT, post_flow.text_expected, v.place_too_long
    )
    if place is None:
        return
    await step.state.update_data(place=place)
    await _ask_organisation(step, edit=False)


async def _ask_organisation(step: Step, *, edit: bool) -> None:
    data = await step.data()
    if "level" not in data:
        tops = await own_tops(step.access, step.repo)
        if len(tops) == 1 and tops[0].kind not in AREA_KINDS:
            # A school psychologist has one school: no question to ask.
            await _use_organisation(step, tops[0], edit=edit)
            return
        data = await step.state.update_data(level="", page=0)
    # An area that left the scope since (a role changed) starts over at the user's own scopes.
    level = await tree_level(data["level"], step.access, step.repo) or await tree_level(
        "", step.access, step.repo
    )
    assert level is not None  # the user's own scopes always make a screen
    await step.state.set_state(EventAuthoring.organisation)
    markup = kb.organisations_keyboard(level, paginate(level.items, data.get("page", 0)), step.locale)
    steps = await step.counted("organisation", _steps(data))
    await step.show(v.ask_organisation(level.area, steps, step.locale), markup, edit=edit)


async def _use_organisation(step: Step, org: Organisation, *, edit: bool) -> None:
    grades = await audience_grades(step.repo, org, None)
    await step.state.update_data(scope=org.code, grade_choices=list(grades))
    if len(grades) == 1:
        await step.state.update_data(grades=list(grades))
        await _ask_capacity(step, edit=edit)
        return
    await _ask_grades(step, org, edit=edit)


async def _ask_grades(step: Step, org: Organisation, *, edit: bool) -> None:
    data = await step.data()
    await step.state.set_state(EventAuthoring.grades)
    choices = tuple(data.get("grade_choices") or ())
    markup = kb.grades_keyboard_of(choices, set(data.get("grades") or []), step.locale)
    steps = await step.counted("grades", _steps(data))
    await step.show(v.ask_grades(org, steps, step.locale), markup, edit=edit)


async def _ask_capacity(step: Step, *, edit: bool) -> None:
    await step.state.set_state(EventAuthoring.capacity)
    text = v.ask_capacity(await step.counted("capacity", _steps(await step.data())), step.locale)
    await step.show(text, kb.capacity_keyboard(step.locale), edit=edit)


async def got_capacity(message: Message, step: Step, catalogue: Catalogue) -> None:
    text = (message.text or "").strip().replace(" ", "")
    if not text.isdecimal() or not 1 <= int(text) <= v.CAPACITY_MAX:
        note = v.capacity_not_understood(step.locale)
        await message.answer(note, reply_markup=kb.capacity_keyboard(step.locale))
        return
    await step.state.update_data(capacity=int(text))
    await _show_preview(step, catalogue)


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


async def _show_preview(step: Step, catalogue: Catalogue) -> None:
    data = await step.data()
    await step.state.set_state(EventAuthoring.preview)
    event = _draft_event(data, chat_id := step.message.chat.id)
    await step.message.answer(v.preview_intro(step.locale))
    await send_announcement_preview(step.bot, chat_id, event, await step.repo.orgs.get(data["scope"]))
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
    await step.show(summary, kb.confirm_keyboard(step.locale), edit=False)


async def on_keep(query: CallbackQuery, step: Step, content: Content, catalogue: Catalogue) -> None:
    await step.taken(query)
    await _ask_when(step, content, catalogue)


async def on_kind(query: CallbackQuery, callback_data: EventKindCb, step: Step) -> None:
    # Outside the Family Hour months of a roadmap in force only the two other kinds may be chosen.
    data = await step.data()
    may_hold = data.get("family_hour_month") or data.get("family_hour_open")
    if callback_data.kind is EventKind.FAMILY_HOUR and not may_hold:
        await step.refuse(query)
        return
    await step.state.update_data(kind=callback_data.kind.value)
    await query.answer()
    if await step.state.get_state() == EventAuthoring.place.state:
        await _ask_place(step, edit=True)
    else:
        await step.message.edit_reply_markup(reply_markup=None)
        await _ask_place(step, edit=False)


async def on_level(query: CallbackQuery, callback_data: OrgCb, step: Step) -> None:
    """Into an area, or Back up to the one above it ("" for the user's own scopes)."""
    if await tree_level(callback_data.code, step.access, step.repo) is None:
        await step.refuse(query)
        return
    await step.state.update_data(level=callback_data.code, page=0)
    await query.answer()
    await _ask_organisation(step, edit=True)


async def on_organisation(query: CallbackQuery, callback_data: OrgCb, step: Step) -> None:
    """Everyone in an area, or one organisation."""
    code = callback_data.code
    org = await step.repo.orgs.get(code)
    is_area = org is not None and org.kind in AREA_KINDS
    if org is None or not step.access.covers(code) or is_area != (callback_data.act is OrgAct.whole):
        await step.refuse(query)
        return
    await query.answer()
    await _use_organisation(step, org, edit=True)


async def on_page(query: CallbackQuery, callback_data: PageCb, step: Step) -> None:
    await step.state.update_data(page=max(0, callback_data.page))
    await query.answer()
    await _ask_organisation(step, edit=True)


async def on_grades(query: CallbackQuery, callback_data: GradeCb, step: Step) -> None:
    data = await step.data()
    org = await step.repo.orgs.get(data["scope"])
    if org is None:
        await step.state.clear()
        await query.answer(TEXTS.step_over(step.locale), show_alert=True)
        return
    grades: tuple[str, ...] = tuple(data.get("grade_choices") or ())
    if callback_data.act is GradeAct.toggle:
        if callback_data.grade not in grades:
            await step.refuse(query)
            return
        await step.state.update_data(grades=toggled(data.get("grades"), callback_data.grade, grades))
        await query.answer()
        await _ask_grades(step, org, edit=True)
        return
    if callback_data.act is GradeAct.all:
        await step.state.update_data(grades=None)
    await query.answer()
    await _ask_capacity(step, edit=True)


async def on_no_limit(query: CallbackQuery, step: Step, catalogue: Catalogue) -> None:
    await step.state.update_data(capacity=None)
    await step.taken(query)
    await _show_preview(step, catalogue)


async def on_back(query: CallbackQuery, step: Step) -> None:
    """From a picker of who is invited to the step before it: the grades to the organisations (when they
    were asked), the organisations (or one school's grades) to the place."""
    await query.answer()
    on_grades = await step.state.get_state() == EventAuthoring.grades.state
    if on_grades and "organisation" in _steps(await step.data()):
        await _ask_organisation(step, edit=True)
        return
    await _ask_place(step, edit=True)


async def on_confirm(
    query: CallbackQuery, step: Step, settings: Settings, broadcaster: BroadcastSender
) -> None:
    # The draft stays until the event is saved: a failed insert keeps it, and a press already on its way
    # finds the draft key taken.
    data = await step.data()
    now, locale = step.clock.now(), step.locale
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


def build_router() -> Router:
    router = Router(name=__name__)
    not_a_list = ~F.text.regexp(r"(?i)^\S+\s+list\b")  # `/event list` is handlers/event_manage.py's
    flow = Wizard(router, "event", EventDraftCb.__prefix__, TEXTS, EventAuthoring)
    flow.start(start_event, "event", not_a_list, StepOf("event"))
    flow.cancel_command()
    flow.typed(got_topic_kk, EventAuthoring.topic_kk)
    flow.typed(got_topic_ru, EventAuthoring.topic_ru)
    flow.typed(got_when, EventAuthoring.when, EventAuthoring.kind)
    flow.typed(got_place, EventAuthoring.place)
    flow.typed(got_capacity, EventAuthoring.capacity)
    flow.cancel_button(EventDraftCb.filter(F.act == EventAct.cancel))
    flow.button(on_keep, EventDraftCb.filter(F.act == EventAct.keep), EventAuthoring.topic_ru)
    flow.button(on_kind, EventKindCb.filter(), EventAuthoring.kind, EventAuthoring.place)
    choose = EventAuthoring.organisation
    flow.button(on_level, EventOrgCb.filter(F.act.in_({OrgAct.open, OrgAct.up})), choose)
    flow.button(on_organisation, EventOrgCb.filter(F.act.in_({OrgAct.whole, OrgAct.pick})), choose)
    flow.button(on_page, EventPageCb.filter(), choose)
    flow.button(on_grades, EventGradeCb.filter(), EventAuthoring.grades)
    flow.button(on_no_limit, EventDraftCb.filter(F.act == EventAct.no_limit), EventAuthoring.capacity)
    flow.button(on_back, EventDraftCb.filter(F.act == EventAct.back), choose, EventAuthoring.grades)
    flow.button(on_confirm, EventDraftCb.filter(F.act == EventAct.confirm), EventAuthoring.preview)
    flow.close(EventDraftCb.filter(F.act == EventAct.confirm))
    return router
