"""/event list, changes, cancellation and attendance of one's own events

(Stub: being built.)
"""

from __future__ import annotations

from aiogram import Router

COMMANDS = ("event",)
CALLBACKS: tuple[type, ...] = ()


def build_router() -> Router:
    router = Router(name=__name__)
    return router
