"""The emulated Telegram world: bot identity, users, chats and their messages."""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

INTERNAL_KEYS = frozenset({"chat_id", "edits", "deleted", "as_sent"})
"""Keys kept on stored messages for tests; stripped from what the bot receives. `as_sent` is the text or
caption the message had when sent: a test reading its inbox late may find it already edited (a post's
confirmation the sender has turned into the delivery report)."""


def api_view(message: dict[str, Any]) -> dict[str, Any]:
    """A stored message as the Bot API returns it to the bot."""
    out = {key: value for key, value in message.items() if key not in INTERNAL_KEYS}
    markup = out.get("reply_markup")
    # Telegram echoes only inline keyboards; reply keyboards live on the client.
    if markup is not None and "inline_keyboard" not in markup:
        del out["reply_markup"]
    return out


@dataclass
class BotIdentity:
    id: int
    username: str
    first_name: str

    def as_user(self) -> dict[str, Any]:
        return {"id": self.id, "is_bot": True, "first_name": self.first_name, "username": self.username}


@dataclass
class UserRecord:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_premium: bool = False
    started: bool = False
    """The user has written to the bot, so a private chat exists."""
    seen: bool = False
    """The bot has met the user somewhere (group, inline query)."""
    blocked: bool = False
    deactivated: bool = False

    def as_user(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code", "is_premium"):
            if value := getattr(self, key):
                user[key] = value
        return user


@dataclass
class Chat:
    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    bot_status: str = "member"
    members: dict[int, str] = field(default_factory=dict)
    migrated_to: int | None = None
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    bot_messages: list[dict[str, Any]] = field(default_factory=list)
    inbox: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)
    actions: list[str] = field(default_factory=list)
    pinned: list[int] = field(default_factory=list)
    menu_button: dict[str, Any] | None = None
    keyboard: dict[str, Any] | None = None
    """The reply keyboard the user currently sees (ReplyKeyboardMarkup), if any."""
    seen_edits: dict[int, int] = field(default_factory=dict)
    _next_message_id: int = 1
    _edited: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def is_private(self) -> bool:
        return self.type == "private"

    @property
    def is_group(self) -> bool:
        return self.type in ("group", "supergroup")

    def short(self) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            value = getattr(self, key)
            if value:
                chat[key] = value
        return chat

    def full_info(self) -> dict[str, Any]:
        info = self.short()
        info.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        )
        if self.pinned:
            pinned = self.messages.get(self.pinned[-1])
            if pinned is not None:
                info["pinned_message"] = api_view(pinned)
        return info

    def take_message_id(self) -> int:
        message_id = self._next_message_id
        self._next_message_id += 1
        return message_id

    def live_message(self, message_id: int | None) -> dict[str, Any] | None:
        message = self.messages.get(message_id) if message_id is not None else None
        return None if message is None or message["deleted"] else message

    def note_edit(self) -> None:
        self._edited.set()
        self._edited = asyncio.Event()

    async def wait_for_edit(self, message_id: int, timeout: float) -> dict[str, Any]:
        """Return the message once it has an edit that no earlier wait_for_edit consumed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            message = self.messages[message_id]
            if message["edits"] > self.seen_edits.get(message_id, 0):
                self.seen_edits[message_id] = message["edits"]
                return message
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError
            edited = self._edited
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(edited.wait(), remaining)


@dataclass
class PendingQuery:
    """A callback or inline query waiting for the bot's answer."""

    id: str
    kind: str
    created: float
    future: asyncio.Future[dict[str, Any]]
    payload: dict[str, Any]
    answered: bool = False


class World:
    def __init__(self, bot: BotIdentity) -> None:
        self.bot = bot
        self.users: dict[int, UserRecord] = {}
        self.chats: dict[int, Chat] = {}
        self.sent: list[dict[str, Any]] = []
        self.queries: dict[str, PendingQuery] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.descriptions: dict[tuple[str, str], str] = {}
        self.default_menu_button: dict[str, Any] = {"type": "commands"}
        self.webhook_url = ""
        self.webhook_secret = ""  # setWebhook's secret_token, sent back in every delivery's header

    def chat_by_username(self, username: str) -> Chat | None:
        wanted = username.lstrip("@").lower()
        return next((c for c in self.chats.values() if (c.username or "").lower() == wanted), None)

    def add_message(
        self,
        chat: Chat,
        content: dict[str, Any],
        *,
        sender: dict[str, Any] | None,
        from_bot: bool,
        reply_markup: dict[str, Any] | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        message: dict[str, Any] = {"message_id": chat.take_message_id(), "date": int(time.time())}
        if sender is not None:
            message["from"] = sender
        if chat.type == "channel":
            message["sender_chat"] = chat.short()
        message["chat"] = chat.short()
        if reply_to is not None:
            message["reply_to_message"] = api_view(
                {k: v for k, v in reply_to.items() if k != "reply_to_message"}
            )
        message.update(content)
        if reply_markup is not None:
            message["reply_markup"] = reply_markup
        as_sent = message.get("text") or message.get("caption") or ""
        message.update(chat_id=chat.id, edits=0, deleted=False, as_sent=as_sent)
        chat.messages[message["message_id"]] = message
        if from_bot:
            chat.bot_messages.append(message)
            chat.inbox.put_nowait(message)
            self.sent.append(message)
        return message
