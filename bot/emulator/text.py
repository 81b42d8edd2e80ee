"""UTF-16 arithmetic and entity bookkeeping.

Telegram measures entity offsets and text limits in UTF-16 code units, so an emoji
outside the BMP counts as two; Python's len() would silently disagree.
"""

from __future__ import annotations

import re
from typing import Any

# tdlib trims only ASCII whitespace around a formatted text.
_WHITESPACE = " \t\r\n"
_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,64})?")


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def sort_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Outer entities first at the same offset, as Telegram orders them.
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def trim_formatted(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Drop surrounding whitespace like tdlib's fix_formatted_text, keeping entities aligned."""
    first_entity = min((e["offset"] for e in entities), default=None)
    lead_chars = len(text) - len(text.lstrip(_WHITESPACE))
    if first_entity is not None:
        # Leading whitespace that is itself formatted (e.g. inside <pre>) is content, not padding.
        lead_chars = min(lead_chars, first_entity)
    stripped = text[lead_chars:].rstrip(_WHITESPACE)
    total = utf16_len(stripped)
    fixed: list[dict[str, Any]] = []
    for entity in entities:
        start = max(0, entity["offset"] - lead_chars)
        end = min(total, entity["offset"] + entity["length"] - lead_chars)
        if end > start:
            fixed.append({**entity, "offset": start, "length": end - start})
    return stripped, sort_entities(fixed)


def command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entity a Telegram client attaches to a message starting with /command."""
    match = _COMMAND_RE.match(text)
    if not match:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}]


def byte_offset(text: str, index: int) -> int:
    """tdlib reports parse errors at UTF-8 byte offsets."""
    return len(text[:index].encode("utf-8"))
