"""/materials, what exists per topic and language, and a whole age group's pack as albums

(Stub: being built.)
"""

from __future__ import annotations

from aiogram import Router

COMMANDS = ("materials",)
CALLBACKS: tuple[type, ...] = ()


def build_router() -> Router:
    router = Router(name=__name__)
    return router
