from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html import escape

from aiogram.utils.i18n import gettext as _
from babel.numbers import format_percent

from bot.content import Content
from bot.content.about import SUCCESSOR
from bot.views.formats import date_before_stop, grouped, long_date


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
    values = {k: grouped(v, locale) for k, v in about.figures.items()}
    values |= {k: format_percent(v, locale=locale) for k, v in about.percent.items()}
    values |= {k: long_date(v, locale) for k, v in about.dates.items()}
    return values


def _page(content: Content, locale: str, parts: list[str], values: dict[str, str]) -> str:
    t = content.about.text(locale)
    texts = (p.strip().format(**values) for p in parts)
    return "\n\n".join([f"<b>{t.title}</b>", *(text for text in texts if text)])


# The status marker with the spaces around it; the next sentence keeps a space before it.
_MARKER = re.compile(r"[ \t]*\{" + SUCCESSOR + r"\}[ \t]*")


def _without_status(text: str) -> str:
    """`text` with no place for the status line: no space left before a line break, no empty line."""
    lines = (_MARKER.sub(" ", line).strip() if _MARKER.search(line) else line for line in text.split("\n"))
    return "\n".join(line for line in lines if line.strip())


def about_message(content: Content, locale: str, successor: Successor | None) -> str:
    """What a parent needs first, short enough for one phone screen; the rest is behind a button. Without
    `successor` (the catalogue lacks the roadmap the page describes) the page has no status line."""
    parts = content.about.text(locale).first()
    if successor is None:
        return _page(content, locale, [_without_status(p) for p in parts], about_values(content, locale))
    values = about_values(content, locale) | {SUCCESSOR: successor_line(successor, locale)}
    return _page(content, locale, parts, values)


def about_details(content: Content, locale: str) -> str:
    """The roadmap's sections, the region's figures and the expected results."""
    return _page(content, locale, content.about.text(locale).details(), about_values(content, locale))
