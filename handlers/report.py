"""/report (coordinators, admins): the roadmap's progress for a period and an area, as XLSX, CSV and PNG.

The query runs in the update's session; the files are made in a worker thread while one progress message is
edited, so other users are answered meanwhile.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from bot import reports
from bot.access import Access
from bot.clock import Clock
from bot.flows.moments import MomentError, day_in_bounds, parse_typed_day
from bot.flows.org_picker import Level, OrgAct
from bot.flows.wizard import ASKED, Step, StepOf, Wizard, WizardTexts, step_over
from bot.measures import Catalogue, Plan
from bot.reports import Period, PeriodKind, period_of
from bot.views import report as v
from bot.views.formats import short_date
from bot.views.moments import day_out_of_bounds_text
from bot.views.orgs import org_name
from bot.views.paging import paginate
from bot.views.phrases import cancelled_unchanged
from bot.views.report import ReportAct, ReportCb, ReportOrgCb, ReportPageCb, ReportSpanCb
from bot.views.typed_dates import day_example, no_such_day_text
from db.models import Organisation
from db.repositories import Repositories
from db.repositories.measure_report import UpdateLine
from domain.enums import AREA_KINDS, OrgKind
from handlers import open_screens as screens

FLOW = "report"
# No Confirm here: only old buttons (of an earlier version of these screens) reach the wizard's guard.
TEXTS = WizardTexts(step_over(FLOW), cancelled_unchanged, step_over(FLOW))


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


async def report_tops(repo: Repositories, access: Access) -> list[Organisation]:
    """The areas the user coordinates (school roles report on none); every region for an admin."""
    if access.is_admin:
        return await repo.orgs.regions()
    return [org for org in await repo.orgs.many(access.coordinator_areas) if org.kind in AREA_KINDS]


async def scope_choices(repo: Repositories, access: Access) -> list[Organisation]:
    """The coordinator's areas and the districts and cities of a region among them; admins: every region."""
    choices: list[Organisation] = []
    for top in await report_tops(repo, access):
        choices.append(top)
        if top.kind == OrgKind.REGION:
            choices.extend(org for org in await repo.orgs.children(top.code) if org.kind in AREA_KINDS)
    return choices


async def report_level(code: str, repo: Repositories, access: Access) -> Level | None:
    """A screen of the area picker: the user's own areas (""), or a region of them with its districts and
    cities; inside the only one when it is a region. None for a code that is not such a region."""
    tops = await report_tops(repo, access)
    if not code and len(tops) == 1 and tops[0].kind == OrgKind.REGION:
        code = tops[0].code
    if not code:
        return Level(None, tops, None)
    area = next((top for top in tops if top.code == code and top.kind == OrgKind.REGION), None)
    if area is None:
        return None
    items = [org for org in await repo.orgs.children(code) if org.kind in AREA_KINDS]
    return Level(area, items, "" if len(tops) > 1 else None)


def _day(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def offered_periods(plans: list[Plan], today: date) -> v.Periods:
    """The ready-made periods that fall in one of the region's plans (all four when it has none to judge
    by); while none is in force, the plan that ended last too, for its whole span and its years."""
    if not plans:
        return v.Periods()
    kinds = tuple(k for k in v.RELATIVE if any(_overlaps(period_of(k, today), p) for p in plans))
    if any(p.holds(today) for p in plans):
        return v.Periods(kinds)
    ended = [p for p in plans if p.ended(today)]
    return v.Periods(kinds, max(ended, key=lambda p: (p.ends, p.starts), default=None))


def _overlaps(period: Period, plan: Plan) -> bool:
    return period.start <= plan.ends and plan.starts <= period.end


async def periods_screen(
    repo: Repositories, access: Access, catalogue: Catalogue, today: date, locale: str
) -> tuple[str, InlineKeyboardMarkup]:
    """The question of the period, with the periods the plans of the user's regions hold."""
    regions = {
        path[0].code for top in await report_tops(repo, access) if (path := await repo.orgs.path(top.code))
    }
    periods = offered_periods([p for r in sorted(regions) for p in catalogue.of_region(r)], today)
    return v.choose_period_text(periods, locale), v.period_keyboard(periods, locale)


async def report_command(
    message: Message,
    access: Access,
    state: FSMContext,
    repo: Repositories,
    clock: Clock,
    catalogue: Catalogue,
    locale: str,
) -> None:
    if not access.is_coordinator:
        await message.answer(v.coordinators_only_text(locale))
        return
    await state.clear()
    text, markup = await periods_screen(repo, access, catalogue, clock.now().date(), locale)
    shown = await message.answer(text, reply_markup=markup)
    await screens.opened(state, screens.OpenScreen.report, shown.message_id)


async def show_scopes(step: Step, period: Period, *, edit: bool, code: str = "", page: int = 0) -> None:
    level = await report_level(code, step.repo, step.access)
    if level is None or not (level.items or level.area):
        await step.show(v.no_scope_text(step.locale), None, edit=edit)
        return
    markup = v.scope_keyboard(level, paginate(level.items, page), period, step.locale)
    await step.show(v.choose_scope_text(period, step.locale), markup, edit=edit)


async def _refused(query: CallbackQuery, step: Step) -> bool:
    """A press by someone who is no longer (or never was) a coordinator: told in an alert."""
    if step.access.is_coordinator:
        return False
    await step.refuse(query, v.coordinators_only_text)
    return True


async def on_period(query: CallbackQuery, callback_data: ReportCb, step: Step) -> None:
    if await _refused(query, step):
        return
    await query.answer()
    try:
        kind = PeriodKind(callback_data.period)
    except ValueError:
        return
    if kind is PeriodKind.custom:
        await step.state.set_state(ReportAuthoring.start)
        await step.message.edit_text(v.ask_day_text(False, step.clock.now().date(), step.locale))
        return
    await show_scopes(step, period_of(kind, step.clock.now().date()), edit=True)


async def on_span(query: CallbackQuery, callback_data: ReportSpanCb, step: Step) -> None:
    """An ended roadmap's whole span or one of its years."""
    if await _refused(query, step):
        return
    period = _period(callback_data)
    await query.answer()
    if period is not None:
        await show_scopes(step, period, edit=True)


def _period(data: ReportOrgCb | ReportPageCb | ReportSpanCb) -> Period | None:
    start, end = _day(data.start), _day(data.end)
    return Period(start, end) if start is not None and end is not None and start <= end else None


async def on_level(query: CallbackQuery, callback_data: ReportOrgCb, step: Step) -> None:
    """Into a region, or Back up to the user's own areas."""
    days = {"start": callback_data.start, "end": callback_data.end}
    await on_page(query, ReportPageCb(code=callback_data.code, page=0, **days), step)


async def on_page(query: CallbackQuery, callback_data: ReportPageCb, step: Step) -> None:
    if await _refused(query, step):
        return
    if await report_level(callback_data.code, step.repo, step.access) is None:
        await step.refuse(query, v.not_in_scope_text)
        return
    period = _period(callback_data)
    await query.answer()
    if period is not None:
        await show_scopes(step, period, edit=True, code=callback_data.code, page=max(0, callback_data.page))


async def on_back(query: CallbackQuery, step: Step, catalogue: Catalogue) -> None:
    """From the top of the area picker to the periods."""
    await query.answer()
    await _show_periods(step, catalogue)


async def _show_periods(step: Step, catalogue: Catalogue) -> None:
    today = step.clock.now().date()
    text, markup = await periods_screen(step.repo, step.access, catalogue, today, step.locale)
    await step.show(text, markup, edit=True)


async def on_cancel(query: CallbackQuery, step: Step) -> None:
    await screens.closed(step.state, screens.OpenScreen.report)
    await query.answer()
    await step.show(cancelled_unchanged(step.locale), None, edit=True)


async def on_scope(
    query: CallbackQuery, callback_data: ReportOrgCb, step: Step, catalogue: Catalogue
) -> None:
    if await _refused(query, step):
        return
    period = _period(callback_data)
    choices = {org.code: org for org in await scope_choices(step.repo, step.access)}
    scope = choices.get(callback_data.code)
    if scope is None:
        await step.refuse(query, v.not_in_scope_text)
        return
    if period is None:
        await query.answer()
        return
    path = await step.repo.orgs.path(scope.code)
    # The plan the period falls in, ended or not: updates are keyed by plan and number.
    plan = catalogue.for_period(path[0].code, period.start, period.end) if path else None
    if plan is None:
        # The latest two: an alert holds 200 characters.
        plans = catalogue.of_region(path[0].code)[-2:] if path else []
        spans = [f"{short_date(p.starts)}–{short_date(p.ends)}" for p in plans]
        await query.answer(v.no_plan_text(spans, step.locale), show_alert=True)
        await _show_periods(step, catalogue)  # the flow goes on: another period is chosen
        return
    await query.answer()
    await screens.closed(step.state, screens.OpenScreen.report)
    await build_and_send(
        step.message, step.repo, step.clock, plan, scope, period, query.from_user.id, step.locale
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
    name = org_name(scope, locale)
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


async def _typed_day(message: Message, step: Step) -> date | None:
    """The day typed as DD.MM.YYYY within the bot's limits; else None, after saying what was wrong.

    The examples are days the step takes: the first of this month for a first day, today for a last one."""
    today = step.clock.now().date()
    last = await step.state.get_state() == ReportAuthoring.end.state
    try:
        day = parse_typed_day(message.text)
    except MomentError as error:
        example = day_example(today, last=last)
        if error.detail is not None:  # 31.02.2026: no such day, told why
            await message.answer(no_such_day_text(error.detail, example, step.locale))
        else:
            await message.answer(v.day_refused_text(step.locale, example=example))
        return None
    if not day_in_bounds(day, today):
        await message.answer(day_out_of_bounds_text(today, step.locale))
        return None
    elif day > today:
        # Refused, not cut at today: the period typed is the report's title and its files' names, and a
        # period quietly ending elsewhere would read as a report on days still to come.
        await message.answer(v.future_day_text(short_date(today), step.locale))
        return None
    return day


async def got_start(message: Message, step: Step) -> None:
    day = await _typed_day(message, step)
    if day is None:
        return
    await step.state.update_data(report_start=day.isoformat())
    await step.state.set_state(ReportAuthoring.end)
    await message.answer(v.ask_day_text(True, step.clock.now().date(), step.locale))


async def got_end(message: Message, step: Step) -> None:
    day = await _typed_day(message, step)
    if day is None:
        return
    start = date.fromisoformat((await step.data())["report_start"])
    if day < start:
        await message.answer(v.day_refused_text(step.locale, before_start=True))
        return
    await step.state.clear()
    await show_scopes(step, Period(start, day), edit=False)
    if (asked := (await step.data()).get(ASKED)) is not None:
        await screens.opened(step.state, screens.OpenScreen.report, int(asked["message"]))


def build_router() -> Router:
    router = Router(name=__name__)
    flow = Wizard(router, FLOW, ReportCb.__prefix__, TEXTS, ReportAuthoring)
    flow.start(report_command, "report")
    # The period and area buttons work at any time (no state): a report is asked for in one go.
    press = router.callback_query.register
    press(on_period, ReportCb.filter(F.act == ReportAct.period), StepOf(FLOW))
    press(on_span, ReportSpanCb.filter(), StepOf(FLOW))
    press(on_level, ReportOrgCb.filter(F.act.in_({OrgAct.open, OrgAct.up})), StepOf(FLOW))
    press(on_page, ReportPageCb.filter(), StepOf(FLOW))
    press(on_scope, ReportOrgCb.filter(F.act.in_({OrgAct.whole, OrgAct.pick})), StepOf(FLOW))
    press(on_back, ReportCb.filter(F.act == ReportAct.back), StepOf(FLOW))
    press(on_cancel, ReportCb.filter(F.act == ReportAct.cancel), StepOf(FLOW))
    # A command typed mid-flow goes to its own handler (/cancel: the post flow's, which clears any state).
    flow.typed(got_start, ReportAuthoring.start, extra=~F.text.startswith("/"))
    flow.typed(got_end, ReportAuthoring.end, extra=~F.text.startswith("/"))
    flow.close()
    return router
