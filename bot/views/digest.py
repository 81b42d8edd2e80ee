"""The weekly digest: the counts and the five most urgent measures, with a button for the full list.

The full list comes a page at a time, each page within one message.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.measures import Measure
from bot.views.formats import long_date
from bot.views.paging import fitted_pages, page_arrows, page_line, page_of
from bot.views.phrases import __
from bot.views.rows import button

LIMIT = 4096
URGENT = 5
PAGE_ITEMS = 15  # a page a phone shows without much scrolling, and far inside Telegram's limit


@dataclass(frozen=True, slots=True)
class DigestItem:
    measure: Measure
    due: date | None  # None for an overdue one: its deadline text says it


class DigestCb(CallbackData, prefix="dg"):
    """A page of the full list; `new` under the digest itself (the list then comes as its own message)."""

    page: int = 0
    new: bool = False


def ranked(overdue: list[DigestItem], due: list[DigestItem]) -> list[DigestItem]:
    """Most urgent first: everything overdue (by number), then what falls due soonest."""
    return [*overdue, *due]


def _line(item: DigestItem, locale: str) -> str:
    title = html.escape(item.measure.title.get(locale))
    if item.due is None:
        when = "⚠️ " + html.escape(item.measure.deadline.text.get(locale))
    else:
        when = long_date(item.due, locale)
    return f"• №{item.measure.number}. {title} — {when}"


def _head(locale: str) -> str:
    return "📅 <b>" + _("Roadmap: this week's digest", locale=locale) + "</b>"


def _counts(overdue: int, due: int, locale: str) -> str:
    return "\n".join(
        [
            ngettext("⚠️ Overdue: {n} measure", "⚠️ Overdue: {n} measures", overdue, locale=locale).format(
                n=overdue
            ),
            ngettext(
                "⏰ Due within 30 days: {n} measure",
                "⏰ Due within 30 days: {n} measures",
                due,
                locale=locale,
            ).format(n=due),
        ]
    )


_footer = __("Send /update N to report progress on measure N.")


def digest_text(overdue: list[DigestItem], due: list[DigestItem], locale: str) -> str:
    """The short digest: counts and at most five lines, so it is read at a glance."""
    if not overdue and not due:
        return (
            _head(locale)
            + "\n\n"
            + _("Nothing is overdue and nothing falls due in the next 30 days.", locale=locale)
        )
    urgent = ranked(overdue, due)[:URGENT]
    lines = [_head(locale), "", _counts(len(overdue), len(due), locale), ""]
    lines.append("<b>" + _("Most urgent:", locale=locale) + "</b>")
    lines += [_line(item, locale) for item in urgent]
    return "\n".join([*lines, "", _footer(locale)])


def digest_keyboard(
    overdue: list[DigestItem], due: list[DigestItem], locale: str
) -> InlineKeyboardMarkup | None:
    """The button for the full list, when there is more than the digest shows."""
    total = len(overdue) + len(due)
    if total <= URGENT:
        return None
    label = _("📋 Full list ({n})", locale=locale).format(n=total)
    return InlineKeyboardMarkup(inline_keyboard=[[button(label, DigestCb(new=True))]])


def list_pages(items: list[DigestItem], locale: str, budget: int = LIMIT - 400) -> list[list[str]]:
    """The full list's lines, cut into pages of at most PAGE_ITEMS lines and `budget` characters."""
    return fitted_pages([_line(item, locale) for item in items], lambda line: line, PAGE_ITEMS, budget)


def full_list_view(
    overdue: list[DigestItem], due: list[DigestItem], page: int, locale: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One page of every overdue and soon-due measure, most urgent first, with the page arrows."""
    items = ranked(overdue, due)
    if not items:
        return digest_text(overdue, due, locale), None
    shown = page_of(list_pages(items, locale), page)
    head = _head(locale) + "\n" + _counts(len(overdue), len(due), locale)
    head += page_line(shown.number, shown.count, locale)
    text = "\n".join([head, "", *shown.items, "", _footer(locale)])
    arrows = page_arrows(shown, lambda n: DigestCb(page=n))
    return text, InlineKeyboardMarkup(inline_keyboard=[arrows]) if arrows else None
