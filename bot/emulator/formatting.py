"""Turning a bot's text + parse_mode/entities into what the recipient sees, with Telegram's limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import MarkupError, bad_request
from .html_parser import normalize_link, parse_html
from .markdown_parser import parse_markdown, parse_markdown_v2
from .params import Params
from .text import sort_entities, trim_formatted, utf16_len

MAX_TEXT = 4096
MAX_CAPTION = 1024

_ENTITY_TYPES = {
    "mention",
    "hashtag",
    "cashtag",
    "bot_command",
    "url",
    "email",
    "phone_number",
    "bold",
    "italic",
    "underline",
    "strikethrough",
    "spoiler",
    "blockquote",
    "expandable_blockquote",
    "code",
    "pre",
    "text_link",
    "text_mention",
    "custom_emoji",
    "date_time",
}


@dataclass
class Formatted:
    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)

    def fields(self, key: str = "text", entities_key: str = "entities") -> dict[str, Any]:
        """The message fields that carry this text: none for no text, no entities field for none."""
        if not self.text:
            return {}
        return {key: self.text, entities_key: self.entities} if self.entities else {key: self.text}


def _parse(source: str, parse_mode: str, strict_html: bool) -> tuple[str, list[dict[str, Any]]]:
    mode = parse_mode.lower()
    try:
        if mode == "html":
            return parse_html(source, strict=strict_html)
        if mode == "markdownv2":
            return parse_markdown_v2(source)
        if mode == "markdown":
            return parse_markdown(source)
    except MarkupError as error:
        raise bad_request(f"can't parse entities: {error}") from None
    raise bad_request("unsupported parse_mode")


def check_entities(text: str, entities: Any) -> list[dict[str, Any]]:
    """Validate entities a bot passed explicitly (entities / caption_entities)."""
    if not isinstance(entities, list):
        raise bad_request("can't parse entities JSON object")
    total = utf16_len(text)
    checked: list[dict[str, Any]] = []
    for entity in entities:
        if not isinstance(entity, dict) or entity.get("type") not in _ENTITY_TYPES:
            raise bad_request("can't parse MessageEntity: Unsupported type specified")
        offset, length = entity.get("offset"), entity.get("length")
        if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length < 0:
            raise bad_request(
                'can\'t parse MessageEntity: Field "offset" and "length" must be non-negative integers'
            )
        if offset > total or offset + length > total:
            raise bad_request(
                f"can't parse entities: entity at offset {offset} with length {length} is out of the text"
            )
        if entity["type"] == "text_link":
            link = normalize_link(str(entity.get("url", "")))
            if link is None:
                raise bad_request("can't parse entities: Wrong message entity: Wrong URL")
            entity = {**entity, "url": link}
        if entity["type"] == "text_mention" and not isinstance(entity.get("user"), dict):
            raise bad_request('can\'t parse MessageEntity: Field "user" must be of type Object')
        if entity["type"] == "custom_emoji" and not str(entity.get("custom_emoji_id", "")).isdigit():
            raise bad_request("can't parse entities: Invalid custom emoji identifier specified")
        if length:
            checked.append(dict(entity))
    return sort_entities(checked)


def format_text(
    source: str | None,
    parse_mode: str | None,
    entities: Any = None,
    *,
    strict_html: bool = True,
) -> Formatted:
    """Text as displayed: markup resolved, surrounding whitespace trimmed. No length checks."""
    source = source or ""
    if parse_mode:
        text, found = _parse(source, parse_mode, strict_html)
    elif entities is not None:
        text, found = source, check_entities(source, entities)
    else:
        text, found = source, []
    text, found = trim_formatted(text, found)
    return Formatted(text, found)


def message_text(
    source: str | None, parse_mode: str | None, entities: Any = None, *, strict_html: bool = True
) -> Formatted:
    if not source:
        raise bad_request("message text is empty")
    formatted = format_text(source, parse_mode, entities, strict_html=strict_html)
    if not formatted.text:
        raise bad_request("message text is empty")
    if utf16_len(formatted.text) > MAX_TEXT:
        raise bad_request("message is too long")
    return formatted


def caption_text(
    source: str | None, parse_mode: str | None, entities: Any = None, *, strict_html: bool = True
) -> Formatted:
    formatted = format_text(source, parse_mode, entities, strict_html=strict_html)
    if utf16_len(formatted.text) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return formatted


def text_param(p: Params, strict_html: bool) -> Formatted:
    """A request's text with its parse_mode or entities (sendMessage, editMessageText)."""
    entities = p.json("entities", error="can't parse entities JSON object")
    return message_text(p.str("text"), p.str("parse_mode"), entities, strict_html=strict_html)


def caption_param(p: Params, strict_html: bool) -> Formatted:
    """A request's caption with its parse_mode or entities (media, copyMessage, editMessageCaption)."""
    entities = p.json("caption_entities", error="can't parse caption entities JSON object")
    return caption_text(p.str("caption"), p.str("parse_mode"), entities, strict_html=strict_html)


def inline_message_text(content: dict[str, Any], *, strict_html: bool) -> Formatted:
    """input_message_content of an inline result; Telegram reports these with MTProto-style names."""
    formatted = format_text(
        content.get("message_text"),
        content.get("parse_mode"),
        content.get("entities"),
        strict_html=strict_html,
    )
    if not formatted.text:
        raise bad_request("MESSAGE_EMPTY")
    if utf16_len(formatted.text) > MAX_TEXT:
        raise bad_request("MESSAGE_TOO_LONG")
    return formatted
