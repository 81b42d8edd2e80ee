"""The buttons under an event's announcement, reminders and change notices: come, can't come (the
parent's answer ticked where it is known), and the calendar file."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.views.phrases import __
from bot.views.rows import button
from domain.enums import Answer

LANGUAGES = ("kk", "ru")
BOTH = "both"


class EventAction(StrEnum):
    GOING = "g"
    NOT_GOING = "n"
    CALENDAR = "c"


class EventCb(CallbackData, prefix="ev"):
    event_id: int
    action: EventAction


LABELS = {
    EventAction.GOING: __("I will come"),
    EventAction.NOT_GOING: __("I can't come"),
    EventAction.CALENDAR: __("📅 Add to calendar"),
}


# The tick on the answer given; a waiting parent asked to come, so «I will come» is theirs.
TICK = "✅ "
TICKED: dict[EventAction, tuple[str, ...]] = {
    EventAction.GOING: (Answer.GOING, Answer.WAITING),
    EventAction.NOT_GOING: (Answer.NOT_GOING,),
}


def tick(action: EventAction, answer: str | None) -> str:
    return TICK if answer in TICKED.get(action, ()) else ""


def event_label(action: EventAction, language: str) -> str:
    """`language` is kk, ru, or both (a channel that mirrors both languages)."""
    return " / ".join(LABELS[action](lang) for lang in (LANGUAGES if language == BOTH else (language,)))


def event_button(
    event_id: int, action: EventAction, language: str, answer: str | None = None
) -> InlineKeyboardButton:
    label = tick(action, answer) + event_label(action, language)
    return button(label, EventCb(event_id=event_id, action=action))


def rsvp_keyboard(event_id: int, language: str, answer: str | None = None) -> InlineKeyboardMarkup:
    """`answer`: the one parent's answer, ticked (a reminder, a change notice); an announcement shared by
    many has none."""
    going, not_going, calendar = (event_button(event_id, action, language, answer) for action in EventAction)
    return InlineKeyboardMarkup(inline_keyboard=[[going, not_going], [calendar]])


def is_ticked(markup: InlineKeyboardMarkup | None) -> bool:
    """Whether these buttons show one parent's answer, so they follow it when it changes."""
    rows = markup.inline_keyboard if markup else []
    return any(b.text.startswith(TICK) for row in rows for b in row)


__all__ = ["event_button", "event_label", "is_ticked", "rsvp_keyboard", "tick"]
