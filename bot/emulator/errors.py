"""Errors the emulator answers with, worded the way the real Bot API words them.

aiogram picks its exception class from the HTTP status and the `parameters`
object, and bots often branch on the description text, so both must match.
"""

from __future__ import annotations

from typing import Any

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


class ApiError(Exception):
    """A Bot API failure: becomes `{"ok": false, "error_code": ..., "description": ...}`."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


class Throttled(ApiError):
    """429 from the emulated flood control; kept apart from rejections because it is not a bot mistake."""

    def __init__(self, retry_after: int, chat_id: int | None = None) -> None:
        super().__init__(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})
        self.retry_after = retry_after
        self.chat_id = chat_id


def bad_request(reason: str, parameters: dict[str, Any] | None = None) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}", parameters)


def forbidden(reason: str) -> ApiError:
    return ApiError(403, f"Forbidden: {reason}")


class MarkupError(Exception):
    """Raised by the text parsers; the caller decides how the Bot API phrases it."""
