"""/report (coordinators, admins): the roadmap's progress for a period and an area, as XLSX, CSV and PNG.

The query runs in the update's session; the files are made in a worker thread while one progress message is
edited, so other users are answered meanwhile.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot import reports
from bot.access import Access, Role
from bot.clock import Clock
from bot.measures import Catalogue, Plan
from bot.reports import Period, PeriodKind, parse_day, period_of
from bot.views import report as v
from db.models import Organisation
from db.repositories import Repositories
from db.repositories.measure_report import UpdateLine
from db.repositories.orgs import AREA_KINDS, REGION

COMMANDS = ("report",)


class ReportCb(CallbackData, prefix="rp"):
    act: str  # p: a period button, s: an area button
    period: str = ""  # PeriodKind
    start: str = ""  # YYYYMMDD
    end: str = ""
    code: str = ""


CALLBACKS = (ReportCb,)


class ReportAuthoring(StatesGroup):
    start = State()
    end = State()


@dataclass(frozen=True, slots=True)
class Files:
    xlsx: bytes
    csv: bytes
    png: bytes
    rows: int


def make_files(
    plan: Plan,
    lines: list[UpdateLine],
    orgs: dict[str, Organisation],
    scope: Organisation,
    as_of: date,
    locale: str,
) -> Files:
    report = reports.assemble(plan, lines, orgs, scope, as_of, locale)
    return Files(
        xlsx=reports.xlsx(report.rows, report.summary, locale),
        csv=reports.csv(report.rows, locale),
        png=reports.chart(report.by_section, report.by_district, locale),
        rows=len(report.rows),
    )


async def scope_choices(repo: Repositories, access: Access) -> list[Organisation]:
    """The coordinator's areas and the districts and cities of a region among them; admins: every region."""
    if access.is_admin:
        tops = await repo.orgs.regions()
    else:
        codes = dict.fromkeys(g.scope_code for g in access.grants if g.role is Role.COORDINATOR)
        tops = [org for org in await repo.orgs.many(codes) if org.kind in AREA_KINDS]
    choices: list[Organisation] = []
    for top in tops:
        choices.append(top)
        if top.kind == REGION:
            choices.extend(org for org in await repo.orgs.children(top.code) if org.kind in AREA_KINDS)
    return choices


def _day(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def _name(org: Organisation, locale: str) -> str:
    return org.name_ru if locale == "ru" else org.name_kk


async def report_command(message: Message, access: Access, state: FSMContext, locale: str) -> None:
    if not access.is_coordinator:
        await message.answer(v.coordinators_only_text(locale))
        return
    await state.clear()
    await message.answer(v.choose_period_text(locale), reply_markup=v.period_keyboard(ReportCb, locale))


async def show_scopes(
    target: Message, repo: Repositories, access: Access, period: Period, locale: str, edit: bool
) -> None:
    choices = await scope_choices(repo, access)
    text = v.choose_scope_text(period, locale) if choices else v.no_scope_text(locale)
    markup = v.scope_keyboard(choices, period, ReportCb, locale) if choices else None
    if edit:
        await target.edit_text(text, reply_markup=markup)
    else:
        await target.answer(text, reply_markup=markup)


async def on_report_button(
    query: CallbackQuery,
    callback_data: ReportCb,
    access: Access,
    repo: Repositories,
    clock: Clock,
    catalogue: Catalogue,
    state: FSMContext,
    locale: str,
) -> None:
    if not access.is_coordinator:
        await query.answer(v.coordinators_only_text(locale), show_alert=True)
        return
    if not isinstance(query.message, Message):
        await query.answer()
        return
    if callback_data.act == "p":
        try:
            kind = PeriodKind(callback_data.period)
        except ValueError:
            await query.answer()
            return
        await query.answer()
        if kind is PeriodKind.custom:
            await state.set_state(ReportAuthoring.start)
            await query.message.edit_text(v.ask_start_text(locale))
            return
        await show_scopes(query.message, repo, access, period_of(kind, clock.now().date()), locale, edit=True)
        return
    start, end = _day(callback_data.start), _day(callback_data.end)
    choices = {org.code: org for org in await scope_choices(repo, access)}
    scope = choices.get(callback_data.code)
    if start is None or end is None or end < start:
        await query.answer()
        return
    if scope is None:
        await query.answer(v.not_in_scope_text(locale), show_alert=True)
        return
    path = await repo.orgs.path(scope.code)
    # The plan the period falls in, ended or not: updates are keyed by plan and number.
    plan = catalogue.for_period(path[0].code, start, end) if path else None
    if plan is None:
        # The latest two: an alert holds 200 characters.
        plans = catalogue.of_region(path[0].code)[-2:] if path else []
        spans = [f"{p.starts:%d.%m.%Y}–{p.ends:%d.%m.%Y}" for p in plans]
        text = v.no_plan_in_period_text(", ".join(spans), locale) if spans else v.no_plan_text(locale)
        await query.answer(text, show_alert=True)
        return
    await query.answer()
    await build_and_send(
        query.message, repo, clock, plan, scope, Period(start, end), query.from_user.id, locale
    )


async def build_and_send(
    progress: Message,
    repo: Repositories,
    clock: Clock,
    plan: Plan,
    scope: Organisation,
    period: Period,
    user_id: int,
    locale: str,
) -> None:
    name = _name(scope, locale)
    await progress.edit_text(v.collecting_text(name, period, locale))
    codes = await repo.orgs.within([scope.code])
    orgs = {org.code: org for org in await repo.orgs.many(codes)}
    lines = await repo.report.updates(plan.code, period.start, period.end, codes, locale)
    await progress.edit_text(v.building_text(name, period, len(lines), locale))
    # Statuses as of the period's end, or of the plan's: past it nothing more was owed.
    as_of = min(clock.now().date(), period.end, plan.ends)
    files = await asyncio.to_thread(make_files, plan, lines, orgs, scope, as_of, locale)
    stem = f"report_{scope.code}_{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    await progress.answer_document(
        BufferedInputFile(files.xlsx, filename=f"{stem}.xlsx"),
        caption=v.xlsx_caption(plan.title.get(locale), name, period, locale),
    )
    await progress.answer_document(
        BufferedInputFile(files.csv, filename=f"{stem}.csv"), caption=v.csv_caption(locale)
    )
    await progress.answer_photo(
        BufferedInputFile(files.png, filename=f"{stem}.png"), caption=v.chart_caption(name, period, locale)
    )
    await progress.edit_text(v.ready_text(name, period, files.rows, locale))
    detail = f"{plan.code} {scope.code} {period.start:%Y%m%d}-{period.end:%Y%m%d}"
    await repo.audit.record(user_id, "report.built", clock.now(), detail=detail)


async def got_start(message: Message, state: FSMContext, locale: str) -> None:
    day = parse_day(message.text)
    if day is None:
        await message.answer(v.bad_day_text(locale))
        return
    await state.update_data(report_start=day.isoformat())
    await state.set_state(ReportAuthoring.end)
    await message.answer(v.ask_end_text(locale))


async def got_end(
    message: Message, state: FSMContext, repo: Repositories, access: Access, locale: str
) -> None:
    day = parse_day(message.text)
    if day is None:
        await message.answer(v.bad_day_text(locale))
        return
    start = date.fromisoformat((await state.get_data())["report_start"])
    if day < start:
        await message.answer(v.end_before_start_text(locale))
        return
    await state.clear()
    await show_scopes(message, repo, access, Period(start, day), locale, edit=False)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(report_command, Command("report"))
    # A command typed mid-flow goes to its own handler (/cancel: the post flow's, which clears any state).
    not_a_command = ~F.text.startswith("/")
    router.message.register(got_start, StateFilter(ReportAuthoring.start), not_a_command)
    router.message.register(got_end, StateFilter(ReportAuthoring.end), not_a_command)
    router.callback_query.register(on_report_button, ReportCb.filter())
    return router
