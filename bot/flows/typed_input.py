"""What a staff member typed or attached at a wizard's step, read the one way every wizard reads it."""

from __future__ import annotations

from aiogram.types import Message


def attachment(message: Message) -> tuple[str, str] | None:
    """A photo (its largest size) or a document: its kind and Telegram file id; None for anything else."""
    if message.photo:
        return "photo", message.photo[-1].file_id
    if message.document:
        return "document", message.document.file_id
    return None


def typed_html(message: Message) -> str | None:
    """What the user typed as Telegram HTML (their bold, italics and links kept, the rest escaped).

    None for media, stickers and commands.
    """
    if message.text is None or message.text.startswith("/"):
        return None
    return message.html_text


def typed_address(message: Message) -> str | None:
    """An address typed over several lines, as one line (for an announcement and a calendar); None for
    media, stickers and commands."""
    if message.text is None or message.text.startswith("/"):
        return None
    lines = (line.strip().rstrip(",;").strip() for line in message.text.splitlines())
    return ", ".join(line for line in lines if line)


def typed_line(message: Message) -> str | None:
    """What the user typed, on one line; None for media, stickers and commands."""
    if message.text is None or message.text.startswith("/"):
        return None
    return " ".join(message.text.split())
