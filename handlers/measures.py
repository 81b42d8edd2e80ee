"""/measures and /measure N: the roadmap's measures by section, with a status for what the viewer may see.

Parents and students see the parent-facing measures, judged over the whole region from public updates;
staff see every measure, judged over their scope from all updates. Ids from buttons are checked again here.

The current plan is the one whose period holds today; plans that ended are in the archive, each measure with
its final result instead of a status (nothing is overdue in a plan that is over). Between two plans there is
no current one: /measures says so and offers the archive, and /measure N shows the last plan's measure.
Buttons carry the plan's code, so a measure of one plan is never taken for the same number of another.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, Filter
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    TelegramObject,
    User,
)
from aiogram.utils.i18n import gettext as _

from bot.clock import Clock
from bot.filters import OnMessage
from bot.flows.buttons import button
from bot.flows.screen import redraw
from bot.measures import Catalogue, Measure, Plan, final_outcome, measure_status, next_due
from bot.numbers import ascii_int
from bot.settings import Settings
from bot.views.measures import (
    State,
    archive_button_text,
    archive_text,
    archived_plan_button_text,
    measure_button_text,
    measure_text,
    measure_usage_text,
    no_current_plan_text,
    no_plan_text,
    not_for_parents_text,
    section_button_text,
    section_text,
    sections_text,
    unknown_measure_text,
)
from bot.views.menu import stale_button_text
from bot.views.navigation import MenuCb, Screen, menu_button
from bot.views.rows import column
from db.repositories import Repositories
from domain.facts import UpdateFact
from handlers.access import load_access

UPDATES_SHOWN = 10


class MeasureAction(StrEnum):
    sections = "s"
    section = "c"
    measure = "m"
    archive = "a"


class MeasureCb(CallbackData, prefix="ms"):
    action: MeasureAction
    n: int = 0  # a section number or a measure number
    plan: str = ""  # the plan's code; measure numbers are only unique within a plan


@dataclass(frozen=True)
class Viewer:
    """What one viewer may see: staff their scope (None = everything) and all updates; others public ones."""

    staff: bool
    codes: frozenset[str] | None

    @property
    def public_only(self) -> bool:
        return not self.staff

    def sees(self, measure: Measure) -> bool:
        return self.staff or measure.parent_facing


def _button(text: str, action: MeasureAction, n: int = 0, plan: str = "") -> InlineKeyboardButton:
    return button(text, MeasureCb(action=action, n=n, plan=plan))


def sections_keyboard(plan: Plan, locale: str, *, archive: int) -> InlineKeyboardMarkup:
    """A plan's sections; `archive` (how many plans have ended) adds the way to them (this one is current or
    itself one of them)."""
    sections = (
        _button(section_button_text(plan, s.number, locale), MeasureAction.section, s.number, plan.code)
        for s in plan.sections
    )
    earlier = [_button(archive_button_text(archive, locale), MeasureAction.archive)] if archive else []
    return column(sections, earlier, [menu_button(locale)])


def section_keyboard(
    plan: Plan, measures: list[Measure], statuses: dict[int, State], locale: str
) -> InlineKeyboardMarkup:
    items = (
        _button(
            measure_button_text(m, statuses[m.number], locale), MeasureAction.measure, m.number, plan.code
        )
        for m in measures
    )
    back = _button(_("⬅️ Sections", locale=locale), MeasureAction.sections, plan=plan.code)
    return column(items, [back, menu_button(locale)])


def measure_keyboard(plan: Plan, measure: Measure, locale: str) -> InlineKeyboardMarkup:
    section = _button(_("⬅️ Section", locale=locale), MeasureAction.section, measure.section, plan.code)
    every = _button(_("📊 All sections", locale=locale), MeasureAction.sections, plan=plan.code)
    return InlineKeyboardMarkup(inline_keyboard=[[section, every], [menu_button(locale)]])


def archive_keyboard(plans: list[Plan], locale: str) -> InlineKeyboardMarkup:
    items = (
        _button(archived_plan_button_text(p, locale), MeasureAction.sections, plan=p.code) for p in plans
    )
    return column(items, [menu_button(locale)])


def shown_plan(catalogue: Catalogue, code: str, today: date) -> Plan | None:
    """The plan a button names, if it may be shown today: the current one or an archived one (a plan
    imported ahead of its start stays hidden until then)."""
    plan = catalogue.plan(code)
    return plan if plan is not None and plan.starts <= today else None


async def viewer_of(repo: Repositories, user: User, settings: Settings) -> Viewer:
    access = await load_access(repo, user.id, settings.admin_ids)
    return Viewer(staff=access is not None, codes=access.codes if access is not None else None)


def state_of(plan: Plan, measure: Measure, facts: list[UpdateFact], today: date) -> State:
    if plan.ended(today):
        return final_outcome(measure, facts, plan).state
    return measure_status(measure, facts, today, plan=plan)


async def statuses_for(repo: Repositories, plan: Plan, viewer: Viewer, clock: Clock) -> dict[int, State]:
    facts = await repo.progress.facts(plan.code, viewer.codes, viewer.public_only)
    today = clock.now().date()
    return {m.number: state_of(plan, m, facts.get(m.number, []), today) for m in plan.measures}


async def sections_view(
    repo: Repositories, catalogue: Catalogue, plan: Plan, viewer: Viewer, clock: Clock, locale: str
) -> tuple[str, InlineKeyboardMarkup]:
    statuses = await statuses_for(repo, plan, viewer, clock)
    visible = [m for m in plan.measures if viewer.sees(m)]
    archive = len(catalogue.archived(clock.now().date()))
    return (
        sections_text(plan, statuses, visible, viewer.staff, locale),
        sections_keyboard(plan, locale, archive=archive),
    )


async def measure_view(
    repo: Repositories, plan: Plan, measure: Measure, viewer: Viewer, clock: Clock, locale: str
) -> tuple[str, InlineKeyboardMarkup]:
    facts = await repo.progress.facts(plan.code, viewer.codes, viewer.public_only)
    today = clock.now().date()
    mine = facts.get(measure.number, [])
    state = (
        final_outcome(measure, mine, plan)
        if plan.ended(today)
        else measure_status(measure, mine, today, plan=plan)
    )
    updates = await repo.progress.latest(
        plan.code, measure.number, viewer.codes, viewer.public_only, limit=UPDATES_SHOWN
    )
    text = measure_text(plan, measure, state, next_due(measure, plan, today), updates, viewer.staff, locale)
    return text, measure_keyboard(plan, measure, locale)


def between_plans_view(
    catalogue: Catalogue, today: date, locale: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """No plan is current: the last one's end, the next one's start if imported, and the archive."""
    archived = catalogue.archived(today)
    upcoming = catalogue.upcoming(today)
    if not archived and not upcoming:
        return no_plan_text(locale), None
    last, upcoming_plan = archived[0] if archived else None, upcoming[0] if upcoming else None
    text = no_current_plan_text(last, upcoming_plan, len(archived), locale)
    return text, archive_keyboard(archived, locale)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a /measures screen is drawn from, for the person looking at it."""

    repo: Repositories
    catalogue: Catalogue
    clock: Clock
    viewer: Viewer
    locale: str


class ReadingOf(Filter):
    """Hands a /measures handler its `reading` (who is looking decides what they may see)."""

    async def __call__(
        self,
        event: TelegramObject,
        event_from_user: User | None,
        repo: Repositories,
        settings: Settings,
        clock: Clock,
        catalogue: Catalogue,
        locale: str,
    ) -> bool | dict[str, Reading]:
        if event_from_user is None:
            return False
        viewer = await viewer_of(repo, event_from_user, settings)
        return {"reading": Reading(repo, catalogue, clock, viewer, locale)}


async def landing_view(reading: Reading) -> tuple[str, InlineKeyboardMarkup | None]:
    r = reading
    today = r.clock.now().date()
    # One region is served now; when viewers choose a region, the current plan is the one of theirs.
    plan = r.catalogue.current(today)
    if plan is None:
        return between_plans_view(r.catalogue, today, r.locale)
    return await sections_view(r.repo, r.catalogue, plan, r.viewer, r.clock, r.locale)


async def show_measures(message: Message, reading: Reading) -> None:
    text, markup = await landing_view(reading)
    await message.answer(text, reply_markup=markup)


async def show_measure(message: Message, command: CommandObject, reading: Reading) -> None:
    r, locale = reading, reading.locale
    today = r.clock.now().date()
    # Between two plans the number means the last plan's measure, shown with its final result.
    archived = r.catalogue.archived(today)
    plan = r.catalogue.current(today) or (archived[0] if archived else None)
    if plan is None:
        await message.answer(no_plan_text(locale))
        return
    arg = (command.args or "").strip().lstrip("№#")
    if not arg:
        await message.answer(measure_usage_text(locale))
        return
    number = ascii_int(arg) if len(arg) <= 4 else None
    measure = plan.measure(number) if number is not None else None
    if measure is None:
        await message.answer(unknown_measure_text(locale))
        return
    if not r.viewer.sees(measure):
        await message.answer(not_for_parents_text(measure.number, locale, ended=plan.ended(today)))
        return
    text, markup = await measure_view(r.repo, plan, measure, r.viewer, r.clock, locale)
    await message.answer(text, reply_markup=markup)


async def on_measure_button(
    query: CallbackQuery, message: Message, callback_data: MeasureCb, reading: Reading
) -> None:
    r, locale = reading, reading.locale
    today = r.clock.now().date()
    plan = shown_plan(r.catalogue, callback_data.plan, today)
    text: str
    markup: InlineKeyboardMarkup
    if callback_data.action is MeasureAction.archive and r.catalogue.archived(today):
        archived = r.catalogue.archived(today)
        text, markup = archive_text(len(archived), locale), archive_keyboard(archived, locale)
    elif plan is None:
        await query.answer(stale_button_text(locale), show_alert=True)
        return
    elif callback_data.action is MeasureAction.sections:
        text, markup = await sections_view(r.repo, r.catalogue, plan, r.viewer, r.clock, locale)
    elif callback_data.action is MeasureAction.section and plan.section(callback_data.n) is not None:
        statuses = await statuses_for(r.repo, plan, r.viewer, r.clock)
        measures = [m for m in plan.in_section(callback_data.n) if r.viewer.sees(m)]
        text = section_text(plan, callback_data.n, r.viewer.staff, locale, final=plan.ended(today))
        markup = section_keyboard(plan, measures, statuses, locale)
    elif (
        callback_data.action is MeasureAction.measure
        and (measure := plan.measure(callback_data.n)) is not None
        and r.viewer.sees(measure)
    ):
        text, markup = await measure_view(r.repo, plan, measure, r.viewer, r.clock, locale)
    else:
        await query.answer(stale_button_text(locale), show_alert=True)
        return
    await query.answer()
    await redraw(message, text, markup)


async def open_from_menu(query: CallbackQuery, message: Message, reading: Reading) -> None:
    await query.answer()
    text, markup = await landing_view(reading)
    await message.edit_text(text, reply_markup=markup)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_measures, Command("measures"), ReadingOf())
    router.message.register(show_measure, Command("measure"), ReadingOf())
    router.callback_query.register(on_measure_button, MeasureCb.filter(), OnMessage(), ReadingOf())
    menu = MenuCb.filter(F.screen == Screen.measures)
    router.callback_query.register(open_from_menu, menu, OnMessage(), ReadingOf())
    return router
