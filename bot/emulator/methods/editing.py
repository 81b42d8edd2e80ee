"""Changing and removing messages the bot already sent."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from ..errors import NOT_MODIFIED, bad_request
from ..files import CAPTIONED_KINDS
from ..formatting import caption_param, text_param
from ..params import Params
from ..state import Chat, api_view
from .common import message_id_param, reply_markup, writable_chat
from .registry import api_method

if TYPE_CHECKING:
    from ..emulator import Emulator


def _editable(emu: Emulator, p: Params) -> tuple[Chat, dict[str, Any]]:
    if p.has("inline_message_id"):
        # Messages sent via inline mode are not tracked by the emulator.
        raise bad_request("MESSAGE_ID_INVALID")
    chat = writable_chat(emu, p)
    message = chat.live_message(message_id_param(p))
    if message is None:
        raise bad_request("message to edit not found")
    author = message.get("from", {}).get("id")
    if chat.type != "channel" and author != emu.world.bot.id:
        raise bad_request("message can't be edited")
    return chat, message


def _apply(chat: Chat, message: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    """Sets the wanted fields (None takes one off the message); an edit that changes nothing is refused."""
    current = {key: message.get(key) for key in wanted}
    if "reply_markup" in current and "inline_keyboard" not in (current["reply_markup"] or {}):
        current["reply_markup"] = None  # a reply keyboard is not part of the message's content
    if current == wanted:
        raise bad_request(NOT_MODIFIED)
    for key, value in wanted.items():
        if value is None:
            message.pop(key, None)
        else:
            message[key] = value
    message["edit_date"] = int(time.time())
    message["edits"] += 1
    chat.note_edit()
    return api_view(message)


@api_method("editMessageText")
async def edit_message_text(emu: Emulator, p: Params) -> dict[str, Any]:
    chat, message = _editable(emu, p)
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    formatted = text_param(p, emu.strict_html)
    markup = reply_markup(p, chat, inline_only=True)
    wanted = {"text": formatted.text, "entities": formatted.entities or None, "reply_markup": markup}
    return _apply(chat, message, wanted)


@api_method("editMessageCaption")
async def edit_message_caption(emu: Emulator, p: Params) -> dict[str, Any]:
    chat, message = _editable(emu, p)
    if not any(key in message for key in CAPTIONED_KINDS):
        raise bad_request("there is no caption in the message to edit")
    formatted = caption_param(p, emu.strict_html)
    markup = reply_markup(p, chat, inline_only=True)
    wanted = {
        "caption": formatted.text or None,
        "caption_entities": formatted.entities or None,
        "reply_markup": markup,
    }
    return _apply(chat, message, wanted)


@api_method("editMessageReplyMarkup")
async def edit_message_reply_markup(emu: Emulator, p: Params) -> dict[str, Any]:
    chat, message = _editable(emu, p)
    return _apply(chat, message, {"reply_markup": reply_markup(p, chat, inline_only=True)})


def _delete(emu: Emulator, chat: Chat, message_id: int) -> None:
    message = chat.live_message(message_id)
    if message is None:
        raise bad_request("message to delete not found")
    own = message.get("from", {}).get("id") == emu.world.bot.id
    if chat.is_group and not own and chat.bot_status != "administrator":
        raise bad_request("message can't be deleted")
    message["deleted"] = True
    chat.note_edit()


@api_method("deleteMessage")
async def delete_message(emu: Emulator, p: Params) -> bool:
    chat = writable_chat(emu, p)
    _delete(emu, chat, message_id_param(p))
    return True


@api_method("deleteMessages")
async def delete_messages(emu: Emulator, p: Params) -> bool:
    chat = writable_chat(emu, p)
    ids = p.json("message_ids", error="can't parse message identifiers JSON object")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message identifiers are not specified")
    for message_id in ids:
        if chat.live_message(int(message_id)) is not None:
            _delete(emu, chat, int(message_id))
    return True


@api_method("pinChatMessage")
async def pin_chat_message(emu: Emulator, p: Params) -> bool:
    chat = writable_chat(emu, p)
    message_id = message_id_param(p)
    if chat.live_message(message_id) is None:
        raise bad_request("message to pin not found")
    if chat.is_group and chat.bot_status != "administrator":
        raise bad_request("not enough rights to manage pinned messages in the chat")
    chat.pinned.append(message_id)
    return True


@api_method("unpinChatMessage")
async def unpin_chat_message(emu: Emulator, p: Params) -> bool:
    chat = writable_chat(emu, p)
    message_id = p.int("message_id")
    if message_id is None:
        if chat.pinned:
            chat.pinned.pop()
    elif message_id in chat.pinned:
        chat.pinned.remove(message_id)
    return True


@api_method("unpinAllChatMessages")
async def unpin_all_chat_messages(emu: Emulator, p: Params) -> bool:
    writable_chat(emu, p).pinned.clear()
    return True
