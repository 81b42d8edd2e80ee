"""/post: a guided conversation that ends in a confirmed (or approval-bound) post in the outbox's hands."""

from __future__ import annotations

import secrets
from datetime import datetime

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.flows.bilingual import kazakh_taken, russian_taken
from bot.flows.grades import GRADES, GradeAct, GradeCb, toggled
from bot.flows.language_guess import has_letters
from bot.flows.moments import MomentError, parse_moment
from bot.flows.org_picker import OrgAct, OrgCb, PageCb, own_tops
from bot.flows.revise import Part, Revision
from bot.flows.typed_input import attachment, typed_html
from bot.flows.wizard import ASKED, Step, StepOf, Wizard, WizardTexts
from bot.settings import Settings
from bot.views import now_notes as notes
from bot.views import post_flow as v
from bot.views import post_keyboards as kb
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
from domain.enums import Urgency
from handlers import post_approval, post_confirm
from handlers import post_steps as ps
from handlers.post_steps import PostAuthoring

TEXTS = WizardTexts(v.step_over_text, v.cancelled_text, v.already_confirmed_text, command="post")


async def _parts(step: Step) -> list[Part]:
    """What ✏️ Change offers this draft: whom it goes to only where the post asked."""
    asked = set(ps.steps_of(await step.data()))
    return [part for part in kb.PARTS if part.id != "to" or asked & {"orgs", "grades"}]


async def _ask_again(step: Step, part: str) -> None:
    """A part asked again from the summary's ✏️ Change, in place of its menu, saying what is there now."""
    data, locale, back = await step.data(), step.locale, kb.TO_MENU
    if part in ("kk", "ru"):
        name = f"text_{part}"
        await step.state.set_state(PostAuthoring.text_kk if part == "kk" else PostAuthoring.text_ru)
        note = notes.text_now_note(data[name], locale)
        await step.show(await ps.prompt(step, name, note), kb.cancel_keyboard(locale, back), edit=True)
    elif part == "media":
        await ps.ask_media(
            step, edit=True, note=notes.media_now_note(data.get("media_kind"), locale), back=back
        )
    elif part == "to":
        await ps.ask_orgs(step, edit=True)
    elif part == "mode":
        await ps.ask_urgency(step, edit=True)
    else:
        sent = datetime.fromisoformat(data["send_at"]) if data.get("send_at") else None
        await ps.ask_when(step, notes.now_note(v.when_text(sent, locale), locale))


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
    await ps.ask_scope(step, options, edit=False)


async def _use_scope(step: Step, scope: Organisation) -> None:
    await step.state.update_data(scope=scope.code, scope_kinds=[scope.kind])
    await ps.ask_text(step, "text_kk", edit=False)


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
    if (text := await _accepted_text(step)) is not None and await ps.revising(step, "kk"):
        if not has_letters(text):
            await message.answer(v.NO_WORDS["kk"](step.locale))
            return
        data = await step.state.update_data(text_kk=text)
        if v.kazakh_mismatch(text, data["text_ru"]):  # told, as the Russian text is: send again or keep
            await message.answer(
                v.kazakh_changed_warning(step.locale), reply_markup=kb.keep_keyboard(step.locale)
            )
            return
        await ps.to_preview(step)
    elif text is not None:
        ask_ru, back = await ps.prompt(step, "text_ru"), kb.cancel_keyboard(step.locale, kb.BACK)
        await kazakh_taken(step, "text_kk", text, ask_ru, PostAuthoring.text_ru, back)


async def got_text_ru(message: Message, step: Step) -> None:
    text = await _accepted_text(step)
    keep = kb.keep_keyboard(step.locale)
    if text is not None and await russian_taken(step, ("text_kk", "text_ru"), text, keep):
        await ps.after(step, ps.ask_media)


async def got_media(message: Message, step: Step) -> None:
    if (found := attachment(message)) is None:
        await message.answer(v.media_expected(step.locale), reply_markup=kb.media_keyboard(step.locale, None))
        return
    await step.state.update_data(media_kind=found[0], media_file_id=found[1])
    await ps.after(step, ps.ask_orgs, edit=False)


async def got_time(message: Message, step: Step) -> None:
    now = step.clock.now()
    try:
        when = parse_moment(message.text or "", now)
    except MomentError as error:
        await message.answer(v.time_refused(error, now, step.locale))
        return
    await step.state.update_data(send_at=when.isoformat())
    await ps.to_preview(step)


# --- buttons: one handler per press, each registered for its own step -----------------------------------


async def on_scope(query: CallbackQuery, callback_data: PostScopeCb, step: Step) -> None:
    code, access = callback_data.code, step.access
    org = await step.repo.orgs.get(code)
    if org is None or not (access.covers(code) and (access.is_admin or code in access.scope_codes)):
        await step.refuse(query)
        return
    await step.taken(query)
    if (await step.data()).get("scope") not in (None, code):
        # Another scope, come back to with ⬅️ Back: whom the post goes to is asked afresh within it.
        await step.state.update_data(orgs=None, grades=None, grade_choices=None, page=0, paid=False)
    await _use_scope(step, org)


async def on_keep(query: CallbackQuery, step: Step) -> None:
    """Keep as it is: a text or an attachment the step already has (come back to it with ⬅️ Back, or a text
    warned about), and on to the next step."""
    data, name = await step.data(), await ps.at(step)
    if not ("media_kind" in data if name == "media" else data.get(name)):
        await step.refuse(query)  # nothing there to keep: a fresh step's question has no Keep
        return
    await step.taken(query)
    if name == "media":
        await ps.after(step, ps.ask_orgs, edit=False)
    elif name == "text_kk" and not await ps.revising(step, "kk"):
        await ps.ask_text(step, "text_ru", edit=False)
    else:
        await ps.after(step, ps.ask_media)


async def on_no_media(query: CallbackQuery, step: Step) -> None:
    await step.state.update_data(media_kind=None, media_file_id=None)
    await step.taken(query)
    await ps.after(step, ps.ask_orgs, edit=False)


async def on_org_tick(query: CallbackQuery, callback_data: OrgCb, step: Step) -> None:
    code = callback_data.code
    if not step.access.covers(code) or (await step.repo.orgs.get(code)) is None:
        await step.refuse(query)
        return
    chosen = set((await step.data()).get("orgs") or []) ^ {code}
    await step.state.update_data(orgs=sorted(chosen))
    await query.answer()
    await ps.ask_orgs(step, edit=True)


async def on_org_page(query: CallbackQuery, callback_data: PageCb, step: Step) -> None:
    await step.state.update_data(page=max(0, callback_data.page))
    await query.answer()
    await ps.ask_orgs(step, edit=True)


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
    await ps.ask_grades(step, scope, edit=True)


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
    markup = kb.grades_keyboard_of(choices, set(grades), step.locale, ps.grades_back(data))
    await step.show(await ps.prompt(step, "grades"), markup, edit=True)


async def on_grades_chosen(query: CallbackQuery, callback_data: GradeCb, step: Step) -> None:
    if callback_data.act is GradeAct.all:
        await step.state.update_data(grades=None)
    await query.answer()
    await ps.after_audience(step, edit=True)


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
    if await ps.revising(step, "mode"):
        await step.taken(query)
        await ps.to_preview(step)
        return
    await query.answer()
    await ps.ask_when(step)


async def on_now(query: CallbackQuery, step: Step) -> None:
    await step.state.update_data(send_at=None)
    await step.taken(query)
    await ps.to_preview(step)


async def on_later(query: CallbackQuery, step: Step) -> None:
    await step.state.set_state(PostAuthoring.time)
    await query.answer()
    steps = await step.counted("when", ps.steps_of(await step.data()))
    # ⬅️ Back to «now or at a set time».
    markup = kb.cancel_keyboard(step.locale, kb.BACK)
    await step.show(v.ask_time(step.clock.now(), steps, step.locale), markup, edit=True)


async def on_back(query: CallbackQuery, step: Step) -> None:
    """⬅️ Back: the step before this one on the draft's path (`steps_of`), its answer kept until another is
    given; the typed time goes back to «now or at a set time». Changed from the summary, a part's first
    question goes back to the menu instead (revise.py), and the grades of an area to its organisations."""
    data, name = await step.data(), await ps.at(step)
    if (data.get(ASKED) or {}).get("message") != step.message.message_id:
        # The Back of a question answered before (a typed step's message keeps its buttons): a step over.
        await step.repo.audit.record(query.from_user.id, "post.stale", step.clock.now(), detail="pst")
        await query.answer(v.step_over_text(step.locale), show_alert=True)
        return
    path = ps.steps_of(data)
    if name == "time":
        before = "when"
    elif name in path and path.index(name) > 0:
        before = path[path.index(name) - 1]
    else:
        await step.refuse(query)  # the first step has no Back
        return
    await query.answer()
    if before == "scope":
        await ps.ask_scope(step, await own_tops(step.access, step.repo), edit=True)
    elif before in ("text_kk", "text_ru"):
        await ps.ask_text(step, before, edit=True)
    elif before == "media":
        await ps.ask_media(step, edit=True)
    elif before == "grades" and (scope := await step.repo.orgs.get(data["scope"])) is not None:
        await ps.ask_grades(step, scope, edit=True)
    elif before in ("orgs", "grades"):  # the grades of an organisation gone: ask_orgs says the step is over
        await ps.ask_orgs(step, edit=True)
    elif before == "urgency":
        await ps.ask_urgency(step, edit=True)
    else:
        await ps.ask_when(step)


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
    P = PostAuthoring
    flow.button(on_keep, PostCb.filter(F.act == PostAct.keep), P.text_kk, P.text_ru, P.media)
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
    asked = (P.text_kk, P.text_ru, P.media, P.orgs, P.grades, P.urgency, P.when, P.time)
    flow.button(on_back, PostCb.filter(F.act == PostAct.back), *asked)
    post_confirm.register(flow, PostAuthoring.preview)
    states = (PostAuthoring.preview, PostAuthoring.revise)
    summary = post_confirm.show_summary_here
    changes = Revision(flow, PostReviseCb, kb.CANCEL, states, _parts, _ask_again, summary)
    changes.register(P.text_kk, P.text_ru, P.media, P.orgs, P.grades, P.urgency, P.when)
    flow.close(PostCb.filter(F.act == PostAct.confirm))
    return router
