"""/post: a guided conversation that ends in a confirmed (or approval-bound) post in the outbox's hands."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.flows import revise
from bot.flows.bilingual import kazakh_taken, russian_taken
from bot.flows.grades import GRADES, GradeAct, GradeCb, audience_grades, grades_of, toggled
from bot.flows.language_guess import has_letters
from bot.flows.moments import MomentError, parse_moment
from bot.flows.org_picker import OrgAct, OrgCb, PageCb, own_tops
from bot.flows.revise import Part, Revision
from bot.flows.typed_input import attachment, typed_html
from bot.flows.wizard import Step, StepOf, Wizard, WizardTexts
from bot.settings import Settings
from bot.views import post_flow as v
from bot.views import post_keyboards as kb
from bot.views.paging import paginate
from bot.views.post_keyboards import (
    PostAct,
    PostCb,
    PostGradeCb,
    PostOrgCb,
    PostPageCb,
    PostReviseCb,
    PostScopeCb,
    PostUrgencyCb,
)
from bot.views.posts import visible_length
from db.models import Organisation
from domain.enums import AREA_KINDS, Urgency
from handlers import post_approval, post_confirm


class PostAuthoring(StatesGroup):
    scope = State()
    text_kk = State()
    text_ru = State()
    media = State()
    orgs = State()
    grades = State()
    urgency = State()
    when = State()
    time = State()
    preview = State()
    revise = State()  # the menu of the summary's ✏️ Change


TEXTS = WizardTexts(v.step_over_text, v.cancelled_text, v.already_confirmed_text, command="post")


def _steps(data: dict[str, Any]) -> list[str]:
    """The steps this author will see: whom it is from only when there is a choice, the organisations only
    for an area, the grades only where there are several; the kinds of the possible scopes decide."""
    kinds = data.get("scope_kinds") or []
    steps = ["scope"] if data.get("ask_scope") else []
    steps += ["text_kk", "text_ru", "media"]
    steps += ["orgs"] if any(kind in AREA_KINDS for kind in kinds) else []
    choices = data.get("grade_choices")  # once the audience is known, what its organisations teach
    many = len(choices) > 1 if choices is not None else any(len(grades_of(kind)) > 1 for kind in kinds)
    steps += ["grades"] if many else []
    return [*steps, "urgency", "when"]


async def _prompt(step: Step, name: str, note: str = "") -> str:
    return v.prompt(name, await step.counted(name, _steps(await step.data())), step.locale, note=note)


async def _to_preview(step: Step) -> None:
    """The preview and a fresh summary: after the last step, or after one part changed from the summary."""
    await revise.done(step)
    await step.state.set_state(PostAuthoring.preview)
    await post_confirm.show_preview(step)


async def _revising(step: Step, part: str) -> bool:
    return revise.revising(await step.data()) == part


async def _parts(step: Step) -> list[Part]:
    """What ✏️ Change offers this draft: whom it goes to only where the post asked."""
    asked = set(_steps(await step.data()))
    return [part for part in kb.PARTS if part.id != "to" or asked & {"orgs", "grades"}]


async def _ask_again(step: Step, part: str) -> None:
    """A part asked again from the summary's ✏️ Change, in place of its menu, saying what is there now."""
    data, locale, back = await step.data(), step.locale, kb.TO_MENU
    if part in ("kk", "ru"):
        name = f"text_{part}"
        await step.state.set_state(PostAuthoring.text_kk if part == "kk" else PostAuthoring.text_ru)
        note = v.text_now_note(data[name], locale)
        await step.show(await _prompt(step, name, note), kb.cancel_keyboard(locale, back), edit=True)
    elif part == "media":
        await _ask_media(step, edit=True, note=v.media_now_note(data.get("media_kind"), locale), back=back)
    elif part == "to":
        await _ask_orgs(step, edit=True)
    elif part == "mode":
        await _ask_urgency(step, edit=True)
    else:
        await step.state.set_state(PostAuthoring.when)
        sent = datetime.fromisoformat(data["send_at"]) if data.get("send_at") else None
        note = v.now_note(v.when_text(sent, locale), locale)
        await step.show(await _prompt(step, "when", note), kb.when_keyboard(locale, back), edit=True)


# --- typed steps ----------------------------------------------------------------------------------------


async def start_post(message: Message, step: Step, settings: Settings) -> None:
    await step.state.clear()
    options = await own_tops(step.access, step.repo)
    if not options:
        text = _("No organisations are set up yet, so there is no one to post to.", locale=step.locale)
        await message.answer(text)
        return
    await step.state.update_data(
        draft_key=secrets.token_hex(8),
        ask_scope=len(options) > 1,
        scope_kinds=[o.kind for o in options],
        # The paid rate this draft may offer, decided once: the summary and Confirm say what the step said.
        paid_rate=settings.paid_broadcast_rate if step.access.may_send_paid else 0,
    )
    if len(options) == 1:
        await _use_scope(step, options[0])
        return
    await step.state.set_state(PostAuthoring.scope)
    await step.show(await _prompt(step, "scope"), kb.scope_keyboard(options, step.locale), edit=False)


async def _use_scope(step: Step, scope: Organisation) -> None:
    await step.state.update_data(scope=scope.code, scope_kinds=[scope.kind])
    await step.state.set_state(PostAuthoring.text_kk)
    await step.show(await _prompt(step, "text_kk"), kb.cancel_keyboard(step.locale), edit=False)


async def cancel(message: Message, state: FSMContext, locale: str) -> None:
    if await state.get_state() is None:
        await message.answer(v.nothing_to_cancel(locale))
        return
    await state.clear()
    await message.answer(v.cancelled_text(locale))


async def _accepted_text(step: Step) -> str | None:
    """The post text as Telegram HTML, or None after telling the author what was wrong with it."""
    html = typed_html(step.message)
    return await step.accept(html, v.POST_TEXT_LIMIT, v.text_expected, v.too_long_text, visible_length)


async def got_text_kk(message: Message, step: Step) -> None:
    if (text := await _accepted_text(step)) is not None and await _revising(step, "kk"):
        if not has_letters(text):
            await message.answer(v.NO_WORDS["kk"](step.locale))
            return
        data = await step.state.update_data(text_kk=text)
        if v.kazakh_mismatch(text, data["text_ru"]):  # told, as the Russian text is: send again or keep
            await message.answer(
                v.kazakh_changed_warning(step.locale), reply_markup=kb.keep_keyboard(step.locale)
            )
            return
        await _to_preview(step)
    elif text is not None:
        ask_ru, cancel_only = await _prompt(step, "text_ru"), kb.cancel_keyboard(step.locale)
        await kazakh_taken(step, "text_kk", text, ask_ru, PostAuthoring.text_ru, cancel_only)


async def got_text_ru(message: Message, step: Step) -> None:
    text = await _accepted_text(step)
    keep = kb.keep_keyboard(step.locale)
    if text is not None and await russian_taken(step, ("text_kk", "text_ru"), text, keep):
        await _after(step, _ask_media)


async def _after(step: Step, ask_next: Any, **kwargs: Any) -> None:
    """The next step, or the summary when the answer just taken was a change from it."""
    if await revise.done(step):
        await _to_preview(step)
    else:
        await ask_next(step, **kwargs)


async def _ask_media(step: Step, *, edit: bool = False, note: str = "", back: Any = None) -> None:
    await step.state.set_state(PostAuthoring.media)
    await step.show(await _prompt(step, "media", note), kb.media_keyboard(step.locale, back), edit=edit)


async def got_media(message: Message, step: Step) -> None:
    if (found := attachment(message)) is None:
        await message.answer(v.media_expected(step.locale), reply_markup=kb.media_keyboard(step.locale))
        return
    await step.state.update_data(media_kind=found[0], media_file_id=found[1])
    await _after(step, _ask_orgs, edit=False)


async def _ask_orgs(step: Step, *, edit: bool) -> None:
    data = await step.data()
    scope = await step.repo.orgs.get(data["scope"])
    if scope is None:
        await step.state.clear()
        await step.message.answer(v.step_over_text(step.locale))
        return
    if scope.kind not in AREA_KINDS:
        await step.state.update_data(orgs=None)
        await _ask_grades(step, scope, edit=edit)
        return
    await step.state.set_state(PostAuthoring.orgs)
    page = paginate(await step.repo.orgs.children(scope.code), data.get("page", 0))
    chosen = set(data.get("orgs") or [])
    # Changed from the summary, Back goes to the menu of ✏️ Change.
    back = kb.TO_MENU if revise.revising(data) == "to" else kb.BACK
    markup = kb.orgs_keyboard(scope, page, chosen, step.locale, back)
    await step.show(await _prompt(step, "orgs", v.chosen_note(len(chosen), step.locale)), markup, edit=edit)


async def _ask_grades(step: Step, scope: Organisation, *, edit: bool) -> None:
    data = await step.data()
    grades = await audience_grades(step.repo, scope, data.get("orgs"))
    # A tick of a grade the organisations chosen now do not teach is dropped.
    kept = [grade for grade in data.get("grades") or [] if grade in grades] or None
    await step.state.update_data(grade_choices=list(grades), grades=kept)
    if len(grades) == 1:
        await step.state.update_data(grades=list(grades))
        await _after_audience(step, edit=edit)
        return
    await step.state.set_state(PostAuthoring.grades)
    chosen = set(kept or [])
    first = revise.revising(data) == "to" and scope.kind not in AREA_KINDS  # no organisations asked before
    markup = kb.grades_keyboard_of(grades, chosen, step.locale, kb.TO_MENU if first else kb.BACK)
    await step.show(await _prompt(step, "grades"), markup, edit=edit)


async def _after_audience(step: Step, *, edit: bool) -> None:
    if edit and revise.revising(await step.data()) == "to":
        await step.message.edit_reply_markup(reply_markup=None)
    await _after(step, _ask_urgency, edit=edit)


async def _ask_urgency(step: Step, *, edit: bool) -> None:
    await step.state.set_state(PostAuthoring.urgency)
    may_urgent, paid_rate = step.access.may_mark_urgent, await post_confirm.paid_rate(step)
    data, back = await step.data(), None
    note = v.urgent_note(may_urgent, step.locale, paid_rate)
    if revise.revising(data) == "mode":
        back, now = kb.TO_MENU, v.urgency_name(data.get("urgency", "normal"), step.locale)
        note += "\n" + v.now_note(now, step.locale)
    markup = kb.urgency_keyboard(may_urgent, step.locale, may_paid=paid_rate > 0, back=back)
    await step.show(await _prompt(step, "urgency", note.strip()), markup, edit=edit)


async def got_time(message: Message, step: Step) -> None:
    now = step.clock.now()
    try:
        when = parse_moment(message.text or "", now)
    except MomentError as error:
        await message.answer(v.time_refused(error, now, step.locale))
        return
    await step.state.update_data(send_at=when.isoformat())
    await _to_preview(step)


# --- buttons: one handler per press, each registered for its own step -----------------------------------


async def on_scope(query: CallbackQuery, callback_data: PostScopeCb, step: Step) -> None:
    code, access = callback_data.code, step.access
    org = await step.repo.orgs.get(code)
    if org is None or not (access.covers(code) and (access.is_admin or code in access.scope_codes)):
        await step.refuse(query)
        return
    await step.taken(query)
    await _use_scope(step, org)


async def on_keep(query: CallbackQuery, step: Step) -> None:
    if await step.state.get_state() == PostAuthoring.text_kk.state and not await _revising(step, "kk"):
        await step.refuse(query)  # Keep at the Kazakh text only after a changed one was warned about
        return
    await step.taken(query)
    await _after(step, _ask_media)


async def on_no_media(query: CallbackQuery, step: Step) -> None:
    await step.state.update_data(media_kind=None, media_file_id=None)
    await step.taken(query)
    await _after(step, _ask_orgs, edit=False)


async def on_org_tick(query: CallbackQuery, callback_data: OrgCb, step: Step) -> None:
    code = callback_data.code
    if not step.access.covers(code) or (await step.repo.orgs.get(code)) is None:
        await step.refuse(query)
        return
    chosen = set((await step.data()).get("orgs") or []) ^ {code}
    await step.state.update_data(orgs=sorted(chosen))
    await query.answer()
    await _ask_orgs(step, edit=True)


async def on_org_page(query: CallbackQuery, callback_data: PageCb, step: Step) -> None:
    await step.state.update_data(page=max(0, callback_data.page))
    await query.answer()
    await _ask_orgs(step, edit=True)


async def on_orgs_chosen(query: CallbackQuery, callback_data: PostCb | OrgCb, step: Step) -> None:
    """«Everyone in» the scope, or Done with the ticked organisations."""
    data = await step.data()
    if isinstance(callback_data, PostOrgCb):  # «Everyone in» the scope
        data = await step.state.update_data(orgs=None)
    elif not data.get("orgs"):
        # Done is shown only once something is ticked: a Done with nothing ticked is stale or forged. It is
        # not taken as the whole area (only «Everyone in» says that, and only it may go as a paid broadcast).
        await step.audit_forged(query)
        await query.answer(v.no_org_ticked(step.locale), show_alert=True)
        return
    scope = await step.repo.orgs.get(data["scope"])
    await query.answer()
    if scope is None:
        await step.state.clear()
        await step.message.edit_text(v.step_over_text(step.locale))
        return
    await _ask_grades(step, scope, edit=True)


async def on_grade_tick(query: CallbackQuery, callback_data: GradeCb, step: Step) -> None:
    # The grades on offer were worked out once, when the step was shown (a region's whole tree is read for
    # them): a tick only redraws the same list.
    data = await step.data()
    choices = tuple(data.get("grade_choices") or ())
    grade = callback_data.grade
    if grade is None or grade not in choices:
        await step.refuse(query)
        return
    grades = toggled(data.get("grades"), grade, GRADES)
    await step.state.update_data(grades=grades)
    await query.answer()
    markup = kb.grades_keyboard_of(choices, set(grades), step.locale)
    await step.show(await _prompt(step, "grades"), markup, edit=True)


async def on_grades_chosen(query: CallbackQuery, callback_data: GradeCb, step: Step) -> None:
    if callback_data.act is GradeAct.all:
        await step.state.update_data(grades=None)
    await query.answer()
    await _after_audience(step, edit=True)


async def on_urgency(query: CallbackQuery, callback_data: PostUrgencyCb, step: Step) -> None:
    # A forged press is refused: urgent without the right to it, or paid where the step did not offer it
    # (another role, a district, a school).
    urgent = callback_data.urgency is Urgency.URGENT
    if (urgent and not step.access.may_mark_urgent) or (
        callback_data.paid and not await post_confirm.may_go_paid(step, callback_data.urgency)
    ):
        await step.refuse(query)
        return
    await step.state.update_data(urgency=callback_data.urgency.value, paid=callback_data.paid)
    if await _revising(step, "mode"):
        await step.taken(query)
        await _to_preview(step)
        return
    await step.state.set_state(PostAuthoring.when)
    await query.answer()
    await step.show(await _prompt(step, "when"), kb.when_keyboard(step.locale), edit=True)


async def on_now(query: CallbackQuery, step: Step) -> None:
    await step.state.update_data(send_at=None)
    await step.taken(query)
    await _to_preview(step)


async def on_later(query: CallbackQuery, step: Step) -> None:
    await step.state.set_state(PostAuthoring.time)
    await query.answer()
    steps = await step.counted("when", _steps(await step.data()))
    await step.message.edit_text(v.ask_time(step.clock.now(), steps, step.locale))


async def on_back(query: CallbackQuery, step: Step) -> None:
    """From an audience picker to the step before it: the grades to the organisations (for an area), the
    organisations (or a school's grades) to the attachment."""
    await query.answer()
    data = await step.data()
    scope = await step.repo.orgs.get(data["scope"])
    on_grades = await step.state.get_state() == PostAuthoring.grades.state
    if on_grades and scope is not None and scope.kind in AREA_KINDS:
        await _ask_orgs(step, edit=True)
        return
    await _ask_media(step, edit=True)


def build_router() -> Router:
    router = Router(name=__name__)
    flow = Wizard(router, "post", PostCb.__prefix__, TEXTS, PostAuthoring)
    flow.start(start_post, "post", StepOf("post"))
    # The approver's reason step before /post's /cancel, which ends any other flow: its /cancel is its own.
    post_approval.register(router)
    router.message.register(cancel, Command("cancel"))
    flow.typed(got_text_kk, PostAuthoring.text_kk)
    flow.typed(got_text_ru, PostAuthoring.text_ru)
    flow.typed(got_media, PostAuthoring.media)
    flow.typed(got_time, PostAuthoring.time, extra=F.text)
    flow.cancel_button(PostCb.filter(F.act == PostAct.cancel))
    flow.button(on_scope, PostScopeCb.filter(), PostAuthoring.scope)
    flow.button(on_keep, PostCb.filter(F.act == PostAct.keep), PostAuthoring.text_kk, PostAuthoring.text_ru)
    flow.button(on_no_media, PostCb.filter(F.act == PostAct.no_media), PostAuthoring.media)
    flow.button(on_org_tick, PostOrgCb.filter(F.act == OrgAct.tick), PostAuthoring.orgs)
    flow.button(on_org_page, PostPageCb.filter(), PostAuthoring.orgs)
    flow.button(on_orgs_chosen, PostOrgCb.filter(F.act == OrgAct.whole), PostAuthoring.orgs)
    flow.button(on_orgs_chosen, PostCb.filter(F.act == PostAct.orgs_done), PostAuthoring.orgs)
    flow.button(on_grade_tick, PostGradeCb.filter(F.act == GradeAct.toggle), PostAuthoring.grades)
    flow.button(on_grades_chosen, PostGradeCb.filter(F.act != GradeAct.toggle), PostAuthoring.grades)
    flow.button(on_urgency, PostUrgencyCb.filter(), PostAuthoring.urgency)
    flow.button(on_now, PostCb.filter(F.act == PostAct.now), PostAuthoring.when)
    flow.button(on_later, PostCb.filter(F.act == PostAct.later), PostAuthoring.when)
    flow.button(on_back, PostCb.filter(F.act == PostAct.back), PostAuthoring.orgs, PostAuthoring.grades)
    post_confirm.register(flow, PostAuthoring.preview)
    states = (PostAuthoring.preview, PostAuthoring.revise)
    summary = post_confirm.show_summary_here
    changes = Revision(flow, PostReviseCb, kb.CANCEL, states, _parts, _ask_again, summary)
    P = PostAuthoring
    changes.register(P.text_kk, P.text_ru, P.media, P.orgs, P.grades, P.urgency, P.when)
    flow.close(PostCb.filter(F.act == PostAct.confirm))
    return router
