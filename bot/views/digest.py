"""The weekly digest's text: overdue measures first, then those due within 30 days, within one message."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.measures import Measure

LIMIT = 4096


@dataclass(frozen=True, slots=True)
class DigestItem:
    measure: Measure
    due: date | None  # None for an overdue one: its deadline text says it


def _line(item: DigestItem, locale: str) -> str:
    title = html.escape(item.measure.title.get(locale))
    if item.due is None:
        when = html.escape(item.measure.deadline.text.get(locale))
    else:
        when = item.due.strftime("%d.%m.%Y")
    return f"• №{item.measure.number}. {title} — {when}"


def _more(n: int, locale: str) -> str:
    return ngettext("…and {n} more", "…and {n} more", n, locale=locale).format(n=n)


def digest_text(overdue: list[DigestItem], due: list[DigestItem], locale: str) -> str:
    head = "📅 <b>" + _("Roadmap: this week's digest", locale=locale) + "</b>"
    if not overdue and not due:
        return (
            head + "\n\n" + _("Nothing is overdue and nothing falls due in the next 30 days.", locale=locale)
        )
    blocks: list[tuple[str, list[str]]] = []
    if overdue:
        blocks.append(("⚠️ <b>" + _("Overdue:", locale=locale) + "</b>", [_line(i, locale) for i in overdue]))
    if due:
        blocks.append(
            ("⏰ <b>" + _("Due within 30 days:", locale=locale) + "</b>", [_line(i, locale) for i in due])
        )
    footer = _("Send /update N to report progress on measure N.", locale=locale)
    lines = [head]
    for title, items in blocks:
        lines += ["", title, *items]
    text = "\n".join([*lines, "", footer])
    # Too long: drop item lines from the end until the text and the "…and N more" line fit.
    kept = list(lines)
    dropped = 0
    # Measured with the markup, which only overstates: the message always fits.
    while len(text) > LIMIT and len(kept) > 1:
        line = kept.pop()
        if line.startswith("• "):
            dropped += 1
        text = "\n".join([*kept, _more(dropped, locale), "", footer])
    return text
