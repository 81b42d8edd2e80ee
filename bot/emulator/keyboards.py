"""reply_markup validation: the inline keyboard rules that bite bots in production."""

from __future__ import annotations

import re
from typing import Any

from .errors import bad_request

MAX_BUTTONS = 100
MAX_CALLBACK_BYTES = 64
_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_BUTTON_URL = re.compile(r"^(https?://[^\s/?#]+[^\s]*|tg://[^\s]+)$", re.IGNORECASE)


def _check_inline_button(button: Any, private_chat: bool) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_EMPTY")
    actions = [name for name in _ACTIONS if button.get(name) is not None]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise bad_request("BUTTON_TYPE_INVALID")
    action = actions[0]
    value = button[action]
    if action == "callback_data":
        if not isinstance(value, str) or not 1 <= len(value.encode("utf-8")) <= MAX_CALLBACK_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    elif action == "url":
        if not isinstance(value, str) or not _BUTTON_URL.match(value):
            raise bad_request("BUTTON_URL_INVALID")
    elif action == "web_app":
        url = value.get("url") if isinstance(value, dict) else None
        if not isinstance(url, str) or not url.lower().startswith("https://"):
            raise bad_request(
                f"inline keyboard button Web App URL '{url}' is invalid: Only HTTPS links are allowed"
            )
        if not private_chat:
            raise bad_request("BUTTON_TYPE_INVALID")
    elif action == "copy_text":
        text = value.get("text") if isinstance(value, dict) else None
        if not isinstance(text, str) or not 1 <= len(text) <= 256:
            raise bad_request("COPY_TEXT_INVALID")


def _check_inline_keyboard(rows: Any, private_chat: bool) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'can\'t parse inline keyboard markup: Field "inline_keyboard" must be an Array of Arrays'
        )
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    for row in rows:
        for button in row:
            _check_inline_button(button, private_chat)


def _check_reply_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not rows or not all(isinstance(row, list) for row in rows):
        raise bad_request('can\'t parse keyboard markup: Field "keyboard" must be an Array of Arrays')
    for row in rows:
        for button in row:
            text = button.get("text") if isinstance(button, dict) else button
            if not isinstance(text, str) or not text.strip():
                raise bad_request("keyboard button text is empty")


def check_reply_markup(
    markup: Any, *, private_chat: bool = True, inline_only: bool = False
) -> dict[str, Any] | None:
    """Validate reply_markup; returns it unchanged (None when absent)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _check_inline_keyboard(markup["inline_keyboard"], private_chat)
        return markup
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        _check_reply_keyboard(markup["keyboard"])
    elif not (markup.get("remove_keyboard") or markup.get("force_reply")):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return markup


def inline_buttons(markup: dict[str, Any] | None) -> list[list[dict[str, Any]]]:
    if not markup or "inline_keyboard" not in markup:
        return []
    return markup["inline_keyboard"]
