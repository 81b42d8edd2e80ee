from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from aiogram.utils.i18n import gettext as _
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from bot.content import Content
from bot.content.about import SUCCESSOR
from bot.views.measures import date_before_stop


@dataclass(frozen=True, slots=True)
class Successor:
    """What followed the roadmap the page describes, in its region on the day the page is shown: the title
    of a newer roadmap in force (in the page's language), else the start of one imported ahead of it;
    neither: the region has not adopted a new roadmap yet."""

    in_force: str | None = None
    starts: date | None = None


def successor_line(successor: Successor, locale: str) -> str:
    if successor.in_force is not None:
        return _(
            "The region's new roadmap is in force: «{title}». Its measures: /measures.", locale=locale
        ).format(title=escape(successor.in_force))
    if successor.starts is not None:
        return _("The region's new roadmap starts on {date}.", locale=locale).format(
            date=date_before_stop(successor.starts, locale)
        )
    return _("The region has not adopted a new roadmap yet.", locale=locale)


def about_values(content: Content, locale: str) -> dict[str, str]:
    """Every figure of the about page, formatted the way each language writes numbers and dates."""
    about = content.about
    values = {k: format_decimal(v, locale=locale) for k, v in about.figures.items()}
    values |= {k: format_percent(v, locale=locale) for k, v in about.percent.items()}
    values |= {k: format_date(v, "long", locale=locale) for k, v in about.dates.items()}
    return values


def _page(content: Content, locale: str, parts: list[str], values: dict[str, str]) -> str:
    t = content.about.text(locale)
    return "\n\n".join([f"<b>{t.title}</b>", *(p.strip().format(**values) for p in parts)])


def about_message(content: Content, locale: str, successor: Successor) -> str:
    """What a parent needs first, short enough for one phone screen; the rest is behind a button."""
    values = about_values(content, locale) | {SUCCESSOR: successor_line(successor, locale)}
    return _page(content, locale, content.about.text(locale).first(), values)


def about_details(content: Content, locale: str) -> str:
    """The roadmap's sections, the region's figures and the expected results."""
    return _page(content, locale, content.about.text(locale).details(), about_values(content, locale))
