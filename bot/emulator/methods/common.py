"""Checks shared by many methods: whose chat is it, may the bot write there, reply targets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import bad_request, forbidden
from ..keyboards import check_reply_markup
from ..params import Params
from ..state import Chat

if TYPE_CHECKING:
    from ..emulator import Emulator


def find_chat(emu: Emulator, raw: Any) -> Chat:
    world = emu.world
    if raw is None or raw == "":
        raise bad_request("chat_id is empty")
    chat: Chat | None
    if isinstance(raw, str) and raw.startswith("@"):
        chat = world.chat_by_username(raw)
    else:
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        chat = world.chats.get(chat_id)
        user = world.users.get(chat_id)
        if chat is None and user is not None and user.seen:
            raise forbidden("bot can't initiate conversation with a user")
    if chat is None:
        raise bad_request("chat not found")
    return chat


def check_writable(emu: Emulator, chat: Chat) -> None:
    """The refusals Telegram gives before looking at the message itself."""
    if chat.is_private:
        user = emu.world.users[chat.id]
        if user.deactivated:
            raise forbidden("user is deactivated")
        if user.blocked:
            raise forbidden("bot was blocked by the user")
        return
    if chat.migrated_to is not None:
        raise bad_request(
            "group chat was upgraded to a supergroup chat", {"migrate_to_chat_id": chat.migrated_to}
        )
    if chat.bot_status == "kicked":
        raise forbidden(f"bot was kicked from the {chat.type} chat")
    if chat.bot_status == "left":
        raise forbidden(f"bot is not a member of the {chat.type} chat")
    if chat.type == "channel" and chat.bot_status != "administrator":
        raise bad_request("need administrator rights in the channel chat")


def writable_chat(emu: Emulator, p: Params, name: str = "chat_id") -> Chat:
    chat = find_chat(emu, p.raw(name))
    check_writable(emu, chat)
    return chat


def reply_markup(p: Params, chat: Chat, *, inline_only: bool = False) -> dict[str, Any] | None:
    markup = p.json("reply_markup", error="can't parse reply keyboard markup JSON object")
    return check_reply_markup(markup, private_chat=chat.is_private, inline_only=inline_only)


def replied_message(p: Params, chat: Chat) -> dict[str, Any] | None:
    parameters = p.json("reply_parameters", error="can't parse reply parameters JSON object") or {}
    if not isinstance(parameters, dict):
        raise bad_request("can't parse reply parameters JSON object")
    message_id = parameters.get("message_id", p.int("reply_to_message_id"))
    if message_id is None:
        return None
    if parameters.get("chat_id") not in (None, chat.id, str(chat.id)):
        return None  # replies across chats are quotes, which the emulator does not model
    message = chat.live_message(int(message_id))
    allow_missing = parameters.get("allow_sending_without_reply") or p.bool("allow_sending_without_reply")
    if message is None and not allow_missing:
        raise bad_request("message to be replied not found")
    return message


def message_id_param(p: Params) -> int:
    return p.required_int(
        "message_id", missing="message identifier is not specified", invalid="MESSAGE_ID_INVALID"
    )


def bot_sender(emu: Emulator, chat: Chat) -> dict[str, Any] | None:
    # Channel posts carry sender_chat instead of a from user.
    return None if chat.type == "channel" else emu.world.bot.as_user()
