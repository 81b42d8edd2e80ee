"""What a parent reads after answering an event: the short toast, the confirmation, the refusals, the
calendar file's name and caption, and the one line that says how they answered (also on /familyhour)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.clock import KZ
from bot.views.event_buttons import EventAction, event_button
from bot.views.event_text import event_summary
from bot.views.phrases import __
from bot.views.subscriptions import escape, grades_phrase
from db.models import Event
from domain.enums import Answer, EventKind, OrgKind

# Telegram shows at most 200 characters in a button's answer.
TOAST_LIMIT = 200

_FILE_STEMS: dict[str, str] = {
    EventKind.FAMILY_HOUR: "family-hour",
    EventKind.SEMINAR: "parent-seminar",
    EventKind.PARENT_CLUB: "parent-club",
}


gone_text = __("This event was cancelled or is no longer available.")
past_text = __("This event has already taken place.")
not_counted_text = __("Thank you! Answers are counted from the invitation in your own chat with the bot.")


def not_invited_text(org_names: Sequence[str], grades: Sequence[str] | None, locale: str) -> str:
    """For someone whose subscriptions are outside the audience: who the invitation is for."""
    who = ", ".join(org_names)
    if grades:
        who = f"{who} ({grades_phrase(OrgKind.SCHOOL, grades, locale)})"
    text = _(
        "This invitation is for the parents of: {who}. If your child studies there, follow the school "
        "with /subscribe.",
        locale=locale,
    ).format(who=who)
    if len(text) <= TOAST_LIMIT:
        return text
    return _(
        "This invitation is for the parents of other schools or grades. If your child studies there, "
        "follow the school with /subscribe.",
        locale=locale,
    )


def waiting_toast(place: int, locale: str) -> str:
    return _("All seats are taken: you are on the waiting list, place {place}.", locale=locale).format(
        place=place
    )


def answer_toast(answer: str, changed: bool, place: int | None, locale: str) -> str:
    if answer == Answer.WAITING:
        return waiting_toast(place or 1, locale)
    if answer == Answer.GOING:
        if changed:
            return _("Thank you! We are expecting you.", locale=locale)
        return _("You have already said you will come. We are expecting you!", locale=locale)
    if changed:
        return _("Thank you for letting us know.", locale=locale)
    return _("You have already said you can't come.", locale=locale)


reminder_hint = __("We will remind you 3 days and 2 hours before it starts.")


def answer_line(answer: str | None, place: int | None, locale: str) -> str:
    """How the parent answered, one line."""
    if answer == Answer.GOING:
        return "✅ " + _("You said you will come", locale=locale)
    if answer == Answer.NOT_GOING:
        return "✖️ " + _("You said you can't come", locale=locale)
    if answer == Answer.WAITING:
        return "⏳ " + _("You are on the waiting list, place {place}", locale=locale).format(place=place or 1)
    return "❔ " + _("You have not answered yet", locale=locale)


def cancelled_line(locale: str) -> str:
    return "❌ " + _("This event has been cancelled", locale=locale)


def confirmation_text(event: Event, answer: str, place: int | None, locale: str) -> str:
    """The message after a changed answer: the event, the answer, and what happens next."""
    summary = event_summary(event, locale)
    if answer == Answer.GOING:
        note = (
            reminder_hint(locale)
            + " "
            + _(
                "If your plans change, press «I can't come» under the invitation or in /familyhour.",
                locale=locale,
            )
        )
    elif answer == Answer.WAITING:
        note = _("If a seat becomes free, you will get it and we will tell you at once.", locale=locale)
    else:
        note = _(
            "If your plans change, press «I will come» under the invitation or in /familyhour.", locale=locale
        )
    return f"{answer_line(answer, place, locale)}\n\n{summary}\n\n{escape(note)}"


def calendar_keyboard(event_id: int, locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[event_button(event_id, EventAction.CALENDAR, locale)]])


def calendar_filename(event: Event) -> str:
    day = event.starts_at.astimezone(KZ).date().isoformat()
    return f"{_FILE_STEMS.get(event.kind, 'event')}-{day}.ics"


calendar_caption = __("Open this file to add the event to your phone's calendar.")


def day_start(now: datetime) -> datetime:
    """Midnight of today in Kazakhstan: an event stays on the lists until its day is over."""
    return now.astimezone(KZ).replace(hour=0, minute=0, second=0, microsecond=0)


__all__ = [
    "answer_line",
    "answer_toast",
    "calendar_caption",
    "calendar_filename",
    "calendar_keyboard",
    "cancelled_line",
    "confirmation_text",
    "day_start",
    "gone_text",
    "not_counted_text",
    "not_invited_text",
    "past_text",
    "reminder_hint",
    "waiting_toast",
]


preview_text = __("This is the preview: parents will answer with these buttons.")
