"""What the emulator remembers about the bot's calls, for assertions in tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any]
    at: float


@dataclass(frozen=True)
class Rejection:
    """A call Telegram would refuse: a bug in the bot (or a deliberate negative test)."""

    method: str
    error_code: int
    description: str
    params: dict[str, Any]


@dataclass(frozen=True)
class ThrottledCall:
    method: str
    chat_id: int | None
    retry_after: int
    params: dict[str, Any] = field(repr=False)
