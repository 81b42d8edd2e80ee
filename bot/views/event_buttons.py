"""The buttons under an event's announcement: come, can't come, and the calendar file."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.views.phrases import __

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


def event_label(action: EventAction, language: str) -> str:
    """`language` is kk, ru, or both (a channel that mirrors both languages)."""
    return " / ".join(LABELS[action](lang) for lang in (LANGUAGES if language == BOTH else (language,)))


def event_button(event_id: int, action: EventAction, language: str) -> InlineKeyboardButton:
    data = EventCb(event_id=event_id, action=action)
    return InlineKeyboardButton(text=event_label(action, language), callback_data=data.pack())


def rsvp_keyboard(event_id: int, language: str) -> InlineKeyboardMarkup:
    def button(action: EventAction) -> InlineKeyboardButton:
        return event_button(event_id, action, language)

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(EventAction.GOING), button(EventAction.NOT_GOING)],
            [button(EventAction.CALENDAR)],
        ]
    )


__all__ = ["event_button", "event_label", "rsvp_keyboard"]
