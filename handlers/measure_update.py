"""/update: staff report progress on roadmap measures; public updates reach parents.

Built from `bot/flows/`: one handler per typed press (`bot/views/measure_update_keyboards.py`), the wizard's
guard answers old buttons, a late Confirm and Cancel; a public update ends in `publish_or_ask`. The questions,
⬅️ Back and the parts of the summary's ✏️ Change are in handlers/measure_update_questions.py.
"""

from __future__ import annotations

import re
from datetime import date

from aiogram import F, Router
from aiogram.filters import CommandObject
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.types import CallbackQuery, Message

from bot.broadcast import BroadcastSender
from bot.flows import revise
from bot.flows.moments import MomentError, parse_typed_day
from bot.flows.org_picker import OrgAct, OrgCb
from bot.flows.publish import Confirmed, publish_or_ask
from bot.flows.revise import Revision
from bot.flows.typed_input import attachment
from bot.flows.wizard import Step, StepOf, Unsaved, Wizard, WizardTexts
from bot.measures import Catalogue, Measure
from bot.numbers import ascii_int
from bot.quiet_hours import effective_send_at
from bot.settings import Settings
from bot.views import measure_update_keyboards as kb
from bot.views import measure_updates as v
from bot.views import post_flow
from bot.views.measure_update_keyboards import Act, UpdateCb, UpdateOrgCb, UpdateReviseCb
from bot.views.orgs import org_name
from bot.views.typed_dates import day_example, no_such_day_text
from db.models import Organisation
from db.repositories.drafts import NewPost
from db.repositories.measure_updates import NewUpdate
from domain.enums import AREA_KINDS, UpdateStatus, Urgency
from handlers import measure_update_orgs as orgs
from handlers import measure_update_questions as q
from handlers.measure_update_questions import UpdateAuthoring
from handlers.my_updates import (
    FLOW,
    UpdateEditing,
    accepted_text,
    in_plan,
    plan_for,
    register,
)

NUMBER = re.compile(r"^\s*\d[\d\s]{0,11}\s*$")

TEXTS = WizardTexts(q.STEP_OVER, post_flow.cancelled_text, v.already_saved, command="update")
S = UpdateAuthoring


def on(act: Act) -> CallbackQueryFilter:
    return UpdateCb.filter(F.act == act)


async def _step_over(step: Step) -> None:
    """The plan or the measure went away while the form was open."""
    await step.state.clear()
    await step.message.answer(TEXTS.step_over(step.locale))


# --- the conversation ------------------------------------------------------------------------------


async def start_update(message: Message, command: CommandObject, step: Step, catalogue: Catalogue) -> None:
    await step.state.clear()
    plan = await plan_for(step.access, step.repo, catalogue, step.clock.now().date())
    if plan is None:
        await message.answer(v.no_plan(step.access.is_coordinator, step.locale))
        return
    arg = (command.args or "").strip().lstrip("№#")
    asked = await orgs.asked(step, plan)
    await step.state.update_data(plan=plan.code, by_number=bool(arg), org_asked=asked)
    if arg:
        number = ascii_int(arg)
        measure = plan.measure(number) if number is not None else None
        if measure is None:
            await step.state.clear()
            await message.answer(v.no_such_measure(arg, step.locale))
            return
        await _begin(step, measure)
        return
    await q.ask_section(step, plan)


async def on_section(query: CallbackQuery, callback_data: UpdateCb, step: Step, catalogue: Catalogue) -> None:
    plan = await q.plan_of(step, catalogue)
    section = ascii_int(callback_data.value)
    measures = plan.in_section(section) if plan and section is not None else []
    if not measures:
        await step.refuse(query)
        return
    await query.answer()
    await q.ask_measure(step, measures)


async def on_measure(query: CallbackQuery, callback_data: UpdateCb, step: Step, catalogue: Catalogue) -> None:
    plan = await q.plan_of(step, catalogue)
    number = ascii_int(callback_data.value)
    measure = plan.measure(number) if plan and number is not None else None
    if measure is None:
        await step.refuse(query)
        return
    await step.taken(query)
    await _begin(step, measure)


async def _begin(step: Step, measure: Measure) -> None:
    await step.state.update_data(
        measure=measure.number, figures={}, figure_index=0, figure_count=len(measure.figures)
    )
    await q.ask_text(step, measure, "kk")


async def _summary_if_changed(step: Step, catalogue: Catalogue) -> bool:
    """After an answer: True (and a fresh summary) when it was a change from the summary."""
    if not await revise.done(step):
        return False
    await show_summary(step, catalogue)
    return True


async def got_text(message: Message, step: Step, catalogue: Catalogue) -> None:
    text = await accepted_text(step)
    if text is not None:
        language = "kk" if await step.state.get_state() == S.text_kk.state else "ru"
        await step.state.update_data({f"text_{language}": text})
        await _after_text(step, language, catalogue)


async def _after_text(step: Step, language: str, catalogue: Catalogue) -> None:
    data = await step.data()
    found = await q.measure_of(step, catalogue)
    if await _summary_if_changed(step, catalogue):
        return
    if data.get("completing"):
        # The missing language of a public update: the rest was answered already.
        await _ask_org(step, catalogue)
    elif language == "kk" and found is not None:
        await q.ask_text(step, found[1], "ru")
    else:
        await _ask_figure(step, catalogue)


async def _ask_figure(step: Step, catalogue: Catalogue) -> None:
    """The next figure of the measure, or the date after the last one."""
    if await _summary_if_changed(step, catalogue):
        return
    found = await q.measure_of(step, catalogue)
    index = int((await step.data()).get("figure_index", 0))
    if found is None or index >= len(found[1].figures):
        await q.ask_date(step)
        return
    await q.ask_figure(step, found[0], found[1])


async def got_figure(message: Message, step: Step, catalogue: Catalogue) -> None:
    text = message.text or ""
    found = await q.measure_of(step, catalogue)
    if not NUMBER.match(text) or found is None:
        await message.answer(v.number_expected(step.locale))
        return
    data = await step.data()
    index = int(data.get("figure_index", 0))
    figures = {**(data.get("figures") or {}), found[1].figures[index]: int(re.sub(r"\s", "", text))}
    await step.state.update_data(figures=figures, figure_index=index + 1)
    await _ask_figure(step, catalogue)


async def on_skip(query: CallbackQuery, step: Step, catalogue: Catalogue) -> None:
    current, data = await step.state.get_state(), await step.data()
    if current in (S.text_kk.state, S.text_ru.state):
        language = "kk" if current == S.text_kk.state else "ru"
        if not q.may_skip_text(data, language):  # a Skip the question did not offer
            await step.refuse(query)
            return
        await step.taken(query)
        await step.state.update_data({f"text_{language}": None})
        await _after_text(step, language, catalogue)
        return
    found = await q.measure_of(step, catalogue)
    await step.taken(query)
    # A figure: none given, also where one was given before (⬅️ Back, or a change from the summary).
    index = int(data.get("figure_index", 0))
    figures = dict(data.get("figures") or {})
    if found is not None and index < len(found[1].figures):
        figures.pop(found[1].figures[index], None)
    await step.state.update_data(figures=figures, figure_index=index + 1)
    await _ask_figure(step, catalogue)


async def got_date(message: Message, step: Step, catalogue: Catalogue) -> None:
    # A day already past (the day it was done): /report's day reader, not parse_moment's moment to come.
    today = step.clock.now().date()
    try:
        day = parse_typed_day(message.text)
    except MomentError as error:
        example = day_example(today, last=True)  # today: a day done, never one to come
        if error.detail is not None:  # 31.02.2026: no such day, told why
            await message.answer(no_such_day_text(error.detail, example, step.locale))
        else:
            await message.answer(v.date_not_understood(step.locale).format(example=example))
        return
    found = await q.measure_of(step, catalogue)
    if day > today:
        await message.answer(v.date_in_future(step.locale))
    elif found is not None and day < found[0].starts:
        await message.answer(v.date_before_plan(found[0].starts, step.locale))
    else:
        await _use_date(step, day, catalogue)


async def on_today(query: CallbackQuery, step: Step, catalogue: Catalogue) -> None:
    await step.taken(query)
    await _use_date(step, step.clock.now().date(), catalogue)


async def _use_date(step: Step, day: date, catalogue: Catalogue) -> None:
    await step.state.update_data(done_on=day.isoformat())
    if not await _summary_if_changed(step, catalogue):
        await q.ask_evidence(step)


async def got_evidence(message: Message, step: Step, catalogue: Catalogue) -> None:
    # Only Telegram's file id is kept: the file itself stays with Telegram.
    if (found := attachment(message)) is None:
        await message.answer(
            v.evidence_expected(step.locale), reply_markup=kb.evidence_keyboard(step.locale, None)
        )
        return
    await step.state.update_data(evidence_kind=found[0], evidence_file_id=found[1])
    if not await _summary_if_changed(step, catalogue):
        await q.ask_status(step)


async def on_no_evidence(query: CallbackQuery, step: Step, catalogue: Catalogue) -> None:
    await step.state.update_data(evidence_kind=None, evidence_file_id=None)
    await step.taken(query)
    if not await _summary_if_changed(step, catalogue):
        await q.ask_status(step)


async def on_status(query: CallbackQuery, callback_data: UpdateCb, step: Step, catalogue: Catalogue) -> None:
    if callback_data.value not in tuple(UpdateStatus):
        await step.refuse(query)
        return
    await step.state.update_data(status=callback_data.value)
    if revise.revising(await step.data()) is not None:
        await step.taken(query)
        await _summary_if_changed(step, catalogue)
        return
    await query.answer()
    await q.ask_public(step)


async def on_public(query: CallbackQuery, callback_data: UpdateCb, step: Step, catalogue: Catalogue) -> None:
    public = callback_data.value == "1"
    data = await step.state.update_data(public=public)
    missing = [lang for lang in ("kk", "ru") if not data.get(f"text_{lang}")] if public else []
    if missing:
        await step.state.update_data(completing=True)
        if revise.revising(data) is not None:
            # Asked in place: its ⬅️ Back, on the summary's own message, goes to the menu of ✏️ Change.
            await query.answer()
            await q.ask_missing(step, missing[0], edit=True)
        else:
            await step.taken(query)
            await q.ask_missing(step, missing[0])
        return
    await step.taken(query)
    if not await _summary_if_changed(step, catalogue):
        await _ask_org(step, catalogue)


# --- for which organisation ------------------------------------------------------------------------


async def _ask_org(step: Step, catalogue: Catalogue) -> None:
    found = await q.measure_of(step, catalogue)
    if found is None:
        await _step_over(step)
        return
    options = await orgs.options(step, found[0])
    if not options:
        await step.state.clear()
        await step.message.answer(v.no_plan(step.access.is_coordinator, step.locale))
        return
    # School staff report for their own organisation without being asked.
    if len(options) == 1 and options[0].kind not in AREA_KINDS:
        await _show_preview(step, options[0], catalogue)
        return
    await step.state.set_state(S.org)
    await orgs.ask(step, found[0], options[0].code if len(options) == 1 else "")


async def on_org(query: CallbackQuery, callback_data: OrgCb, step: Step, catalogue: Catalogue) -> None:
    """«Here» (the area itself) or one organisation, if the reporter may report for it."""
    plan = await q.plan_of(step, catalogue)
    org = await in_plan(callback_data.code, plan, step.access, step.repo) if plan else None
    if org is None or (org.kind in AREA_KINDS) != (callback_data.act is OrgAct.whole):
        await step.refuse(query)
        return
    await step.taken(query)
    await revise.done(step)
    await _show_preview(step, org, catalogue)


async def _show_preview(step: Step, org: Organisation, catalogue: Catalogue) -> None:
    await step.state.update_data(org=org.code)
    await show_summary(step, catalogue)


async def show_summary(step: Step, catalogue: Catalogue, *, edit: bool = False) -> None:
    """What will be saved, with Confirm and ✏️ Change: as a new message, or in place of the message pressed
    on (⬅️ Back from the menu of ✏️ Change). Change counts only on the latest summary."""
    data, found = await step.data(), await q.measure_of(step, catalogue)
    org = await in_plan(data.get("org", ""), found[0], step.access, step.repo) if found else None
    if found is None or org is None:
        await _step_over(step)
        return
    await step.state.set_state(S.preview)
    name = org_name(org, step.locale)
    evidence, area = data.get("evidence_kind"), org.kind in AREA_KINDS
    text = v.summary(found[0], found[1], data, name, step.locale, evidence=evidence, area=area)
    shown = await step.show(text, kb.confirm_keyboard(step.locale), edit=edit)
    await revise.counts_on(step, shown)


async def _summary_here(step: Step) -> None:
    await show_summary(step, step.catalogue, edit=True)


# --- saving, and the notice to parents --------------------------------------------------------------


async def on_confirm(
    query: CallbackQuery,
    step: Step,
    catalogue: Catalogue,
    broadcaster: BroadcastSender,
    settings: Settings,
) -> None:
    data, found = await step.data(), await q.measure_of(step, catalogue)
    org = await in_plan(data.get("org", ""), found[0], step.access, step.repo) if found else None
    if found is None or org is None:
        # The role or the organisation changed while the form was open.
        await step.state.clear()
        await step.refuse(query)
        return
    plan, measure = found
    now, author_id = step.clock.now(), query.from_user.id
    public = bool(data.get("public")) and bool(data.get("text_kk")) and bool(data.get("text_ru"))
    new = NewUpdate(
        plan=plan.code,
        measure_no=measure.number,
        org_code=org.code,
        author_id=author_id,
        text_kk=data.get("text_kk"),
        text_ru=data.get("text_ru"),
        figures=data.get("figures") or {},
        done_on=date.fromisoformat(data["done_on"]),
        status=data["status"],
        public=public,
        evidence_kind=data.get("evidence_kind"),
        evidence_file_id=data.get("evidence_file_id"),
    )
    # The draft stays until the update is saved (a failed insert keeps it).
    update_id = await step.save(query, step.repo.measure_updates.add(new, now))
    if isinstance(update_id, Unsaved):
        return
    await step.finish()
    detail = f"{plan.code}#{measure.number}@{org.code}"
    await step.repo.audit.record(author_id, f"{FLOW}.created", now, detail=detail)
    await step.taken(query)
    if not public:
        await step.message.answer(v.saved(False, step.locale))
        return
    text_kk, text_ru = v.post_texts(measure, data["status"], data["text_kk"], data["text_ru"])
    # A district- or region-wide notice needs a second pair of eyes, whichever way it is written.
    needs_approval = org.kind in AREA_KINDS and not step.access.is_admin
    send_at = effective_send_at(None, now, Urgency.NORMAL)
    post_id = await step.repo.drafts.confirm(
        NewPost(
            # One post per update, whatever races: the draft key is unique.
            draft_key=f"measure-update-{update_id}",
            author_id=author_id,
            scope_code=org.code,
            text_kk=text_kk,
            text_ru=text_ru,
            audience={"orgs": None, "grades": None},
            send_at=send_at,
            needs_approval=needs_approval,
        ),
        now,
    )
    if post_id is None:
        await step.message.answer(v.already_saved(step.locale))
        return
    await step.repo.measure_updates.attach_post(update_id, post_id)
    await step.repo.audit.record(author_id, f"{FLOW}.published", now, post_id=post_id, detail=str(update_id))
    recipients = await step.repo.audience.count([org.code], None)
    # Queued or waiting for /post's approvers, told in the one message with the saving.
    queued = post_flow.queued_text(recipients, post_flow.when_text(send_at, step.locale), step.locale)
    confirmed = Confirmed(post_id, recipients, send_at, needs_approval)
    saved = v.saved(True, step.locale, needs_approval=needs_approval) + "\n"
    await publish_or_ask(step, confirmed, queued, broadcaster, settings.admin_ids, lead=saved)


def build_router() -> Router:
    router = Router(name=__name__)
    flow = Wizard(router, FLOW, UpdateCb.__prefix__, TEXTS, UpdateAuthoring, UpdateEditing)
    # An edit from /myupdates is no /update draft.
    flow.start(start_update, "update", StepOf(FLOW), drafts=UpdateAuthoring.__all_states__)
    flow.typed(got_text, S.text_kk, S.text_ru)
    flow.typed(got_figure, S.figure)
    flow.typed(got_date, S.done_on)
    flow.typed(got_evidence, S.evidence)
    flow.cancel_button(on(Act.cancel))
    flow.button(on_section, on(Act.section), S.measure)
    flow.button(on_measure, on(Act.measure), S.measure)
    flow.button(on_skip, on(Act.skip), S.text_kk, S.text_ru, S.figure)
    asked = (S.measure, S.text_kk, S.text_ru, S.figure, S.done_on, S.evidence, S.status, S.public, S.org)
    flow.button(q.on_back, on(Act.back), *asked)
    flow.button(on_today, on(Act.today), S.done_on)
    flow.button(on_no_evidence, on(Act.no_evidence), S.evidence)
    flow.button(on_status, on(Act.status), S.status)
    flow.button(on_public, on(Act.public), S.public)
    orgs.register(flow, S.org)
    flow.button(on_org, UpdateOrgCb.filter(F.act.in_({OrgAct.whole, OrgAct.pick})), S.org)
    flow.button(on_confirm, on(Act.confirm), S.preview)
    changes = Revision(
        flow, UpdateReviseCb, kb.CANCEL, (S.preview, S.revise), q.parts, q.ask_again, _summary_here
    )
    changes.register(*asked[1:])
    register(router, flow)
    flow.close(on(Act.confirm))
    return router
