"""Words of the report files in the requester's language: column headers, statuses, figure names."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.views.measures import CURRENT_ORDER
from bot.views.measures import status_label as measure_status_label
from domain.enums import MeasureStatus

STATUS_ORDER = CURRENT_ORDER
STATUS_COLOURS = {
    MeasureStatus.DONE: "#2e7d32",
    MeasureStatus.IN_PROGRESS: "#f9a825",
    MeasureStatus.NOT_STARTED: "#b0bec5",
    MeasureStatus.OVERDUE: "#c62828",
}


def status_label(status: MeasureStatus, locale: str) -> str:
    """The name /measures gives the status, as a column header or a legend entry."""
    label = measure_status_label(status, locale)
    return label[:1].upper() + label[1:]  # not str.capitalize, which lower-cases the rest


def row_headers(locale: str) -> dict[str, str]:
    return {
        "section": _("Section", locale=locale),
        "number": _("Measure No.", locale=locale),
        "title": _("Measure", locale=locale),
        "org_code": _("Organisation code", locale=locale),
        "org": _("Organisation", locale=locale),
        "area": _("District or city", locale=locale),
        "status": _("Status", locale=locale),
        "updates": _("Updates", locale=locale),
        "first": _("First update", locale=locale),
        "last": _("Last update", locale=locale),
        "texts": _("What was done", locale=locale),
    }


def summary_headers(locale: str) -> dict[str, str]:
    return {
        "section": row_headers(locale)["section"],  # the same column as on the first sheet
        "title": _("Section title", locale=locale),
        "measures": _("Measures", locale=locale),
        "rows": _("Rows", locale=locale),
        "done_share": _("Done, %", locale=locale),
    }


def sheet_titles(locale: str) -> tuple[str, str]:
    # Excel allows 31 characters and no []:*?/\ in a sheet name.
    return _("Measures", locale=locale)[:31], _("Summary", locale=locale)[:31]


def chart_titles(locale: str) -> tuple[str, str, str]:
    return (
        _("Progress by section", locale=locale),
        _("Progress by district or city", locale=locale),
        _("Share of rows, %", locale=locale),
    )
