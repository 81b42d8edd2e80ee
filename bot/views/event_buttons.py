"""The buttons under an event's announcement: come, can't come, and the calendar file."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

LANGUAGES = ("kk", "ru")
BOTH = "both"


class EventAction(StrEnum):
    GOING = "g"
    NOT_GOING = "n"
    CALENDAR = "c"


class EventCb(CallbackData, prefix="ev"):
    event_id: int
    action: EventAction


def _labels(locale: str) -> dict[EventAction, str]:
    return {
        EventAction.GOING: _("I will come", locale=locale),
        EventAction.NOT_GOING: _("I can't come", locale=locale),
        EventAction.CALENDAR: _("📅 Add to calendar", locale=locale),
    }


def _label(action: EventAction, language: str) -> str:
    if language == BOTH:
        return " / ".join(_labels(lang)[action] for lang in LANGUAGES)
    return _labels(language)[action]


def rsvp_keyboard(event_id: int, language: str) -> InlineKeyboardMarkup:
    """`language` is kk, ru, or both (a channel that mirrors both languages)."""

    def button(action: EventAction) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text=_label(action, language), callback_data=EventCb(event_id=event_id, action=action).pack()
        )

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(EventAction.GOING), button(EventAction.NOT_GOING)],
            [button(EventAction.CALENDAR)],
        ]
    )


__all__ = ["rsvp_keyboard"]
