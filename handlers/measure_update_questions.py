"""/update's questions: asked on the way, asked again by ⬅️ Back, and asked again from the summary's ✏️ Change.

Every question after the first has ⬅️ Back, which asks the question before it in place of the one pressed on,
and ✖️ Cancel. While a part of the draft is changed from the summary (bot/flows/revise.py), its question says
what is there now and its ⬅️ Back goes to the menu of ✏️ Change, the part as it was. handlers/measure_update.py
takes the answers, and shows the summary again once a changed part is answered (`revise.done`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from functools import partial
from typing import Any

from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup

from bot.flows import revise
from bot.flows.revise import Part
from bot.flows.wizard import ASKED, Step, step_over
from bot.measures import Catalogue, Measure, Plan
from bot.views import measure_update_keyboards as kb
from bot.views import measure_updates as v
from bot.views.formats import grouped, short_date
from bot.views.now_notes import now_note, text_now_note
from bot.views.orgs import org_name
from domain.enums import AREA_KINDS
from handlers import measure_update_orgs as orgs


class UpdateAuthoring(StatesGroup):
    measure = State()
    text_kk = State()
    text_ru = State()
    figure = State()
    done_on = State()
    evidence = State()
    status = State()
    public = State()
    org = State()
    preview = State()
    revise = State()  # the menu of the summary's ✏️ Change


S = UpdateAuthoring
STEP_OVER = step_over("update")


async def plan_of(step: Step, catalogue: Catalogue) -> Plan | None:
    return catalogue.plan((await step.data()).get("plan", ""))


async def measure_of(step: Step, catalogue: Catalogue) -> tuple[Plan, Measure] | None:
    plan = await plan_of(step, catalogue)
    measure = plan.measure(int((await step.data()).get("measure", 0))) if plan else None
    return (plan, measure) if plan is not None and measure is not None else None


async def ask(step: Step, name: str, body: str, markup: InlineKeyboardMarkup, *, edit: bool = False) -> None:
    """A step's question under its number among the steps this reporter sees."""
    steps = await step.counted(name, v.update_steps(await step.data()))
    await step.show(v.step_text(name, steps, body, step.locale), markup, edit=edit)


# ⬅️ Back under a part's question: to the menu of ✏️ Change while the part is changed, else the question before.
_back = partial(revise.back_for, to_menu=kb.TO_MENU, back=kb.BACK)


def may_skip_text(data: dict[str, Any], language: str) -> bool:
    """Skip at a text: the Kazakh one on the way (the Russian one is then a must), the Russian one when the
    Kazakh one is there; changed from the summary, only when the other is there and parents do not see it.
    Never at the missing language of a public update."""
    other = data.get("text_ru" if language == "kk" else "text_kk")
    if revise.revising(data) is not None:
        return bool(other) and not data.get("public")
    return not data.get("completing") and (language == "kk" or bool(other))


# --- the questions -------------------------------------------------------------------------------------


async def ask_section(step: Step, plan: Plan, *, edit: bool = False) -> None:
    await step.state.set_state(S.measure)
    await ask(step, "section", v.ask_section(step.locale), kb.sections_keyboard(plan, step.locale), edit=edit)


async def ask_measure(step: Step, measures: list[Measure], *, edit: bool = True) -> None:
    markup = kb.measures_keyboard(measures, step.locale)
    await ask(step, "measure", v.ask_measure(step.locale), markup, edit=edit)


async def ask_text(step: Step, measure: Measure, language: str, *, edit: bool = False) -> None:
    data, locale = await step.data(), step.locale
    await step.state.set_state(S.text_kk if language == "kk" else S.text_ru)
    first = language == "kk" and data.get("by_number") and revise.revising(data) is None
    back = None if first else _back(data, language)
    skip = may_skip_text(data, language)
    markup = kb.skip_keyboard(locale, back=back) if skip else kb.markup([], locale, back)
    if revise.revising(data) == language:
        body = (
            v.change_text(language, locale) + "\n\n" + text_now_note(data[f"text_{language}"] or "—", locale)
        )
    else:
        body = v.ask_text_kk(measure, locale) if language == "kk" else v.ask_text_ru(skip, locale)
    await ask(step, f"text_{language}", body, markup, edit=edit)


async def ask_missing(step: Step, language: str, *, edit: bool = False) -> None:
    """The missing language of a public update."""
    data = await step.data()
    await step.state.set_state(S.text_kk if language == "kk" else S.text_ru)
    markup = kb.markup([], step.locale, _back(data, "public"))
    await ask(step, "missing", v.ask_missing_text(language, step.locale), markup, edit=edit)


async def ask_figure(step: Step, plan: Plan, measure: Measure, *, edit: bool = False) -> None:
    data = await step.data()
    index = int(data.get("figure_index", 0))
    key = measure.figures[index]
    await step.state.set_state(S.figure)
    body = v.ask_figure(plan, key, step.locale)
    if revise.revising(data) is not None and key in (data.get("figures") or {}):
        body += "\n" + now_note(grouped(data["figures"][key], step.locale), step.locale)
    markup = kb.skip_keyboard(step.locale, back=_back(data, f"f{index}"))
    await ask(step, f"figure{index}", body, markup, edit=edit)


async def ask_date(step: Step, *, edit: bool = False) -> None:
    data = await step.data()
    await step.state.set_state(S.done_on)
    body = v.ask_date(step.locale)
    if revise.revising(data) == "date":
        body += "\n" + now_note(short_date(date.fromisoformat(data["done_on"])), step.locale)
    await ask(step, "done_on", body, kb.date_keyboard(step.locale, _back(data, "date")), edit=edit)


async def ask_evidence(step: Step, *, edit: bool = False) -> None:
    data = await step.data()
    await step.state.set_state(S.evidence)
    body = v.ask_evidence(step.locale)
    if revise.revising(data) == "evidence" and data.get("evidence_kind"):
        body += "\n" + v.evidence_attached(step.locale)
    await ask(step, "evidence", body, kb.evidence_keyboard(step.locale, _back(data, "evidence")), edit=edit)


async def ask_status(step: Step, *, edit: bool = False) -> None:
    data = await step.data()
    await step.state.set_state(S.status)
    body = v.ask_status(step.locale)
    if revise.revising(data) == "status":
        body += "\n" + now_note(v.status_button(data["status"], step.locale), step.locale)
    await ask(step, "status", body, kb.status_keyboard(step.locale, _back(data, "status")), edit=edit)


async def ask_public(step: Step, *, edit: bool = True) -> None:
    """Public or internal; the missing language of an earlier public answer is asked again if need be."""
    data = await step.state.update_data(completing=False)
    await step.state.set_state(S.public)
    body = v.ask_visibility(step.locale)
    if revise.revising(data) == "public":
        body += "\n" + v.seen_by_parents(bool(data.get("public")), step.locale)
    await ask(step, "public", body, kb.public_keyboard(step.locale, _back(data, "public")), edit=edit)


# --- ⬅️ Back -----------------------------------------------------------------------------------------


async def on_back(query: CallbackQuery, step: Step, catalogue: Catalogue) -> None:
    """The question before the one pressed on, in its place. Only the latest question's Back counts (an
    older one is a step over); the first question has none, and a change from the summary goes back to
    the menu of ✏️ Change instead (a press of this Back then is forged)."""
    data, current = await step.data(), await step.state.get_state()
    asked = data.get(ASKED) or {}
    if asked.get("message") != step.message.message_id:
        await step.repo.audit.record(
            query.from_user.id, f"{step.flow}.stale", step.clock.now(), detail=kb.UpdateCb.__prefix__
        )
        await query.answer(STEP_OVER(step.locale), show_alert=True)
        return
    found = await measure_of(step, catalogue)
    plan = await plan_of(step, catalogue)
    if plan is None or revise.revising(data) is not None:
        await step.refuse(query)
        return
    ahead = _before(current, data, found)
    if ahead is None:
        await step.refuse(query)
        return
    await query.answer()
    await ahead(step, plan, found)


Asker = Callable[[Step, Plan, tuple[Plan, Measure] | None], Awaitable[None]]


def _before(current: str | None, data: dict[str, Any], found: tuple[Plan, Measure] | None) -> Asker | None:
    """What ⬅️ Back asks at the question the draft is at; None where there is nothing before it."""
    text_question = current in (S.text_kk.state, S.text_ru.state)
    if current == S.measure.state:
        return _sections
    if (data.get("completing") and text_question) or current == S.org.state:
        return _public
    if found is None:
        return None
    if current == S.text_kk.state:
        return None if data.get("by_number") else _measures
    if current == S.text_ru.state:
        return partial(_text, "kk")
    if current == S.figure.state:
        index = int(data.get("figure_index", 0))
        return partial(_figure, index - 1) if index > 0 else partial(_text, "ru")
    if current == S.done_on.state:
        count = len(found[1].figures)
        return partial(_figure, count - 1) if count else partial(_text, "ru")
    steps = {S.evidence.state: _date, S.status.state: _evidence, S.public.state: _status}
    return steps.get(current or "")


async def _sections(step: Step, plan: Plan, found: tuple[Plan, Measure] | None) -> None:
    await ask_section(step, plan, edit=True)


async def _measures(step: Step, plan: Plan, found: tuple[Plan, Measure] | None) -> None:
    assert found is not None
    await step.state.set_state(S.measure)
    await ask_measure(step, plan.in_section(found[1].section))


async def _text(language: str, step: Step, plan: Plan, found: tuple[Plan, Measure] | None) -> None:
    assert found is not None
    await ask_text(step, found[1], language, edit=True)


async def _figure(index: int, step: Step, plan: Plan, found: tuple[Plan, Measure] | None) -> None:
    assert found is not None
    await step.state.update_data(figure_index=index)
    await ask_figure(step, plan, found[1], edit=True)


async def _date(step: Step, plan: Plan, found: tuple[Plan, Measure] | None) -> None:
    await ask_date(step, edit=True)


async def _evidence(step: Step, plan: Plan, found: tuple[Plan, Measure] | None) -> None:
    await ask_evidence(step, edit=True)


async def _status(step: Step, plan: Plan, found: tuple[Plan, Measure] | None) -> None:
    await ask_status(step, edit=True)


async def _public(step: Step, plan: Plan, found: tuple[Plan, Measure] | None) -> None:
    await ask_public(step)


# --- ✏️ Change on the summary ------------------------------------------------------------------------

_TEXTS = (Part("kk", v.kazakh_text, ("text_kk",)), Part("ru", v.russian_text, ("text_ru",)))


async def parts(step: Step) -> list[Part]:
    """What ✏️ Change offers: the texts, each figure of the measure, the date, the evidence, the status,
    whether parents see it (with the texts, which a public update needs both of), and the organisation
    where the reporter was asked for it."""
    data = await step.data()
    found = await measure_of(step, step.catalogue)
    figures = []
    if found is not None:
        for index, key in enumerate(found[1].figures):
            label = partial(v.figure_label, found[0], key)
            figures.append(Part(f"f{index}", label, ("figures", "figure_index")))
    rest = [
        Part("date", v.date_label, ("done_on",)),
        Part("evidence", v.evidence_label, ("evidence_kind", "evidence_file_id")),
        Part("status", v.status_label, ("status",)),
        Part("public", v.public_label, ("public", "completing", "text_kk", "text_ru")),
    ]
    org = [Part("org", v.org_label, ("org", "org_level", "org_page"))] if data.get("org_asked") else []
    return [*_TEXTS, *figures, *rest, *org]


async def ask_again(step: Step, part: str) -> None:
    """A part asked again from the summary's ✏️ Change, in place of its menu, saying what is there now."""
    found = await measure_of(step, step.catalogue)
    if found is None:
        await step.state.clear()
        await step.message.edit_text(STEP_OVER(step.locale))
        return
    if part in ("kk", "ru"):
        await ask_text(step, found[1], part, edit=True)
    elif part.startswith("f"):
        await step.state.update_data(figure_index=int(part[1:]))
        await ask_figure(step, found[0], found[1], edit=True)
    elif part == "date":
        await ask_date(step, edit=True)
    elif part == "evidence":
        await ask_evidence(step, edit=True)
    elif part == "status":
        await ask_status(step, edit=True)
    elif part == "public":
        await ask_public(step)
    else:
        # Where the question starts on the way: the reporter's one area, or their scopes.
        options = await orgs.options(step, found[0])
        level = options[0].code if len(options) == 1 and options[0].kind in AREA_KINDS else ""
        await step.state.set_state(S.org)
        now = await step.repo.orgs.get((await step.data()).get("org", ""))
        note = now_note(org_name(now, step.locale), step.locale) if now else ""
        await orgs.ask(step, found[0], level, edit=True, note=note)
