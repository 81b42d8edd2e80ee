"""Simulated Telegram users: they write to the bot, press its buttons and read its replies."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from .files import STICKER_FIELDS
from .keyboards import inline_buttons
from .methods.chats import member_object
from .sample_media import MP4, OGG, PDF, PNG, WEBP
from .sim_base import ChatView
from .sim_queries import ANSWER_TIMEOUT, CallbackAnswer, open_query
from .state import Chat, UserRecord, api_view
from .text import command_entities

if TYPE_CHECKING:
    from .emulator import Emulator

ButtonRef = str | int | tuple[int, int]


def _find_button(message: dict[str, Any], ref: ButtonRef) -> dict[str, Any]:
    rows = inline_buttons(message.get("reply_markup"))
    flat = [button for row in rows for button in row]
    labels = [button.get("text") for button in flat]
    try:
        if isinstance(ref, tuple):
            return rows[ref[0]][ref[1]]
        if isinstance(ref, int):
            return flat[ref]
    except IndexError:
        raise AssertionError(f"no inline button at {ref!r}; buttons: {labels}") from None
    for button in flat:
        if button.get("text") == ref:
            return button
    raise AssertionError(f"no inline button {ref!r} on message {message['message_id']}; buttons: {labels}")


def my_chat_member(emu: Emulator, chat: Chat, actor: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    bot = emu.world.bot.as_user()
    return emu.updates.push(
        "my_chat_member",
        {
            "chat": chat.short(),
            "from": actor,
            "date": int(time.time()),
            "old_chat_member": member_object(bot, old, chat),
            "new_chat_member": member_object(bot, new, chat),
        },
    )


class SimUser(ChatView):
    """A Telegram user; their private chat with the bot has chat_id == user id."""

    def __init__(self, emu: Emulator, record: UserRecord) -> None:
        super().__init__(
            emu,
            Chat(
                id=record.id,
                type="private",
                first_name=record.first_name,
                last_name=record.last_name,
                username=record.username,
            ),
        )
        self.record = record
        self.last_inline_answer: dict[str, Any] | None = None

    @property
    def blocked(self) -> bool:
        return self.record.blocked

    def as_user(self) -> dict[str, Any]:
        return self.record.as_user()

    def start_chat(self) -> Chat:
        """The user has written to the bot, so the private chat exists for the Bot API (called without an
        update for one who did so before a test or bench began)."""
        if self.record.deactivated:
            raise AssertionError(f"user {self.id} is deactivated and cannot write")
        self.record.started = self.record.seen = True
        self._emu.world.chats.setdefault(self.id, self._chat)
        return self._chat

    async def _post(
        self, chat: Chat, content: dict[str, Any], reply_to: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        if chat.is_private and self.record.blocked:
            await self.unblock()  # Telegram clients unblock a bot when you write to it
        message = self._emu.world.add_message(
            chat, content, sender=self.as_user(), from_bot=False, reply_to=reply_to
        )
        kind = "channel_post" if chat.type == "channel" else "message"
        self._emu.updates.push(kind, api_view(message))
        return message

    def _text(self, text: str, entities: list[dict[str, Any]] | None) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        found = command_entities(text) if entities is None else entities
        if found:
            content["entities"] = found
        return content

    async def send(
        self,
        text: str,
        *,
        entities: list[dict[str, Any]] | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Write to the bot privately; a leading /command gets its bot_command entity."""
        return await self._post(self.start_chat(), self._text(text, entities), reply_to)

    async def _send_file(
        self,
        kind: str,
        data: bytes,
        media: dict[str, Any],
        caption: str | None = None,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> dict[str, Any]:
        chat = self.start_chat()
        stored = self._emu.files.add(kind, data, file_name, mime_type)
        body: Any = {**stored.ids(), **media}
        if kind == "photo":
            body = [body]
        content: dict[str, Any] = {kind: body}
        if caption:
            content["caption"] = caption
        return await self._post(chat, content)

    async def send_photo(self, caption: str | None = None, data: bytes = PNG) -> dict[str, Any]:
        return await self._send_file("photo", data, {"width": 1, "height": 1}, caption)

    async def send_document(
        self,
        file_name: str = "document.pdf",
        data: bytes = PDF,
        caption: str | None = None,
        mime_type: str | None = "application/pdf",
    ) -> dict[str, Any]:
        media = {"file_name": file_name, **({"mime_type": mime_type} if mime_type else {})}
        return await self._send_file("document", data, media, caption, file_name, mime_type)

    async def send_video(
        self, duration: int = 60, data: bytes = MP4, caption: str | None = None, file_name: str = "video.mp4"
    ) -> dict[str, Any]:
        media = {"duration": duration, "width": 640, "height": 360, "mime_type": "video/mp4"}
        return await self._send_file("video", data, {**media, "file_name": file_name}, caption, file_name)

    async def send_voice(self, duration: int = 3, data: bytes = OGG) -> dict[str, Any]:
        return await self._send_file(
            "voice", data, {"duration": duration, "mime_type": "audio/ogg"}, None, None, "audio/ogg"
        )

    async def send_sticker(self, emoji: str = "👍", data: bytes = WEBP) -> dict[str, Any]:
        return await self._send_file("sticker", data, {**STICKER_FIELDS, "emoji": emoji})

    async def send_contact(self, phone_number: str = "+77010000000") -> dict[str, Any]:
        contact = {"phone_number": phone_number, "first_name": self.record.first_name, "user_id": self.id}
        return await self._post(self.start_chat(), {"contact": contact})

    async def send_location(self, latitude: float = 43.238, longitude: float = 76.889) -> dict[str, Any]:
        return await self._post(
            self.start_chat(), {"location": {"latitude": latitude, "longitude": longitude}}
        )

    async def edit(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        """Edit one of this user's own messages; the bot gets an edited_message update."""
        chat = self._emu.world.chats[message["chat"]["id"]]
        stored = chat.live_message(message["message_id"])
        if stored is None or stored.get("from", {}).get("id") != self.id:
            raise AssertionError(f"user {self.id} can only edit their own existing messages")
        stored.pop("entities", None)
        stored.update(self._text(text, None))
        stored["edit_date"] = int(time.time())
        stored["edits"] += 1
        self._emu.updates.push("edited_message", api_view(stored))
        return stored

    # Reply keyboard -------------------------------------------------------------------------

    @property
    def keyboard(self) -> list[list[str]]:
        """Button labels of the reply keyboard currently shown to the user ([] when none)."""
        markup = self._chat.keyboard or {}
        return [[b["text"] if isinstance(b, dict) else b for b in row] for row in markup.get("keyboard", [])]

    async def tap(self, label: str) -> dict[str, Any]:
        """Tap a reply-keyboard button: sends its text (or the contact/location it requests)."""
        markup = self._chat.keyboard or {}
        for row in markup.get("keyboard", []):
            for button in row:
                text = button["text"] if isinstance(button, dict) else button
                if text != label:
                    continue
                if markup.get("one_time_keyboard"):
                    self._chat.keyboard = None
                if isinstance(button, dict) and button.get("request_contact"):
                    return await self.send_contact()
                if isinstance(button, dict) and button.get("request_location"):
                    return await self.send_location()
                return await self.send(label)
        raise AssertionError(f"no reply keyboard button {label!r}; keyboard: {self.keyboard}")

    # Queries --------------------------------------------------------------------------------

    def press_data(
        self, message: dict[str, Any], data: str, *, timeout: float = ANSWER_TIMEOUT
    ) -> CallbackAnswer:
        """Send a callback_query with arbitrary data from a real bot message (forged or stale buttons)."""
        chat, stored = self._live(message)
        self.record.seen = True
        payload = {
            "from": self.as_user(),
            "message": api_view(stored),
            "chat_instance": str(abs(chat.id) * 7919 % 10**18),
            "data": data,
        }
        return CallbackAnswer(open_query(self._emu, "callback", "callback_query", payload), timeout)

    def press(
        self, message: dict[str, Any], button: ButtonRef, *, timeout: float = ANSWER_TIMEOUT
    ) -> CallbackAnswer:
        """Press an inline button (by label, flat index or (row, col)); await the result for the answer."""
        found = _find_button(self._live(message)[1], button)
        if found.get("callback_data") is None:
            raise AssertionError(f"button {found.get('text')!r} has no callback_data (it is {found})")
        return self.press_data(message, found["callback_data"], timeout=timeout)

    def _live(self, message: dict[str, Any]) -> tuple[Chat, dict[str, Any]]:
        """The chat and the current state of a message the user can still see."""
        chat = self._emu.world.chats.get(message["chat"]["id"])
        stored = chat.live_message(message["message_id"]) if chat else None
        if chat is None or stored is None:
            raise AssertionError(f"message {message.get('message_id')} is not in a chat the user can see")
        return chat, stored

    async def inline(
        self, query: str, *, timeout: float = ANSWER_TIMEOUT, offset: str = "", chat_type: str = "sender"
    ) -> list[dict[str, Any]]:
        """Type `@bot query`; returns the results the bot answered with."""
        self.record.seen = True
        payload = {"from": self.as_user(), "query": query, "offset": offset, "chat_type": chat_type}
        answer = await CallbackAnswer(
            open_query(self._emu, "inline", "inline_query", payload), timeout
        ).wait()
        self.last_inline_answer = answer
        return answer["results"]

    # Relationship with the bot --------------------------------------------------------------

    async def block(self, blocked: bool = True) -> None:
        """Block the bot: my_chat_member (kicked), then every send to this user gets 403."""
        if self.record.blocked != blocked:
            self.record.blocked = blocked
            old, new = ("member", "kicked") if blocked else ("kicked", "member")
            my_chat_member(self._emu, self.start_chat(), self.as_user(), old, new)

    async def unblock(self) -> None:
        await self.block(False)

    def deactivate(self) -> None:
        """Delete the account: sends fail with 403 "user is deactivated"."""
        self.record.deactivated = True
