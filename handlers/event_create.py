"""/event: a guided conversation that announces a Family Hour, a parent seminar or a parent-club meeting.

Topic in both languages, the date (and the kind outside the Family Hour months), place, who is invited, the
places; then the preview and Confirm (handlers/event_confirm.py). The event and its announcement post are
created together, and the announcement goes through the outbox like any post, with the RSVP buttons. The
questions are handlers/event_steps.py's; ✏️ Change on the summary is handlers/event_change.py's: an answer
taken while a part is changed leads back to the summary instead of the next step (`_after`).
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.clock import KZ
from bot.content import Content
from bot.events import family_hour as fh
from bot.flows import revise
from bot.flows.bilingual import kazakh_taken, russian_taken
from bot.flows.grades import GradeAct, GradeCb, audience_grades, toggled
from bot.flows.language_guess import has_letters
from bot.flows.moments import MomentError, Problem, parse_moment
from bot.flows.org_picker import OrgAct, OrgCb, PageCb, own_tops, tree_level
from bot.flows.typed_input import typed_address, typed_line
from bot.flows.wizard import Step, StepOf, Wizard
from bot.measures import Catalogue
from bot.views import event_create as v
from bot.views import event_keyboards as kb
from bot.views import post_flow
from bot.views.event_keyboards import (
    EventAct,
    EventDraftCb,
    EventGradeCb,
    EventKindCb,
    EventOrgCb,
    EventPageCb,
)
from bot.views.typed_dates import no_such_moment_text
from db.models import Organisation
from domain.enums import AREA_KINDS, EventKind
from handlers import event_change, event_confirm
from handlers import event_steps as ask
from handlers.event_confirm import TEXTS
from handlers.event_steps import EventAuthoring

MAX_AHEAD = timedelta(days=366)


async def start_event(message: Message, step: Step) -> None:
    await step.state.clear()
    tops = await own_tops(step.access, step.repo)
    if not tops:
        await message.answer(v.no_organisations(step.locale))
        return
    # A school psychologist has one school: who is invited is not asked.
    own = tops[0].kind if len(tops) == 1 and tops[0].kind not in AREA_KINDS else None
    await step.state.update_data(draft_key=secrets.token_hex(8), own_kind=own)
    await ask.ask_topic_kk(step, edit=False)


async def _after(step: Step, catalogue: Catalogue, ask_next: Callable[[], Awaitable[None]]) -> None:
    """The next step, or the preview and a fresh summary when the answer just taken was a change from it."""
    if await revise.done(step):
        await event_confirm.show_preview(step, catalogue, EventAuthoring.preview)
    else:
        await ask_next()


async def _accepted_topic(step: Step) -> str | None:
    return await step.accept(
        typed_line(step.message), v.TOPIC_LIMIT, post_flow.text_expected, v.topic_too_long
    )


async def got_topic_kk(message: Message, step: Step, catalogue: Catalogue) -> None:
    if (text := await _accepted_topic(step)) is None:
        return
    if revise.revising(await step.data()) != "kk":
        ask_ru = v.ask_topic_ru(await ask.counted(step, "topic_ru"), step.locale)
        markup = kb.cancel_keyboard(step.locale, kb.BACK)
        await kazakh_taken(step, "topic_kk", text, ask_ru, EventAuthoring.topic_ru, markup)
        return
    # Changed from the summary: checked against the Russian topic, as the Russian step checks the pair.
    if not has_letters(text):
        await message.answer(post_flow.NO_WORDS["kk"](step.locale))
        return
    data = await step.state.update_data(topic_kk=text)
    if post_flow.kazakh_mismatch(text, data["topic_ru"]):  # send it again, or keep it
        await message.answer(
            post_flow.kazakh_changed_warning(step.locale), reply_markup=kb.keep_keyboard(step.locale)
        )
        return
    await _after(step, catalogue, lambda: ask.ask_topic_ru(step, edit=False))


async def got_topic_ru(message: Message, step: Step, content: Content, catalogue: Catalogue) -> None:
    text = await _accepted_topic(step)
    keep = kb.keep_keyboard(step.locale)
    if text is not None and await russian_taken(step, ("topic_kk", "topic_ru"), text, keep):
        await _after(step, catalogue, lambda: ask.ask_when(step, content, catalogue, edit=False))


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
            may_hold = bool((await step.data()).get("family_hour_open"))
            markup = kb.kind_keyboard(locale, family_hour=may_hold, back=kb.BACK)
            await message.answer(v.kind_expected(locale), reply_markup=markup)
        else:
            await message.answer(v.when_not_understood(now, locale))
        return
    data = await step.state.update_data(starts_at=starts_at.isoformat())
    local = starts_at.astimezone(KZ)
    family_hour = await ask.family_hour_on(step, local.date(), content, catalogue)
    # A date changed from the summary keeps the kind chosen, where the new date allows it.
    kept = data.get("kind") if revise.revising(data) == "when" else None
    if family_hour is not None and local.month in family_hour.months:
        kind = kept or EventKind.FAMILY_HOUR.value
        await step.state.update_data(kind=kind, family_hour_month=True, kind_asked=False)
        await _after(step, catalogue, lambda: ask.ask_place(step, edit=False))
        return
    # Outside the months: a Family Hour too, unless a roadmap in force on the date holds it to its months.
    may_hold = fh.family_hour_allowed(family_hour, local.month)
    kept = kept if may_hold or kept != EventKind.FAMILY_HOUR.value else None
    asked = {"kind": kept, "family_hour_month": False, "family_hour_open": may_hold, "kind_asked": True}
    await step.state.update_data(asked)
    if kept is not None:
        await _after(step, catalogue, lambda: ask.ask_place(step, edit=False))
    else:
        await ask.ask_kind(step, starts_at, family_hour)


async def got_place(message: Message, step: Step, catalogue: Catalogue) -> None:
    place = await step.accept(
        typed_address(message), v.PLACE_LIMIT, post_flow.text_expected, v.place_too_long
    )
    if place is None:
        return
    await step.state.update_data(place=place)
    await _after(step, catalogue, lambda: _ask_organisation(step, catalogue, edit=False))


async def _ask_organisation(step: Step, catalogue: Catalogue, *, edit: bool) -> None:
    if (school := await ask.ask_organisation(step, edit=edit)) is not None:
        await _use_organisation(step, school, catalogue, edit=edit)


async def _use_organisation(step: Step, org: Organisation, catalogue: Catalogue, *, edit: bool) -> None:
    grades = await audience_grades(step.repo, org, None)
    await step.state.update_data(scope=org.code, grade_choices=list(grades))
    if len(grades) == 1:
        await step.state.update_data(grades=list(grades))
        await _audience_chosen(step, catalogue, edit=edit)
        return
    await ask.ask_grades(step, org, edit=edit)


async def _audience_chosen(step: Step, catalogue: Catalogue, *, edit: bool) -> None:
    """The places next; or, who is invited changed from the summary, its picker's buttons go and the
    summary comes again."""
    if edit and revise.revising(await step.data()) == "to":
        await step.message.edit_reply_markup(reply_markup=None)
    await _after(step, catalogue, lambda: ask.ask_capacity(step, edit=edit))


async def got_capacity(message: Message, step: Step, catalogue: Catalogue) -> None:
    text = (message.text or "").strip().replace(" ", "")
    if not text.isdecimal() or not 1 <= int(text) <= v.CAPACITY_MAX:
        note = v.capacity_not_understood(step.locale)
        await message.answer(note, reply_markup=kb.capacity_keyboard(step.locale))
        return
    await step.state.update_data(capacity=int(text))
    await event_confirm.show_preview(step, catalogue, EventAuthoring.preview)


async def on_keep(query: CallbackQuery, step: Step, content: Content, catalogue: Catalogue) -> None:
    """Keep as it is under a warning: of the Russian topic, or of a Kazakh one changed from the summary."""
    at_kk = await step.state.get_state() == EventAuthoring.topic_kk.state
    if at_kk and revise.revising(await step.data()) != "kk":
        await step.refuse(query)  # Keep at the Kazakh topic only after a changed one was warned about
        return
    await step.taken(query)
    await _after(step, catalogue, lambda: ask.ask_when(step, content, catalogue, edit=False))


async def on_kind(query: CallbackQuery, callback_data: EventKindCb, step: Step, catalogue: Catalogue) -> None:
    # Outside the Family Hour months of a roadmap in force only the two other kinds may be chosen.
    data = await step.data()
    may_hold = data.get("family_hour_month") or data.get("family_hour_open")
    if callback_data.kind is EventKind.FAMILY_HOUR and not may_hold:
        await step.refuse(query)
        return
    await step.state.update_data(kind=callback_data.kind.value)
    await query.answer()
    if await step.state.get_state() == EventAuthoring.place.state:
        await ask.ask_place(step, edit=True)
    else:
        await step.message.edit_reply_markup(reply_markup=None)
        await _after(step, catalogue, lambda: ask.ask_place(step, edit=False))


async def on_level(query: CallbackQuery, callback_data: OrgCb, step: Step, catalogue: Catalogue) -> None:
    """Into an area, or Back up to the one above it ("" for the user's own scopes)."""
    if await tree_level(callback_data.code, step.access, step.repo) is None:
        await step.refuse(query)
        return
    await step.state.update_data(level=callback_data.code, page=0)
    await query.answer()
    await _ask_organisation(step, catalogue, edit=True)


async def on_organisation(
    query: CallbackQuery, callback_data: OrgCb, step: Step, catalogue: Catalogue
) -> None:
    """Everyone in an area, or one organisation."""
    code = callback_data.code
    org = await step.repo.orgs.get(code)
    is_area = org is not None and org.kind in AREA_KINDS
    if org is None or not step.access.covers(code) or is_area != (callback_data.act is OrgAct.whole):
        await step.refuse(query)
        return
    await query.answer()
    await _use_organisation(step, org, catalogue, edit=True)


async def on_page(query: CallbackQuery, callback_data: PageCb, step: Step, catalogue: Catalogue) -> None:
    await step.state.update_data(page=max(0, callback_data.page))
    await query.answer()
    await _ask_organisation(step, catalogue, edit=True)


async def on_grades(query: CallbackQuery, callback_data: GradeCb, step: Step, catalogue: Catalogue) -> None:
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
        await ask.ask_grades(step, org, edit=True)
        return
    if callback_data.act is GradeAct.all:
        await step.state.update_data(grades=None)
    await query.answer()
    await _audience_chosen(step, catalogue, edit=True)


async def on_no_limit(query: CallbackQuery, step: Step, catalogue: Catalogue) -> None:
    await step.state.update_data(capacity=None)
    await step.taken(query)
    await event_confirm.show_preview(step, catalogue, EventAuthoring.preview)


async def on_back(query: CallbackQuery, step: Step, content: Content, catalogue: Catalogue) -> None:
    """⬅️ Back: the question of the step before, in place of this one. Where a part is being changed from
    the summary (the kind after a new date, a number asked again), the part's first question instead."""
    await query.answer()
    data, at = await step.data(), await step.state.get_state()
    if revise.revising(data) is not None and revise.elsewhere(data, step.message.message_id):
        await revise.again_here(step, event_change.ask_again)
        return
    steps, S = ask.steps_of(data), EventAuthoring
    if at == S.topic_ru.state:
        await ask.ask_topic_kk(step, edit=True)
    elif at == S.when.state:
        await ask.ask_topic_ru(step, edit=True)
    elif at == S.place.state and "kind" in steps:
        starts_at = datetime.fromisoformat(data["starts_at"])
        family_hour = await ask.family_hour_on(step, starts_at.astimezone(KZ).date(), content, catalogue)
        await ask.ask_kind(step, starts_at, family_hour, edit=True)
    elif at in (S.kind.state, S.place.state):
        await ask.ask_when(step, content, catalogue, edit=True)
    elif at == S.capacity.state and "grades" in steps:
        org = await step.repo.orgs.get(data["scope"])
        await (ask.ask_grades(step, org, edit=True) if org is not None else ask.ask_place(step, edit=True))
    elif at in (S.capacity.state, S.grades.state) and "organisation" in steps:
        await _ask_organisation(step, catalogue, edit=True)
    else:  # the organisations, one school's grades, or the places of one school with one grade
        await ask.ask_place(step, edit=True)


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
    on_topic = (EventAuthoring.topic_kk, EventAuthoring.topic_ru)
    flow.button(on_keep, EventDraftCb.filter(F.act == EventAct.keep), *on_topic)
    flow.button(on_kind, EventKindCb.filter(), EventAuthoring.kind, EventAuthoring.place)
    choose = EventAuthoring.organisation
    flow.button(on_level, EventOrgCb.filter(F.act.in_({OrgAct.open, OrgAct.up})), choose)
    flow.button(on_organisation, EventOrgCb.filter(F.act.in_({OrgAct.whole, OrgAct.pick})), choose)
    flow.button(on_page, EventPageCb.filter(), choose)
    flow.button(on_grades, EventGradeCb.filter(), EventAuthoring.grades)
    flow.button(on_no_limit, EventDraftCb.filter(F.act == EventAct.no_limit), EventAuthoring.capacity)
    S = EventAuthoring
    after_first = (S.topic_ru, S.when, S.kind, S.place, S.organisation, S.grades, S.capacity)
    flow.button(on_back, EventDraftCb.filter(F.act == EventAct.back), *after_first)
    event_confirm.register(flow, EventAuthoring.preview)
    event_change.register(flow)
    flow.close(EventDraftCb.filter(F.act == EventAct.confirm))
    return router
