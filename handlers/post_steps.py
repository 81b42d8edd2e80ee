"""/post's questions, each asked by one function: on the way forward, again from ⬅️ Back (the answer there
kept until another is given, with «Keep as it is» for a text or an attachment), and again from the summary's
✏️ Change (handlers/post.py `_ask_again`, its ⬅️ Back to the menu). Which steps a draft takes is `steps_of`.
"""

from __future__ import annotations

from typing import Any

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup

from bot.flows import revise
from bot.flows.grades import audience_grades, grades_of
from bot.flows.wizard import Step
from bot.views import now_notes as notes
from bot.views import post_flow as v
from bot.views import post_keyboards as kb
from bot.views.paging import paginate
from db.models import Organisation
from domain.enums import AREA_KINDS
from handlers import post_confirm


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


def steps_of(data: dict[str, Any]) -> list[str]:
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


async def prompt(step: Step, name: str, note: str = "") -> str:
    return v.prompt(name, await step.counted(name, steps_of(await step.data())), step.locale, note=note)


async def to_preview(step: Step) -> None:
    """The preview and a fresh summary: after the last step, or after one part changed from the summary."""
    await revise.done(step)
    await step.state.set_state(PostAuthoring.preview)
    await post_confirm.show_preview(step)


async def revising(step: Step, part: str) -> bool:
    return revise.revising(await step.data()) == part


async def ask_scope(step: Step, options: list[Organisation], *, edit: bool) -> None:
    await step.state.set_state(PostAuthoring.scope)
    await step.show(await prompt(step, "scope"), kb.scope_keyboard(options, step.locale), edit=edit)


async def ask_text(step: Step, name: str, *, edit: bool) -> None:
    """The Kazakh or the Russian text: ⬅️ Back where a step is before it, and after a Back, the text there
    now with «Keep as it is»."""
    data, locale = await step.data(), step.locale
    await step.state.set_state(PostAuthoring.text_kk if name == "text_kk" else PostAuthoring.text_ru)
    back = kb.BACK if steps_of(data).index(name) > 0 else None
    now = data.get(name)
    markup = kb.keep_keyboard(locale, back) if now else kb.cancel_keyboard(locale, back)
    note = notes.text_now_note(now, locale) if now else ""
    await step.show(await prompt(step, name, note), markup, edit=edit)


async def after(step: Step, ask_next: Any, **kwargs: Any) -> None:
    """The next step, or the summary when the answer just taken was a change from it."""
    if await revise.done(step):
        await to_preview(step)
    else:
        await ask_next(step, **kwargs)


async def ask_media(step: Step, *, edit: bool = False, note: str = "", back: Any = kb.BACK) -> None:
    await step.state.set_state(PostAuthoring.media)
    data = await step.data()
    # Come back to it, the attachment chosen before may be kept as it is.
    keep = "media_kind" in data and revise.revising(data) != "media"
    if keep and not note:
        note = notes.media_now_note(data.get("media_kind"), step.locale)
    markup = kb.media_keyboard(step.locale, back, keep=keep)
    await step.show(await prompt(step, "media", note), markup, edit=edit)


async def ask_orgs(step: Step, *, edit: bool) -> None:
    data = await step.data()
    scope = await step.repo.orgs.get(data["scope"])
    if scope is None:
        await step.state.clear()
        await step.message.answer(v.step_over_text(step.locale))
        return
    if scope.kind not in AREA_KINDS:
        await step.state.update_data(orgs=None)
        await ask_grades(step, scope, edit=edit)
        return
    await step.state.set_state(PostAuthoring.orgs)
    page = paginate(await step.repo.orgs.children(scope.code), data.get("page", 0))
    chosen = set(data.get("orgs") or [])
    back = revise.back_for(data, "to", kb.TO_MENU, kb.BACK)
    markup = kb.orgs_keyboard(scope, page, chosen, step.locale, back)
    await step.show(await prompt(step, "orgs", v.chosen_note(len(chosen), step.locale)), markup, edit=edit)


async def ask_grades(step: Step, scope: Organisation, *, edit: bool) -> None:
    data = await step.data()
    grades = await audience_grades(step.repo, scope, data.get("orgs"))
    # A tick of a grade the organisations chosen now do not teach is dropped.
    kept = [grade for grade in data.get("grades") or [] if grade in grades] or None
    await step.state.update_data(grade_choices=list(grades), grades=kept)
    if len(grades) == 1:
        await step.state.update_data(grades=list(grades))
        await after_audience(step, edit=edit)
        return
    await step.state.set_state(PostAuthoring.grades)
    markup = kb.grades_keyboard_of(grades, set(kept or []), step.locale, grades_back(data))
    await step.show(await prompt(step, "grades"), markup, edit=edit)


def grades_back(data: dict[str, Any]) -> CallbackData:
    """The grades' ⬅️ Back, shown first and after each tick: to the menu of ✏️ Change when they are the first
    question of the recipients changed from the summary (no organisations asked before), else a step back."""
    area = any(kind in AREA_KINDS for kind in data.get("scope_kinds") or [])
    return revise.back_for(data, "to", kb.TO_MENU, kb.BACK, first=not area)


async def after_audience(step: Step, *, edit: bool) -> None:
    if edit and revise.revising(await step.data()) == "to":
        await step.message.edit_reply_markup(reply_markup=None)
    await after(step, ask_urgency, edit=edit)


async def ask_urgency(step: Step, *, edit: bool) -> None:
    await step.state.set_state(PostAuthoring.urgency)
    may_urgent, paid_rate = step.access.may_mark_urgent, await post_confirm.paid_rate(step)
    data = await step.data()
    note = v.urgent_note(may_urgent, step.locale, paid_rate)
    if revise.revising(data) == "mode":
        note += "\n" + notes.now_note(v.urgency_name(data.get("urgency", "normal"), step.locale), step.locale)
    back = revise.back_for(data, "mode", kb.TO_MENU, kb.BACK)
    markup = kb.urgency_keyboard(may_urgent, step.locale, may_paid=paid_rate > 0, back=back)
    await step.show(await prompt(step, "urgency", note.strip()), markup, edit=edit)


async def ask_when(step: Step, note: str = "") -> None:
    """Now or at a set time; changed from the summary, ⬅️ Back goes to the menu of ✏️ Change."""
    await step.state.set_state(PostAuthoring.when)
    back = revise.back_for(await step.data(), "when", kb.TO_MENU, kb.BACK)
    await step.show(await prompt(step, "when", note), kb.when_keyboard(step.locale, back), edit=True)


async def at(step: Step) -> str:
    """The name of the step the draft is at («text_kk», «time»)."""
    return (await step.state.get_state() or "").rpartition(":")[2]
