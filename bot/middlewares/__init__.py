"""The outer and inner middlewares of an update's path (docs/ARCHITECTURE.md): triage, throttling, the
database session, pacing; `Next` is the rest of the path each one hands the update to."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import TelegramObject

Next = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
