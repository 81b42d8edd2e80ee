"""What a Telegram error means for a message that was being sent; every sender decides by this one table.

The broadcast sender, the event notifier and the weekly digest used to disagree (an unknown error was
"failed" in one and retried in another). Here: only what may succeed unchanged later is retried; an answer
that names the request (any other 4xx, an unknown status) fails at once, because sending the same request
again gets the same answer.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)


class SendError(StrEnum):
    RATE_LIMITED = "rate_limited"
    """429: wait `retry_after` (the limiter already pauses everyone) and send again; not an attempt."""
    MOVED = "moved"
    """The group became a supergroup: send again to `migrate_to_chat_id`; not an attempt."""
    RETRY = "retry"
    """5xx, network errors, timeouts: try again later with backoff, give up after a few attempts."""
    BLOCKED = "blocked"
    """403: the user blocked the bot or never started it, or the bot was removed from the chat."""
    GONE = "gone"
    """The chat or account no longer exists (chat not found, user deactivated)."""
    FAILED = "failed"
    """The request itself was refused (bad request, too large, ...): sending it again cannot help."""

    @property
    def unreachable(self) -> bool:
        """The recipient cannot get anything from the bot until they come back: mark them inactive."""
        return self in (SendError.BLOCKED, SendError.GONE)


# Telegram's own wording (the description after "Bad Request: " / "Forbidden: ").
_GONE = (
    "chat not found",
    "user not found",
    "user is deactivated",
    "peer_id_invalid",
    "group chat was deactivated",
    "chat was deleted",
)


def classify(exc: TelegramAPIError) -> SendError:
    if isinstance(exc, TelegramRetryAfter):
        return SendError.RATE_LIMITED
    if isinstance(exc, TelegramMigrateToChat):
        return SendError.MOVED
    if isinstance(exc, TelegramEntityTooLarge):  # a subclass of the network error, but never gets smaller
        return SendError.FAILED
    if isinstance(exc, (TelegramServerError, TelegramNetworkError)):
        return SendError.RETRY
    description = exc.message.lower()
    if isinstance(exc, (TelegramForbiddenError, TelegramBadRequest)) and any(g in description for g in _GONE):
        return SendError.GONE
    if isinstance(exc, TelegramForbiddenError):
        return SendError.BLOCKED
    return SendError.FAILED


__all__ = ["SendError", "classify"]
