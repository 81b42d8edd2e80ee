"""Callback data, texts and keyboards of /report: period, scope, progress and the captions of the files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from html import escape
from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.flows.buttons import button, nav_row
from bot.flows.org_picker import Level, OrgAct, back_button, tree_keyboard
from bot.measures import Plan
from bot.reports import Period, PeriodKind
from bot.views.formats import long_date
from bot.views.measures import plan_years
from bot.views.orgs import org_name
from bot.views.paging import Page
from bot.views.phrases import __
from bot.views.typed_dates import day_example
from db.models import Organisation
from domain.enums import OrgKind


class ReportAct(StrEnum):
    period = "p"  # a period button
    back = "b"  # from the top of the area picker to the periods
    cancel = "x"


class ReportCb(CallbackData, prefix="rp"):
    act: ReportAct
    period: str = ""  # PeriodKind


class ReportOrgCb(CallbackData, prefix="rp"):
    """An area button of the picker, carrying the period's days (YYYYMMDD): /report keeps no state."""

    act: OrgAct
    code: str
    start: str
    end: str


class ReportSpanCb(CallbackData, prefix="rp"):
    """A period of an ended roadmap (all of it, or one of its years), its days carried as YYYYMMDD."""

    act: Literal["d"] = "d"
    start: str
    end: str


class ReportPageCb(CallbackData, prefix="rp"):
    act: Literal["pg"] = "pg"
    code: str  # the area whose page this is ("" for the user's own areas)
    page: int
    start: str
    end: str


CANCEL = ReportCb(act=ReportAct.cancel)


coordinators_only_text = __(
    "Reports on the roadmap are for coordinators of a district, a city or the region. "
    "Your progress updates are already counted in them."
)
RELATIVE = (PeriodKind.quarter, PeriodKind.last_quarter, PeriodKind.half_year, PeriodKind.year)


@dataclass(frozen=True, slots=True)
class Periods:
    """The ready-made periods offered: those of `kinds` that fall in a roadmap of the user's regions, and when
    none is in force, the whole of the roadmap that ended last (`ended`) and each of its years."""

    kinds: tuple[PeriodKind, ...] = RELATIVE
    ended: Plan | None = None


def choose_period_text(periods: Periods, locale: str) -> str:
    text = _("<b>Roadmap report</b>\nWhich period?", locale=locale)
    if periods.ended is None:
        return text
    note = _(
        "The roadmap ({years}) ended on {date}, and no new one is in force yet. Choose one of its periods or "
        "other dates.",
        locale=locale,
    ).format(years=plan_years(periods.ended), date=long_date(periods.ended.ends, locale))
    return f"{text}\n{note}"


def plan_periods(plan: Plan, locale: str) -> list[tuple[str, Period]]:
    """The whole plan, then each of its years, the latest first (a year cut to the plan's own days)."""
    whole = (
        _("Whole roadmap {years}", locale=locale).format(years=plan_years(plan)),
        Period(plan.starts, plan.ends),
    )
    years = [
        (
            _("Year {year}", locale=locale).format(year=year),
            Period(max(plan.starts, date(year, 1, 1)), min(plan.ends, date(year, 12, 31))),
        )
        for year in range(plan.ends.year, plan.starts.year - 1, -1)
    ]
    return [whole, *years]


LABELS = {
    PeriodKind.quarter: __("This quarter"),
    PeriodKind.last_quarter: __("Last quarter"),
    PeriodKind.half_year: __("This half-year"),
    PeriodKind.year: __("This year"),
    PeriodKind.custom: __("Other dates…"),
}


def period_keyboard(periods: Periods, locale: str) -> InlineKeyboardMarkup:
    """Two periods a row; an ended roadmap's whole span alone, its years three a row; «Other dates…» alone,
    then Cancel."""

    def period(kind: PeriodKind) -> InlineKeyboardButton:
        return button(LABELS[kind](locale), ReportCb(act=ReportAct.period, period=kind.value))

    def span(label: str, days: Period) -> InlineKeyboardButton:
        return button(label, ReportSpanCb(start=f"{days.start:%Y%m%d}", end=f"{days.end:%Y%m%d}"))

    kinds = [period(kind) for kind in periods.kinds]
    rows = [kinds[i : i + 2] for i in range(0, len(kinds), 2)]
    if periods.ended is not None:
        (whole, *years) = [span(label, days) for label, days in plan_periods(periods.ended, locale)]
        rows += [[whole], *(years[i : i + 3] for i in range(0, len(years), 3))]
    rows += [[period(PeriodKind.custom)], nav_row(CANCEL, locale)]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def ask_day_text(last: bool, today: date, locale: str) -> str:
    """Other dates: the period's first day (the example the first of this month), then its last."""
    if last:
        return _("Now the last day of the period, as DD.MM.YYYY.", locale=locale)
    return _(
        "Send the first day of the period as DD.MM.YYYY, for example {example}. /cancel to stop.",
        locale=locale,
    ).format(example=day_example(today))


def day_refused_text(locale: str, *, before_start: bool = False, example: str = "") -> str:
    """A typed day not taken: it could not be read (`example`: a day the step takes, from today), or (the
    last day) it comes before the first."""
    if before_start:
        return _("The last day comes before the first one. Please send the last day again.", locale=locale)
    return _(
        "I could not read that date. Please send it as DD.MM.YYYY, for example {example}.", locale=locale
    ).format(example=example)


def future_day_text(today: str, locale: str) -> str:
    return _(
        "A report covers work already done: please send a day no later than today, {today}.", locale=locale
    ).format(today=today)


def choose_scope_text(period: Period, locale: str) -> str:
    return _("<b>Roadmap report</b> for {period}\nFor which area?", locale=locale).format(
        period=period.label()
    )


def scope_keyboard(
    level: Level, page: Page[Organisation], period: Period, locale: str
) -> InlineKeyboardMarkup:
    """A region opens (its own button first, then its districts and cities); any other area is picked.
    Back goes up to the user's own areas, and from there to the periods."""
    days = {"start": f"{period.start:%Y%m%d}", "end": f"{period.end:%Y%m%d}"}

    def org(act: OrgAct, code: str) -> ReportOrgCb:
        return ReportOrgCb(act=act, code=code, **days)

    area = level.area
    head = button(org_name(area, locale), org(OrgAct.whole, area.code)) if area is not None else None
    up = back_button(org, level.back_to, locale) if level.back_to is not None else None
    nav = [up, *nav_row(CANCEL, locale)] if up else nav_row(CANCEL, locale, ReportCb(act=ReportAct.back))
    code = area.code if area is not None else ""

    def to_page(number: int) -> ReportPageCb:
        return ReportPageCb(code=code, page=number, **days)

    return tree_keyboard(org, to_page, page, locale, nav, head, opens=is_region)


def is_region(org: Organisation) -> bool:
    return org.kind == OrgKind.REGION


no_scope_text = __("There is no district, city or region in your scope to report on.")
not_in_scope_text = __("This area is outside your scope.")


_NO_PLAN = __(
    "No roadmap of the region covers that period; its roadmap: {spans}. Choose another period.",
    "No roadmap of the region covers that period; its roadmaps: {spans}. Choose another period.",
)


def no_plan_text(spans: list[str], locale: str) -> str:
    """No roadmap of the region covers the period: its latest roadmaps' spans, when it has any; the periods
    are offered again."""
    if not spans:
        return _("There is no roadmap for this region in the bot yet.", locale=locale)
    return _NO_PLAN(len(spans), locale, spans=", ".join(spans))


def _about(scope: str, period: Period) -> dict[str, str]:
    """What a progress line or caption fills in: the area's name (escaped) and the period."""
    return {"scope": escape(scope, quote=False), "period": period.label()}


def collecting_text(scope: str, period: Period, locale: str) -> str:
    return _("⏳ Collecting the updates for {scope}, {period}…", locale=locale).format(
        **_about(scope, period)
    )


_BUILDING = __(
    "⏳ {scope}, {period}: {count} update found, making the files…",
    "⏳ {scope}, {period}: {count} updates found, making the files…",
).bind(number_as="count")
_READY = __(
    "✅ The report for {scope}, {period} is ready: {count} row.",
    "✅ The report for {scope}, {period} is ready: {count} rows.",
).bind(number_as="count")


def building_text(scope: str, period: Period, updates: int, locale: str) -> str:
    return _BUILDING(updates, locale, **_about(scope, period))


def ready_text(scope: str, period: Period, rows: int, locale: str) -> str:
    return _READY(rows, locale, **_about(scope, period))


def xlsx_caption(plan_title: str, scope: str, period: Period, locale: str) -> str:
    return _(
        "<b>{plan}</b>\n{scope}, {period}\nA row per measure and organisation, and a summary by section.",
        locale=locale,
    ).format(plan=escape(plan_title, quote=False), **_about(scope, period))


csv_caption = __("The same rows as CSV (UTF-8), for other programs.")


def chart_caption(scope: str, period: Period, locale: str) -> str:
    text = _("Progress by section and by district or city: {scope}, {period}", locale=locale)
    return text.format(**_about(scope, period))
