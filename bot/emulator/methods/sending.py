"""Methods that put new messages into chats (the ones flood control counts)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from ..errors import bad_request
from ..files import CAPTIONED_KINDS, FILE_KINDS, STICKER_FIELDS, StoredFile
from ..formatting import caption_param, caption_text, text_param
from ..params import Params, Upload
from ..state import Chat, api_view
from .common import bot_sender, find_chat, message_id_param, replied_message, reply_markup, writable_chat
from .registry import Handler, api_method

if TYPE_CHECKING:
    from ..emulator import Emulator

# What copyMessage and forwardMessage take over from the original.
_CONTENT_KEYS = (
    "text",
    "entities",
    "link_preview_options",
    *FILE_KINDS,
    "contact",
    "location",
    "caption",
    "caption_entities",
    "has_media_spoiler",
)
_CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}


def deliver(
    emu: Emulator,
    chat: Chat,
    p: Params,
    content: dict[str, Any],
    *,
    markup: dict[str, Any] | None = None,
    reply_to: dict[str, Any] | None = None,
) -> dict[str, Any]:
    if p.bool("protect_content"):
        content["has_protected_content"] = True
    message = emu.world.add_message(
        chat, content, sender=bot_sender(emu, chat), from_bot=True, reply_markup=markup, reply_to=reply_to
    )
    if markup is not None and "keyboard" in markup:
        chat.keyboard = markup
    elif markup is not None and markup.get("remove_keyboard"):
        chat.keyboard = None
    return message


def send(emu: Emulator, chat: Chat, p: Params, content: dict[str, Any]) -> dict[str, Any]:
    """A new message with the request's reply markup and reply target, both checked before flood control
    counts it."""
    markup = reply_markup(p, chat)
    reply_to = replied_message(p, chat)
    emu.throttle(chat.id)
    return deliver(emu, chat, p, content, markup=markup, reply_to=reply_to)


def media_object(kind: str, stored: StoredFile, p: Params | dict[str, Any]) -> Any:
    def number(name: str, default: int) -> int:
        value = p.int(name) if isinstance(p, Params) else p.get(name)
        return int(value) if value is not None else default

    ids = stored.ids()
    if kind == "photo":
        return [{**ids, "width": 1280, "height": 960}]
    named = {**ids}
    if stored.file_name:
        named["file_name"] = stored.file_name
    if stored.mime_type:
        named["mime_type"] = stored.mime_type
    if kind == "document":
        return named
    if kind in ("video", "animation"):
        return {
            **named,
            "width": number("width", 1280),
            "height": number("height", 720),
            "duration": number("duration", 10),
        }
    if kind in ("audio", "voice"):
        return {**named, "duration": number("duration", 60 if kind == "audio" else 3)}
    if kind == "video_note":
        return {**ids, "length": number("length", 240), "duration": number("duration", 10)}
    return {**ids, **STICKER_FIELDS}


def _caption_content(emu: Emulator, p: Params | dict[str, Any]) -> dict[str, Any]:
    """The caption of a request, or of one item of an album (its InputMedia, already parsed)."""
    if isinstance(p, Params):
        formatted = caption_param(p, emu.strict_html)
    else:
        formatted = caption_text(
            p.get("caption"), p.get("parse_mode"), p.get("caption_entities"), strict_html=emu.strict_html
        )
    return formatted.fields("caption", "caption_entities")


@api_method("sendMessage")
async def send_message(emu: Emulator, p: Params) -> dict[str, Any]:
    chat = writable_chat(emu, p)
    return api_view(send(emu, chat, p, text_param(p, emu.strict_html).fields()))


def _media_sender(kind: str) -> Handler:
    async def send_media(emu: Emulator, p: Params) -> dict[str, Any]:
        chat = writable_chat(emu, p)
        source = p.file(kind)
        if source is None or source == "":
            raise bad_request(f"there is no {kind} in the request")
        content = _caption_content(emu, p) if kind in CAPTIONED_KINDS else {}
        content[kind] = media_object(kind, emu.files.resolve(source, kind), p)
        if p.bool("has_spoiler"):
            content["has_media_spoiler"] = True
        return api_view(send(emu, chat, p, content))

    send_media.__name__ = f"send_{kind}"
    return send_media


for _kind in FILE_KINDS:  # sendPhoto, ..., sendVideoNote
    api_method("send" + _kind.title().replace("_", ""))(_media_sender(_kind))


@api_method("sendMediaGroup")
async def send_media_group(emu: Emulator, p: Params) -> list[dict[str, Any]]:
    chat = writable_chat(emu, p)
    media = p.json("media", error="can't parse media JSON object")
    if not isinstance(media, list) or not all(isinstance(item, dict) for item in media):
        raise bad_request("can't parse media JSON object")
    if not 2 <= len(media) <= 10:
        raise bad_request("wrong number of media in the album")
    kinds = [item.get("type") for item in media]
    for kind in kinds:
        if kind not in ("photo", "video", "document", "audio"):
            raise bad_request(f"can't parse InputMedia: media type \"{kind}\" can't be used in a media group")
    for exclusive in ("document", "audio"):
        if exclusive in kinds and any(kind != exclusive for kind in kinds):
            raise bad_request(f"{exclusive} can't be mixed with other media types")
    prepared: list[tuple[str, Upload | str, dict[str, Any], dict[str, Any]]] = []
    for item in media:
        reference = item.get("media")
        if not isinstance(reference, str) or not reference:
            raise bad_request("there is no media in the request")
        source = p.attachment(reference)
        content = _caption_content(emu, item)
        prepared.append((item["type"], source, content, item))
    reply_to = replied_message(p, chat)
    stored = [emu.files.resolve(source, kind) for kind, source, _, _ in prepared]
    emu.throttle(chat.id, len(media))
    group_id = str(secrets.randbelow(10**18) + 10**17)
    messages = []
    for (kind, _, content, item), file in zip(prepared, stored, strict=True):
        content = {**content, kind: media_object(kind, file, item), "media_group_id": group_id}
        if item.get("has_spoiler"):
            content["has_media_spoiler"] = True
        messages.append(api_view(deliver(emu, chat, p, content, reply_to=reply_to)))
    return messages


def _source_message(emu: Emulator, p: Params, verb: str) -> dict[str, Any]:
    past = {"copy": "copied", "forward": "forwarded"}[verb]
    source_chat = find_chat(emu, p.raw("from_chat_id"))
    message = source_chat.live_message(message_id_param(p))
    if message is None:
        raise bad_request(f"message to {verb} not found")
    if message.get("has_protected_content"):
        raise bad_request(f"message can't be {past}")
    content = {key: message[key] for key in _CONTENT_KEYS if key in message}
    if not content:
        raise bad_request(f"message can't be {past}")
    return {"message": message, "content": content}


@api_method("copyMessage")
async def copy_message(emu: Emulator, p: Params) -> dict[str, Any]:
    chat = writable_chat(emu, p)
    source = _source_message(emu, p, "copy")
    content = dict(source["content"])
    if "text" not in content and p.has("caption"):
        content.pop("caption", None)
        content.pop("caption_entities", None)
        content.update(_caption_content(emu, p))
    return {"message_id": send(emu, chat, p, content)["message_id"]}


@api_method("forwardMessage")
async def forward_message(emu: Emulator, p: Params) -> dict[str, Any]:
    chat = writable_chat(emu, p)
    source = _source_message(emu, p, "forward")
    original = source["message"]
    if original["chat"]["type"] == "channel":
        origin: dict[str, Any] = {
            "type": "channel",
            "chat": original["chat"],
            "message_id": original["message_id"],
            "date": original["date"],
        }
    else:
        origin = {"type": "user", "sender_user": original["from"], "date": original["date"]}
    emu.throttle(chat.id)
    content = {**source["content"], "forward_origin": origin}
    return api_view(deliver(emu, chat, p, content))


@api_method("sendChatAction")
async def send_chat_action(emu: Emulator, p: Params) -> bool:
    chat = writable_chat(emu, p)
    action = p.str("action")
    if action not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    chat.actions.append(action)
    return True
