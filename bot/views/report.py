"""Callback data, texts and keyboards of /report: period, scope, progress and the captions of the files."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from html import escape

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.reports import Period, PeriodKind
from db.models import Organisation


class ReportAct(StrEnum):
    period = "p"  # a period button
    scope = "s"  # an area button, carrying the period's days


class ReportCb(CallbackData, prefix="rp"):
    act: ReportAct
    period: str = ""  # PeriodKind
    start: str = ""  # YYYYMMDD
    end: str = ""
    code: str = ""


def coordinators_only_text(locale: str) -> str:
    return _(
        "Reports on the roadmap are for coordinators of a district, a city or the region. "
        "Your progress updates are already counted in them.",
        locale=locale,
    )


def choose_period_text(locale: str) -> str:
    return _("<b>Roadmap report</b>\nWhich period?", locale=locale)


def period_button(kind: PeriodKind, locale: str) -> str:
    labels = {
        PeriodKind.quarter: _("This quarter", locale=locale),
        PeriodKind.last_quarter: _("Last quarter", locale=locale),
        PeriodKind.half_year: _("This half-year", locale=locale),
        PeriodKind.year: _("This year", locale=locale),
        PeriodKind.custom: _("Other dates…", locale=locale),
    }
    return labels[kind]


def period_keyboard(locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for kind in PeriodKind:
        kb.button(
            text=period_button(kind, locale), callback_data=ReportCb(act=ReportAct.period, period=kind.value)
        )
    kb.adjust(2, 2, 1)
    return kb.as_markup()


def ask_start_text(locale: str) -> str:
    return _(
        "Send the first day of the period as DD.MM.YYYY, for example 01.09.2025. /cancel to stop.",
        locale=locale,
    )


def ask_end_text(locale: str) -> str:
    return _("Now the last day of the period, as DD.MM.YYYY.", locale=locale)


def bad_day_text(locale: str) -> str:
    return _(
        "I could not read that date. Please send it as DD.MM.YYYY, for example 31.12.2025.", locale=locale
    )


def end_before_start_text(locale: str) -> str:
    return _("The last day comes before the first one. Please send the last day again.", locale=locale)


def choose_scope_text(period: Period, locale: str) -> str:
    return _("<b>Roadmap report</b> for {period}\nFor which area?", locale=locale).format(
        period=period.label()
    )


def scope_keyboard(orgs: Sequence[Organisation], period: Period, locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    days = {"start": f"{period.start:%Y%m%d}", "end": f"{period.end:%Y%m%d}"}
    for org in orgs:
        data = ReportCb(act=ReportAct.scope, code=org.code, **days)
        kb.button(text=org.name_ru if locale == "ru" else org.name_kk, callback_data=data)
    kb.adjust(1)
    return kb.as_markup()


def no_scope_text(locale: str) -> str:
    return _("There is no district, city or region in your scope to report on.", locale=locale)


def not_in_scope_text(locale: str) -> str:
    return _("This area is outside your scope.", locale=locale)


def no_plan_text(locale: str) -> str:
    return _("There is no roadmap for this region in the bot yet.", locale=locale)


def no_plan_in_period_text(spans: str, locale: str) -> str:
    return _(
        "No roadmap of the region covers that period; its roadmaps: {spans}. Send /report again and choose "
        "«Other dates…» within one of them.",
        locale=locale,
    ).format(spans=spans)


def collecting_text(scope: str, period: Period, locale: str) -> str:
    return _("⏳ Collecting the updates for {scope}, {period}…", locale=locale).format(
        scope=escape(scope, quote=False), period=period.label()
    )


def building_text(scope: str, period: Period, updates: int, locale: str) -> str:
    return ngettext(
        "⏳ {scope}, {period}: {count} update found, making the files…",
        "⏳ {scope}, {period}: {count} updates found, making the files…",
        updates,
        locale=locale,
    ).format(scope=escape(scope, quote=False), period=period.label(), count=updates)


def ready_text(scope: str, period: Period, rows: int, locale: str) -> str:
    return ngettext(
        "✅ The report for {scope}, {period} is ready: {count} row.",
        "✅ The report for {scope}, {period} is ready: {count} rows.",
        rows,
        locale=locale,
    ).format(scope=escape(scope, quote=False), period=period.label(), count=rows)


def xlsx_caption(plan_title: str, scope: str, period: Period, locale: str) -> str:
    return _(
        "<b>{plan}</b>\n{scope}, {period}\nA row per measure and organisation, and a summary by section.",
        locale=locale,
    ).format(plan=escape(plan_title, quote=False), scope=escape(scope, quote=False), period=period.label())


def csv_caption(locale: str) -> str:
    return _("The same rows as CSV (UTF-8), for other programs.", locale=locale)


def chart_caption(scope: str, period: Period, locale: str) -> str:
    return _("Progress by section and by district or city: {scope}, {period}", locale=locale).format(
        scope=escape(scope, quote=False), period=period.label()
    )
