"""/measures and /measure N: the roadmap's measures by section, with a status for what the viewer may see.

Parents and students see the parent-facing measures, judged over the whole region from public updates;
staff see every measure, judged over their scope from all updates. Ids from buttons are checked again here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, User
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.clock import Clock
from bot.measures import Catalogue, Measure, Plan, Status, measure_status, next_due
from bot.settings import Settings
from bot.views.measures import (
    measure_button_text,
    measure_text,
    measure_usage_text,
    no_plan_text,
    section_button_text,
    section_text,
    sections_text,
    unknown_measure_text,
)
from bot.views.menu import stale_button_text
from db.repositories import Repositories
from handlers.access import load_access
from handlers.navigation import MenuCb, Screen, menu_button

UPDATES_SHOWN = 10


class MeasureAction(StrEnum):
    sections = "s"
    section = "c"
    measure = "m"


class MeasureCb(CallbackData, prefix="ms"):
    action: MeasureAction
    n: int = 0  # a section number or a measure number


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


def sections_keyboard(plan: Plan, locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for section in plan.sections:
        kb.button(
            text=section_button_text(plan, section.number, locale),
            callback_data=MeasureCb(action=MeasureAction.section, n=section.number),
        )
    kb.adjust(1)
    kb.row(menu_button(locale))
    return kb.as_markup()


def section_keyboard(
    measures: list[Measure], statuses: dict[int, Status], locale: str
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for m in measures:
        kb.button(
            text=measure_button_text(m, statuses[m.number], locale),
            callback_data=MeasureCb(action=MeasureAction.measure, n=m.number),
        )
    kb.adjust(1)
    kb.row(_back(MeasureAction.sections, 0, _("⬅️ Sections", locale=locale)), menu_button(locale))
    return kb.as_markup()


def measure_keyboard(measure: Measure, locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _back(MeasureAction.section, measure.section, _("⬅️ Section", locale=locale)),
                _back(MeasureAction.sections, 0, _("📊 All sections", locale=locale)),
            ],
            [menu_button(locale)],
        ]
    )


def _back(action: MeasureAction, n: int, text: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=MeasureCb(action=action, n=n).pack())


def current_plan(catalogue: Catalogue | None) -> Plan | None:
    # One region is served now; the first plan stands for it until viewers choose a region.
    return catalogue.plans[0] if catalogue is not None and catalogue.plans else None


async def viewer_of(repo: Repositories, user: User, settings: Settings) -> Viewer:
    access = await load_access(repo, user.id, settings.admin_ids)
    if access is None:
        return Viewer(staff=False, codes=None)
    return Viewer(staff=True, codes=access.codes)


async def statuses_for(repo: Repositories, plan: Plan, viewer: Viewer, clock: Clock) -> dict[int, Status]:
    facts = await repo.progress.facts(plan.code, viewer.codes, viewer.public_only)
    today = clock.now().date()
    return {m.number: measure_status(m, facts.get(m.number, []), today, plan=plan) for m in plan.measures}


async def sections_view(
    repo: Repositories, plan: Plan, viewer: Viewer, clock: Clock, locale: str
) -> tuple[str, InlineKeyboardMarkup]:
    statuses = await statuses_for(repo, plan, viewer, clock)
    visible = [m for m in plan.measures if viewer.sees(m)]
    return sections_text(plan, statuses, visible, viewer.staff, locale), sections_keyboard(plan, locale)


async def measure_view(
    repo: Repositories, plan: Plan, measure: Measure, viewer: Viewer, clock: Clock, locale: str
) -> tuple[str, InlineKeyboardMarkup]:
    facts = await repo.progress.facts(plan.code, viewer.codes, viewer.public_only)
    today = clock.now().date()
    status = measure_status(measure, facts.get(measure.number, []), today, plan=plan)
    updates = await repo.progress.latest(
        plan.code, measure.number, viewer.codes, viewer.public_only, limit=UPDATES_SHOWN
    )
    text = measure_text(plan, measure, status, next_due(measure, plan, today), updates, viewer.staff, locale)
    return text, measure_keyboard(measure, locale)


async def show_measures(
    message: Message, locale: str, repo: Repositories, settings: Settings, clock: Clock, catalogue: Catalogue
) -> None:
    plan = current_plan(catalogue)
    if plan is None or message.from_user is None:
        await message.answer(no_plan_text(locale))
        return
    viewer = await viewer_of(repo, message.from_user, settings)
    text, markup = await sections_view(repo, plan, viewer, clock, locale)
    await message.answer(text, reply_markup=markup)


async def show_measure(
    message: Message,
    command: CommandObject,
    locale: str,
    repo: Repositories,
    settings: Settings,
    clock: Clock,
    catalogue: Catalogue,
) -> None:
    plan = current_plan(catalogue)
    if plan is None or message.from_user is None:
        await message.answer(no_plan_text(locale))
        return
    arg = (command.args or "").strip().lstrip("№#")
    if not arg:
        await message.answer(measure_usage_text(locale))
        return
    viewer = await viewer_of(repo, message.from_user, settings)
    measure = plan.measure(int(arg)) if arg.isdigit() and len(arg) <= 4 else None
    if measure is None or not viewer.sees(measure):
        await message.answer(unknown_measure_text(locale))
        return
    text, markup = await measure_view(repo, plan, measure, viewer, clock, locale)
    await message.answer(text, reply_markup=markup)


async def on_measure_button(
    query: CallbackQuery,
    callback_data: MeasureCb,
    locale: str,
    repo: Repositories,
    settings: Settings,
    clock: Clock,
    catalogue: Catalogue,
) -> None:
    plan = current_plan(catalogue)
    if plan is None or not isinstance(query.message, Message):
        await query.answer()
        return
    viewer = await viewer_of(repo, query.from_user, settings)
    if callback_data.action is MeasureAction.sections:
        text, markup = await sections_view(repo, plan, viewer, clock, locale)
    elif callback_data.action is MeasureAction.section and plan.section(callback_data.n) is not None:
        statuses = await statuses_for(repo, plan, viewer, clock)
        measures = [m for m in plan.in_section(callback_data.n) if viewer.sees(m)]
        text = section_text(plan, callback_data.n, viewer.staff, locale)
        markup = section_keyboard(measures, statuses, locale)
    elif callback_data.action is MeasureAction.measure and _visible(plan, callback_data.n, viewer):
        measure = plan.measure(callback_data.n)
        assert measure is not None
        text, markup = await measure_view(repo, plan, measure, viewer, clock, locale)
    else:
        await query.answer(stale_button_text(locale), show_alert=True)
        return
    await query.answer()
    if text != query.message.html_text or markup != query.message.reply_markup:
        await query.message.edit_text(text, reply_markup=markup)


def _visible(plan: Plan, number: int, viewer: Viewer) -> bool:
    measure = plan.measure(number)
    return measure is not None and viewer.sees(measure)


async def open_from_menu(
    query: CallbackQuery,
    locale: str,
    repo: Repositories,
    settings: Settings,
    clock: Clock,
    catalogue: Catalogue,
) -> None:
    plan = current_plan(catalogue)
    await query.answer()
    if not isinstance(query.message, Message):
        return
    if plan is None:
        await query.message.edit_text(no_plan_text(locale))
        return
    viewer = await viewer_of(repo, query.from_user, settings)
    text, markup = await sections_view(repo, plan, viewer, clock, locale)
    await query.message.edit_text(text, reply_markup=markup)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_measures, Command("measures"))
    router.message.register(show_measure, Command("measure"))
    router.callback_query.register(on_measure_button, MeasureCb.filter())
    router.callback_query.register(open_from_menu, MenuCb.filter(F.screen == Screen.measures))
    return router
