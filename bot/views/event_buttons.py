"""The buttons under an event's announcement: come, can't come, and the calendar file."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.views.phrases import __
from bot.views.rows import button

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
    return button(event_label(action, language), EventCb(event_id=event_id, action=action))


def rsvp_keyboard(event_id: int, language: str) -> InlineKeyboardMarkup:
    going, not_going, calendar = (event_button(event_id, action, language) for action in EventAction)
    return InlineKeyboardMarkup(inline_keyboard=[[going, not_going], [calendar]])


__all__ = ["event_button", "event_label", "rsvp_keyboard"]
