"""Parents answer an event: «Барамын» / «Приду», «Бара алмаймын» / «Не смогу», and take its calendar file.

(Stub: the answers, capacity and waiting list, and the .ics button are being built.)
"""

from __future__ import annotations

from enum import StrEnum

from aiogram import Router
from aiogram.filters.callback_data import CallbackData


class EventAction(StrEnum):
    GOING = "g"
    NOT_GOING = "n"
    CALENDAR = "c"


class EventCb(CallbackData, prefix="ev"):
    event_id: int
    action: EventAction


def build_router() -> Router:
    router = Router(name=__name__)
    return router
