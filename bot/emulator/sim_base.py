"""What a participant sees in one chat: the bot's messages, in order, as they are now."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from .state import Chat

if TYPE_CHECKING:
    from .emulator import Emulator

DEFAULT_TIMEOUT = 5.0


class NoMessageError(AssertionError, TimeoutError):
    """Raised when the bot stays silent; both an assertion failure and a timeout for callers."""


class ChatView:
    def __init__(self, emu: Emulator, chat: Chat) -> None:
        self._emu = emu
        self._chat = chat

    @property
    def chat(self) -> Chat:
        return self._chat

    @property
    def id(self) -> int:
        return self._chat.id

    @property
    def chat_id(self) -> int:
        return self._chat.id

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id}, {self._chat.title or self._chat.first_name!r})"

    @property
    def messages(self) -> list[dict[str, Any]]:
        """Bot messages still visible in the chat (deleted ones drop out), edits applied."""
        return [m for m in self._chat.bot_messages if not m["deleted"]]

    @property
    def history(self) -> list[dict[str, Any]]:
        """Every bot message ever sent here, deleted ones included (flagged "deleted")."""
        return list(self._chat.bot_messages)

    @property
    def last(self) -> dict[str, Any] | None:
        visible = self.messages
        return visible[-1] if visible else None

    @property
    def actions(self) -> list[str]:
        """sendChatAction calls in this chat, e.g. ["typing"]."""
        return self._chat.actions

    def _silence_report(self, timeout: float) -> str:
        report = f"the bot sent no new message to chat {self.chat_id} within {timeout}s"
        recent = self._emu.rejections[-3:]
        if recent:
            report += "; latest rejected calls: " + "; ".join(f"{r.method}: {r.description}" for r in recent)
        if self._emu.errors:
            report += f"; emulator errors: {self._emu.errors[-1]!r}"
        return report

    async def next_message(self, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """The next message the bot sends here that no earlier next_message returned."""
        try:
            return await asyncio.wait_for(self._chat.inbox.get(), timeout)
        except TimeoutError:
            raise NoMessageError(self._silence_report(timeout)) from None

    async def expect_no_message(self, within: float = 0.3) -> None:
        try:
            message = await asyncio.wait_for(self._chat.inbox.get(), within)
        except TimeoutError:
            return
        raise AssertionError(
            f"expected silence in chat {self.chat_id}, the bot sent: {message.get('text') or message}"
        )

    def drain(self) -> list[dict[str, Any]]:
        """Take every queued new message without waiting."""
        taken = []
        while not self._chat.inbox.empty():
            taken.append(self._chat.inbox.get_nowait())
        return taken

    async def wait_edit(self, message: dict[str, Any], timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """Wait until `message` has an edit not yet returned by wait_edit; returns its current state."""
        chat = self._emu.world.chats.get(message["chat"]["id"], self._chat)
        try:
            return await chat.wait_for_edit(message["message_id"], timeout)
        except TimeoutError:
            raise AssertionError(
                f"message {message['message_id']} in chat {chat.id} was not edited within {timeout}s"
            ) from None
