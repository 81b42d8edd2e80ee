"""/upload, staff attach files to lesson topics and memos; what school staff propose waits for review

(Stub: being built.)
"""

from __future__ import annotations

from aiogram import Router

COMMANDS = ("upload",)
CALLBACKS: tuple[type, ...] = ()


def build_router() -> Router:
    router = Router(name=__name__)
    return router
