"""The questions of /event, each under its step header with ⬅️ Back and ✖️ Cancel: asked in order by
handlers/event_create.py, and again on their own from the summary's ✏️ Change (handlers/event_change.py),
when their ⬅️ Back goes to the menu of Change instead of the step before."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Any

from aiogram.fsm.state import State, StatesGroup

from bot.clock import KZ
from bot.content import Content
from bot.events import family_hour as fh
from bot.flows import revise
from bot.flows.grades import grades_of
from bot.flows.org_picker import own_tops, tree_level
from bot.flows.wizard import Step
from bot.measures import Catalogue
from bot.views import event_create as v
from bot.views import event_keyboards as kb
from bot.views.paging import paginate
from db.models import Organisation
from domain.enums import AREA_KINDS


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
    revise = State()  # the menu of the summary's ✏️ Change


def steps_of(data: dict[str, Any]) -> list[str]:
    """The steps this organiser will see: the kind only for a date outside the Family Hour months, who is
    invited unless they have one school, the grades unless the invited organisation has only one."""
    kind, choices = data.get("own_kind"), data.get("grade_choices")  # choices: once the invited is known
    steps = ["topic_kk", "topic_ru", "when", *(["kind"] if data.get("kind_asked") else []), "place"]
    steps += [] if kind else ["organisation"]
    many = len(choices) > 1 if choices is not None else kind is None or len(grades_of(kind)) > 1
    steps += ["grades"] if many else []
    return [*steps, "capacity"]


async def counted(step: Step, name: str) -> list[str]:
    return await step.counted(name, steps_of(await step.data()))


# ⬅️ Back of a question: to the menu of Change when it is the first question of the part being changed
# (`first`: the part begins with it), else to the step before.
back_of = partial(revise.back_for, to_menu=kb.TO_MENU, back=kb.BACK)


def _noted(text: str, note: str) -> str:
    return f"{text}\n\n{note}" if note else text


async def ask_topic_kk(step: Step, *, edit: bool, note: str = "") -> None:
    """The first question: ⬅️ Back only when it is asked again from the summary."""
    data = await step.data()
    await step.state.set_state(EventAuthoring.topic_kk)
    back = revise.back_for(data, "kk", kb.TO_MENU, None)
    text = v.ask_topic_kk(await counted(step, "topic_kk"), step.locale)
    await step.show(_noted(text, note), kb.cancel_keyboard(step.locale, back), edit=edit)


async def ask_topic_ru(step: Step, *, edit: bool, note: str = "") -> None:
    back = back_of(await step.data(), "ru")
    await step.state.set_state(EventAuthoring.topic_ru)
    text = v.ask_topic_ru(await counted(step, "topic_ru"), step.locale)
    await step.show(_noted(text, note), kb.cancel_keyboard(step.locale, back), edit=edit)


async def family_hour_on(
    step: Step, day: date, content: Content, catalogue: Catalogue
) -> fh.FamilyHourMonths | None:
    """The Family Hour months of the roadmap for the staff member's regions on `day` (admin: any region)."""
    regions, today = await fh.regions_of(step.repo, step.access.scope_codes), step.clock.now().astimezone(KZ)
    return fh.family_hour_months(catalogue, regions, day, content.familyhour.measures, today.date())


async def ask_when(step: Step, content: Content, catalogue: Catalogue, *, edit: bool, note: str = "") -> None:
    back = back_of(await step.data(), "when")
    await step.state.set_state(EventAuthoring.when)
    now = step.clock.now()
    family_hour = await family_hour_on(step, now.astimezone(KZ).date(), content, catalogue)
    text = v.ask_when(now, family_hour, await counted(step, "when"), step.locale)
    await step.show(_noted(text, note), kb.cancel_keyboard(step.locale, back), edit=edit)


async def ask_kind(
    step: Step, starts_at: datetime, family_hour: fh.FamilyHourMonths | None, *, edit: bool = False
) -> None:
    """The kind of a date outside the Family Hour months: a new message after the date typed, or in place of
    the place's question on its ⬅️ Back."""
    data = await step.data()
    await step.state.set_state(EventAuthoring.kind)
    may_hold = bool(data.get("family_hour_open"))
    text = v.ask_kind(starts_at, family_hour, await counted(step, "kind"), step.locale)
    markup = kb.kind_keyboard(step.locale, family_hour=may_hold, back=back_of(data, "kind"))
    await step.show(text, markup, edit=edit)


async def ask_place(step: Step, *, edit: bool, note: str = "") -> None:
    data = await step.data()
    await step.state.set_state(EventAuthoring.place)
    kind, family_hour_month = data["kind"], data["family_hour_month"]
    text = v.ask_place(kind, family_hour_month, await counted(step, "place"), step.locale)
    markup = kb.place_keyboard(kind, family_hour_month, step.locale, back_of(data, "place"))
    await step.show(_noted(text, note), markup, edit=edit)


async def ask_organisation(step: Step, *, edit: bool) -> Organisation | None:
    """Who is invited; for a school psychologist (one school) nothing is asked: their school is returned."""
    data = await step.data()
    if "level" not in data:
        tops = await own_tops(step.access, step.repo)
        if len(tops) == 1 and tops[0].kind not in AREA_KINDS:
            return tops[0]
        data = await step.state.update_data(level="", page=0)
    # An area that left the scope since (a role changed) starts over at the user's own scopes.
    level = await tree_level(data["level"], step.access, step.repo) or await tree_level(
        "", step.access, step.repo
    )
    assert level is not None  # the user's own scopes always make a screen
    await step.state.set_state(EventAuthoring.organisation)
    page = paginate(level.items, data.get("page", 0))
    markup = kb.organisations_keyboard(level, page, step.locale, back_of(data, "to"))
    text = v.ask_organisation(level.area, await counted(step, "organisation"), step.locale)
    await step.show(text, markup, edit=edit)
    return None


async def ask_grades(step: Step, org: Organisation, *, edit: bool) -> None:
    data = await step.data()
    await step.state.set_state(EventAuthoring.grades)
    choices = tuple(data.get("grade_choices") or ())
    first = "organisation" not in steps_of(data)  # who is invited begins with the grades
    back = back_of(data, "to", first=first)
    markup = kb.grades_keyboard_of(choices, set(data.get("grades") or []), step.locale, back)
    await step.show(v.ask_grades(org, await counted(step, "grades"), step.locale), markup, edit=edit)


async def ask_capacity(step: Step, *, edit: bool, note: str = "") -> None:
    back = back_of(await step.data(), "places")
    await step.state.set_state(EventAuthoring.capacity)
    text = v.ask_capacity(await counted(step, "capacity"), step.locale)
    await step.show(_noted(text, note), kb.capacity_keyboard(step.locale, back), edit=edit)
