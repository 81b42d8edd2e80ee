"""Scripted failures for delivery tests: 5xx, 429, 403, migrations and hung requests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .errors import ApiError, Throttled

FaultStatus = int | Literal["timeout"]

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass
class Fault:
    method: str | None
    status: FaultStatus
    remaining: int
    chat_id: int | str | None = None
    retry_after: int | None = None
    migrate_to_chat_id: int | None = None
    description: str | None = None
    deliver: bool = False
    body: str | None = None

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        if self.remaining <= 0:
            return False
        if self.method is not None and self.method.lower() != method.lower():
            return False
        return self.chat_id is None or str(params.get("chat_id")) == str(self.chat_id)

    def error(self) -> ApiError:
        """The error this fault answers with (not used for "timeout" faults)."""
        assert self.status != "timeout"
        status = int(self.status)
        if self.migrate_to_chat_id is not None:
            return ApiError(
                400,
                self.description or "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self.migrate_to_chat_id},
            )
        if status == 429:
            return Throttled(self.retry_after if self.retry_after is not None else 5)
        return ApiError(
            status, self.description or _DEFAULT_DESCRIPTIONS.get(status, "Internal Server Error")
        )


class FaultPlan:
    """Faults in the order they were injected; the first one that matches a call is used."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        self.faults.append(fault)
        return fault

    def take(self, method: str, params: dict[str, Any]) -> Fault | None:
        for fault in self.faults:
            if fault.matches(method, params):
                fault.remaining -= 1
                return fault
        return None

    @property
    def pending(self) -> list[Fault]:
        return [fault for fault in self.faults if fault.remaining > 0]
