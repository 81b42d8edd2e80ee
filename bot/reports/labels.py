"""Words of the report files in the requester's language: column headers, statuses, figure names."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.measures import Status

STATUS_ORDER = (Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED, Status.OVERDUE)
STATUS_COLOURS = {
    Status.DONE: "#2e7d32",
    Status.IN_PROGRESS: "#f9a825",
    Status.NOT_STARTED: "#b0bec5",
    Status.OVERDUE: "#c62828",
}


def status_label(status: Status, locale: str) -> str:
    labels = {
        Status.DONE: _("Completed", locale=locale),
        Status.IN_PROGRESS: _("In progress", locale=locale),
        Status.NOT_STARTED: _("Not started", locale=locale),
        Status.OVERDUE: _("Overdue", locale=locale),
    }
    return labels[status]


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
        "section": _("Section", locale=locale),
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
