"""What a message sent to /upload attaches, as the draft's fields, or the words of its refusal."""

from __future__ import annotations

from typing import Any

from aiogram.types import Message

from bot.materials.allowlist import (
    Accepted,
    Kind,
    Refused,
    check_document,
    check_photo,
    check_video,
    link,
    looks_like_link,
    stem,
)
from bot.views import material_upload as v

FILE_NAME_LIMIT = 255  # the column's width; Telegram does not promise shorter names


def draft_fields(message: Message, locale: str) -> dict[str, Any] | str:
    """The file's or link's fields; a str is the note telling the user why it is refused."""
    verdict: Accepted | Refused
    if message.animation is not None:
        # A GIF arrives as an MP4 document too; it is an animation, not a lesson video.
        return v.message_kind_refusal("animation", locale)
    if message.document is not None:
        held: Any = message.document
        verdict = check_document(held.file_name, held.mime_type, held.file_size)
        name = held.file_name
    elif message.photo:
        held = message.photo[-1]  # the largest size
        verdict = check_photo(held.file_size)
        name = None
    elif message.video is not None:
        held = message.video
        verdict = check_video(held.mime_type, held.file_size, held.duration)
        name = held.file_name
    elif message.text is not None:
        return _link_fields(message.text, locale)
    else:
        return v.message_kind_refusal(message.content_type, locale)
    if isinstance(verdict, Refused):
        return v.refusal_text(verdict.reason, verdict.what, held.file_size, locale)
    suggestion = stem(name)[: v.TITLE_LIMIT].strip()
    return {
        "kind": verdict.kind.value,
        "media_type": verdict.media_type.value,
        "mime_type": verdict.mime_type,
        "file_id": held.file_id,
        "file_unique_id": held.file_unique_id,
        "file_name": name[:FILE_NAME_LIMIT] if name else None,
        "file_size": held.file_size,
        "url": None,
        "suggested_title": suggestion or None,
    }


def _link_fields(text: str, locale: str) -> dict[str, Any] | str:
    url = link(text)
    if url is None:
        return v.bad_link_text(locale) if looks_like_link(text) else v.file_expected_text(locale)
    return {
        "kind": Kind.LINK.value,
        "media_type": None,
        "mime_type": None,
        "file_id": None,
        "file_unique_id": None,
        "file_name": None,
        "file_size": None,
        "checksum": None,
        "url": url,
        "suggested_title": None,
    }
