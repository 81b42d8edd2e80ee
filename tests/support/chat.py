"""Small steps that many end-to-end tests share: a user who has picked a language, buttons of a message."""

from __future__ import annotations

from typing import Any

from bot.i18n import LANGUAGE_NAMES

Message = dict[str, Any]


def buttons(message: Message) -> list[dict[str, Any]]:
    markup = message.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def button_texts(message: Message) -> list[str]:
    return [b["text"] for b in buttons(message)]


def callback_buttons(message: Message) -> list[dict[str, Any]]:
    return [b for b in buttons(message) if "callback_data" in b]


def button_with(message: Message, fragment: str) -> str:
    for text in button_texts(message):
        if fragment in text:
            return text
    raise AssertionError(f"no button with {fragment!r} in {button_texts(message)}")


async def pick_language(user: Any, locale: str) -> Message:
    """/start, then press the language; returns the welcome message (the picker, edited)."""
    await user.send("/start")
    picker = await user.next_message()
    await user.press(picker, button_with(picker, LANGUAGE_NAMES[locale]))
    return await user.wait_edit(picker)


async def press(user: Any, message: Message, label: str) -> Message:
    """Press the button whose label contains `label`; returns the message as edited."""
    await user.press(message, button_with(message, label))
    return await user.wait_edit(message)


async def next_with(user: Any, fragment: str, limit: int = 8, timeout: float = 5.0) -> Message:
    """The next message whose text or caption contains `fragment`, as sent or as it reads now (a background
    service may have edited it before this reads the inbox), passing over up to `limit` - 1 others, each
    awaited up to `timeout` seconds."""
    for _ in range(limit):
        message = await user.next_message(timeout)
        now = message.get("text") or message.get("caption") or ""
        if fragment in now or fragment in message["as_sent"]:
            return message
    raise AssertionError(f"no message with {fragment!r}")


async def settle(user: Any, quiet: float = 0.25, limit: float = 5.0) -> None:
    """Waits until the bot has stopped sending or editing in this chat for a moment."""
    import asyncio

    def snapshot() -> str:
        return repr([(m["message_id"], m.get("text"), m.get("reply_markup")) for m in user.messages])

    loop = asyncio.get_running_loop()
    start = last_change = loop.time()
    seen = snapshot()
    while loop.time() - start < limit:
        await asyncio.sleep(0.05)
        now = snapshot()
        if now != seen:
            seen, last_change = now, loop.time()
        elif loop.time() - last_change >= quiet:
            return
