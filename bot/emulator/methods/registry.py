"""Bot API method table: Telegram matches method names case-insensitively."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from ..params import Params

if TYPE_CHECKING:
    from ..emulator import Emulator

Handler = Callable[["Emulator", Params], Awaitable[Any]]

METHODS: dict[str, tuple[str, Handler]] = {}


def api_method(*names: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for name in names:
            METHODS[name.lower()] = (name, handler)
        return handler

    return register


def lookup(name: str) -> tuple[str, Handler] | None:
    return METHODS.get(name.lower())
